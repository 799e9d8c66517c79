/* checks.h — the findings citecheck makes from the text alone, once the
 * whole document is in the model. Each check reads the model and attaches
 * problems to the link, reference or document they concern. */
#ifndef CITECHECK_CHECKS_H
#define CITECHECK_CHECKS_H

#include "model/model.h"

/* check_links.c: spaces and illegal characters (with the repaired URL),
 * invalid percent-encoding, URLs curl rejects, save requests and unpinned
 * snapshots. */
void check_link_text(struct link *l);
/* The URL with spaces and illegal characters repaired as a reader's browser
 * would need them; the caller frees it. */
char *url_repair(const char *url);
/* The same, and a "%" that starts no escape written as "%25": the URL a
 * fix may put in its place once the web confirms it (fix_plan.h). */
char *fix_repair_url(const char *url);
void check_links(struct model *m);

/* check_dates.c: a date in the URL path that contradicts the publication
 * date; an access date before the publication date. */
bool url_path_date(const char *url, struct date *out);
void check_dates(struct model *m);

/* check_typos.c: two distinct URLs a character or two apart. */
size_t edit_distance_within(const char *a, size_t an, const char *b, size_t bn, size_t limit);
/* Whether b is a typo of a (two comparable URLs, see check_typos.c): a few
 * edits apart (dist), none of them a difference that names another page. */
bool typo_pair(const char *a, size_t an, const char *b, size_t bn, size_t *dist);
/* For each of n comparable URLs in order of first citation, the nearest
 * earlier one typo_pair accepts (twin[i], dist[i]; twin (size_t)-1 when
 * none), of as near the first; found through an index, not every pair
 * (unless a stretch of the URLs is shared by more than 256 of them). */
void typo_twins(const char *const *keys, size_t n, size_t *twin, size_t *dist);
void check_typos(struct model *m);

/* All of the above plus the footnote checks and the document-level notes. */
void check_all(struct model *m);

#endif
