/* odt_lists.h — the numbers an OpenDocument text shows before the items of
 * its numbered lists, which are in no text of the document: each list
 * style's levels (text:list-level-style-number: format, prefix, suffix,
 * first number, how many levels shown), from styles.xml and content.xml's
 * automatic styles, counted as the lists open and close, with restarts
 * (text:start-value), continued lists (text:continue-numbering,
 * text:continue-list) and headers (text:list-header, not numbered). So
 * "[3]" in the body finds the third entry of a list LibreOffice numbers. */
#ifndef CITECHECK_ODT_LISTS_H
#define CITECHECK_ODT_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "read/markup_stream.h"

#define ODT_LABEL_MAX 64

struct odt_lists;

struct odt_lists *odt_lists_new(void);
void odt_lists_free(struct odt_lists *l);

/* An element that starts inside the styles (text:list-style and its
 * levels); others are ignored. */
void odt_lists_style_start(struct odt_lists *l, const char *name, const struct markup_attr *at, size_t n);

/* A text:list opens (its attributes) or closes in the body. */
void odt_lists_open(struct odt_lists *l, const struct markup_attr *at, size_t n);
void odt_lists_close(struct odt_lists *l);

/* A text:list-item (header false) or text:list-header opens: the label its
 * first paragraph shows ("[3] ", "2.1. ", "- " for a bullet; "" for none)
 * into out. */
void odt_lists_item(struct odt_lists *l, const struct markup_attr *at, size_t n, bool header, char *out,
		    size_t outlen);

#endif
