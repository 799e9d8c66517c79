/* md_tree.h — a Markdown document as GitHub reads it: parsed by cmark-gfm,
 * GitHub's fork of the CommonMark reference parser, with the extensions
 * GitHub turns on (tables, autolinks, strikethrough, task lists,
 * footnotes), source positions kept. What the rest of citecheck asks of
 * the tree: a heading's text as the rendered page shows it, and the raw
 * HTML written into the Markdown. */
#ifndef CITECHECK_MD_TREE_H
#define CITECHECK_MD_TREE_H

#include <cmark-gfm.h>
#include <stddef.h>

#include "util/util.h"

#define MD_TREE_MAX ((size_t)64 << 20) /* a Markdown file parsed whole; past it, not read */

/* The tree of text[0, len). NULL when cmark-gfm could not make one. The
 * caller frees it with cmark_node_free. */
cmark_node *md_parse(const char *text, size_t len);

/* What a reader sees of a heading (its textContent on the rendered page):
 * text, code spans and link texts; raw HTML tags, link destinations,
 * emphasis markers and images gone, character references decoded. Caller
 * frees. */
char *md_heading_text(cmark_node *heading);

/* Every piece of raw HTML in the document (HTML blocks and inline tags),
 * each followed by a newline, appended to out, up to cap bytes. */
void md_raw_html(cmark_node *doc, struct buf *out, size_t cap);

#endif
