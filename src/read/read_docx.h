/* read_docx.h — a Word document (DOCX) into the extractor, read with
 * libarchive straight from the zip and libxml2's SAX parser: body
 * paragraphs, headings and list items; footnotes (word/footnotes.xml) and
 * endnotes (word/endnotes.xml) under the numbers Word shows (numbered in the
 * order the body cites them, in the format word/settings.xml gives);
 * hyperlinks (w:hyperlink through the part's relationships, and HYPERLINK
 * field codes); superscript numbers typed by hand. Locations are paragraph
 * numbers within their part: the body, or the note. */
#ifndef CITECHECK_READ_DOCX_H
#define CITECHECK_READ_DOCX_H

#include <stddef.h>

#include "extract/extract.h"
#include "model/model.h"
#include "read/zip_archive.h"

/* Returns 0, or -1 with a one-line reason in err. *paragraphs: the body's. */
int read_docx(struct extractor *x, struct model *m, struct zip_doc *z, unsigned *paragraphs, char *err,
	      size_t errlen);

#endif
