/* read_html.h — an HTML or XHTML file into the extractor: paragraphs, list
 * items and headings become blocks, notes (pandoc's <li id="fn1">, Word's
 * <div id="ftn1">, Wikipedia's <li id="cite_note-…">, EPUB's
 * epub:type="footnote") become note definitions, note references
 * (<a href="#fn1"><sup>1</sup></a>, role="doc-noteref") become citations,
 * and <a href> targets become links, relative ones resolved against <base>
 * or the base URL given. Locations are source lines. */
#ifndef CITECHECK_READ_HTML_H
#define CITECHECK_READ_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/extract.h"
#include "read/markup_stream.h"

struct html_source {
	const char *what;     /* the file's name, for messages */
	const char *base_url; /* --base-url; NULL when not given */
	bool in_book;         /* an EPUB chapter: relative links stay inside the book */
	bool check_chrome;    /* --check-chrome: <nav>, <footer>, <head> read as the page's text */
};

struct html_tally {
	unsigned relative, first_relative_line; /* links left unresolved, for lack of a base */
	unsigned lines;                         /* the last line seen */
};

/* Returns 0, or -1 with a one-line reason in err. */
int read_html(struct extractor *x, const struct html_source *src, markup_read_fn read, void *from,
	      struct html_tally *t, char *err, size_t errlen);

#endif
