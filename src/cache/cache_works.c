#include "cache/cache.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_db.h"
#include "util/util.h"

static const char *const search_names[] = {"unchecked", "found", "not-found", "unsure", "unknown"};

static int search_verdict_of(const char *s)
{
	for (int i = 1; s && i < 5; i++)
		if (!strcmp(search_names[i], s))
			return i;
	return -1;
}

/* Every field one citecheck could have written (cache_live.c's rule). */
static bool work_row_ok(sqlite3_stmt *st)
{
	int v = search_verdict_of(column_text(st, 1));
	bool ok = column_int_ok(st, 0, 1, (sqlite3_int64)1 << 40) && v > 0 && column_text_ok(st, 2, CACHE_MAX_WORD, false) &&
		  column_int_ok(st, 3, 0, 999) && column_text_ok(st, 4, 512, false) && work_fields_ok(st);
	/* a work found or near has its DOI and what it was compared by */
	bool work = v == SEARCH_FOUND || v == SEARCH_UNSURE;
	return ok && (!work || (column_text(st, 4) && !strncmp(column_text(st, 4), "10.", 3) &&
				(column_text(st, 5) || column_text(st, 7))));
}

static bool work_young(int verdict, int64_t age, const struct cache_policy *p)
{
	if (p->only)
		return true;
	if (age < 0)
		return false;
	int64_t limit = verdict == SEARCH_FOUND ? CACHE_DOI_FOUND_AGE : verdict == SEARCH_UNKNOWN ? CACHE_TRANSIENT_AGE : p->max_age;
	return age <= limit;
}

static void load_work(struct model *m, struct work_search *s, sqlite3_stmt *st)
{
	s->verdict = (enum search_verdict)search_verdict_of(column_text(st, 1));
	s->reason = column_text(st, 2) ? model_intern(m, column_text(st, 2)) : NULL;
	s->http_status = sqlite3_column_int(st, 3);
	doi_lookup_finish(&s->work);
	if (column_text(st, 4)) { /* the work found, or the nearest listed */
		s->work.verdict = DOI_FOUND;
		s->work.doi = dup_column(st, 4);
		load_work_fields(&s->work, st);
	}
	s->cached = true;
}

bool cache_reuse_work(struct cache *c, struct model *m, size_t si, const struct cache_policy *p)
{
	struct work_search *s = &m->searches[si];
	cache_read_begin(c);
	sqlite3_stmt *st = c->work_get;
	sqlite3_bind_text(st, 1, s->query, -1, SQLITE_STATIC);
	bool reused = false;
	c->bounded = true;
	int step = sqlite3_step(st);
	c->bounded = false;
	if (step == SQLITE_ROW && !work_row_ok(st)) {
		c->refused++;
	} else if (step == SQLITE_ROW &&
		   work_young(search_verdict_of(column_text(st, 1)), p->now - sqlite3_column_int64(st, 0), p)) {
		load_work(m, s, st);
		reused = true;
	}
	sqlite3_reset(st);
	if (!reused && p->only) {
		s->verdict = SEARCH_UNKNOWN;
		s->reason = "not-cached";
		reused = true;
	}
	return reused;
}

/* What this run learnt: not the cache's, nor what it did not get to ask. */
static bool work_learnt(const struct work_search *s)
{
	if (s->cached || s->verdict == SEARCH_UNCHECKED)
		return false;
	return s->verdict != SEARCH_UNKNOWN ||
	       (s->reason && strcmp(s->reason, "interrupted") && strcmp(s->reason, "deadline") &&
		strcmp(s->reason, "offline") && strcmp(s->reason, "not-cached"));
}

static int bind_work(sqlite3_stmt *st, const struct work_search *s, const struct cache_policy *p)
{
	sqlite3_bind_text(st, 1, s->query, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->now);
	sqlite3_bind_text(st, 3, search_names[s->verdict], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, s->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, (int)s->http_status);
	sqlite3_bind_text(st, 6, s->work.doi, -1, SQLITE_STATIC);
	bind_work_fields(st, &s->work);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int cache_store_works(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen)
{
	cache_read_end(c);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(c->db,
			       "INSERT OR REPLACE INTO work (query, checked_at, verdict, reason, http_status, doi,"
			       " title, authors, first_family, year_issued, year_print, year_online, type, container)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return cache_fail(c->db, "writing works found", err, errlen);
	int rc = cache_exec(c->db, "BEGIN IMMEDIATE", err, errlen);
	bool open = rc == 0;
	for (size_t i = 0; rc == 0 && i < m->nsearches; i++)
		if (work_learnt(&m->searches[i]) && bind_work(st, &m->searches[i], p))
			rc = cache_fail(c->db, "writing works found", err, errlen);
	rc = cache_end_write(c->db, rc, open, err, errlen);
	sqlite3_finalize(st);
	return rc;
}
