#include "archive/archive_findings.h"

#include <stdio.h>
#include <string.h>

#include "extract/classify_url.h"
#include "util/util.h"

/* "2023-05-18" from 14 digits; "?" if they are not a time. */
static void day_of(const char *ts, char out[static 11])
{
	if (!wayback_timestamp_day(ts, out))
		strcpy(out, "?");
}

/* Gives the text finding code on l the snapshot to cite, if it has none. */
static void suggest(struct link *l, enum problem_code code, const char *url)
{
	for (size_t i = 0; i < problems_len(&l->problems); i++)
		if (problems_at(&l->problems)[i].code == code && !problems_at(&l->problems)[i].suggestion)
			problems_at(&l->problems)[i].suggestion = xstrdup(url);
}

static void dead_link(struct link *l, const struct live_result *live, const struct archive_result *a)
{
	char day[11];
	const char *why = live->reason ? live->reason : "dead";
	if (a->verdict == ARCHIVE_ARCHIVED) {
		day_of(a->timestamp, day);
		problems_add(&l->problems, PROB_DEAD_ARCHIVED, l->line, l->column,
			     xasprintf("the page is gone (%s); the Wayback Machine has it from %s: cite the snapshot",
				       why, day),
			     xstrdup(a->snapshot_url));
	} else if (a->verdict == ARCHIVE_NOT_ARCHIVED && a->reason && !strcmp(a->reason, "excluded")) {
		problems_add(&l->problems, PROB_DEAD_UNARCHIVED, l->line, l->column,
			     xasprintf("the page is gone (%s) and the Wayback Machine will not show it (the site "
				       "is excluded from the archive): the source is lost unless another archive "
				       "or the publisher has it",
				       why),
			     NULL);
	} else if (a->verdict == ARCHIVE_NOT_ARCHIVED) {
		problems_add(&l->problems, PROB_DEAD_UNARCHIVED, l->line, l->column,
			     xasprintf("the page is gone (%s) and the Wayback Machine has no copy of it: the source "
				       "is lost unless another archive or the publisher has it",
				       why),
			     NULL);
	}
}

static void cited_snapshot(struct link *l, const struct archive_result *a)
{
	if (a->verdict == ARCHIVE_NOT_ARCHIVED) {
		problems_add(&l->problems, PROB_SNAPSHOT_MISSING, l->line, l->column,
			     xstrdup("the Wayback Machine has no capture of this page with status 200: the cited "
				     "snapshot does not show the source"),
			     NULL);
		return;
	}
	if (a->verdict != ARCHIVE_ARCHIVED)
		return;
	if (!l->pinned) {
		suggest(l, PROB_ARCHIVE_UNPINNED, a->snapshot_url);
	} else if (strcmp(a->timestamp, link_extra(l)->timestamp) != 0) {
		problems_add(&l->problems, PROB_SNAPSHOT_DIFFERS, l->line, l->column,
			     xasprintf("the archive has no capture at %s; the one it shows is from %s", link_extra(l)->timestamp,
				       a->timestamp),
			     xstrdup(a->snapshot_url));
	}
}

static void changed(struct link *l, const struct lookup *k)
{
	char day[11];
	day_of(k->archive.timestamp, day);
	problems_add(&l->problems, PROB_CONTENT_CHANGED, l->line, l->column,
		     xasprintf("the page has changed since it was cited: %.0f%% of its text is as archived on %s",
			       k->drift.similarity * 100, day),
		     xstrdup(k->archive.snapshot_url));
}

/* One document-level warning for lookups without an answer, with counts by reason. */
static void incomplete(struct model *m)
{
	size_t unknown = 0;
	struct buf why;
	buf_init(&why);
	for (size_t i = 0; i < m->nlookups; i++) {
		const struct archive_result *a = &m->lookups[i].archive;
		if (a->verdict != ARCHIVE_UNKNOWN)
			continue;
		unknown++;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = m->lookups[j].archive.verdict == ARCHIVE_UNKNOWN &&
			       m->lookups[j].archive.reason == a->reason;
		if (seen)
			continue;
		size_t n = 0;
		for (size_t j = i; j < m->nlookups; j++)
			n += m->lookups[j].archive.verdict == ARCHIVE_UNKNOWN && m->lookups[j].archive.reason == a->reason;
		char part[96];
		snprintf(part, sizeof part, "%s%s %zu", why.len ? ", " : "", a->reason ? a->reason : "unknown", n);
		buf_append(&why, part, strlen(part));
	}
	if (unknown)
		problems_add(&m->problems, PROB_ARCHIVE_INCOMPLETE, 0, 0,
			     xasprintf("%zu of %zu archive lookups got no answer (%s): their links are not known to be "
				       "archived or unchanged",
				       unknown, m->nlookups, why.data),
			     NULL);
	buf_finish(&why);
}

void archive_findings(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++) {
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			if (l->lookup == NO_INDEX32)
				continue;
			const struct lookup *lk = &m->lookups[l->lookup];
			const struct archive_result *a = &lk->archive;
			if (link_extra(l)->snapshot_link != NO_INDEX32) /* cited with its snapshot: cited_snapshot.h */
				continue;
			if (l->kind == LINK_DIRECT && target_live(&m->targets[l->target])->verdict == LIVE_DEAD)
				dead_link(l, target_live(&m->targets[l->target]), a);
			else if (l->kind == LINK_DIRECT && lk->drift.verdict == DRIFT_CHANGED)
				changed(l, lk);
			else if (l->kind == LINK_ARCHIVE_SNAPSHOT)
				cited_snapshot(l, a);
			else if (l->kind == LINK_ARCHIVE_REQUEST && a->verdict == ARCHIVE_ARCHIVED)
				suggest(l, PROB_ARCHIVE_SAVE, a->snapshot_url);
		}
	}
	incomplete(m);
}
