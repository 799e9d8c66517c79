/* document_text.h — the words of a fetched document that is no web page: a
 * PDF's text (poppler, as the PDF reader reads it) and the text of a DOCX's
 * or ODT's body, so that drift compares what a document says, not its
 * bytes: a PDF regenerated with the same text has not changed. */
#ifndef CITECHECK_DOCUMENT_TEXT_H
#define CITECHECK_DOCUMENT_TEXT_H

#include <stddef.h>

/* The text of body[0..len) when it is a PDF, DOCX or ODT that has some
 * (owned, NUL-terminated; paragraphs and lines end in '\n'), else NULL: not
 * such a document, damaged, encrypted or without text. */
char *document_text(const char *body, size_t len);

#endif
