#include "fix/fix_edits.h"

#include <stdlib.h>
#include <string.h>

void edits_add(struct edits *e, size_t at, size_t cut, char *text)
{
	grow_array(&e->v, &e->cap, e->n + 1, sizeof *e->v);
	e->v[e->n++] = (struct edit){at, cut, text};
}

static int by_offset(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at;
}

void edits_apply(struct edits *e, const char *src, size_t n, struct buf *out)
{
	if (e->n) /* qsort wants an array, even of nothing */
		qsort(e->v, e->n, sizeof *e->v, by_offset);
	size_t at = 0;
	for (size_t i = 0; i < e->n; i++) {
		if (e->v[i].at >= at && e->v[i].at + e->v[i].cut <= n) {
			buf_append(out, src + at, e->v[i].at - at);
			buf_append(out, e->v[i].text, strlen(e->v[i].text));
			at = e->v[i].at + e->v[i].cut;
		}
		free(e->v[i].text);
	}
	buf_append(out, src + at, n - at);
	free(e->v);
	memset(e, 0, sizeof *e);
}

struct fix *fixes_for_url(struct document *d, const char *url)
{
	for (size_t i = 0; i < d->nfixes; i++)
		if (!strcmp(d->fixes[i].before, url) && !d->fixes[i].reason)
			return &d->fixes[i];
	return NULL;
}

void fixes_mark_url(struct document *d, const char *url)
{
	for (size_t i = 0; i < d->nfixes; i++)
		if (!strcmp(d->fixes[i].before, url) && !d->fixes[i].reason)
			d->fixes[i].applied = true;
}

void fixes_unmatched(struct document *d, const char *reason)
{
	for (size_t i = 0; i < d->nfixes; i++)
		if (!d->fixes[i].applied && !d->fixes[i].reason)
			d->fixes[i].reason = reason;
}

bool fix_is_addition(enum fix_kind k)
{
	return k == FIX_DEAD || k == FIX_CHANGED;
}
