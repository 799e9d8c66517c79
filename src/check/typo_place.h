/* typo_place.h — where two near URLs differ, and whether that place alone
 * makes them two things rather than one mistyped: two hosts of one site
 * (bugs. and bbs.), two values of one query key (?name=wget, ?name=gwget),
 * two short names at the end of a path or in a fragment (/man2/stat.2.html
 * and /man2/lstat.2.html, /packages/ix/ and /packages/ii/). What they are
 * not: the same page under a mistyped host or folder, or a slug made of a
 * sentence with a letter off. The web's answer, when there is one, judges
 * further (live/live_findings.h). */
#ifndef CITECHECK_TYPO_PLACE_H
#define CITECHECK_TYPO_PLACE_H

#include <stdbool.h>
#include <stddef.h>

/* Where a and b differ: a[p, sa) and b[p, sb), between the prefix and the
 * suffix they share. */
void typo_span(const char *a, size_t an, const char *b, size_t bn, size_t *p, size_t *sa, size_t *sb);

/* a and b: URLs without scheme and "www." (check_typos.c's keys). */
bool typo_place_benign(const char *a, size_t an, const char *b, size_t bn);

#endif
