#include "fix/fix_plan.h"

#include <stdlib.h>
#include <string.h>

#include "check/checks.h"
#include "util/util.h"

static bool has_problem(const struct link *l, enum problem_code c)
{
	for (size_t i = 0; i < problems_len(&l->problems); i++)
		if (problems_at(&l->problems)[i].code == c)
			return true;
	return false;
}

static bool repairable(const struct link *l)
{
	return l->kind != LINK_LOCAL && (has_problem(l, PROB_URL_SPACE) || has_problem(l, PROB_URL_ILLEGAL_CHAR) ||
					 has_problem(l, PROB_URL_BAD_PERCENT));
}

/* What the live stage fetches to confirm a repair: the repaired URL, or
 * for a snapshot the same capture asked of the archive citecheck uses
 * (--wayback). NULL when the repair does not parse either. */
static char *confirm_url(const char *repaired, const struct fix_options *o)
{
	struct link t = {.url = xstrdup(repaired)};
	classify_link(&t, o->classify);
	char *u = NULL;
	if (t.valid && t.kind == LINK_ARCHIVE_SNAPSHOT && link_extra(&t)->original && link_extra(&t)->timestamp && !o->no_archive)
		u = xasprintf("%s/web/%s/%s", o->wayback, link_extra(&t)->timestamp, link_extra(&t)->original);
	else if (t.valid && t.kind == LINK_DIRECT)
		u = xstrdup(link_normalized(&t));
	link_finish(&t);
	return u;
}

void fix_prepare(struct model *m, const struct fix_options *o)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			if (!repairable(l))
				continue;
			char *fixed = fix_repair_url(l->url);
			char *confirm = strcmp(fixed, l->url) ? confirm_url(fixed, o) : NULL;
			if (confirm) {
				size_t ti = model_target_for(m, confirm, r, k); /* grows targets, not links */
				m->targets[ti].repair = true;
				link_extra_make(&m->refs[r].links[k])->repair_target = index_to32(ti);
			}
			free(confirm);
			free(fixed);
		}
}

/* "2023-05-18" from a capture's 14 digits; "" if they are not a time. */
static void day_of(const char *ts, char out[static 11])
{
	if (!wayback_timestamp_day(ts, out))
		out[0] = '\0';
}

static struct fix *add(struct document *d, enum fix_kind kind, size_t r, const struct link *l, size_t k,
		       const char *after)
{
	grow_array(&d->fixes, &d->fixes_cap, d->nfixes + 1, sizeof *d->fixes);
	struct fix *f = &d->fixes[d->nfixes++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->ref = r;
	f->link = k;
	f->line = l->line;
	f->column = l->column;
	f->before = xstrdup(l->url);
	f->after = xstrdup(after);
	return f;
}

/* The archive's capture for the link, when it found one. */
static const struct archive_result *capture(const struct model *m, const struct link *l)
{
	if (l->lookup == NO_INDEX32 || m->lookups[l->lookup].archive.verdict != ARCHIVE_ARCHIVED)
		return NULL;
	return &m->lookups[l->lookup].archive;
}

static void plan_link(struct model *m, struct document *d, size_t r, size_t k, const struct fix_options *o)
{
	const struct link *l = &m->refs[r].links[k];
	const struct target *t = &m->targets[l->target];
	const struct archive_result *a = capture(m, l);
	if (repairable(l)) {
		char *fixed = fix_repair_url(l->url);
		struct fix *f = add(d, FIX_REPAIR, r, l, k, fixed);
		/* the repaired URL does not work either, or was not asked */
		if (link_extra(l)->repair_target == NO_INDEX32 || target_live(&m->targets[link_extra(l)->repair_target])->verdict != LIVE_ALIVE)
			f->reason = "not-confirmed";
		free(fixed);
	} else if (link_extra(l)->written && (target_live(t)->verdict == LIVE_ALIVE || (l->kind != LINK_DIRECT && a))) {
		/* the escapes undone: the URL that was checked and works */
		struct fix *f = add(d, FIX_REPAIR, r, l, k, l->url);
		free(f->before);
		f->before = xstrdup(link_extra(l)->written);
	} else if (l->kind == LINK_ARCHIVE_REQUEST && a) {
		add(d, FIX_SAVE, r, l, k, a->snapshot_url);
	} else if (l->kind == LINK_ARCHIVE_SNAPSHOT && !l->pinned && a) {
		add(d, FIX_PIN, r, l, k, a->snapshot_url);
	} else if (l->kind == LINK_DIRECT && link_extra(l)->snapshot_link != NO_INDEX32) {
		/* cited with its snapshot already (cited_snapshot.h): nothing to add */
	} else if (l->kind == LINK_DIRECT && target_live(t)->verdict == LIVE_DEAD && a) {
		day_of(a->timestamp, add(d, FIX_DEAD, r, l, k, a->snapshot_url)->day);
	} else if (l->kind == LINK_DIRECT && l->lookup != NO_INDEX32 &&
		   m->lookups[l->lookup].drift.verdict == DRIFT_CHANGED && a) {
		day_of(a->timestamp, add(d, FIX_CHANGED, r, l, k, a->snapshot_url)->day);
	} else if (o->moved && l->kind == LINK_DIRECT && target_live(t)->moved && target_live(t)->final_url &&
		   target_live(t)->verdict == LIVE_ALIVE) {
		add(d, FIX_MOVED, r, l, k, target_live(t)->final_url);
	}
}

static int by_place(const void *a, const void *b)
{
	const struct fix *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return x->ref < y->ref ? -1 : x->ref > y->ref ? 1 : x->link < y->link ? -1 : x->link > y->link;
}

void fix_plan(struct model *m, const struct fix_options *o)
{
	for (size_t i = 0; i < m->ndocs; i++) {
		struct document *d = &m->docs[i];
		for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++)
			for (size_t k = 0; k < m->refs[r].nlinks; k++)
				plan_link(m, d, r, k, o);
		if (d->nfixes)
			qsort(d->fixes, d->nfixes, sizeof *d->fixes, by_place);
	}
}
