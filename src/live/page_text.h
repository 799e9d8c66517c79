/* page_text.h — what a fetched HTML page says about itself: its <title>,
 * first <h1> and, on request, its main text, read with libxml2's forgiving
 * HTML parser (no network access, no external entities). */
#ifndef CITECHECK_PAGE_TEXT_H
#define CITECHECK_PAGE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct page_heads {
	char *title; /* whitespace collapsed; NULL if none. Owned. */
	char *h1;    /* likewise */
	char *text;  /* the main text (see page_heads_read); NULL unless asked for */
};

/* Reads body[0..len); fills *out (all NULL when it is not HTML). With
 * want_text, also the main text: the first <main>, else the first <article>,
 * else <body>, without scripts, styles, navigation, headers, footers, forms
 * and asides — the boilerplate that changes while the content does not. */
void page_heads_read(const char *body, size_t len, bool want_text, struct page_heads *out);
void page_heads_finish(struct page_heads *p);

#endif
