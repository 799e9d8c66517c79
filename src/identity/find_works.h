/* find_works.h — --find-works: a reference that cites neither a URL nor a
 * DOI (a book, an article) is searched in Crossref's REST API
 * (GET /works?query.bibliographic=<its text>&rows=5), and the works the
 * search lists are validated against what the reference gives (title,
 * first author, year: work_match.h), as Crossref's own search-based
 * matching does: the search returns what is nearest, never "none". Polite
 * by design: a contact address puts the requests in Crossref's polite
 * pool; the pool's stated limits (rate, requests at once) are obeyed. */
#ifndef CITECHECK_FIND_WORKS_H
#define CITECHECK_FIND_WORKS_H

#include <stddef.h>

#include "live/check_live.h"
#include "model/model.h"

#define WORKS_API_DEFAULT "https://api.crossref.org"
#define WORKS_ROWS 5           /* works asked for each reference */
#define WORKS_QUERY_MAX 1000   /* bytes of a reference's text sent */

struct works_config {
	const char *api;               /* https://api.crossref.org, or another that answers as it does */
	const char *contact;           /* an e-mail address (mailto=): the polite pool; NULL: the public one */
	const struct live_config *net; /* timeouts, retries, TLS, User-Agent, deadline */
};

/* Files a search for each reference (a source, not running text) that
 * gives a title and an author or a year, and cites no URL and no DOI, or
 * a DOI registered for another work (after check_dois: the search may
 * find the DOI meant). Returns how many. */
size_t works_plan(struct model *m);

/* Asks the API about every search still unchecked. Returns 0, or -1 with a
 * reason in err when libcurl cannot start. */
int find_works(struct model *m, const struct works_config *cfg, char *err, size_t errlen);

/* Reads an answer of the API (a work-list) into s, judged against
 * reference r: 0, or -1 when it is not one. */
int works_read_answer(struct work_search *s, const struct reference *r, const char *json, size_t len);

/* Marks every search still unchecked unknown with reason. */
void works_skip_all(struct model *m, const char *reason);

#endif
