#include "cache/cache.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_db.h"
#include "util/util.h"

static const char *const doi_names[] = {"unchecked", "found", "not-found", "unknown"};


bool work_fields_ok(sqlite3_stmt *st)
{
	bool ok = true;
	for (int i = 5; ok && i <= 7; i++)
		ok = column_text_ok(st, i, CACHE_MAX_TITLE, false);
	for (int i = 8; ok && i <= 10; i++)
		ok = column_int_ok(st, i, 0, 9999);
	return ok && column_text_ok(st, 11, CACHE_MAX_WORD, false) && column_text_ok(st, 12, CACHE_MAX_TITLE, false);
}

void load_work_fields(struct doi_lookup *d, sqlite3_stmt *st)
{
	d->title = dup_column(st, 5);
	d->authors = dup_column(st, 6);
	d->first_family = dup_column(st, 7);
	for (int i = 0; i < 3; i++)
		d->years[i] = sqlite3_column_int(st, 8 + i);
	d->type = dup_column(st, 11);
	d->container = dup_column(st, 12);
}

void bind_work_fields(sqlite3_stmt *st, const struct doi_lookup *d)
{
	sqlite3_bind_text(st, 7, d->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, d->authors, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, d->first_family, -1, SQLITE_STATIC);
	for (int y = 0; y < 3; y++)
		sqlite3_bind_int(st, 10 + y, d->years[y]);
	sqlite3_bind_text(st, 13, d->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, d->container, -1, SQLITE_STATIC);
}

static int doi_verdict_of(const char *s)
{
	for (int i = 1; s && i < 4; i++)
		if (!strcmp(doi_names[i], s))
			return i;
	return -1;
}

/* Every field one citecheck could have written (cache_live.c's rule). */
static bool doi_row_ok(sqlite3_stmt *st)
{
	int v = doi_verdict_of(column_text(st, 1));
	bool ok = column_int_ok(st, 0, 1, (sqlite3_int64)1 << 40) && v > 0 && column_text_ok(st, 2, CACHE_MAX_WORD, false) &&
		  column_int_ok(st, 3, 0, 999) && column_text_ok(st, 4, CACHE_MAX_URL, false) && work_fields_ok(st);
	/* a work found has what it was compared by */
	return ok && (v != DOI_FOUND || column_text(st, 5) || column_text(st, 7));
}

static bool doi_young(int verdict, int64_t age, const struct cache_policy *p)
{
	if (p->only)
		return true;
	if (age < 0)
		return false;
	int64_t limit = verdict == DOI_FOUND ? CACHE_DOI_FOUND_AGE : verdict == DOI_NOT_FOUND ? p->max_age : CACHE_TRANSIENT_AGE;
	return age <= limit;
}

static void load_doi(struct model *m, struct doi_lookup *d, sqlite3_stmt *st)
{
	d->verdict = (enum doi_verdict)doi_verdict_of(column_text(st, 1));
	d->reason = column_text(st, 2) ? model_intern(m, column_text(st, 2)) : NULL;
	d->http_status = sqlite3_column_int(st, 3);
	d->agency_url = dup_column(st, 4);
	load_work_fields(d, st);
	d->cached = true;
}

bool cache_reuse_doi(struct cache *c, struct model *m, size_t di, const struct cache_policy *p)
{
	struct doi_lookup *d = &m->dois[di];
	cache_read_begin(c);
	sqlite3_stmt *st = c->doi_get;
	sqlite3_bind_text(st, 1, d->doi, -1, SQLITE_STATIC);
	bool reused = false;
	c->bounded = true;
	int step = sqlite3_step(st);
	c->bounded = false;
	if (step == SQLITE_ROW && !doi_row_ok(st)) {
		c->refused++;
	} else if (step == SQLITE_ROW &&
		   doi_young(doi_verdict_of(column_text(st, 1)), p->now - sqlite3_column_int64(st, 0), p)) {
		load_doi(m, d, st);
		reused = true;
	}
	sqlite3_reset(st);
	if (!reused && p->only) {
		d->verdict = DOI_UNKNOWN;
		d->reason = "not-cached";
		reused = true;
	}
	return reused;
}

/* What this run learnt of the DOI: not the cache's, nor what it did not
 * get to ask. */
static bool doi_learnt(const struct doi_lookup *d)
{
	if (d->cached || d->verdict == DOI_UNCHECKED)
		return false;
	return d->verdict != DOI_UNKNOWN ||
	       (d->reason && strcmp(d->reason, "interrupted") && strcmp(d->reason, "deadline") &&
		strcmp(d->reason, "offline") && strcmp(d->reason, "not-cached"));
}

static int bind_doi(sqlite3_stmt *st, const struct doi_lookup *d, const struct cache_policy *p)
{
	sqlite3_bind_text(st, 1, d->doi, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->now);
	sqlite3_bind_text(st, 3, doi_names[d->verdict], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, d->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, (int)d->http_status);
	sqlite3_bind_text(st, 6, d->agency_url, -1, SQLITE_STATIC);
	bind_work_fields(st, d);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int cache_store_doi(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen)
{
	cache_read_end(c);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(c->db,
			       "INSERT OR REPLACE INTO doi (doi, checked_at, verdict, reason, http_status, agency_url,"
			       " title, authors, first_family, year_issued, year_print, year_online, type, container)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return cache_fail(c->db, "writing DOI answers", err, errlen);
	int rc = cache_exec(c->db, "BEGIN IMMEDIATE", err, errlen);
	bool open = rc == 0;
	for (size_t i = 0; rc == 0 && i < m->ndois; i++)
		if (doi_learnt(&m->dois[i]) && bind_doi(st, &m->dois[i], p))
			rc = cache_fail(c->db, "writing DOI answers", err, errlen);
	rc = cache_end_write(c->db, rc, open, err, errlen);
	sqlite3_finalize(st);
	return rc;
}
