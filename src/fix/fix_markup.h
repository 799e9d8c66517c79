/* fix_markup.h — finds tags and their attribute values in HTML or XML
 * bytes, with their offsets, so a fix can change one attribute and leave
 * every other byte as it was. libxml2 parses these documents for reading;
 * it cannot say where in the bytes an attribute was, and writing its tree
 * back would re-serialise the whole document, so the fixer lexes tags
 * itself: start and end tags, attributes quoted or not, comments, CDATA
 * and processing instructions skipped, <script> and <style> content
 * skipped in HTML. */
#ifndef CITECHECK_FIX_MARKUP_H
#define CITECHECK_FIX_MARKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

#define TAG_ATTRS_MAX 64 /* a tag with more keeps its first ones */

struct tag_attr {
	size_t name, name_len;
	size_t value, value_len; /* the value between its quotes; value_len 0 and value 0: none */
	char quote;              /* '"', '\'' or 0 when unquoted */
};

struct tag {
	size_t start, end; /* '<' and just past '>' */
	size_t name, name_len;
	bool closing;      /* </name> */
	bool self_closing; /* <name/> */
	struct tag_attr attrs[TAG_ATTRS_MAX];
	size_t nattrs;
};

/* The next tag at or after *pos; moves *pos past it. html: the content of
 * <script> and <style> is text, not tags. */
bool tag_next(const char *s, size_t n, size_t *pos, bool html, struct tag *t);
/* Whether the tag is named name (ASCII case-insensitive for HTML). */
bool tag_is(const char *s, const struct tag *t, const char *name);
/* The attribute of that name, or NULL. */
const struct tag_attr *tag_attr(const char *s, const struct tag *t, const char *name);
/* The attribute's value with character references decoded. Caller frees. */
char *tag_attr_value(const char *s, const struct tag_attr *a);
/* The end of the element whose start tag is t: the '<' of its end tag
 * (the next </name>), or n. */
size_t tag_close(const char *s, size_t n, const struct tag *t, bool html);
/* Whether offset at lies in text, not inside a tag. */
bool markup_in_text(const char *s, size_t at);

/* s escaped for an attribute value in quote (or text when quote is 0). */
void markup_escape(struct buf *b, const char *s, char quote);

#endif
