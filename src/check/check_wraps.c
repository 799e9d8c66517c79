#include "check/check_wraps.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* The target key of a direct link to url, or NULL (not a web page's URL). */
static char *direct_key(const char *url, const struct classify_config *cc)
{
	struct link t = {.url = xstrdup(url)};
	classify_link(&t, cc);
	char *key = t.valid && t.kind == LINK_DIRECT ? xstrdup(link_normalized(&t)) : NULL;
	link_finish(&t);
	return key;
}

/* The link a finding of document d is about: on the finding's line, a
 * direct link the joined reading begins with; NULL when none is. */
static struct link *cut_link(struct model *m, const struct document *d, const struct problem *p, size_t *ri,
			     size_t *li)
{
	size_t sn = strlen(p->suggestion);
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			size_t un = strlen(l->url);
			if (l->line == p->line && un < sn && !strncmp(l->url, p->suggestion, un) && l->valid &&
			    l->kind == LINK_DIRECT && link_extra(l)->wrap_target == NO_INDEX32) {
				*ri = r;
				*li = k;
				return l;
			}
		}
	return NULL;
}

void check_wraps(struct model *m, const struct classify_config *cc)
{
	for (size_t di = 0; di < m->ndocs; di++) {
		const struct document *d = &m->docs[di];
		for (size_t i = 0; i < problems_len(&d->problems); i++) {
			struct problem *p = &problems_at(&d->problems)[i];
			size_t r, k;
			struct link *l;
			char *key;
			if (p->code != PROB_URL_WRAP_UNSURE || !p->suggestion || !(l = cut_link(m, d, p, &r, &k)) ||
			    !(key = direct_key(p->suggestion, cc)))
				continue;
			size_t ti = model_target_for(m, key, r, k); /* grows targets, not links */
			l = &m->refs[r].links[k];
			if (ti == l->target) {
				free(key);
				continue;
			}
			if (!m->targets[ti].citations) /* no citation of its own: fetched to settle the wrap */
				m->targets[ti].repair = true;
			link_extra_make(l)->wrap_target = index_to32(ti);
			free(p->other);
			p->other = key;
		}
	}
}
