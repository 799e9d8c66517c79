#include "fix/fix_html.h"

#include <stdlib.h>
#include <string.h>

#include "fix/fix_edits.h"
#include "fix/fix_markup.h"

/* The new value of the attribute, quoted as it was ("" when it was not). */
static char *quoted(const char *url, char quote)
{
	struct buf b;
	buf_init(&b);
	if (!quote)
		buf_putc(&b, '"');
	markup_escape(&b, url, quote ? quote : '"');
	if (!quote)
		buf_putc(&b, '"');
	return buf_steal(&b);
}

/* Robust Links: the link says where its original was and which capture
 * stands for it (https://robustlinks.mementoweb.org/spec/). */
static char *robust_attributes(const struct fix *f)
{
	struct buf b;
	buf_init(&b);
	buf_append(&b, " data-originalurl=\"", 19);
	markup_escape(&b, f->before, '"');
	buf_append(&b, "\" data-versionurl=\"", 19);
	markup_escape(&b, f->after, '"');
	buf_append(&b, "\" data-versiondate=\"", 20);
	buf_append(&b, f->day, strlen(f->day));
	buf_putc(&b, '"');
	return buf_steal(&b);
}

static char *visible_link(const struct fix *f)
{
	struct buf b;
	buf_init(&b);
	buf_append(&b, " (<a href=\"", 11);
	markup_escape(&b, f->after, '"');
	buf_append(&b, "\">archived</a> ", 15);
	buf_append(&b, f->day, strlen(f->day));
	buf_putc(&b, ')');
	return buf_steal(&b);
}

static void fix_anchor(const char *s, size_t n, const struct tag *t, const struct tag_attr *href,
		       const struct fix *f, struct edits *e)
{
	if (!fix_is_addition(f->kind)) {
		edits_add(e, href->value, href->value_len, quoted(f->after, href->quote));
		return;
	}
	if (!tag_attr(s, t, "data-versionurl")) {
		size_t at = t->end - 1;
		if (at > t->start && s[at] == '>' && s[at - 1] == '/')
			at--;
		edits_add(e, at, 0, robust_attributes(f));
	}
	size_t close = tag_close(s, n, t, true);
	const char *gt = close < n ? memchr(s + close, '>', n - close) : NULL;
	if (gt)
		edits_add(e, (size_t)(gt - s) + 1, 0, visible_link(f));
}

void fix_html(const char *src, size_t n, struct document *d, struct buf *out)
{
	if (!n) { /* an empty document (src may be NULL): no link to fix */
		fixes_unmatched(d, "not-found");
		return;
	}
	struct edits e = {0};
	struct tag t;
	size_t pos = 0;
	while (tag_next(src, n, &pos, true, &t)) {
		if (t.closing || !tag_is(src, &t, "a"))
			continue;
		const struct tag_attr *href = tag_attr(src, &t, "href");
		if (!href)
			continue;
		char *url = tag_attr_value(src, href);
		struct fix *f = fixes_for_url(d, url);
		if (f) {
			fix_anchor(src, n, &t, href, f, &e);
			fixes_mark_url(d, url);
		}
		free(url);
	}
	edits_apply(&e, src, n, out);
	fixes_unmatched(d, "not-found");
}
