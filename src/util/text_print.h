/* text_print.h — what the drift comparison works on: a page's main text cut
 * into words (Unicode letters and digits, lower-cased; accents such as
 * Vietnamese diacritics are kept), 5-word shingles, and a bottom-k MinHash
 * sketch of the shingles, so a live page costs a few KiB until its snapshot
 * arrives.
 *
 * The similarity is the Jaccard index of the two pages' shingle sets,
 * estimated from the sketches; it is exact while the union of the two
 * sketches holds no more than PRINT_K shingles. */
#ifndef CITECHECK_TEXT_PRINT_H
#define CITECHECK_TEXT_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PRINT_SHINGLE 5 /* words per shingle */
#define PRINT_K 256     /* hashes kept per page */
#define PRINT_MEASURE "jaccard-5-word-shingles-minhash-256"

/* The words of a text: where each is in the text, and its folded form. */
struct words {
	const char *text; /* not owned */
	size_t n, cap;
	size_t *start, *end; /* byte spans in text */
	uint64_t *hash;      /* of the folded word */
	char *folded;        /* the folded words, each followed by a space */
	size_t folded_len, folded_cap;
};

struct text_print {
	uint64_t *sketch; /* ascending; the PRINT_K smallest shingle hashes, or all of them */
	size_t n;
	bool partial;     /* more shingles existed than the sketch keeps */
	size_t words;
};

/* Cuts text (UTF-8, NUL-terminated) into words; w keeps pointing into text. */
void words_split(const char *text, struct words *w);
void words_finish(struct words *w);

/* Whether the words of phrase appear in w, in order and adjacent. An empty
 * phrase is not found. */
bool words_contain(const struct words *w, const struct words *phrase);

void text_print_make(const struct words *w, struct text_print *p);
/* Whether p could have been made by text_print_make: at most PRINT_K
 * hashes, ascending, PRINT_K of them when partial, none only for no words.
 * A print read back from elsewhere (the cache) is used only when it is. */
bool text_print_valid(const struct text_print *p);
void text_print_finish(struct text_print *p);

/* The estimated Jaccard index of the two shingle sets, in [0, 1]. Two empty
 * texts are identical (1). */
double text_print_similarity(const struct text_print *a, const struct text_print *b);

/* A short passage of old (as written in its text) whose shingles are not in
 * now: text that disappeared. NULL when none can be shown. Caller frees. */
char *text_print_lost(const struct words *old, const struct text_print *now, size_t max_bytes);

#endif
