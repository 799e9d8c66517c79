/* site_rules.h — what a docs site generator makes of a folder of Markdown,
 * for the link checks: the name a heading gets, the {#id} written after
 * it, and the Markdown file behind a page's address. One table per
 * generator, each from its own documentation (see the man page, LOCAL
 * LINKS). */
#ifndef CITECHECK_SITE_RULES_H
#define CITECHECK_SITE_RULES_H

#include <stdbool.h>

#include "model/model.h"

/* "mdbook" → SITE_MDBOOK; false for a name that is none of them. */
bool site_kind_parse(const char *name, enum site_kind *out);

/* The name the site gives a heading whose rendered text is text, before
 * repeats are numbered. Caller frees. */
char *site_heading_slug(enum site_kind k, const char *text);

/* What joins a repeated name to its number: "name-1" on most sites,
 * "name_1" on MkDocs. */
char site_repeat_separator(enum site_kind k);

/* An explicit name written after a heading ("Options {#options}"), on a
 * site that reads it: the id, caller frees; NULL when there is none. */
char *site_heading_id(enum site_kind k, const char *text);

/* The Markdown file a site builds the missing page path from
 * (guide.html → guide.md; a folder's index.html → its README.md); NULL
 * when none exists or the site makes no such page. Caller frees. */
char *site_page_source(enum site_kind k, const char *path);

/* The Markdown file the site shows for folder dir (index.md, README.md,
 * _index.md, …); NULL when it has none. Caller frees. */
char *site_folder_page(enum site_kind k, const char *dir);

#endif
