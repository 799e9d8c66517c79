#include "report_text.h"

#include <stdlib.h>
#include <string.h>

#include "safe_text.h"
#include "util.h"

/* A line to print: a finding, or a link's live verdict. */
struct item {
	unsigned line, column;
	const struct problem *p;
	const struct link *l;
	const struct live_result *live;
};

struct collected {
	struct item *v;
	size_t n, cap;
	bool verbose;
};

static void add(struct collected *c, struct item it)
{
	grow_array(&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = it;
}

static void collect(const struct problem *p, void *arg)
{
	struct collected *c = arg;
	if (problem_severity(p->code) >= (c->verbose ? SEV_INFO : SEV_WARNING))
		add(c, (struct item){p->line, p->column, p, NULL, NULL});
}

static int by_place(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return (x->l != NULL) - (y->l != NULL);
}

static void print_item(const struct model *m, const struct item *it, FILE *out)
{
	fput_safe(m->doc.path, out);
	putc(':', out);
	if (it->line)
		fprintf(out, "%u:", it->line);
	if (it->column)
		fprintf(out, "%u:", it->column);
	if (it->p) {
		const struct problem *p = it->p;
		fprintf_safe(out, " %s: %s [%s]", severity_name(problem_severity(p->code)), p->message,
			     problem_code_name(p->code));
		putc('\n', out);
		if (p->suggestion) {
			fputs("    suggestion: ", out);
			fput_safe(p->suggestion, out);
			putc('\n', out);
		}
		return;
	}
	fprintf_safe(out, " %s: %s (%s", live_verdict_name(it->live->verdict), it->l->url, it->live->reason);
	if (it->live->http_status && strncmp(it->live->reason, "http-", 5) != 0)
		fprintf(out, ", HTTP %ld", it->live->http_status);
	fputs(")\n", out);
}

void report_text_write(const struct model *m, const struct summary *s, bool verbose, FILE *out)
{
	struct collected c = {NULL, 0, 0, verbose};
	model_each_problem(m, collect, &c);
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			const struct link *l = &m->refs[r].links[k];
			const struct live_result *lr = &m->targets[l->target].live;
			if (lr->verdict == LIVE_DEAD ||
			    (verbose && (lr->verdict == LIVE_BLOCKED || lr->verdict == LIVE_ERROR)))
				add(&c, (struct item){l->line, l->column, NULL, l, lr});
		}
	if (c.n)
		qsort(c.v, c.n, sizeof *c.v, by_place);
	for (size_t i = 0; i < c.n; i++)
		print_item(m, &c.v[i], out);
	free(c.v);
	for (int k = 0; k < PROB__COUNT; k++)
		if (s->omitted[k])
		{
			fprintf_safe(out, "citecheck: %s: %zu more %s findings, over %d of one kind, are not listed",
				     m->doc.path, s->omitted[k], problem_code_name((enum problem_code)k),
				     PROBLEMS_PER_CODE_MAX);
			putc('\n', out);
		}
	fprintf_safe(out,
		"citecheck: %s: %zu reference%s, %zu link%s (%zu distinct URL%s), "
		"footnotes %zu cited / %zu defined; %zu error%s, %zu warning%s",
		m->doc.path, s->references, s->references == 1 ? "" : "s", s->links, s->links == 1 ? "" : "s",
		s->distinct_urls, s->distinct_urls == 1 ? "" : "s", s->footnotes_cited, s->footnotes_defined,
		s->severity[SEV_ERROR], s->severity[SEV_ERROR] == 1 ? "" : "s", s->severity[SEV_WARNING],
		s->severity[SEV_WARNING] == 1 ? "" : "s");
	putc('\n', out);
	if (s->requests || s->offline)
		fprintf(out, "citecheck: links: %zu alive, %zu dead, %zu blocked, %zu unverified, %zu skipped%s\n",
			s->live[LIVE_ALIVE], s->live[LIVE_DEAD], s->live[LIVE_BLOCKED], s->live[LIVE_ERROR],
			s->live[LIVE_SKIPPED],
			s->offline ? "; OFFLINE: no cited host could be reached, nothing was judged" : "");
	if (s->archive_requests)
		fprintf(out,
			"citecheck: archive: %zu archived, %zu not archived, %zu unknown (%zu requests); "
			"drift: %zu unchanged, %zu changed, %zu unknown\n",
			s->archive[ARCHIVE_ARCHIVED], s->archive[ARCHIVE_NOT_ARCHIVED], s->archive[ARCHIVE_UNKNOWN],
			s->archive_requests, s->drift[DRIFT_UNCHANGED], s->drift[DRIFT_CHANGED], s->drift[DRIFT_UNKNOWN]);
	if (m->incomplete)
		fprintf(out, "citecheck: %s: the report holds only what was checked before then\n", m->incomplete);
}
