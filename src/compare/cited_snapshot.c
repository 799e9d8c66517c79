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
		if (s->kind != LINK_ARCHIVE_SNAPSHOT || !s->valid || !link_extra(s)->original)
			continue;
		const char *err;
		char *original = url_normalize(link_extra(s)->original, &err);
		bool same = original && !strcmp(original, key);
		free(original);
		if (same)
			return k;
	}
	return NO_INDEX;
}

/* A link of body text is a source of its own: its snapshot, written after
 * it on its line, is the next source of the document. Returns the index of
 * that source's snapshot link in *at, or NO_INDEX. */
static size_t snapshot_after(const struct model *m, size_t r, size_t end, const struct link *l, size_t *at)
{
	for (size_t n = r + 1; n < end && m->refs[n].where == WHERE_BODY && m->refs[n].nlinks; n++) {
		const struct link *first = &m->refs[n].links[0];
		if (first->line != l->line)
			break;
		size_t k = snapshot_of(m, &m->refs[n], l);
		if (k != NO_INDEX) {
			*at = n;
			return k;
		}
		if (first->kind != LINK_ARCHIVE_SNAPSHOT)
			break; /* another page's link: the snapshot would be its */
	}
	return NO_INDEX;
}

void cited_snapshot_mark(struct model *m)
{
	for (size_t d = 0; d < m->ndocs; d++) {
		size_t end = m->docs[d].first_ref + m->docs[d].nrefs;
		for (size_t r = m->docs[d].first_ref; r < end; r++) {
			struct reference *ref = &m->refs[r];
			bool snapshots = ref->where == WHERE_BODY; /* a body link's may follow it */
			for (size_t k = 0; k < ref->nlinks && !snapshots; k++)
				snapshots = ref->links[k].kind == LINK_ARCHIVE_SNAPSHOT;
			for (size_t k = 0; snapshots && k < ref->nlinks; k++) {
				struct link *l = &ref->links[k];
				if (l->kind != LINK_DIRECT || !l->valid)
					continue;
				size_t at = r, link = snapshot_of(m, ref, l);
				if (link == NO_INDEX && ref->where == WHERE_BODY)
					link = snapshot_after(m, r, end, l, &at);
				link_extra_make(l)->snapshot_ref = index_to32(at);
				link_extra_make(l)->snapshot_link = index_to32(link);
			}
		}
	}
}

bool cited_snapshot_covers(const struct model *m, const struct link *l)
{
	return link_extra(l)->snapshot_link != NO_INDEX32 && target_live(&m->targets[l->target])->verdict == LIVE_DEAD;
}

static bool changed(const struct model *m, const struct link *l)
{
	return l->lookup != NO_INDEX32 && m->lookups[l->lookup].drift.verdict == DRIFT_CHANGED;
}

void cited_snapshot_findings(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			if (link_extra(l)->snapshot_link == NO_INDEX32)
				continue;
			const struct link *s = &m->refs[link_extra(l)->snapshot_ref].links[link_extra(l)->snapshot_link];
			const struct live_result *live = target_live(&m->targets[l->target]);
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
