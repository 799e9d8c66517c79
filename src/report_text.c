#include "report_text.h"

#include <stdlib.h>

#include "util.h"

struct collected {
	const struct problem **v;
	size_t n, cap;
};

static void collect(const struct problem *p, void *arg)
{
	struct collected *c = arg;
	grow_array(&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = p;
}

static int by_place(const void *a, const void *b)
{
	const struct problem *x = *(const struct problem *const *)a, *y = *(const struct problem *const *)b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return (x->code > y->code) - (x->code < y->code);
}

void report_text_write(const struct model *m, const struct summary *s, enum severity min, FILE *out)
{
	struct collected c = {NULL, 0, 0};
	model_each_problem(m, collect, &c);
	if (c.n)
		qsort(c.v, c.n, sizeof *c.v, by_place);
	for (size_t i = 0; i < c.n; i++) {
		const struct problem *p = c.v[i];
		enum severity sev = problem_severity(p->code);
		if (sev < min)
			continue;
		fprintf(out, "%s:", m->doc.path);
		if (p->line)
			fprintf(out, "%u:", p->line);
		if (p->column)
			fprintf(out, "%u:", p->column);
		fprintf(out, " %s: %s [%s]\n", severity_name(sev), p->message, problem_code_name(p->code));
		if (p->suggestion)
			fprintf(out, "    suggestion: %s\n", p->suggestion);
	}
	free(c.v);
	fprintf(out,
		"citecheck: %s: %zu reference%s, %zu link%s (%zu distinct URL%s), "
		"footnotes %zu cited / %zu defined; %zu error%s, %zu warning%s\n",
		m->doc.path, s->references, s->references == 1 ? "" : "s", s->links, s->links == 1 ? "" : "s",
		s->distinct_urls, s->distinct_urls == 1 ? "" : "s", s->footnotes_cited, s->footnotes_defined,
		s->severity[SEV_ERROR], s->severity[SEV_ERROR] == 1 ? "" : "s", s->severity[SEV_WARNING],
		s->severity[SEV_WARNING] == 1 ? "" : "s");
}
