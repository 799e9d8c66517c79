#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "util.h"

/* Levenshtein distance if it is at most limit, else limit + 1. Banded: only
 * cells within limit of the diagonal can stay under the limit. */
size_t edit_distance_within(const char *a, size_t an, const char *b, size_t bn, size_t limit)
{
	while (an && bn && *a == *b) /* common prefix and suffix cost nothing */
		a++, b++, an--, bn--;
	while (an && bn && a[an - 1] == b[bn - 1])
		an--, bn--;
	size_t diff = an > bn ? an - bn : bn - an;
	if (diff > limit)
		return limit + 1;
	if (!an || !bn)
		return an + bn;
	size_t big = limit + 1;
	size_t *prev = xmalloc((bn + 1) * sizeof *prev), *cur = xmalloc((bn + 1) * sizeof *cur);
	for (size_t j = 0; j <= bn; j++)
		prev[j] = j <= limit ? j : big;
	size_t result = big;
	for (size_t i = 1; i <= an; i++) {
		size_t lo = i > limit ? i - limit : 1, hi = i + limit < bn ? i + limit : bn;
		size_t row_min = big;
		cur[0] = i <= limit ? i : big;
		if (lo > 1)
			cur[lo - 1] = big;
		for (size_t j = lo; j <= hi; j++) {
			size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (j < i + limit && prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v > big ? big : v;
			if (cur[j] < row_min)
				row_min = cur[j];
		}
		if (hi < bn)
			cur[hi + 1] = big;
		if (row_min > limit)
			goto out;
		size_t *t = prev;
		prev = cur;
		cur = t;
	}
	result = prev[bn] > limit ? big : prev[bn];
out:
	free(prev);
	free(cur);
	return result;
}

/* What two citations of one page share: the archived original for archive
 * links, repaired of spaces (those have a finding of their own), without
 * scheme and "www." (http/https and www are not typos). Caller frees. */
static char *comparable(const struct link *l)
{
	const char *u = l->original ? l->original : (l->valid ? link_normalized(l) : l->url);
	char *fixed = url_repair(u);
	const char *p = strstr(fixed, "://");
	p = p ? p + 3 : fixed;
	if (ascii_ieq_prefix(p, strlen(p), "www."))
		p += 4;
	char *out = xstrdup(p);
	free(fixed);
	return out;
}

static bool token_char(char c)
{
	return isalnum_ascii((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Whether every token of s[b..e), widened to whole tokens, holds a digit. */
static bool identifier_tokens(const char *s, size_t n, size_t b, size_t e)
{
	while (b > 0 && token_char(s[b - 1]))
		b--;
	while (e < n && token_char(s[e]))
		e++;
	bool digit = false, any = false;
	for (size_t i = b; i <= e; i++) {
		if (i < e && token_char(s[i])) {
			any = true;
			digit |= s[i] >= '0' && s[i] <= '9';
			continue;
		}
		if (any && !digit)
			return false;
		any = digit = false;
	}
	return true;
}

/* Differences confined to tokens that hold digits are other documents
 * (article 3252 and 3257, NIST SP 800-63a and 800-63b), not typos; nor is a
 * trailing slash. */
static bool benign(const char *a, size_t an, const char *b, size_t bn)
{
	size_t p = 0;
	while (p < an && p < bn && a[p] == b[p])
		p++;
	size_t sa = an, sb = bn;
	while (sa > p && sb > p && a[sa - 1] == b[sb - 1])
		sa--, sb--;
	bool slash = (sa == p && sb == p + 1 && b[p] == '/') || (sb == p && sa == p + 1 && a[p] == '/');
	return slash || (identifier_tokens(a, an, p, sa) && identifier_tokens(b, bn, p, sb));
}

struct key {
	const char *s;
	size_t len;
	size_t id;        /* order of first citation */
	size_t ref, link; /* first link with this key */
};

static int by_len(const void *x, const void *y)
{
	const struct key *a = x, *b = y;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static size_t limit_for(size_t len)
{
	return len >= 60 ? 3 : 2;
}

void check_typos(struct model *m)
{
	struct strmap seen;
	strmap_init(&seen);
	struct key *keys = NULL;
	size_t nkeys = 0, cap = 0;
	/* every citation of a target compares the same: one key per target */
	size_t *key_of_target = xmalloc((m->ntargets + 1) * sizeof *key_of_target);
	for (size_t t = 0; t < m->ntargets; t++) {
		struct target *tg = &m->targets[t];
		const struct link *l = &m->refs[tg->first_ref].links[tg->first_link];
		free(tg->similarity_key);
		tg->similarity_key = comparable(l);
		size_t id = strmap_put(&seen, tg->similarity_key, nkeys);
		key_of_target[t] = id;
		if (id != nkeys)
			continue;
		grow_array(&keys, &cap, nkeys + 1, sizeof *keys);
		keys[nkeys] = (struct key){tg->similarity_key, strlen(tg->similarity_key), nkeys,
					   tg->first_ref, tg->first_link};
		nkeys++;
	}
	if (nkeys)
		qsort(keys, nkeys, sizeof *keys, by_len);
	/* twin[id]: the earlier-cited key that key id is a near copy of, if any */
	size_t *twin = xmalloc((nkeys + 1) * sizeof *twin), *dist = xmalloc((nkeys + 1) * sizeof *dist);
	struct key **by_id = xmalloc((nkeys + 1) * sizeof *by_id);
	for (size_t i = 0; i < nkeys; i++) {
		twin[i] = (size_t)-1;
		by_id[keys[i].id] = &keys[i];
	}
	for (size_t i = 0; i < nkeys; i++) {
		for (size_t j = i + 1; j < nkeys && keys[j].len - keys[i].len <= 3; j++) {
			size_t lim = limit_for(keys[i].len);
			size_t d = edit_distance_within(keys[i].s, keys[i].len, keys[j].s, keys[j].len, lim);
			if (d == 0 || d > lim || benign(keys[i].s, keys[i].len, keys[j].s, keys[j].len))
				continue;
			size_t later = keys[i].id > keys[j].id ? keys[i].id : keys[j].id;
			size_t earlier = keys[i].id > keys[j].id ? keys[j].id : keys[i].id;
			if (twin[later] == (size_t)-1 || d < dist[later]) {
				twin[later] = earlier;
				dist[later] = d;
			}
		}
	}
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			size_t id = key_of_target[l->target];
			if (twin[id] == (size_t)-1)
				continue;
			const struct key *e = by_id[twin[id]];
			const struct link *el = &m->refs[e->ref].links[e->link];
			problems_add(&l->problems, PROB_URL_NEAR_DUPLICATE, l->line, l->column,
				     xasprintf("this URL differs by %zu character%s from %s (line %u): "
					       "one of them is probably a typo",
					       dist[id], dist[id] == 1 ? "" : "s", el->url, el->line),
				     NULL);
		}
	free(by_id);
	free(key_of_target);
	free(twin);
	free(dist);
	free(keys);
	strmap_finish(&seen);
}
