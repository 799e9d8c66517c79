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
	char *meta;  /* the title its metadata gives: citation_title, og:title or DC.title */
};

/* The most bytes kept of each of a page's titles (a cut falls between
 * characters): enough for any real title, bounded for a hostile page. */
#define PAGE_TITLE_MAX 300

/* What the page says it is, for the comparison with a citation's title
 * (identity/page_identity.h): its metadata title, <title> and first <h1>,
 * each at most PAGE_TITLE_MAX bytes, those that differ, one a line. NULL
 * when it gives none. Caller frees. */
char *page_heads_titles(const struct page_heads *p);

/* Reads body[0..len); fills *out (all NULL when it is not HTML). With
 * want_text, also the main text: the first <main>, else the first <article>,
 * else <body>, without scripts, styles, navigation, headers, footers, forms
 * and asides — the boilerplate that changes while the content does not. */
void page_heads_read(const char *body, size_t len, bool want_text, struct page_heads *out);
void page_heads_finish(struct page_heads *p);

#endif
