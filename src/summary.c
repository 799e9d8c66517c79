#include "summary.h"

#include <string.h>

#include "check_live.h"

void model_each_problem(const struct model *m, void (*fn)(const struct problem *, void *), void *arg)
{
	for (size_t i = 0; i < m->problems.n; i++)
		fn(&m->problems.v[i], arg);
	for (size_t r = 0; r < m->nrefs; r++) {
		const struct reference *ref = &m->refs[r];
		for (size_t i = 0; i < ref->problems.n; i++)
			fn(&ref->problems.v[i], arg);
		for (size_t k = 0; k < ref->nlinks; k++)
			for (size_t i = 0; i < ref->links[k].problems.n; i++)
				fn(&ref->links[k].problems.v[i], arg);
	}
}

static void count(const struct problem *p, void *arg)
{
	struct summary *s = arg;
	s->severity[problem_severity(p->code)]++;
	s->by_code[p->code]++;
}

void summary_compute(const struct model *m, struct summary *s)
{
	memset(s, 0, sizeof *s);
	for (size_t c = 0; m->problems.caps && c < PROB__COUNT; c++) {
		size_t k = m->problems.caps->omitted[c];
		s->omitted[c] = k; /* counted as findings, though not listed */
		s->severity[problem_severity((enum problem_code)c)] += k;
		s->by_code[c] += k;
	}
	s->references = m->nrefs;
	for (size_t t = 0; t < m->ntargets; t++)
		s->distinct_urls += m->targets[t].citations > 0;
	for (size_t r = 0; r < m->nrefs; r++) {
		s->links += m->refs[r].nlinks;
		s->references_with_links += m->refs[r].nlinks > 0;
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			const struct link *l = &m->refs[r].links[k];
			s->kinds[l->kind]++;
			s->live[m->targets[l->target].live.verdict]++;
			if (l->lookup != NO_INDEX) {
				s->archive[m->lookups[l->lookup].archive.verdict]++;
				s->drift[m->lookups[l->lookup].drift.verdict]++;
			} else if (m->archive_planned) {
				s->archive[ARCHIVE_SKIPPED]++;
				s->drift[DRIFT_UNKNOWN]++;
			}
		}
	}
	for (size_t t = 0; t < m->ntargets; t++)
		s->requests += m->targets[t].live.attempts;
	s->offline = live_offline(m);
	s->lookups = m->nlookups;
	for (size_t i = 0; i < m->nlookups; i++)
		s->archive_requests += m->lookups[i].archive.requests;
	s->footnotes_cited = footnotes_count_cited(&m->notes);
	s->footnotes_defined = footnotes_count_defined(&m->notes);
	model_each_problem(m, count, s);
}
