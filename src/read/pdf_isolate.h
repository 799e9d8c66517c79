/* pdf_isolate.h — a PDF's pages read in a child process with bounded CPU
 * time and memory. poppler's text layout is quadratic when text is stacked
 * at one spot (a 7.7 KB PDF took 88 s and 359 MB) and cannot be stopped
 * from inside: the child can. The child is a program of its own,
 * citecheck-pdf-reader (pdf_child.c), the only one linked with poppler:
 * citecheck itself does not load poppler and the 37 libraries it brings
 * (7 MB of every run's memory, most of its start-up). It reads the pages
 * with pdf_text.h and sends them back over a pipe; what it sends is
 * checked as it is decoded (pdf_isolate.c).
 *
 * On the pipe: the page count, then each page ('P'), then an end record
 * ('E') with the reason it stopped ("" when it read every page). */
#ifndef CITECHECK_PDF_ISOLATE_H
#define CITECHECK_PDF_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "read/pdf_page.h"

#define PDF_CPU_SECONDS 5         /* the child's CPU time, plus PDF_CPU_PER_PAGE a page */
#define PDF_CPU_PER_PAGE 0.05
#define PDF_MAX_MEMORY (1u << 30) /* the child's address space (not under AddressSanitizer) */

/* The child's CPU time for a PDF of n pages. */
static inline long pdf_cpu_seconds(size_t n)
{
	return (long)(PDF_CPU_SECONDS + PDF_CPU_PER_PAGE * (double)n);
}

/* The reader program: beside the running program when it is there (a
 * build tree), else where it is installed (meson's libexecdir). */
#define PDF_READER_NAME "citecheck-pdf-reader"

/* When set, PDFs are read in this process by it (pdf_read_here): the fuzz
 * targets, whose coverage a child would not report. */
extern int (*pdf_read_in_process)(const void *data, size_t len, struct pdf_page **pages, int *npages, char *err,
				  size_t errlen);

/* The argument the reader program wants as its only one (pdf_child_main),
 * so that it is not taken for a command a user runs. */
#define PDF_CHILD_ARG "--citecheck-pdf-reader"

static inline bool pdf_child_asked(int argc, char **argv)
{
	return argc == 2 && argv[1] && !strcmp(argv[1], PDF_CHILD_ARG);
}

/* The reader's other argument: it prints poppler's version as loaded. */
#define PDF_VERSION_ARG "--poppler-version"

/* poppler's version, as the reader program loads it, into out: 0; or -1
 * with why it cannot be asked (the reader missing) in out. */
int pdf_reader_version(char *out, size_t outlen);

/* The reader program's side (pdf_child.c): the PDF on standard input, its
 * pages written to standard output; exits, 0 when every page was read. */
int pdf_child_main(void);
/* The same reading in this process, as pdf_read_pages gives it (pdf_child.c). */
int pdf_read_here(const void *data, size_t len, struct pdf_page **pages, int *npages, char *err, size_t errlen);

/* Every page of the PDF in data: *pages gets *npages of them (free each
 * with pdf_page_finish, then the array). Returns 0, or -1 with the reason
 * in err: encrypted, damaged, too many pages or too much text, or past the
 * child's time or memory. */
int pdf_read_pages(const void *data, size_t len, struct pdf_page **pages, int *npages, char *err, size_t errlen);

#endif
