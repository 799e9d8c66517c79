/* pdf_wrap.h — URLs a PDF's text wrapped with no link annotation to say so
 * (a PDF printed rather than exported has none): whether the line after a
 * bare URL goes on with it, told from the page's geometry (the URL's line
 * ends at its column's right edge: the next line's first word would not
 * have fitted after it) and from what that word is made of (a URL's rest,
 * not a sentence's next word). */
#ifndef CITECHECK_PDF_WRAP_H
#define CITECHECK_PDF_WRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "read/pdf_text.h"

enum pdf_wrap {
	PDF_WRAP_NONE,   /* the URL ends on its line */
	PDF_WRAP_JOIN,   /* certain: it goes on at the next line's start */
	PDF_WRAP_UNSURE, /* perhaps: the reader is asked to look */
};

/* Whether s (n bytes) starts as a web address. */
bool pdf_looks_like_url(const char *s, size_t n);

/* The bare URL (one no annotation covers) line l ends with, starting at or
 * after byte from: its start, *un its length; or NULL. */
const char *pdf_trailing_url(const struct pdf_line *l, size_t from, size_t *un);

/* Whether the URL url (un bytes, so far), ending a line with room points
 * left before its column's edge, goes on at the start of next; *tn gets
 * the bytes of next it goes on with. Two lines of code (the URL's line is
 * all monospaced, code, and so is next) end where their code ends: no
 * wrap between them. */
enum pdf_wrap pdf_wrap_of(const char *url, size_t un, double room, bool code, const struct pdf_line *next,
			  size_t *tn);

/* Each line's column edge, into edge[] (p->nlines of them): the right edge
 * lines that start where it starts (within a hanging indent) reach — a
 * column's edge on a page of two columns, the text's on a page of one.
 * Lines marked in gone take no part. */
void pdf_column_edges(const struct pdf_page *p, const bool *gone, double *edge);

#endif
