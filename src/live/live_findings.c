#include "live/live_findings.h"

#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/util.h"

/* A permanent redirect to another page that is there: cite the new address. */
static void moves(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			const struct live_result *lr = target_live(&m->targets[l->target]);
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

/* A near-duplicate pair judged by what the web said: a typo leaves one of
 * the two dead and the other answering. Two pages that both answer are
 * two pages: no finding. The one that answers while the other is dead
 * needs no fixing: the finding stays with the dead one, which is told
 * what to cite instead. Other answers leave the finding as it was. */
static void near_duplicates(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			struct problem_list *pl = &l->problems;
			size_t kept = 0;
			for (size_t i = 0; i < problems_len(pl); i++) {
				struct problem *p = &problems_at(pl)[i];
				size_t ti;
				enum live_verdict own = target_live(&m->targets[l->target])->verdict, other = LIVE_UNCHECKED;
				if (p->code == PROB_URL_NEAR_DUPLICATE && p->other && model_target_find(m, p->other, &ti))
					other = target_live(&m->targets[ti])->verdict;
				if (own == LIVE_ALIVE && (other == LIVE_ALIVE || other == LIVE_DEAD)) {
					problem_free(p);
					continue;
				}
				if (own == LIVE_DEAD && other == LIVE_ALIVE) {
					char *cut = strstr(p->message, ": one of them is probably a typo");
					if (cut)
						*cut = '\0';
					char *msg = xasprintf("%s, which answers while this one is dead: probably a typo of it",
							      p->message);
					free(p->message);
					p->message = msg;
					free(p->suggestion);
					p->suggestion = xstrdup(p->other);
				}
				problems_at(pl)[kept++] = *p;
			}
			problems_truncate(pl, kept);
		}
}

void live_findings(struct model *m)
{
	moves(m);
	near_duplicates(m);
	missing_fragments(m);
}
