#include "live/live_wraps.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* The url-wrap-unsure finding of document d about link l, whose joined
 * reading has target key key; its index, or d->problems.n. */
static size_t unsure_of(const struct document *d, const struct link *l, const char *key)
{
	size_t i = 0;
	while (i < problems_len(&d->problems) && !(problems_at(&d->problems)[i].code == PROB_URL_WRAP_UNSURE && problems_at(&d->problems)[i].other &&
				      problems_at(&d->problems)[i].line == l->line && !strcmp(problems_at(&d->problems)[i].other, key)))
		i++;
	return i;
}

/* Another link that cites target t, for its first citation, when the one
 * at refs[r].links[k] no longer does. */
static void first_citation_elsewhere(struct model *m, size_t t, size_t r, size_t k)
{
	struct target *tg = &m->targets[t];
	if (tg->first_ref != r || tg->first_link != k)
		return;
	for (size_t ri = 0; ri < m->nrefs; ri++)
		for (size_t ki = 0; ki < m->refs[ri].nlinks; ki++)
			if (m->refs[ri].links[ki].target == t) {
				tg->first_ref = ri;
				tg->first_link = ki;
				return;
			}
}

/* Link refs[r].links[k] cites the joined reading, target j, instead. */
static void cite_joined(struct model *m, size_t r, size_t k, size_t j, const char *joined)
{
	struct link *l = &m->refs[r].links[k];
	size_t cut = l->target;
	free(l->url);
	l->url = xstrdup(joined);
	link_set_normalized(l, strcmp(m->targets[j].key, l->url) ? xstrdup(m->targets[j].key) : NULL);
	if (link_extra(l)->written) {
		struct link_extra *x = link_extra_make(l);
		free(x->written);
		x->written = NULL;
	}
	l->target = j;
	struct target *t = &m->targets[j];
	if (t->repair) { /* fetched only to settle the wrap: cited now */
		t->repair = false;
		t->first_ref = r;
		t->first_link = k;
	}
	t->citations++;
	t->chrome_only = false;
	m->targets[cut].citations--;
	first_citation_elsewhere(m, cut, r, k);
}

static void settle(struct model *m, struct document *d, size_t r, size_t k, wrap_joined_fn joined, void *arg)
{
	struct link *l = &m->refs[r].links[k];
	size_t j = index_from32(link_extra(l)->wrap_target);
	link_extra_make(l)->wrap_target = NO_INDEX32;
	size_t pi = unsure_of(d, l, m->targets[j].key);
	if (pi == problems_len(&d->problems))
		return;
	struct problem *p = &problems_at(&d->problems)[pi];
	const struct live_result *as_cut = target_live(&m->targets[l->target]), *as_joined = target_live(&m->targets[j]);
	char *message;
	if (as_cut->verdict == LIVE_DEAD && as_joined->verdict == LIVE_ALIVE) {
		message = xasprintf("the URL went on at the next line: as it ends its line, %s is dead (%s); "
				    "joined, %s answers, and is the URL cited",
				    l->url, as_cut->reason ? as_cut->reason : "dead", p->suggestion);
		cite_joined(m, r, k, j, p->suggestion);
		joined(m, r, k, arg);
	} else if (as_cut->verdict == LIVE_ALIVE && as_joined->verdict == LIVE_DEAD) {
		message = xasprintf("the next line does not go on with the URL: as it ends its line, %s answers; "
				    "joined, %s is dead (%s)",
				    l->url, p->suggestion, as_joined->reason ? as_joined->reason : "dead");
	} else {
		return; /* both answer, both are dead, or one is unknown: still unsure */
	}
	l = &m->refs[r].links[k];
	problems_add(&l->problems, PROB_URL_WRAP_SETTLED, l->line, l->column, message, NULL);
	problems_remove(&d->problems, pi);
}

void live_settle_wraps(struct model *m, wrap_joined_fn joined, void *arg)
{
	for (size_t di = 0; di < m->ndocs; di++) {
		struct document *d = &m->docs[di];
		for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++)
			for (size_t k = 0; k < m->refs[r].nlinks; k++)
				if (link_extra(&m->refs[r].links[k])->wrap_target != NO_INDEX32)
					settle(m, d, r, k, joined, arg);
	}
}
