#include "cache/cache.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_db.h"
#include "compare/compare_drift.h"
#include "util/util.h"

static const char *const archive_names[] = {"unchecked", "archived", "not-archived", "unknown", "skipped"};
static const char *const drift_names[] = {"unchecked", "unchanged", "changed", "unknown"};

/* The index of s among names; -1 when it is none of them. */
static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

/* A capture's time as stored: its 14 digits, or none. */
static bool timestamp_ok(sqlite3_stmt *st, int i)
{
	const char *s = column_text(st, i);
	if (!s)
		return true;
	size_t n = strspn(s, "0123456789");
	return n == 14 && !s[n];
}

static bool similarity_ok(sqlite3_stmt *st, int i)
{
	int type = sqlite3_column_type(st, i);
	double v = sqlite3_column_double(st, i);
	return type == SQLITE_NULL || ((type == SQLITE_FLOAT || type == SQLITE_INTEGER) && v >= 0.0 && v <= 1.0);
}

/* As live_row_ok (cache_live.c): every field one citecheck could have written. */
static bool archive_row_ok(sqlite3_stmt *st)
{
	bool drift = sqlite3_column_type(st, 7) != SQLITE_NULL;
	return column_int_ok(st, 0, 1, (sqlite3_int64)1 << 40) && name_index(archive_names, 5, column_text(st, 1)) > 0 &&
	       column_text_ok(st, 2, CACHE_MAX_WORD, false) && timestamp_ok(st, 3) &&
	       column_text_ok(st, 4, CACHE_MAX_URL, false) && column_int_ok(st, 5, 0, 1) && column_int_ok(st, 6, 0, 999) &&
	       (!drift || name_index(drift_names, 4, column_text(st, 7)) > 0) && column_text_ok(st, 8, CACHE_MAX_WORD, false) &&
	       column_text_ok(st, 9, CACHE_MAX_WORD, false) && similarity_ok(st, 10) && column_int_ok(st, 11, -1, 1) &&
	       column_int_ok(st, 12, -1, 1) && column_text_ok(st, 13, CACHE_MAX_LOST, true) &&
	       column_int_ok(st, 14, 0, (sqlite3_int64)1 << 40) && print_ok(st, 15) &&
	       column_text_ok(st, 22, CACHE_MAX_TITLES, true);
}

/* Lookups for "now" are kept under "now": the newest capture, whenever. */
static const char *want_key(const struct lookup *k)
{
	return strcmp(k->want_from, "now") ? k->want : "now";
}

static bool archive_young(int verdict, bool now_lookup, int64_t age, const struct cache_policy *p)
{
	if (p->only)
		return true;
	if (age < 0)
		return false;
	if (verdict == ARCHIVE_ARCHIVED)
		return !now_lookup || age <= p->max_age; /* the newest capture changes */
	int64_t limit = verdict == ARCHIVE_NOT_ARCHIVED ? CACHE_NOT_ARCHIVED_AGE : CACHE_TRANSIENT_AGE;
	return age <= (limit < p->max_age ? limit : p->max_age);
}

static void load_archive(struct model *m, struct lookup *k, sqlite3_stmt *st)
{
	struct archive_result *a = &k->archive;
	a->checked_at = sqlite3_column_int64(st, 0);
	a->verdict = (enum archive_verdict)name_index(archive_names, 5, column_text(st, 1));
	a->reason = column_text(st, 2) ? model_intern(m, column_text(st, 2)) : NULL;
	snprintf(a->timestamp, sizeof a->timestamp, "%s", column_text(st, 3) ? column_text(st, 3) : "");
	free(a->snapshot_url);
	a->snapshot_url = dup_column(st, 4);
	a->via_cdx = sqlite3_column_int(st, 5);
	a->http_status = sqlite3_column_int(st, 6);
	a->cached = true;
	free(k->snapshot_titles);
	k->snapshot_titles = dup_column(st, 22);
}

static void load_drift(struct model *m, struct lookup *k, sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 7) == SQLITE_NULL)
		return;
	struct drift_result *d = &k->drift;
	d->verdict = (enum drift_verdict)name_index(drift_names, 4, column_text(st, 7));
	d->reason = column_text(st, 8) ? model_intern(m, column_text(st, 8)) : NULL;
	d->measure = column_text(st, 9) ? model_intern(m, column_text(st, 9)) : NULL;
	d->similarity = sqlite3_column_double(st, 10);
	d->title_live = (signed char)sqlite3_column_int(st, 11);
	d->title_snapshot = (signed char)sqlite3_column_int(st, 12);
	free(d->lost);
	d->lost = dup_column(st, 13);
}

/* The drift verdict stored with a capture was measured against one live
 * answer; it stands while that answer, alive, is the one this run uses. A
 * page that is not alive now has no drift of today to give: a print of an
 * earlier run is never compared as if it were this run's (a 404 was
 * reported "unchanged, similarity 1"). */
static bool drift_stands(const struct model *m, const struct lookup *k, sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 7) == SQLITE_NULL)
		return false;
	if (k->page == NO_INDEX)
		return true;
	const struct live_result *r = target_live(&m->targets[k->page]);
	return r->verdict == LIVE_ALIVE && r->cached && r->checked_at == sqlite3_column_int64(st, 14);
}

/* Whether the page is alive now with a print to compare. */
static bool live_comparable(const struct model *m, const struct lookup *k)
{
	return k->page != NO_INDEX && target_live(&m->targets[k->page])->verdict == LIVE_ALIVE &&
	       target_print(&m->targets[k->page])->type != PAGE_NONE;
}

bool cache_reuse_archive(struct cache *c, struct model *m, size_t li, const struct cache_policy *p)
{
	struct lookup *k = &m->lookups[li];
	cache_read_begin(c);
	sqlite3_stmt *st = c->archive_get;
	sqlite3_bind_text(st, 1, k->original, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, want_key(k), -1, SQLITE_STATIC);
	bool reused = false;
	c->bounded = true;
	int step = sqlite3_step(st);
	c->bounded = false;
	if (step == SQLITE_ROW && !archive_row_ok(st)) {
		c->refused++;
	} else if (step == SQLITE_ROW) {
		int v = name_index(archive_names, 5, column_text(st, 1));
		bool now_lookup = !strcmp(k->want_from, "now");
		bool snap_kept = sqlite3_column_type(st, 15) != SQLITE_NULL && sqlite3_column_int(st, 15) != PAGE_NONE;
		if (archive_young(v, now_lookup, p->now - sqlite3_column_int64(st, 0), p)) {
			if (drift_stands(m, k, st)) {
				load_archive(m, k, st);
				load_drift(m, k, st);
				reused = true;
			} else if (p->only && !live_comparable(m, k)) {
				load_archive(m, k, st); /* drift: none of this run to give (explained later) */
				reused = true;
			} else if (v != ARCHIVE_ARCHIVED || !live_comparable(m, k) || snap_kept) {
				/* the page changed since, or never had a print: measure
				 * again against the capture's print, with no request */
				load_archive(m, k, st);
				if (snap_kept)
					read_print(&k->snapshot, st, 15);
				if (v == ARCHIVE_ARCHIVED && live_comparable(m, k))
					drift_compare_prints(target_print(&m->targets[k->page]), &k->snapshot, p->drift_threshold,
							     &k->drift);
				reused = true;
			} else if (p->only) {
				load_archive(m, k, st); /* drift: unknown, the capture not fetched */
				reused = true;
			}
		}
	}
	sqlite3_reset(st);
	if (!reused && p->only) {
		k->archive.verdict = ARCHIVE_UNKNOWN;
		k->archive.reason = "not-cached";
		reused = true;
	}
	return reused;
}

/* What this run learnt from the archive (not what the cache told it, nor
 * what it did not get to ask). */
static bool archive_learnt(const struct archive_result *a)
{
	if (a->cached)
		return false;
	switch (a->verdict) {
	case ARCHIVE_ARCHIVED:
	case ARCHIVE_NOT_ARCHIVED:
		return true;
	case ARCHIVE_UNKNOWN:
		return a->reason && strcmp(a->reason, "interrupted") && strcmp(a->reason, "deadline") &&
		       strcmp(a->reason, "offline") && strcmp(a->reason, "not-cached");
	default:
		return false;
	}
}
static int bind_archive(sqlite3_stmt *st, const struct model *m, const struct lookup *k, const struct cache_policy *p)
{
	const struct archive_result *a = &k->archive;
	const struct drift_result *d = &k->drift;
	sqlite3_bind_text(st, 1, k->original, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, want_key(k), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, p->now);
	sqlite3_bind_text(st, 4, archive_names[a->verdict], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, a->timestamp[0] ? a->timestamp : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, a->snapshot_url, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, a->via_cdx);
	sqlite3_bind_int(st, 9, (int)a->http_status);
	if (d->verdict != DRIFT_UNCHECKED) {
		sqlite3_bind_text(st, 10, drift_names[d->verdict], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 11, d->reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 12, d->measure, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 13, d->similarity);
		sqlite3_bind_int(st, 14, d->title_live);
		sqlite3_bind_int(st, 15, d->title_snapshot);
		sqlite3_bind_text(st, 16, d->lost, -1, SQLITE_STATIC);
		if (k->page != NO_INDEX)
			sqlite3_bind_int64(st, 17, target_live(&m->targets[k->page])->checked_at);
	}
	if (k->snapshot.type != PAGE_NONE)
		bind_print(st, 18, &k->snapshot);
	sqlite3_bind_text(st, 25, k->snapshot_titles, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int cache_store_archive(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen)
{
	cache_read_end(c);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(c->db,
			       "INSERT OR REPLACE INTO archive (original, want, checked_at, verdict, reason, timestamp,"
			       " snapshot_url, via_cdx, http_status, drift_verdict, drift_reason, drift_measure,"
			       " drift_similarity, drift_title_live, drift_title_snapshot, drift_lost, live_checked_at,"
			       " snap_type, snap_digest, snap_bytes, snap_title, snap_words, snap_partial, snap_sketch,"
			       " snap_titles)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return cache_fail(c->db, "writing archive answers", err, errlen);
	int rc = cache_exec(c->db, "BEGIN IMMEDIATE", err, errlen);
	bool open = rc == 0;
	for (size_t i = 0; rc == 0 && i < m->nlookups; i++) {
		struct lookup *k = &m->lookups[i];
		if (!archive_learnt(&k->archive))
			continue;
		k->archive.checked_at = p->now;
		if (bind_archive(st, m, k, p))
			rc = cache_fail(c->db, "writing archive answers", err, errlen);
	}
	rc = cache_end_write(c->db, rc, open, err, errlen);
	sqlite3_finalize(st);
	return rc;
}
