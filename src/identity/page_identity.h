/* page_identity.h — whether a web citation leads to the page it names: the
 * title the citation gives against what the page says it is (its metadata
 * title, <title> and first <h1>, kept by the live and archive stages), on
 * the live page and on the capture of the day it was cited. Pure functions:
 * no requests. */
#ifndef CITECHECK_PAGE_IDENTITY_H
#define CITECHECK_PAGE_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "identity/work_match.h"
#include "model/model.h"

/* The verdicts are work_match's: WORK_MATCH, WORK_MISMATCH, WORK_UNSURE, and
 * WORK_UNCHECKED when there was nothing to compare (no title kept: the page
 * is not alive and has no capture, is no HTML, or gives no usable title). */
struct page_identity {
	enum work_verdict verdict;
	double title_similarity;   /* [0,1]; -1 when nothing was compared */
	const char *page_title;    /* the page's title compared (borrowed from the model), */
	size_t page_title_len;     /* its length: it is one line of a list */
	const char *compared_with; /* static: "live", "snapshot"; NULL when unchecked */
};

/* Whether link k of reference r is a web citation whose title can be
 * checked: the reference (a source, not running text) names a title, and k
 * is its only direct web link. */
bool page_identity_applies(const struct reference *r, size_t k);

/* The verdict for link k of reference r (page_identity_applies true). */
struct page_identity page_identity(const struct model *m, const struct reference *r, size_t k);

/* How a citation's title compares with one list of a page's titles (one a
 * line): a line that names only the site, a line in another script or
 * language, a line of one word are not compared; a site name joined to
 * the title (" | Site", "Site - ") is compared without it.
 * title_found is whether the cited title is in the page's text (1, 0, -1
 * unknown); foreign whether the citation says it translates
 * ("[in Vietnamese]"). */
struct page_identity page_titles_compare(const char *cited, const char *titles, const char *host,
					 signed char title_found, bool foreign);

#endif
