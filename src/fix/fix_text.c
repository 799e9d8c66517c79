#include "fix/fix_text.h"

#include <stdlib.h>
#include <string.h>

#include "extract/scan_links.h"
#include "fix/fix_edits.h"

const char *fix_text_template(const char *format, const char *given)
{
	if (given)
		return given;
	if (!strcmp(format, "rst"))
		return " (`archived <{snapshot}>`__ {date})";
	return " ([archived]({snapshot}) {date})";
}

void fix_expand(struct buf *out, const char *tmpl, const char *snapshot, const char *day)
{
	for (const char *p = tmpl; *p;) {
		if (!strncmp(p, "{snapshot}", 10)) {
			buf_append(out, snapshot, strlen(snapshot));
			p += 10;
		} else if (!strncmp(p, "{date}", 6)) {
			buf_append(out, day, strlen(day));
			p += 6;
		} else {
			buf_putc(out, *p++);
		}
	}
}

/* The links of one line, as the scanner finds them, with their columns. */
struct hits {
	struct link_hit *v;
	unsigned *col;
	bool *used;
	size_t n, cap;
};

static void hits_scan(struct hits *h, const char *s, size_t n)
{
	struct line_memo lm = {0};
	size_t pos = 0;
	struct link_hit hit;
	h->n = 0;
	while (scan_next_link(s, n, &pos, &hit, &lm)) {
		size_t cap = h->cap;
		grow_array(&h->v, &h->cap, h->n + 1, sizeof *h->v);
		if (h->cap != cap) {
			h->col = xrealloc(h->col, h->cap * sizeof *h->col);
			h->used = xrealloc(h->used, h->cap * sizeof *h->used);
		}
		h->v[h->n] = hit;
		h->col[h->n] = (unsigned)utf8_count(s, hit.start) + 1;
		h->used[h->n] = false;
		h->n++;
	}
	line_memo_finish(&lm);
}

static void hits_clear(struct hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].url);
	h->n = 0;
}

/* The hit of the fix's link: its URL at its column, or (no column known)
 * the first unused one with its URL. */
static bool written_as(const char *s, const struct link_hit *hit, const char *raw)
{
	size_t n = hit->end - hit->start;
	return strlen(raw) == n && !memcmp(s + hit->start, raw, n);
}

static struct link_hit *find_hit(struct hits *h, const char *s, const struct fix *f)
{
	for (size_t i = 0; i < h->n; i++)
		if (!h->used[i] && h->v[i].url && (!strcmp(h->v[i].url, f->before) || written_as(s, &h->v[i], f->before)) &&
		    (f->column == 0 || h->col[i] == f->column)) {
			h->used[i] = true;
			return &h->v[i];
		}
	return NULL;
}

/* Where the snapshot goes after a link: past the link, and in reST past
 * the "`_" that closes a named link. */
static size_t addition_point(const char *s, size_t n, const struct link_hit *h)
{
	size_t at = h->after;
	if (at + 1 < n && s[at] == '`' && s[at + 1] == '_')
		at += at + 2 < n && s[at + 2] == '_' ? 3 : 2;
	return at;
}

static bool plan_edit(const char *s, size_t n, struct link_hit *h, struct fix *f, const char *tmpl,
		      struct edits *e)
{
	if (fix_is_addition(f->kind)) {
		if (h->syntax == SYNTAX_REFDEF) {
			f->reason = "link-definition"; /* "[x]: URL" has no room for a second link */
			return false;
		}
		struct buf b;
		buf_init(&b);
		fix_expand(&b, tmpl, f->after, f->day);
		edits_add(e, addition_point(s, n, h), 0, buf_steal(&b));
		return true;
	}
	if (h->syntax == SYNTAX_INLINE && strpbrk(f->after, " ()<>")) {
		f->reason = "unsafe-in-markup";
		return false;
	}
	edits_add(e, h->start, h->end - h->start, xstrdup(f->after));
	return true;
}

/* Writes line s[0..n) to out with the fixes [f, end) that are on it. */
static void fix_line(const char *s, size_t n, struct fix *f, struct fix *end, const char *tmpl,
		     struct hits *h, struct buf *out)
{
	hits_scan(h, s, n);
	struct edits edits = {0};
	for (; f < end; f++) {
		if (f->reason)
			continue; /* planned but not to apply: not confirmed */
		struct link_hit *hit = find_hit(h, s, f);
		if (!hit)
			f->reason = "not-found"; /* the line is not as it was read */
		else if (plan_edit(s, n, hit, f, tmpl, &edits))
			f->applied = true;
	}
	edits_apply(&edits, s, n, out);
	hits_clear(h);
}

void fix_text(const char *src, size_t n, struct document *d, const char *tmpl, struct buf *out)
{
	if (!n) { /* an empty document (src may be NULL): no link to fix */
		fixes_unmatched(d, "not-found");
		return;
	}
	struct hits h = {0};
	struct fix *f = d->fixes, *end = f ? f + d->nfixes : f; /* no fixes: NULL, never NULL + 0 */
	size_t pos = 0;
	/* the line reader drops a UTF-8 byte-order mark: columns count without it */
	if (n >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) {
		buf_append(out, src, 3);
		pos = 3;
	}
	for (unsigned line = 1; pos < n || f < end; line++) {
		if (pos >= n) {
			for (; f < end; f++)
				f->reason = "not-found";
			break;
		}
		const char *nl = memchr(src + pos, '\n', n - pos);
		size_t e = nl ? (size_t)(nl - src) : n;
		size_t text_end = e > pos && src[e - 1] == '\r' ? e - 1 : e;
		while (f < end && f->line < line) /* no line of its own (line 0): not found */
			(f++)->reason = "not-found";
		struct fix *last = f;
		while (last < end && last->line == line)
			last++;
		if (last > f)
			fix_line(src + pos, text_end - pos, f, last, tmpl, &h, out);
		else
			buf_append(out, src + pos, text_end - pos);
		buf_append(out, src + text_end, (nl ? e + 1 : e) - text_end);
		f = last > f ? last : f;
		pos = nl ? e + 1 : n;
	}
	free(h.v);
	free(h.col);
	free(h.used);
}
