/* pdf_isolate.h — a PDF's pages read in a child process with bounded CPU
 * time and memory. poppler's text layout is quadratic when text is stacked
 * at one spot (a 7.7 KB PDF took 88 s and 359 MB) and cannot be stopped
 * from inside: the child can. It reads the pages with pdf_text.h and sends
 * them back over a pipe; what it sends is checked as it is decoded. */
#ifndef CITECHECK_PDF_ISOLATE_H
#define CITECHECK_PDF_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "read/pdf_text.h"

#define PDF_CPU_SECONDS 5         /* the child's CPU time, plus PDF_CPU_PER_PAGE a page */
#define PDF_CPU_PER_PAGE 0.05
#define PDF_MAX_MEMORY (1u << 30) /* the child's address space (not under AddressSanitizer) */

/* Read in this process instead (the fuzz targets, whose coverage a child
 * would not report). */
extern bool pdf_in_process;

/* The argument a program that reads PDFs answers first, as the child
 * reading one for its parent (pdf_child_main): never an option of the
 * command line, nor given by a user. */
#define PDF_CHILD_ARG "--citecheck-pdf-reader"

static inline bool pdf_child_asked(int argc, char **argv)
{
	return argc == 2 && argv[1] && !strcmp(argv[1], PDF_CHILD_ARG);
}

/* The child's side: the PDF on standard input, its pages written to
 * standard output; exits, 0 when every page was read. */
int pdf_child_main(void);

/* Every page of the PDF in data: *pages gets *npages of them (free each
 * with pdf_page_finish, then the array). Returns 0, or -1 with the reason
 * in err: encrypted, damaged, too many pages or too much text, or past the
 * child's time or memory. */
int pdf_read_pages(const void *data, size_t len, struct pdf_page **pages, int *npages, char *err, size_t errlen);

#endif
