#include "fix/fix_diff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define CONTEXT 3

struct lines {
	const char **at;
	size_t *len; /* with the newline, when there is one */
	size_t n;
};

static void split(struct lines *l, const char *s, size_t n)
{
	size_t cap = 0;
	l->at = NULL;
	l->len = NULL;
	l->n = 0;
	for (size_t pos = 0; pos < n;) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t e = nl ? (size_t)(nl - s) + 1 : n;
		size_t old = cap;
		grow_array(&l->at, &cap, l->n + 1, sizeof *l->at);
		if (cap != old)
			l->len = xrealloc(l->len, cap * sizeof *l->len);
		l->at[l->n] = s + pos;
		l->len[l->n++] = e - pos;
		pos = e;
	}
}

static bool same(const struct lines *a, const struct lines *b, size_t i)
{
	return a->len[i] == b->len[i] && !memcmp(a->at[i], b->at[i], a->len[i]);
}

static void line(FILE *out, char mark, const char *s, size_t n)
{
	fputc(mark, out);
	fwrite(s, 1, n, out);
	if (!n || s[n - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

/* Lines [from, to) of both, changed ones as - then +. */
static void hunk(FILE *out, const struct lines *a, const struct lines *b, size_t from, size_t to)
{
	fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", from + 1, to - from, from + 1, to - from);
	for (size_t i = from; i < to;) {
		if (same(a, b, i)) {
			line(out, ' ', a->at[i], a->len[i]);
			i++;
			continue;
		}
		size_t j = i;
		while (j < to && !same(a, b, j))
			j++;
		for (size_t k = i; k < j; k++)
			line(out, '-', a->at[k], a->len[k]);
		for (size_t k = i; k < j; k++)
			line(out, '+', b->at[k], b->len[k]);
		i = j;
	}
}

int fix_diff_write(FILE *out, const char *path, const char *a, size_t an, const char *b, size_t bn)
{
	struct lines la, lb;
	split(&la, a, an);
	split(&lb, b, bn);
	int rc = 0;
	if (la.n != lb.n) { /* not a fix's change: never expected */
		rc = -1;
	} else {
		const char *rel = path[0] == '/' ? path + 1 : path;
		bool header = false;
		for (size_t i = 0; i < la.n;) {
			if (same(&la, &lb, i)) {
				i++;
				continue;
			}
			size_t from = i > CONTEXT ? i - CONTEXT : 0, last = i;
			/* take in every change whose context meets this one's */
			for (size_t j = i + 1; j < la.n && j <= last + 2 * CONTEXT; j++)
				if (!same(&la, &lb, j))
					last = j;
			size_t to = last + CONTEXT + 1 < la.n ? last + CONTEXT + 1 : la.n;
			if (!header)
				fprintf(out, "--- a/%s\n+++ b/%s\n", rel, rel);
			header = true;
			hunk(out, &la, &lb, from, to);
			i = last + 1;
		}
	}
	free(la.at);
	free(la.len);
	free(lb.at);
	free(lb.len);
	return rc == 0 && !ferror(out) ? 0 : -1;
}
