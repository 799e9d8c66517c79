/* check_dois.h — the DOI stage: every DOI a document cites, asked of the
 * DOI resolver with content negotiation (Accept:
 * application/vnd.citationstyles.csl+json). The resolver redirects to the
 * DOI's registration agency (Crossref, DataCite, mEDRA), which answers with
 * the work's CSL-JSON; the resolver's own 404 means no work has the DOI.
 * One request per DOI and agency hop, paced per host; 429 and 5xx retried
 * within the run's limits. */
#ifndef CITECHECK_CHECK_DOIS_H
#define CITECHECK_CHECK_DOIS_H

#include <jansson.h>
#include <stddef.h>

#include "live/check_live.h"
#include "model/model.h"

#define DOI_RESOLVER_DEFAULT "https://doi.org"

struct doi_config {
	const char *resolver;          /* https://doi.org, or another that answers as it does */
	double rate;                   /* requests a second to each host */
	long host_jobs;                /* requests at once to each host */
	const struct live_config *net; /* timeouts, retries, TLS, User-Agent, deadline */
};

void doi_config_defaults(struct doi_config *c, const struct live_config *net);

/* Files every DOI the references cite (doi.org links, doi: links, DOI
 * fields) under the model's DOI lookups. */
void doi_plan(struct model *m);

/* Asks the resolver about every DOI lookup still unchecked (one the cache
 * answered is not). Returns 0, or -1 with a reason in err when libcurl
 * cannot start. */
int check_dois(struct model *m, const struct doi_config *cfg, char *err, size_t errlen);

/* For the first DOI_TYPO_SEARCHES_MAX DOIs found to be registered to no
 * one, and cited with something a work can be matched on (a title, or
 * authors and a year): files the DOIs one edit away (doi_typos.h) as
 * lookups of their own, to be asked by check_dois like the rest. Returns
 * how many new lookups it made. */
size_t doi_plan_typos(struct model *m);

/* Marks every DOI lookup unknown with reason (e.g. "offline"). */
void dois_skip_all(struct model *m, const char *reason);

/* The work in a CSL-JSON answer, into d: 0, or -1 when it is not one.
 * Each text is cut at DOI_TEXT_MAX bytes, its control characters spaces. */
#define DOI_TEXT_MAX 4096
int doi_read_csl(struct doi_lookup *d, const char *json, size_t len);
/* The same from a parsed item (Crossref's REST API writes its works with
 * the same field names, titles as arrays): 0, or -1 when it is none. */
int doi_read_item(struct doi_lookup *d, const json_t *item);

#endif
