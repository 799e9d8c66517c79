#include "live/live_soft404.h"

#include <stdlib.h>
#include <string.h>

#include "util/text_print.h"
#include "util/util.h"

/* Inserts h into the ascending sketch, keeping the SOFT_SKETCH smallest
 * distinct values. */
static void sketch_add(struct soft_sig *s, uint64_t h)
{
	size_t i = s->n;
	while (i > 0 && s->h[i - 1] > h)
		i--;
	if ((i > 0 && s->h[i - 1] == h) || i == SOFT_SKETCH)
		return;
	size_t keep = s->n < SOFT_SKETCH ? s->n : SOFT_SKETCH - 1;
	memmove(&s->h[i + 1], &s->h[i], (keep - i) * sizeof *s->h);
	s->h[i] = h;
	if (s->n < SOFT_SKETCH)
		s->n++;
}

void soft_sig_make(struct soft_sig *s, const char *body, size_t len, const char *text)
{
	memset(s, 0, sizeof *s);
	s->body_hash = fnv1a64(body ? body : "", len);
	s->html = text != NULL;
	if (!text)
		return;
	struct words w;
	words_split(text, &w);
	s->words = w.n > UINT32_MAX ? UINT32_MAX : (uint32_t)w.n;
	for (size_t i = 0; i < w.n; i++)
		sketch_add(s, mix64(w.hash[i])); /* mixed: the sketch needs evenly spread values */
	words_finish(&w);
}

double soft_sig_similarity(const struct soft_sig *a, const struct soft_sig *b)
{
	if (!a->n && !b->n)
		return 1;
	/* the smallest values of the union, and how many of them both have;
	 * past the largest value a full sketch holds, it cannot say whether
	 * the other page has a word */
	uint64_t cap = UINT64_MAX;
	if (a->n == SOFT_SKETCH)
		cap = a->h[SOFT_SKETCH - 1];
	if (b->n == SOFT_SKETCH && b->h[SOFT_SKETCH - 1] < cap)
		cap = b->h[SOFT_SKETCH - 1];
	size_t i = 0, j = 0, seen = 0, both = 0;
	while (seen < SOFT_SKETCH && (i < a->n || j < b->n)) {
		uint64_t v = j == b->n || (i < a->n && a->h[i] < b->h[j]) ? a->h[i] : b->h[j];
		if (v > cap)
			break;
		if (j == b->n || (i < a->n && a->h[i] < b->h[j])) {
			i++;
		} else if (i == a->n || b->h[j] < a->h[i]) {
			j++;
		} else {
			both++;
			i++;
			j++;
		}
		seen++;
	}
	return seen ? (double)both / (double)seen : 0;
}

bool soft_sig_same_page(const struct soft_sig *page, const struct soft_sig *probe)
{
	if (page->body_hash == probe->body_hash)
		return !page->html || page->words >= SOFT_MIN_WORDS;
	if (!page->html || !probe->html || page->words < SOFT_MIN_WORDS || probe->words < SOFT_MIN_WORDS)
		return false;
	/* like length: within a fifth, or a few words for short texts */
	uint32_t lo = page->words < probe->words ? page->words : probe->words;
	uint32_t hi = page->words < probe->words ? probe->words : page->words;
	if (hi - lo > hi / 5 && hi - lo > 4)
		return false;
	return soft_sig_similarity(page, probe) >= SOFT_SIMILAR;
}
