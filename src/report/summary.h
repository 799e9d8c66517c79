/* summary.h — the counts a report closes with, computed once from the model
 * for the reporters and for the exit status: for each document, and for the
 * whole run. */
#ifndef CITECHECK_SUMMARY_H
#define CITECHECK_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "identity/work_match.h"
#include "model/model.h"

#define LINK_KIND_COUNT 6

struct summary {
	size_t documents, unreadable; /* the run's: documents given, and those not read */
	size_t references, references_with_links, links, distinct_urls; /* distinct cited URLs */
	size_t kinds[LINK_KIND_COUNT];
	size_t footnotes_cited, footnotes_defined;
	size_t severity[3];           /* indexed by enum severity */
	size_t live[LIVE__COUNT];     /* links by verdict, indexed by enum live_verdict */
	size_t confirmed;             /* dead links whose death the history confirms */
	size_t snapshot_cited;        /* dead links cited with their snapshot: in no verdict count */
	size_t requests;              /* sent by the live stage (for a document: for its URLs) */
	size_t archive[ARCHIVE_SKIPPED + 1]; /* links by archive verdict */
	size_t drift[DRIFT_UNKNOWN + 1];     /* links by drift verdict */
	size_t archive_requests, lookups;
	size_t identity[WORK_UNKNOWN + 1]; /* DOI links by identity verdict (enum work_verdict) */
	size_t title_checks[WORK_UNKNOWN + 1]; /* titled sources' web links, by verdict (page_identity.h) */
	size_t searches[SEARCH_UNKNOWN + 1];   /* --find-works: references searched, by verdict */
	size_t doi_requests;               /* to the DOI resolver and agencies (the run's only) */
	size_t search_requests;            /* to the works API (--find-works; the run's only) */
	bool offline;                 /* no cited host could be reached */
	size_t by_code[PROB__COUNT]; /* omitted ones included */
	size_t omitted[PROB__COUNT]; /* past the cap of document-level findings per code */
	/* against --baseline: links by verdict and findings by severity marked
	 * new; links and findings unchanged; and fixed (the run's only) */
	size_t new_live[LIVE__COUNT], new_confirmed, new_severity[3];
	size_t links_unchanged, findings_new, findings_unchanged, links_fixed, findings_fixed;
};

/* The whole run: every document and the run's own findings. */
void summary_compute(const struct model *m, struct summary *s);
/* One document of the run: made when a writer comes to it, not kept
 * for all (a summary is a kilobyte; a docs tree has 38,000 documents). */
void summary_compute_document(const struct model *m, size_t doc, struct summary *s);

/* What ranks a document: its dead and changed links, its errors. */
struct doc_counts {
	size_t dead, changed, errors;
};

/* Everything the reports close with: the run's summary, each document's
 * counts, and the documents ranked by how bad they are (most dead plus
 * changed links first, then most findings of error severity or
 * unreadable, then as given). */
struct summaries {
	struct summary run;
	struct doc_counts *doc; /* one per document */
	size_t *rank;           /* document indexes, worst first */
};

/* jobs > 1: the documents' counts made by a thread beside the run's. */
void summaries_compute(const struct model *m, unsigned jobs, struct summaries *s);
void summaries_finish(struct summaries *s);

/* Calls fn for every problem in the model: the run's, then each document's
 * own and its references' and their links'. */
void model_each_problem(const struct model *m, void (*fn)(const struct problem *, void *), void *arg);
/* Calls fn for every problem of one document. */
void document_each_problem(const struct model *m, size_t doc, void (*fn)(const struct problem *, void *),
			   void *arg);

#endif
