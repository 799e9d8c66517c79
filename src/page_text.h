/* page_text.h — what a fetched HTML page says about itself: its <title> and
 * first <h1>, read with libxml2's forgiving HTML parser (no network access,
 * no external entities). */
#ifndef CITECHECK_PAGE_TEXT_H
#define CITECHECK_PAGE_TEXT_H

#include <stddef.h>

struct page_heads {
	char *title; /* whitespace collapsed; NULL if none. Owned. */
	char *h1;    /* likewise */
};

/* Reads body[0..len); fills *out (both NULL when it is not HTML). */
void page_heads_read(const char *body, size_t len, struct page_heads *out);
void page_heads_finish(struct page_heads *p);

#endif
