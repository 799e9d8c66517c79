/* pdf_text.h — a PDF's text through poppler's GLib API: per page, its lines
 * in poppler's reading order, each with its glyphs' font sizes (a
 * superscript note number is smaller than the text around it), its place on
 * the page, and the spans its URI link annotations cover, so that a reader
 * can take a link's target from the annotation rather than from text a line
 * break or the text layer has garbled. Only in the PDF reader program
 * (pdf_isolate.h), which sends the pages to citecheck for its PDF reader
 * and the drift comparison of PDF pages.
 *
 * A PDF is untrusted: pages and text are capped; an encrypted or damaged
 * one ends in a clear message. */
#ifndef CITECHECK_PDF_TEXT_H
#define CITECHECK_PDF_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "read/pdf_page.h"

struct pdf_doc {
	void *doc; /* PopplerDocument */
	int pages;
	size_t text_bytes; /* read so far, against PDF_MAX_TEXT */
	int missing;       /* pages its page tree could not give */
	char error[256];
};

/* data stays the caller's and must outlive d. Returns 0, or -1 with
 * d->error set (encrypted, damaged, too many pages). */
int pdf_open(struct pdf_doc *d, const void *data, size_t len);
/* Page i (0-based) into p. Returns 0, or -1 with d->error set (the text cap). */
int pdf_page_read(struct pdf_doc *d, int i, struct pdf_page *p);
void pdf_close(struct pdf_doc *d);

#endif
