/* live_soft404.h — is an alive page the site's "not found" page? Many sites
 * answer 200 for any path. The live stage asks each such host for a path
 * that cannot exist (the probe) and compares a cited page with that answer.
 * Real sites give every page one title ("Example News") and pages of
 * similar length, so title and length are no evidence: the pages must say
 * the same thing. A soft_sig keeps what that takes, a few hundred bytes a
 * page: the body's hash, and the words of the main text (a bottom-k sketch
 * of its distinct words and their count). */
#ifndef CITECHECK_LIVE_SOFT404_H
#define CITECHECK_LIVE_SOFT404_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SOFT_SKETCH 64       /* distinct-word hashes kept per page */
#define SOFT_MIN_WORDS 3     /* fewer main-text words: nothing to compare */
#define SOFT_SIMILAR 0.7     /* distinct-word Jaccard index: the same page (two unrelated texts share their common words, ~0.1-0.3) */

struct soft_sig {
	uint64_t body_hash;
	bool html;
	uint32_t words;            /* words of the main text */
	uint8_t n;                 /* hashes in h */
	uint64_t h[SOFT_SKETCH];   /* ascending: the smallest hashes of its distinct words */
};

/* The signature of a body; text is an HTML page's main text (page_text.h),
 * NULL for what is not HTML. */
void soft_sig_make(struct soft_sig *s, const char *body, size_t len, const char *text);

/* The estimated Jaccard index of the two pages' distinct words, in [0, 1]. */
double soft_sig_similarity(const struct soft_sig *a, const struct soft_sig *b);

/* Whether page is the probe's page: the same bytes with words to show for
 * it (an empty script shell that every path serves is no evidence), or
 * main texts of like length that share nearly all their words (a "not
 * found" text that quotes the path it was asked for). */
bool soft_sig_same_page(const struct soft_sig *page, const struct soft_sig *probe);

#endif
