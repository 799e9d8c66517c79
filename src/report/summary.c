#include "report/summary.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "compare/baseline.h"
#include "compare/cited_snapshot.h"
#include "identity/page_identity.h"
#include "live/check_live.h"
#include "util/util.h"

static void list_each(const struct problem_list *l, void (*fn)(const struct problem *, void *), void *arg)
{
	for (size_t i = 0; i < problems_len(l); i++)
		fn(&problems_at(l)[i], arg);
}

void document_each_problem(const struct model *m, size_t doc, void (*fn)(const struct problem *, void *),
			   void *arg)
{
	const struct document *d = &m->docs[doc];
	list_each(&d->problems, fn, arg);
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++) {
		const struct reference *ref = &m->refs[r];
		list_each(&ref->problems, fn, arg);
		for (size_t k = 0; k < ref->nlinks; k++)
			list_each(&ref->links[k].problems, fn, arg);
	}
}

void model_each_problem(const struct model *m, void (*fn)(const struct problem *, void *), void *arg)
{
	list_each(&m->problems, fn, arg);
	for (size_t d = 0; d < m->ndocs; d++)
		document_each_problem(m, d, fn, arg);
}

static void count(const struct problem *p, void *arg)
{
	struct summary *s = arg;
	s->severity[problem_severity(p->code)]++;
	s->by_code[p->code]++;
	if (p->mark == MARK_NEW) {
		s->findings_new++;
		s->new_severity[problem_severity(p->code)]++;
	} else if (p->mark == MARK_UNCHANGED) {
		s->findings_unchanged++;
	}
}

/* Findings past a list's cap are counted, though not listed. */
static void count_omitted(const struct problem_list *l, struct summary *s)
{
	const struct problem_caps *counts = problems_counts(l);
	for (size_t c = 0; counts && c < PROB__COUNT; c++) {
		size_t k = counts->omitted[c];
		s->omitted[c] += k;
		s->severity[problem_severity((enum problem_code)c)] += k;
		s->by_code[c] += k;
	}
}

/* The targets already counted: for the run, a byte a target; for one
 * document, its own targets sorted, with a byte each (a byte a target of
 * the run for each of 38,000 documents was most of writing a report). */
struct seen_set {
	unsigned char *bytes; /* one per target of the run; NULL: by ids */
	size_t *ids;          /* sorted, distinct */
	unsigned char *flags; /* one per id */
	size_t n;
};

static int by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static void seen_of_document(const struct model *m, const struct document *d, struct seen_set *s)
{
	size_t n = 0;
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++)
		n += m->refs[r].nlinks;
	s->bytes = NULL;
	s->ids = xmalloc((n + 1) * sizeof *s->ids);
	s->n = 0;
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++)
			s->ids[s->n++] = m->refs[r].links[k].target;
	qsort(s->ids, s->n, sizeof *s->ids, by_index);
	size_t kept = 0;
	for (size_t i = 0; i < s->n; i++)
		if (!kept || s->ids[kept - 1] != s->ids[i])
			s->ids[kept++] = s->ids[i];
	s->n = kept;
	s->flags = xcalloc(kept + 1, 1);
}

/* Whether target t is counted for the first time. */
static bool first_time(struct seen_set *s, size_t t)
{
	unsigned char *flag = NULL;
	if (s->bytes) {
		flag = &s->bytes[t];
	} else {
		const size_t *at = bsearch(&t, s->ids, s->n, sizeof *s->ids, by_index);
		flag = at ? &s->flags[at - s->ids] : NULL;
	}
	if (!flag || *flag)
		return false;
	*flag = 1;
	return true;
}

static void seen_finish(struct seen_set *s)
{
	free(s->bytes);
	free(s->ids);
	free(s->flags);
}

/* Counts the links of references [first, first + n); seen tells the
 * distinct URLs and the requests sent for them. */
static void count_links(const struct model *m, size_t first, size_t n, struct seen_set *seen, struct summary *s)
{
	s->references += n;
	for (size_t r = first; r < first + n; r++) {
		const struct work_search *search = model_search_of(m, r);
		if (search)
			s->searches[search->verdict]++;
		s->links += m->refs[r].nlinks;
		s->references_with_links += m->refs[r].nlinks > 0;
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			const struct link *l = &m->refs[r].links[k];
			const struct target *t = &m->targets[l->target];
			if (first_time(seen, l->target)) {
				s->distinct_urls++;
				s->requests += target_live(t)->attempts;
			}
			s->kinds[l->kind]++;
			if (l->kind == LINK_DOI && link_extra(l)->doi)
				s->identity[work_match(&m->refs[r], m->dois_planned ? model_doi_find(m, link_extra(l)->doi) : NULL).verdict]++;
			else if (page_identity_applies(&m->refs[r], k))
				s->title_checks[page_identity(m, &m->refs[r], k).verdict]++;
			if (l->ignored) /* --ignore VERDICT: counted in links_ignored instead */
				continue;
			if (cited_snapshot_covers(m, l)) { /* the source is kept: fails nothing */
				s->snapshot_cited++;
				continue;
			}
			s->live[target_live(t)->verdict]++;
			bool confirmed = target_live(t)->verdict == LIVE_DEAD && target_live(t)->confirmed;
			s->confirmed += confirmed;
			if (l->mark == MARK_NEW) {
				s->new_live[target_live(t)->verdict]++;
				s->new_confirmed += confirmed;
			} else if (l->mark == MARK_UNCHANGED)
				s->links_unchanged++;
			if (l->lookup != NO_INDEX32) {
				s->archive[m->lookups[l->lookup].archive.verdict]++;
				s->drift[m->lookups[l->lookup].drift.verdict]++;
			} else if (m->archive_planned) {
				s->archive[ARCHIVE_SKIPPED]++;
				s->drift[DRIFT_UNKNOWN]++;
			}
		}
	}
}

void summary_compute_document(const struct model *m, size_t doc, struct summary *s)
{
	const struct document *d = &m->docs[doc];
	memset(s, 0, sizeof *s);
	s->documents = 1;
	s->unreadable = d->error != NULL;
	struct seen_set seen;
	seen_of_document(m, d, &seen);
	count_links(m, d->first_ref, d->nrefs, &seen, s);
	seen_finish(&seen);
	count_omitted(&d->problems, s);
	s->footnotes_cited = d->footnotes_cited;
	s->footnotes_defined = d->footnotes_defined;
	document_each_problem(m, doc, count, s);
}

void summary_compute(const struct model *m, struct summary *s)
{
	memset(s, 0, sizeof *s);
	struct seen_set seen = {xcalloc(m->ntargets + 1, 1), NULL, NULL, 0};
	s->documents = m->ndocs;
	for (size_t d = 0; d < m->ndocs; d++) {
		const struct document *doc = &m->docs[d];
		s->unreadable += doc->error != NULL;
		count_links(m, doc->first_ref, doc->nrefs, &seen, s);
		count_omitted(&doc->problems, s);
		s->footnotes_cited += doc->footnotes_cited;
		s->footnotes_defined += doc->footnotes_defined;
	}
	seen_finish(&seen);
	/* every request of the live stage, the originals of snapshots included */
	s->requests = 0;
	for (size_t t = 0; t < m->ntargets; t++)
		s->requests += target_live(&m->targets[t])->attempts;
	count_omitted(&m->problems, s);
	s->offline = live_offline(m);
	s->lookups = m->nlookups;
	for (size_t i = 0; i < m->nlookups; i++)
		s->archive_requests += m->lookups[i].archive.requests;
	for (size_t i = 0; i < m->ndois; i++)
		s->doi_requests += m->dois[i].requests;
	for (size_t i = 0; i < m->nsearches; i++)
		s->search_requests += m->searches[i].requests;
	model_each_problem(m, count, s);
	if (m->baseline) {
		s->links_fixed = m->baseline->fixed_links_total;
		s->findings_fixed = m->baseline->fixed_findings_total;
	}
}

struct ranked {
	size_t doc, bad, errors;
};

static int by_badness(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->bad != y->bad)
		return x->bad > y->bad ? -1 : 1;
	if (x->errors != y->errors)
		return x->errors > y->errors ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static size_t *rank_documents(const struct model *m, const struct doc_counts *per_doc)
{
	struct ranked *v = xmalloc((m->ndocs + 1) * sizeof *v);
	for (size_t d = 0; d < m->ndocs; d++)
		v[d] = (struct ranked){d, per_doc[d].dead + per_doc[d].changed,
				       per_doc[d].errors + (m->docs[d].error != NULL)};
	qsort(v, m->ndocs, sizeof *v, by_badness);
	size_t *order = xmalloc((m->ndocs + 1) * sizeof *order);
	for (size_t d = 0; d < m->ndocs; d++)
		order[d] = v[d].doc;
	free(v);
	return order;
}

struct counting {
	const struct model *m;
	struct doc_counts *out; /* one per document */
};

static void *count_documents(void *p)
{
	const struct counting *c = p;
	for (size_t d = 0; d < c->m->ndocs; d++) {
		struct summary one;
		summary_compute_document(c->m, d, &one);
		c->out[d] = (struct doc_counts){one.live[LIVE_DEAD], one.drift[DRIFT_CHANGED], one.severity[SEV_ERROR]};
	}
	return NULL;
}

void summaries_compute(const struct model *m, unsigned jobs, struct summaries *s)
{
	s->doc = xmalloc((m->ndocs + 1) * sizeof *s->doc);
	struct counting c = {m, s->doc};
	/* the documents' counts beside the run's, as long as each: both
	 * passes only read the model */
	pthread_t beside;
	bool apart = jobs > 1 && m->ndocs > 1 && pthread_create(&beside, NULL, count_documents, &c) == 0;
	summary_compute(m, &s->run);
	if (apart)
		pthread_join(beside, NULL);
	else
		count_documents(&c);
	s->rank = rank_documents(m, s->doc);
}

void summaries_finish(struct summaries *s)
{
	free(s->doc);
	free(s->rank);
	s->doc = NULL;
	s->rank = NULL;
}
