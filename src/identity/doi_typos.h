/* doi_typos.h — the DOIs a DOI that no one registered may have been meant
 * as: the slips of typing it by hand, one edit each. Two neighbouring
 * characters swapped ("10.5555/jwc.2021.010" for "….001"), a character
 * typed twice, a character of a pair typed once. Only the suffix is
 * edited, and never its first '/': the prefix names the registrant, and a
 * slip there leads to another registrant's DOIs, which no citation
 * confirms. Pure: the candidates are asked of the resolver elsewhere. */
#ifndef CITECHECK_DOI_TYPOS_H
#define CITECHECK_DOI_TYPOS_H

#include <stddef.h>

/* Candidates asked for each DOI not found, at most: the swaps first (the
 * commonest slip), then a doubled character undone, then a pair restored. */
#define DOI_TYPO_CANDIDATES_MAX 24
/* DOIs not found searched for a typo in one run, at most: each costs up to
 * DOI_TYPO_CANDIDATES_MAX more requests, paced like the rest. */
#define DOI_TYPO_SEARCHES_MAX 5

/* Writes up to max distinct candidates for doi (owned strings, none equal
 * to doi) into out; returns how many. */
size_t doi_typo_candidates(const char *doi, char **out, size_t max);

#endif
