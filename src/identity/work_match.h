/* work_match.h — whether a citation names the work a DOI is registered
 * for: its title, first author and year against the registered ones, with
 * the tolerance citations need (case, punctuation, diacritics, a subtitle
 * left out, a leading "The", a title cut short, initials, a year off by
 * one between online-first and print). Pure functions: no requests. */
#ifndef CITECHECK_WORK_MATCH_H
#define CITECHECK_WORK_MATCH_H

#include <stdbool.h>

#include "model/model.h"

/* At or above: the same title. Below WORK_TITLE_DIFFERENT: another. Between:
 * not sure, and nothing is said. */
#define WORK_TITLE_SAME 0.8
#define WORK_TITLE_DIFFERENT 0.5

enum work_verdict {
	WORK_UNCHECKED, /* the DOI was not looked up */
	WORK_MATCH,     /* the citation names the registered work */
	WORK_MISMATCH,  /* it names another */
	WORK_UNSURE,    /* what it gives neither confirms nor rules out the work */
	WORK_NOT_FOUND, /* no work has the DOI */
	WORK_UNKNOWN,   /* the registration agency did not say */
};

/* Each part: 1 agrees, 0 disagrees, -1 not compared (one side lacks it). */
struct work_match {
	enum work_verdict verdict;
	double title_similarity; /* [0,1]; -1 when not compared */
	signed char title, author, year;
};

/* Text as the comparison sees it: lower case, diacritics of Latin letters
 * dropped, punctuation as spaces, one space between words, a leading
 * "the"/"a"/"an" dropped. Caller frees. */
char *work_normalize(const char *s);
/* How alike two titles are, [0,1]: the better of word overlap and
 * character edits, over the whole titles and over their main titles (before
 * a subtitle's colon or dash); a title cut short with an ellipsis compared
 * as a prefix. */
double work_title_similarity(const char *cited, const char *registered);
/* Whether the registered first author (family or literal name) is among
 * the cited authors: 1, 0, or -1 when either is missing. */
int work_author_agrees(const char *cited_authors, const char *registered_family);
/* Whether the cited year is within one of any registered year: 1, 0, -1. */
int work_year_agrees(int cited, const int registered[3]);

/* The verdict for reference r citing the DOI looked up in d (NULL: not
 * looked up). */
struct work_match work_match(const struct reference *r, const struct doi_lookup *d);
const char *work_verdict_name(enum work_verdict v);

/* The DOI lookup, one edit away from d, whose registered work reference r
 * names (work_match says match), when d is not registered: the likely
 * intent of a typo. NULL when there is none, or more than one. */
const struct doi_lookup *work_nearby_match(const struct model *m, const struct reference *r,
					   const struct doi_lookup *d);

#endif
