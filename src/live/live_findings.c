#include "live/live_findings.h"

#include <string.h>

#include "util/util.h"

/* A permanent redirect to another page that is there: cite the new address. */
static void moves(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			const struct live_result *lr = &m->targets[l->target].live;
			if (lr->moved && lr->final_url)
				problems_add(&l->problems, PROB_MOVED, l->line, l->column,
					     xasprintf("the page has moved for good (HTTP %s) to %s",
						       "301/308", lr->final_url),
					     xstrdup(lr->final_url));
		}
}

/* --check-fragments: a page that has not the cited element. */
static void missing_fragments(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			const struct target *t = &m->targets[l->target];
			const char *hash = strchr(t->key, '#');
			if (t->fragment_found == 0 && hash)
				problems_add(&l->problems, PROB_FRAGMENT_MISSING, l->line, l->column,
					     xasprintf("the page has no element named \"%s\": the link lands at the top "
						       "of the page",
						       hash + 1),
					     NULL);
		}
}

void live_findings(struct model *m)
{
	moves(m);
	missing_fragments(m);
}
