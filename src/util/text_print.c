#include "util/text_print.h"

#include <stdlib.h>
#include <string.h>

#include "util/unicode.h"
#include "util/util.h"

void words_split(const char *text, struct words *w)
{
	memset(w, 0, sizeof *w);
	w->text = text;
	struct buf f;
	buf_init(&f);
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (s[i]) {
		size_t len;
		uint32_t c = utf8_decode(s + i, &len);
		if (!unicode_alnum(c)) {
			i += len;
			continue;
		}
		size_t start = i, fstart = f.len;
		while (s[i] && unicode_alnum(c)) {
			utf8_encode(&f, unicode_lower(c));
			i += len;
			if (s[i])
				c = utf8_decode(s + i, &len);
		}
		size_t cap = w->cap;
		grow_array(&w->start, &w->cap, w->n + 1, sizeof *w->start);
		if (w->cap != cap) { /* the three arrays grow together, geometrically */
			w->end = xrealloc(w->end, w->cap * sizeof *w->end);
			w->hash = xrealloc(w->hash, w->cap * sizeof *w->hash);
		}
		w->start[w->n] = start;
		w->end[w->n] = i;
		w->hash[w->n] = fnv1a64(f.data + fstart, f.len - fstart);
		w->n++;
		buf_putc(&f, ' ');
	}
	w->folded_len = f.len;
	w->folded_cap = f.cap;
	w->folded = buf_steal(&f);
}

void words_finish(struct words *w)
{
	free(w->start);
	free(w->end);
	free(w->hash);
	free(w->folded);
	memset(w, 0, sizeof *w);
}

bool words_contain(const struct words *w, const struct words *phrase)
{
	if (!phrase->n || phrase->n > w->n)
		return false;
	for (size_t i = 0; i + phrase->n <= w->n; i++) {
		size_t k = 0;
		while (k < phrase->n && w->hash[i + k] == phrase->hash[k])
			k++;
		if (k == phrase->n)
			return true;
	}
	return false;
}

/* The hash of the shingle starting at word i (fewer words when the text is
 * shorter than a shingle). */
static uint64_t shingle(const struct words *w, size_t i)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL;
	for (size_t k = i; k < i + PRINT_SHINGLE && k < w->n; k++)
		h = mix64(h ^ w->hash[k]) + k - i;
	return mix64(h);
}

static size_t shingle_count(const struct words *w)
{
	if (!w->n)
		return 0;
	return w->n < PRINT_SHINGLE ? 1 : w->n - PRINT_SHINGLE + 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Sorts and removes repeats; returns the new count. */
static size_t sort_unique(uint64_t *v, size_t n)
{
	if (n < 2)
		return n;
	qsort(v, n, sizeof *v, cmp_u64);
	size_t o = 1;
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[o - 1])
			v[o++] = v[i];
	return o;
}

void text_print_make(const struct words *w, struct text_print *p)
{
	memset(p, 0, sizeof *p);
	p->words = w->n;
	size_t n = shingle_count(w);
	if (!n)
		return;
	/* a buffer of 2k: refill, then keep the k smallest, so memory stays
	 * bounded however long the page */
	uint64_t *v = xmalloc(2 * PRINT_K * sizeof *v);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		v[len++] = shingle(w, i);
		if (len == 2 * PRINT_K) {
			len = sort_unique(v, len);
			if (len > PRINT_K) {
				len = PRINT_K;
				p->partial = true;
			}
		}
	}
	len = sort_unique(v, len);
	if (len > PRINT_K) {
		len = PRINT_K;
		p->partial = true;
	}
	p->sketch = xrealloc(v, (len ? len : 1) * sizeof *v);
	p->n = len;
}

bool text_print_valid(const struct text_print *p)
{
	if (p->n > PRINT_K || (p->partial && p->n != PRINT_K) || (p->n > 0) != (p->words > 0) || p->n > p->words ||
	    (p->n && !p->sketch))
		return false;
	for (size_t i = 1; i < p->n; i++)
		if (p->sketch[i - 1] >= p->sketch[i])
			return false;
	return true;
}

void text_print_finish(struct text_print *p)
{
	free(p->sketch);
	memset(p, 0, sizeof *p);
}

static bool has(const struct text_print *p, uint64_t h)
{
	return bsearch(&h, p->sketch, p->n, sizeof h, cmp_u64) != NULL;
}

double text_print_similarity(const struct text_print *a, const struct text_print *b)
{
	if (!a->n && !b->n)
		return 1.0;
	/* the k smallest of the union; each is in a (or b) exactly when it is
	 * in a's (or b's) sketch, since a's sketch holds a's k smallest */
	size_t i = 0, j = 0, seen = 0, both = 0;
	uint64_t limit_a = a->partial && a->n ? a->sketch[a->n - 1] : UINT64_MAX;
	uint64_t limit_b = b->partial && b->n ? b->sketch[b->n - 1] : UINT64_MAX;
	while (seen < PRINT_K && (i < a->n || j < b->n)) {
		uint64_t x;
		if (j >= b->n || (i < a->n && a->sketch[i] < b->sketch[j]))
			x = a->sketch[i++];
		else if (i >= a->n || b->sketch[j] < a->sketch[i])
			x = b->sketch[j++];
		else {
			x = a->sketch[i++];
			j++;
			both++;
			seen++;
			continue;
		}
		/* past the end of a partial sketch nothing is known: stop there */
		if (x > limit_a || x > limit_b)
			break;
		seen++;
	}
	return seen ? (double)both / (double)seen : 0.0;
}

char *text_print_lost(const struct words *old, const struct text_print *now, size_t max_bytes)
{
	size_t n = shingle_count(old);
	uint64_t limit = now->partial && now->n ? now->sketch[now->n - 1] : UINT64_MAX;
	/* the longest run of shingles known to be gone; with a partial sketch
	 * only hashes under its limit are known, so runs are single shingles */
	size_t best_start = 0, best_len = 0, run_start = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = shingle(old, i);
		bool gone = h <= limit && !has(now, h);
		if (gone) {
			if (!run)
				run_start = i;
			run++;
			if (run > best_len) {
				best_len = run;
				best_start = run_start;
			}
		} else {
			run = 0;
		}
	}
	if (!best_len)
		return NULL;
	/* a shingle present on either side of the run holds its first and last
	 * PRINT_SHINGLE - 1 words: what is new starts and ends inside them */
	size_t first = best_start, last = best_start + best_len - 1;
	if (best_start > 0 && best_len >= PRINT_SHINGLE)
		first = best_start + PRINT_SHINGLE - 1;
	if (last + 1 >= n)
		last = old->n - 1; /* the run reaches the end: its last shingle's words are all gone */
	else if (first > last)
		last = first;
	size_t from = old->start[first], to = old->end[last];
	if (to - from > max_bytes) {
		/* cut at a word end, never inside a character */
		size_t k = first;
		while (k + 1 <= last && old->end[k + 1] - from <= max_bytes)
			k++;
		to = old->end[k];
	}
	struct buf b;
	buf_init(&b);
	bool space = false;
	for (size_t i = from; i < to; i++) {
		char c = old->text[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = true;
			continue;
		}
		if (space && b.len)
			buf_putc(&b, ' ');
		space = false;
		buf_putc(&b, c);
	}
	if (to < old->end[last])
		buf_append(&b, "…", strlen("…"));
	return buf_steal(&b);
}
