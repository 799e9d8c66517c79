#include <stdint.h>
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
	const char *u = link_extra(l)->original ? link_extra(l)->original : (l->valid ? link_normalized(l) : l->url);
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

bool typo_pair(const char *a, size_t an, const char *b, size_t bn, size_t *dist)
{
	if (benign(a, an, b, bn) || typo_place_benign(a, an, b, bn))
		return false;
	size_t lim = limit_for(an < bn ? an : bn);
	*dist = edit_distance_within(a, an, b, bn, lim);
	return *dist != 0 && *dist <= lim;
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

/* A key is probed at about 200 (length, segment, shift) places. Hashing
 * each probe's text anew, through a string made for a map, was a quarter of
 * reading a document of 100 sources. A polynomial hash (mod 2^64) of the
 * key's prefixes gives any substring's hash from two of them, so a probe
 * costs a table lookup; the text is compared only on a hash's match. */
#define HASH_BASE 0x100000001b3ULL

struct prefix_hashes {
	uint64_t *prefix, *power; /* of s[0..k), and HASH_BASE^k; k = 0..len */
	size_t cap;
};

static void prefix_hashes_of(struct prefix_hashes *p, const char *s, size_t len)
{
	if (len + 1 > p->cap) {
		p->cap = len + 1;
		free(p->prefix);
		free(p->power);
		p->prefix = xmalloc(p->cap * sizeof *p->prefix);
		p->power = xmalloc(p->cap * sizeof *p->power);
	}
	p->prefix[0] = 0;
	p->power[0] = 1;
	for (size_t k = 0; k < len; k++) {
		p->prefix[k + 1] = p->prefix[k] * HASH_BASE + (unsigned char)s[k];
		p->power[k + 1] = p->power[k] * HASH_BASE;
	}
}

/* The hash of segment i of a key of length len whose text is s[pos..pos+n). */
static uint64_t segment_hash(const struct prefix_hashes *p, size_t pos, size_t n, size_t len, int i)
{
	uint64_t h = p->prefix[pos + n] - p->prefix[pos] * p->power[n];
	h ^= (uint64_t)len * 0x9e3779b97f4a7c15ULL + (uint64_t)i;
	h ^= h >> 30; /* splitmix64's finisher: the table uses the low bits */
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

struct bucket {
	size_t *ids;
	size_t n, cap;
};

/* One (length, segment, text): the keys that have it, in bucket. */
struct segment_slot {
	uint64_t hash;
	const char *text; /* NULL: the slot is free */
	size_t len, bucket;
	int i;
};

struct segment_index {
	struct segment_slot *slots; /* open addressing, a power of two, at most half full */
	size_t cap, count;
	struct bucket *b;
	size_t nb, bcap;
	struct prefix_hashes ph; /* of the key being probed or indexed */
};

static struct segment_slot *slot_find(const struct segment_index *x, uint64_t h, size_t len, int i,
				      const char *text, size_t n)
{
	if (!x->cap)
		return NULL;
	for (size_t at = h & (x->cap - 1);; at = (at + 1) & (x->cap - 1)) {
		struct segment_slot *s = &x->slots[at];
		if (!s->text)
			return s;
		if (s->hash == h && s->len == len && s->i == i && !memcmp(s->text, text, n))
			return s;
	}
}

static void slots_grow(struct segment_index *x)
{
	struct segment_slot *old = x->slots;
	size_t oldcap = x->cap;
	x->cap = oldcap ? oldcap * 2 : 64;
	x->slots = xcalloc(x->cap, sizeof *x->slots);
	for (size_t k = 0; k < oldcap; k++)
		if (old[k].text) {
			size_t at = old[k].hash & (x->cap - 1);
			while (x->slots[at].text)
				at = (at + 1) & (x->cap - 1);
			x->slots[at] = old[k];
		}
	free(old);
}

/* Files key k (its hashes in x->ph) under its segments. */
static void index_add(struct segment_index *x, const struct key *k)
{
	for (int i = 0; i < SEGMENTS; i++) {
		size_t st, n;
		segment(k->len, i, &st, &n);
		if ((x->count + 1) * 2 > x->cap)
			slots_grow(x);
		uint64_t h = segment_hash(&x->ph, st, n, k->len, i);
		struct segment_slot *s = slot_find(x, h, k->len, i, k->s + st, n);
		if (!s->text) {
			*s = (struct segment_slot){h, k->s + st, k->len, x->nb, i};
			x->count++;
			grow_array(&x->b, &x->bcap, x->nb + 1, sizeof *x->b);
			x->b[x->nb++] = (struct bucket){NULL, 0, 0};
		}
		struct bucket *bk = &x->b[s->bucket];
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
	free(x->slots);
	free(x->ph.prefix);
	free(x->ph.power);
}

/* Compares key b (its hashes in x->ph) with every earlier-cited key the
 * filter lets through. */
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
				uint64_t h = segment_hash(&x->ph, (size_t)pos, n, la, i);
				const struct segment_slot *s = slot_find(x, h, la, i, b->s + pos, n);
				if (!s || !s->text)
					continue;
				const struct bucket *bk = &x->b[s->bucket];
				if (bk->n > COMMON_SEGMENT)
					continue; /* shared by too many to tell anything */
				for (size_t c = 0; c < bk->n; c++) {
					size_t aid = bk->ids[c];
					if (aid >= b->id || stamp[aid] == b->id + 1)
						continue;
					stamp[aid] = b->id + 1;
					const struct key *a = &keys[aid];
					size_t dd;
					if (!typo_pair(a->s, a->len, b->s, b->len, &dd))
						continue;
					/* the nearest; of as near, the first cited, whatever
					 * order the index offers them in */
					if (twin[b->id] == (size_t)-1 || dd < dist[b->id] ||
					    (dd == dist[b->id] && aid < twin[b->id])) {
						twin[b->id] = aid;
						dist[b->id] = dd;
					}
				}
			}
		}
	}
}

/* For each key, the nearest earlier-cited one a typo away (twin[i], at
 * dist[i] edits; (size_t)-1 when none): of as near, the first cited.
 * keys[i].id == i, keys in order of first citation. */
static void nearest_earlier(const struct key *keys, size_t nkeys, size_t *twin, size_t *dist)
{
	size_t *stamp = xcalloc(nkeys + 1, sizeof *stamp);
	struct segment_index x = {0};
	for (size_t i = 0; i < nkeys; i++) {
		twin[i] = (size_t)-1;
		prefix_hashes_of(&x.ph, keys[i].s, keys[i].len);
		compare_candidates(&x, keys, &keys[i], stamp, twin, dist);
		if (keys[i].len >= SEGMENTS)
			index_add(&x, &keys[i]);
	}
	index_finish(&x);
	free(stamp);
}

void typo_twins(const char *const *keys, size_t n, size_t *twin, size_t *dist)
{
	struct key *k = xmalloc((n + 1) * sizeof *k);
	for (size_t i = 0; i < n; i++)
		k[i] = (struct key){keys[i], strlen(keys[i]), i, 0, 0};
	nearest_earlier(k, n, twin, dist);
	free(k);
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
	size_t *twin = xmalloc((nkeys + 1) * sizeof *twin), *dist = xmalloc((nkeys + 1) * sizeof *dist);
	nearest_earlier(keys, nkeys, twin, dist);
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			size_t id = key_of_target[l->target];
			if (id == (size_t)-1 || twin[id] == (size_t)-1)
				continue;
			const struct key *e = &keys[twin[id]];
			const struct link *el = &m->refs[e->ref].links[e->link];
			size_t before = problems_len(&l->problems);
			problems_add(&l->problems, PROB_URL_NEAR_DUPLICATE, l->line, l->column,
				     xasprintf("this URL differs by %zu character%s from %s (line %u): "
					       "one of them is probably a typo",
					       dist[id], dist[id] == 1 ? "" : "s", el->url, el->line),
				     NULL);
			if (problems_len(&l->problems) > before)
				problems_at(&l->problems)[before].other = xstrdup(m->targets[el->target].key);
		}
	free(key_of_target);
	free(twin);
	free(dist);
	free(keys);
	strmap_finish(&seen);
}
