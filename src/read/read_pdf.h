/* read_pdf.h — a PDF report into the extractor, page by page (pdf_text.h):
 * each page is a part ("page 3") whose lines are numbered from 1. A line
 * that starts with a note number in a smaller font begins a footnote, and
 * the rest of the page is notes; a smaller number inside a line is a note
 * marker; a URI annotation's target stands for the text it covers, written
 * once however many lines the URL was wrapped over. */
#ifndef CITECHECK_READ_PDF_H
#define CITECHECK_READ_PDF_H

#include <stddef.h>

#include "extract/extract.h"
#include "model/model.h"
#include "read/doc_input.h"

/* Returns 0, or -1 with a one-line reason in err. */
int read_pdf(struct extractor *x, struct model *m, struct doc_input *in, char *err, size_t errlen);

#endif
