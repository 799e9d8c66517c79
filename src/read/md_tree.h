/* md_tree.h — a Markdown document as GitHub reads it: parsed by cmark-gfm,
 * GitHub's fork of the CommonMark reference parser, with the extensions
 * GitHub turns on (tables, strikethrough, task lists, footnotes; not its
 * autolinks, see md_tree.c), source positions kept. What the rest of citecheck asks of
 * the tree: a heading's text as the rendered page shows it, and the raw
 * HTML written into the Markdown. */
#ifndef CITECHECK_MD_TREE_H
#define CITECHECK_MD_TREE_H

#include <cmark-gfm.h>
#include <stddef.h>

#include "extract/extract.h"
#include "util/util.h"

/* A Markdown file is parsed whole up to this size, and GitHub renders no
 * Markdown file near as large. Past it, or past MD_NODES_MAX, a
 * document's lines are read by their own syntax, and its headings name no
 * fragment. */
#define MD_PARSE_MAX ((size_t)8 << 20)

/* cmark-gfm holds about 200 bytes for each node of its tree, and each line,
 * bracket, emphasis mark or backslash can make one: 4 MB of '[' or of
 * one-letter lines took 0.9 GB. A text estimated to make more nodes than
 * this (a line counted three: a list item is three nodes; an emphasis
 * mark two) is not parsed: the tree stays near 100 MB at most. A 1 MB README of prose and links makes
 * about a tenth of it. */
#define MD_NODES_MAX 400000

/* The tree of text[0, len). NULL when cmark-gfm could not make one, or the
 * text would make too large a tree (MD_NODES_MAX). The caller frees it
 * with cmark_node_free. */
cmark_node *md_parse(const char *text, size_t len);

/* What a reader sees of a heading (its textContent on the rendered page):
 * text, code spans and link texts; raw HTML tags, link destinations,
 * emphasis markers and images gone, character references decoded. Caller
 * frees. */
char *md_heading_text(cmark_node *heading);

/* What the tree says of each line of the document, for a reader that
 * hands the lines on one by one: flags[1..nlines], the MD_LINE_ bits of
 * extract.h. The flags of text's lines (as doc_reader numbers them), from its tree.
 * Caller frees. */
unsigned char *md_line_flags(const char *text, size_t len, cmark_node *doc, unsigned *nlines);

/* The links and images of the document (extract.h, struct md_link),
 * ordered by their blocks' lines; *n of them. Caller frees each url and
 * text, and the array. */
struct md_link *md_links(cmark_node *doc, const char *text, size_t len, size_t *n);

/* What a #fragment into the document can name (model.h): its headings'
 * texts, and the ids and names of its raw HTML; at most max of each. */
void md_anchor_source(cmark_node *doc, struct anchor_source *out, size_t max);

#endif
