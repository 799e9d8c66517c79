/* summary.h — the counts a report closes with, computed once from the model
 * for both reporters and for the exit status. */
#ifndef CITECHECK_SUMMARY_H
#define CITECHECK_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

#define LINK_KIND_COUNT 5

struct summary {
	size_t references, references_with_links, links, distinct_urls; /* distinct cited URLs */
	size_t kinds[LINK_KIND_COUNT];
	size_t footnotes_cited, footnotes_defined;
	size_t severity[3];           /* indexed by enum severity */
	size_t live[LIVE_SKIPPED + 1]; /* links by verdict, indexed by enum live_verdict */
	size_t requests;              /* sent by the live stage */
	size_t archive[ARCHIVE_SKIPPED + 1]; /* links by archive verdict */
	size_t drift[DRIFT_UNKNOWN + 1];     /* links by drift verdict */
	size_t archive_requests, lookups;
	bool offline;                 /* no cited host could be reached */
	size_t by_code[PROB__COUNT]; /* omitted ones included */
	size_t omitted[PROB__COUNT]; /* past the cap of document-level findings per code */
};

void summary_compute(const struct model *m, struct summary *s);

/* Calls fn for every problem in the model: document-level, then each
 * reference's and its links'. */
void model_each_problem(const struct model *m, void (*fn)(const struct problem *, void *), void *arg);

#endif
