#include <stdlib.h>
#include <string.h>

#include "check/checks.h"
#include "check/typo_place.h"
#include "extract/classify_url.h"
#include "util/util.h"

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
	char *out = xstrdup(url_without_scheme_www(fixed));
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

/* Whether position i of s lies in a token that holds a digit. */
static bool in_digit_token(const char *s, size_t n, size_t i)
{
	size_t b = i, e = i;
	while (b > 0 && token_char(s[b - 1]))
		b--;
	while (e < n && token_char(s[e]))
		e++;
	for (size_t k = b; k < e; k++)
		if (s[k] >= '0' && s[k] <= '9')
			return true;
	return false;
}

/* Differences confined to tokens that hold digits are other documents
 * (article 3252 and 3257, NIST SP 800-63a and 800-63b, h12…/1234 and
 * h13…/1235), not typos; nor is a trailing slash, nor an edition's label. */
/* "ar.wikipedia.org/…" and "af.wikipedia.org/…": a first host label of two
 * or three letters names a language or country edition, another site. */
static bool edition_label(const char *a, size_t an, const char *b, size_t bn)
{
	const char *da = memchr(a, '.', an < 4 ? an : 4), *db = memchr(b, '.', bn < 4 ? bn : 4);
	if (!da || !db || da - a < 2 || db - b < 2)
		return false;
	size_t ra = an - (size_t)(da - a), rb = bn - (size_t)(db - b);
	return ra == rb && memcmp(da, db, ra) == 0 && memchr(da + 1, '.', ra - 1) != NULL;
}

static bool benign(const char *a, size_t an, const char *b, size_t bn)
{
	if (edition_label(a, an, b, bn))
		return true;
	if (an == bn) { /* substitutions only: judge each one where it stands */
		for (size_t i = 0; i < an; i++)
			if (a[i] != b[i] && !(in_digit_token(a, an, i) && in_digit_token(b, bn, i)))
				return false;
		return true;
	}
	size_t p, sa, sb;
	typo_span(a, an, b, bn, &p, &sa, &sb);
	bool slash = (sa == p && sb == p + 1 && b[p] == '/') || (sb == p && sa == p + 1 && a[p] == '/');
	return slash || (identifier_tokens(a, an, p, sa) && identifier_tokens(b, bn, p, sb));
}

struct key {
	const char *s;
	size_t len;
	size_t id;        /* order of first citation */
	size_t ref, link; /* first link with this key */
};

static size_t limit_for(size_t len)
{
	return len >= 60 ? 3 : 2;
}

/* Pigeonhole filter: strings at most K edits apart share one of the first
 * string's K+1 segments, found in the second within K places of where it
 * stands in the first. Indexing each key's segments by (length, segment,
 * text) turns the all-pairs comparison into a few hundred lookups per key. */
#define K 3
#define SEGMENTS (K + 1)
/* A segment found in more keys than this ("example.com/") is a template,
 * not a clue; near-duplicates that share only such segments go unflagged. */
#define COMMON_SEGMENT 256

static void segment(size_t len, int i, size_t *start, size_t *n)
{
	*start = len * (size_t)i / SEGMENTS;
	*n = len * (size_t)(i + 1) / SEGMENTS - *start;
}

static void put_number(struct buf *b, size_t v)
{
	char digits[24];
	size_t n = 0;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		buf_putc(b, digits[--n]);
}

/* "len:i:text" into b, which is reused: asked for every segment of every
 * key at every shift, this must not allocate (it was half of reading a
 * document of 100 sources). */
static const char *segment_key(struct buf *b, size_t len, int i, const char *text, size_t n)
{
	buf_clear(b);
	put_number(b, len);
	buf_putc(b, ':');
	put_number(b, (size_t)i);
	buf_putc(b, ':');
	buf_append(b, text, n);
	buf_putc(b, '\0');
	return b->data;
}

struct bucket {
	size_t *ids;
	size_t n, cap;
};

struct segment_index {
	struct strmap map; /* segment key -> bucket */
	struct bucket *b;
	size_t nb, cap;
	struct buf scratch; /* segment keys are made here */
};

static void index_add(struct segment_index *x, const struct key *k)
{
	for (int i = 0; i < SEGMENTS; i++) {
		size_t st, n;
		segment(k->len, i, &st, &n);
		const char *sk = segment_key(&x->scratch, k->len, i, k->s + st, n);
		size_t bi = strmap_put(&x->map, sk, x->nb);
		if (bi == x->nb) {
			grow_array(&x->b, &x->cap, x->nb + 1, sizeof *x->b);
			x->b[x->nb++] = (struct bucket){NULL, 0, 0};
		}
		struct bucket *bk = &x->b[bi];
		if (bk->n && bk->ids[bk->n - 1] == k->id)
			continue;
		grow_array(&bk->ids, &bk->cap, bk->n + 1, sizeof *bk->ids);
		bk->ids[bk->n++] = k->id;
	}
}

static void index_finish(struct segment_index *x)
{
	for (size_t i = 0; i < x->nb; i++)
		free(x->b[i].ids);
	free(x->b);
	strmap_finish(&x->map);
	buf_finish(&x->scratch);
}

/* Compares key b with every earlier-cited key the filter lets through. */
static void compare_candidates(struct segment_index *x, const struct key *keys, const struct key *b,
			       size_t *stamp, size_t *twin, size_t *dist)
{
	size_t lo = b->len > K ? b->len - K : 1;
	for (size_t la = lo; la <= b->len + K; la++) {
		if (la < SEGMENTS)
			continue;
		for (int i = 0; i < SEGMENTS; i++) {
			size_t st, n;
			segment(la, i, &st, &n);
			for (long d = -K; d <= K; d++) {
				long pos = (long)st + d;
				if (pos < 0 || (size_t)pos + n > b->len)
					continue;
				const char *sk = segment_key(&x->scratch, la, i, b->s + pos, n);
				size_t bi;
				bool hit = strmap_get(&x->map, sk, &bi);
				if (hit && x->b[bi].n > COMMON_SEGMENT)
					continue; /* shared by too many to tell anything */
				for (size_t c = 0; hit && c < x->b[bi].n; c++) {
					size_t aid = x->b[bi].ids[c];
					if (aid >= b->id || stamp[aid] == b->id + 1)
						continue;
					stamp[aid] = b->id + 1;
					const struct key *a = &keys[aid];
					if (benign(a->s, a->len, b->s, b->len) ||
					    typo_place_benign(a->s, a->len, b->s, b->len))
						continue;
					size_t lim = limit_for(a->len < b->len ? a->len : b->len);
					size_t dd = edit_distance_within(a->s, a->len, b->s, b->len, lim);
					if (dd == 0 || dd > lim)
						continue;
					if (twin[b->id] == (size_t)-1 || dd < dist[b->id]) {
						twin[b->id] = aid;
						dist[b->id] = dd;
					}
				}
			}
		}
	}
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
		tg->similarity_key = NULL;
		if (l->kind == LINK_LOCAL || tg->chrome_only) {
			/* file names: no typos of web addresses; a page's chrome: no citation */
			key_of_target[t] = (size_t)-1;
			continue;
		}
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
	/* keys[i].id == i: keys are in order of first citation */
	size_t *twin = xmalloc((nkeys + 1) * sizeof *twin), *dist = xmalloc((nkeys + 1) * sizeof *dist);
	size_t *stamp = xcalloc(nkeys + 1, sizeof *stamp);
	struct segment_index x = {0};
	strmap_init(&x.map);
	for (size_t i = 0; i < nkeys; i++) {
		twin[i] = (size_t)-1;
		compare_candidates(&x, keys, &keys[i], stamp, twin, dist);
		if (keys[i].len >= SEGMENTS)
			index_add(&x, &keys[i]);
	}
	index_finish(&x);
	free(stamp);
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			size_t id = key_of_target[l->target];
			if (id == (size_t)-1 || twin[id] == (size_t)-1)
				continue;
			const struct key *e = &keys[twin[id]];
			const struct link *el = &m->refs[e->ref].links[e->link];
			size_t before = l->problems.n;
			problems_add(&l->problems, PROB_URL_NEAR_DUPLICATE, l->line, l->column,
				     xasprintf("this URL differs by %zu character%s from %s (line %u): "
					       "one of them is probably a typo",
					       dist[id], dist[id] == 1 ? "" : "s", el->url, el->line),
				     NULL);
			if (l->problems.n > before)
				l->problems.v[before].other = xstrdup(m->targets[el->target].key);
		}
	free(key_of_target);
	free(twin);
	free(dist);
	free(keys);
	strmap_finish(&seen);
}
