#include "compare/cited_snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "extract/classify_url.h"
#include "util/util.h"

/* The snapshot links of a source name their original page; the first whose
 * page is the direct link's own target. */
static size_t snapshot_of(const struct model *m, const struct reference *ref, const struct link *l)
{
	const char *key = m->targets[l->target].key;
	for (size_t k = 0; k < ref->nlinks; k++) {
		const struct link *s = &ref->links[k];
		if (s->kind != LINK_ARCHIVE_SNAPSHOT || !s->valid || !s->original)
			continue;
		const char *err;
		char *original = url_normalize(s->original, &err);
		bool same = original && !strcmp(original, key);
		free(original);
		if (same)
			return k;
	}
	return NO_INDEX;
}

void cited_snapshot_mark(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++) {
		struct reference *ref = &m->refs[r];
		bool snapshots = false;
		for (size_t k = 0; k < ref->nlinks && !snapshots; k++)
			snapshots = ref->links[k].kind == LINK_ARCHIVE_SNAPSHOT;
		for (size_t k = 0; snapshots && k < ref->nlinks; k++) {
			struct link *l = &ref->links[k];
			if (l->kind == LINK_DIRECT && l->valid)
				l->snapshot_link = snapshot_of(m, ref, l);
		}
	}
}

bool cited_snapshot_covers(const struct model *m, const struct link *l)
{
	return l->snapshot_link != NO_INDEX && m->targets[l->target].live.verdict == LIVE_DEAD;
}

static bool changed(const struct model *m, const struct link *l)
{
	return l->lookup != NO_INDEX && m->lookups[l->lookup].drift.verdict == DRIFT_CHANGED;
}

void cited_snapshot_findings(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			if (l->snapshot_link == NO_INDEX)
				continue;
			const struct link *s = &m->refs[r].links[l->snapshot_link];
			const struct live_result *live = &m->targets[l->target].live;
			if (live->verdict == LIVE_DEAD)
				problems_add(&l->problems, PROB_SNAPSHOT_CITED, l->line, l->column,
					     xasprintf("the page is gone (%s); the source cites its snapshot beside it: %s",
						       live->reason ? live->reason : "dead", s->url),
					     NULL);
			else if (changed(m, l))
				problems_add(&l->problems, PROB_SNAPSHOT_CITED, l->line, l->column,
					     xasprintf("the page has changed since it was cited; the source cites its "
						       "snapshot beside it: %s",
						       s->url),
					     NULL);
		}
}
