#include "cache.h"

#include <errno.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare_drift.h"
#include "util.h"

struct cache {
	sqlite3 *db;
	sqlite3_stmt *live_get, *archive_get; /* prepared once, used per URL */
};

/* Each step takes the schema from the version before it to its own; a
 * database made by an older citecheck is brought up to date on open. */
static const char *const migrations[CACHE_SCHEMA_VERSION] = {
	/* 1 */
	"CREATE TABLE live ("
	" url TEXT PRIMARY KEY, checked_at INTEGER NOT NULL, verdict TEXT NOT NULL, reason TEXT,"
	" http_status INTEGER, final_url TEXT, redirects TEXT, moved INTEGER, elapsed_ms INTEGER,"
	" print_type INTEGER, print_digest INTEGER, print_bytes INTEGER, print_title INTEGER,"
	" print_words INTEGER, print_partial INTEGER, print_sketch BLOB);"
	"CREATE TABLE archive ("
	" original TEXT NOT NULL, want TEXT NOT NULL, checked_at INTEGER NOT NULL, verdict TEXT NOT NULL,"
	" reason TEXT, timestamp TEXT, snapshot_url TEXT, via_cdx INTEGER, http_status INTEGER,"
	" drift_verdict TEXT, drift_reason TEXT, drift_measure TEXT, drift_similarity REAL,"
	" drift_title_live INTEGER, drift_title_snapshot INTEGER, drift_lost TEXT, live_checked_at INTEGER,"
	" snap_type INTEGER, snap_digest INTEGER, snap_bytes INTEGER, snap_title INTEGER, snap_words INTEGER,"
	" snap_partial INTEGER, snap_sketch BLOB,"
	" PRIMARY KEY (original, want));"
	"CREATE TABLE history ("
	" url TEXT NOT NULL, checked_at INTEGER NOT NULL, verdict TEXT NOT NULL, reason TEXT,"
	" http_status INTEGER);"
	"CREATE INDEX history_url ON history (url, checked_at);"
	"CREATE TABLE pace (name TEXT PRIMARY KEY, next_at REAL NOT NULL);",
};

static int fail(sqlite3 *db, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "the cache: %s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
	return -1;
}

static int exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(db, sql, err, errlen);
}

static int user_version(sqlite3 *db, int *v)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc;
}

/* Brings the schema to CACHE_SCHEMA_VERSION inside one write transaction,
 * so two runs opening a new cache at once do not both create it. */
static int migrate(sqlite3 *db, char *err, size_t errlen)
{
	if (exec(db, "BEGIN IMMEDIATE", err, errlen))
		return -1;
	int v;
	if (user_version(db, &v) < 0) {
		fail(db, "reading its version", err, errlen);
		goto rollback;
	}
	if (v > CACHE_SCHEMA_VERSION) {
		snprintf(err, errlen, "the cache was made by a newer citecheck (schema %d; this one knows %d)", v,
			 CACHE_SCHEMA_VERSION);
		goto rollback;
	}
	for (; v < CACHE_SCHEMA_VERSION; v++) {
		if (exec(db, migrations[v], err, errlen))
			goto rollback;
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (exec(db, sql, err, errlen))
			goto rollback;
	}
	return exec(db, "COMMIT", err, errlen);
rollback:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Switching a new database to WAL needs it to itself, and SQLite does not
 * call the busy handler for that: two runs that make one cache at once
 * retry, every 50 ms for up to a minute, as the busy timeout would. */
static int wal(sqlite3 *db, char *err, size_t errlen)
{
	int rc = SQLITE_BUSY;
	for (int i = 0; i < 1200; i++) {
		rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		sqlite3_sleep(50);
	}
	return rc == SQLITE_OK ? 0 : fail(db, "PRAGMA journal_mode = WAL", err, errlen);
}

int cache_open(struct cache **out, const char *path, char *err, size_t errlen)
{
	*out = NULL;
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "the cache %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	/* another run may hold the write lock for a stage's transaction */
	sqlite3_busy_timeout(db, 60000);
	/* WAL: readers never wait for the writer, and a killed process leaves
	 * the last committed state; NORMAL is durable against a killed process */
	if (wal(db, err, errlen) || exec(db, "PRAGMA synchronous = NORMAL", err, errlen) || migrate(db, err, errlen)) {
		char why[256];
		snprintf(why, sizeof why, "%s", err);
		snprintf(err, errlen, "%s (%s)", why, path);
		sqlite3_close(db);
		return -1;
	}
	struct cache *c = xcalloc(1, sizeof *c);
	c->db = db;
	if (sqlite3_prepare_v2(db,
			       "SELECT checked_at, verdict, reason, http_status, final_url, redirects, moved, elapsed_ms,"
			       " print_type, print_digest, print_bytes, print_title, print_words, print_partial,"
			       " print_sketch FROM live WHERE url = ?",
			       -1, &c->live_get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "SELECT checked_at, verdict, reason, timestamp, snapshot_url, via_cdx, http_status,"
			       " drift_verdict, drift_reason, drift_measure, drift_similarity, drift_title_live,"
			       " drift_title_snapshot, drift_lost, live_checked_at, snap_type, snap_digest, snap_bytes,"
			       " snap_title, snap_words, snap_partial, snap_sketch"
			       " FROM archive WHERE original = ? AND want = ?",
			       -1, &c->archive_get, NULL) != SQLITE_OK) {
		fail(db, "preparing its queries", err, errlen);
		cache_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->live_get);
	sqlite3_finalize(c->archive_get);
	sqlite3_close(c->db);
	free(c);
}

int64_t cache_clock(void)
{
	const char *s = getenv("CITECHECK_NOW");
	if (s && *s) {
		char *end;
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (!errno && !*end && v > 0)
			return v;
	}
	return (int64_t)time(NULL);
}

bool cache_parse_duration(const char *s, int64_t *seconds)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || v < 0 || s[0] == '-' || s[0] == '+')
		return false;
	long long unit = 1;
	if (*end == 'm')
		unit = 60;
	else if (*end == 'h')
		unit = 3600;
	else if (*end == 'd')
		unit = 86400;
	else if (*end && *end != 's')
		return false;
	if (*end && end[1])
		return false;
	if (v > (long long)3650 * 86400 / unit) /* ten years: beyond that, a typo */
		return false;
	*seconds = v * unit;
	return true;
}

/* ---- live answers ---- */

static const char *const live_names[LIVE__COUNT] = {"unchecked", "alive", "dead", "blocked", "error", "skipped", "dying"};

static bool live_verdict_parse(const char *s, enum live_verdict *v)
{
	for (int i = 0; s && i < LIVE__COUNT; i++)
		if (strcmp(s, live_names[i]) == 0) {
			*v = (enum live_verdict)i;
			return true;
		}
	return false;
}

/* An answer that says nothing about the page itself. */
static bool live_transient(const struct live_result *r)
{
	return r->verdict == LIVE_ERROR || (r->verdict == LIVE_BLOCKED && r->reason && !strcmp(r->reason, "rate-limited"));
}

static const char *column_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static char *dup_column(sqlite3_stmt *st, int i)
{
	const char *s = column_text(st, i);
	return s ? xstrdup(s) : NULL;
}

static void read_redirects(struct live_result *r, const char *json)
{
	json_t *a = json ? json_loads(json, 0, NULL) : NULL;
	size_t n = json_is_array(a) ? json_array_size(a) : 0;
	if (n) {
		r->redirects = xcalloc(n, sizeof *r->redirects);
		for (size_t i = 0; i < n; i++)
			if (json_is_string(json_array_get(a, i)))
				r->redirects[r->nredirects++] = xstrdup(json_string_value(json_array_get(a, i)));
	}
	json_decref(a);
}

/* The sketch as little-endian 64-bit words, whatever machine wrote it. */
static void read_sketch(struct text_print *p, const unsigned char *blob, size_t len)
{
	size_t n = len / 8;
	p->sketch = n ? xmalloc(n * sizeof *p->sketch) : NULL;
	for (size_t i = 0; i < n; i++) {
		uint64_t v = 0;
		for (int b = 7; b >= 0; b--)
			v = v << 8 | blob[i * 8 + (size_t)b];
		p->sketch[i] = v;
	}
	p->n = n;
}

/* A page's print from the seven columns from first on: type, digest,
 * bytes, title found, words, partial, sketch. */
static void read_print(struct page_print *p, sqlite3_stmt *st, int first)
{
	text_print_finish(&p->text);
	p->type = (enum page_type)sqlite3_column_int(st, first);
	p->digest = (uint64_t)sqlite3_column_int64(st, first + 1);
	p->bytes = (size_t)sqlite3_column_int64(st, first + 2);
	p->title_found = (signed char)sqlite3_column_int(st, first + 3);
	p->text.words = (size_t)sqlite3_column_int64(st, first + 4);
	p->text.partial = sqlite3_column_int(st, first + 5);
	read_sketch(&p->text, sqlite3_column_blob(st, first + 6), (size_t)sqlite3_column_bytes(st, first + 6));
}

static void load_live(struct model *m, struct target *t, sqlite3_stmt *st)
{
	struct live_result *r = &t->live;
	live_result_finish(r);
	live_verdict_parse(column_text(st, 1), &r->verdict);
	r->checked_at = sqlite3_column_int64(st, 0);
	r->reason = column_text(st, 2) ? model_intern(m, column_text(st, 2)) : NULL;
	r->http_status = sqlite3_column_int(st, 3);
	r->final_url = dup_column(st, 4);
	read_redirects(r, column_text(st, 5));
	r->moved = sqlite3_column_int(st, 6);
	r->elapsed_ms = sqlite3_column_int(st, 7);
	r->cached = true;
	read_print(&t->print, st, 8);
}

/* Whether the cache's answer is young enough to stand for a check now. */
static bool live_young(const struct live_result *r, int64_t checked_at, const struct cache_policy *p)
{
	int64_t age = p->now - checked_at;
	int64_t limit = live_transient(r) && CACHE_TRANSIENT_AGE < p->max_age ? CACHE_TRANSIENT_AGE : p->max_age;
	return p->only || (age >= 0 && age <= limit);
}

bool cache_reuse_live(struct cache *c, struct model *m, size_t ti, const struct cache_policy *p)
{
	struct target *t = &m->targets[ti];
	sqlite3_stmt *st = c->live_get;
	sqlite3_bind_text(st, 1, t->key, -1, SQLITE_STATIC);
	bool reused = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		struct live_result probe = {0};
		live_verdict_parse(column_text(st, 1), &probe.verdict);
		probe.reason = column_text(st, 2);
		if (live_young(&probe, sqlite3_column_int64(st, 0), p)) {
			load_live(m, t, st);
			reused = true;
		}
	}
	sqlite3_reset(st);
	if (!reused && p->only) {
		t->live.verdict = LIVE_ERROR;
		t->live.reason = "not-cached";
		reused = true;
	}
	return reused;
}

static char *redirects_json(const struct live_result *r)
{
	if (!r->nredirects)
		return NULL;
	json_t *a = json_array();
	for (size_t i = 0; i < r->nredirects; i++)
		json_array_append_new(a, json_string(r->redirects[i]));
	char *s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

static unsigned char *sketch_blob(const struct text_print *p, size_t *len)
{
	*len = p->n * 8;
	unsigned char *b = xmalloc(*len + 1);
	for (size_t i = 0; i < p->n; i++)
		for (int k = 0; k < 8; k++)
			b[i * 8 + (size_t)k] = (unsigned char)(p->sketch[i] >> (8 * k));
	return b;
}

/* Answers worth keeping: what this run learnt from the web (not what it
 * was told by the cache, nor what it did not ask). */
static bool learnt(const struct live_result *r)
{
	if (r->cached || r->local || r->verdict == LIVE_UNCHECKED || r->verdict == LIVE_SKIPPED || !r->reason)
		return false;
	return strcmp(r->reason, "interrupted") && strcmp(r->reason, "deadline") && strcmp(r->reason, "not-cached");
}

/* A page's print into the seven parameters from first on (read_print's). */
static void bind_print(sqlite3_stmt *st, int first, const struct page_print *p)
{
	size_t blen = 0;
	unsigned char *blob = sketch_blob(&p->text, &blen);
	sqlite3_bind_int(st, first, (int)p->type);
	sqlite3_bind_int64(st, first + 1, (sqlite3_int64)p->digest);
	sqlite3_bind_int64(st, first + 2, (sqlite3_int64)p->bytes);
	sqlite3_bind_int(st, first + 3, p->title_found);
	sqlite3_bind_int64(st, first + 4, (sqlite3_int64)p->text.words);
	sqlite3_bind_int(st, first + 5, p->text.partial);
	sqlite3_bind_blob(st, first + 6, blob, (int)blen, free);
}

static int bind_live(sqlite3_stmt *st, const struct target *t, const struct cache_policy *p)
{
	const struct live_result *r = &t->live;
	char *redirects = redirects_json(r);
	sqlite3_bind_text(st, 1, t->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->now);
	sqlite3_bind_text(st, 3, live_names[r->verdict], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, (int)r->http_status);
	sqlite3_bind_text(st, 6, r->final_url, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, redirects, -1, free);
	sqlite3_bind_int(st, 8, r->moved);
	sqlite3_bind_int64(st, 9, r->elapsed_ms);
	bind_print(st, 10, &t->print);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int bind_history(sqlite3_stmt *st, const struct target *t, const struct cache_policy *p)
{
	sqlite3_bind_text(st, 1, t->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->now);
	sqlite3_bind_text(st, 3, live_names[t->live.verdict], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->live.reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, (int)t->live.http_status);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Reads a URL's history into its result: the last alive check, and the
 * definitive failures since (the checks that said dead); last_failed gets
 * the newest of them. */
static int read_history(sqlite3_stmt *st, struct target *t, int64_t *last_failed)
{
	struct live_result *r = &t->live;
	sqlite3_bind_text(st, 1, t->key, -1, SQLITE_STATIC);
	r->last_alive = r->first_failed = *last_failed = 0;
	r->failures = 0;
	int rc;
	/* newest first: failures count back to the last alive check */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = column_text(st, 1);
		int64_t at = sqlite3_column_int64(st, 0);
		if (v && !strcmp(v, "alive")) {
			r->last_alive = at;
			break;
		}
		if (v && !strcmp(v, "dead")) {
			if (!r->failures++)
				*last_failed = at;
			r->first_failed = at;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* A dead verdict stands once the failures are enough and spread over time:
 * the checks themselves, not the time since, must span confirm_span (an
 * answer reused from the cache is no new evidence). */
static void confirm_dead(struct live_result *r, int64_t last_failed, const struct cache_policy *p)
{
	if (r->verdict != LIVE_DEAD)
		return;
	bool confirmed = r->failures >= p->confirm_checks && last_failed - r->first_failed >= p->confirm_span;
	r->verdict = confirmed ? LIVE_DEAD : LIVE_DYING;
}

int cache_store_live(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen)
{
	sqlite3_stmt *up = NULL, *hist = NULL, *past = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(c->db,
			       "INSERT OR REPLACE INTO live (url, checked_at, verdict, reason, http_status, final_url,"
			       " redirects, moved, elapsed_ms, print_type, print_digest, print_bytes, print_title,"
			       " print_words, print_partial, print_sketch)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &up, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT INTO history (url, checked_at, verdict, reason, http_status) VALUES (?, ?, ?, ?, ?)",
			       -1, &hist, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "SELECT checked_at, verdict FROM history WHERE url = ? ORDER BY checked_at DESC, rowid DESC",
			       -1, &past, NULL) != SQLITE_OK)
		rc = fail(c->db, "writing live answers", err, errlen);
	if (rc == 0)
		rc = exec(c->db, "BEGIN IMMEDIATE", err, errlen);
	bool open = rc == 0;
	for (size_t i = 0; rc == 0 && i < m->ntargets; i++) {
		struct target *t = &m->targets[i];
		if (!learnt(&t->live))
			continue;
		t->live.checked_at = p->now;
		if (bind_live(up, t, p) || bind_history(hist, t, p))
			rc = fail(c->db, "writing live answers", err, errlen);
	}
	if (rc == 0)
		rc = exec(c->db, "COMMIT", err, errlen);
	else if (open)
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	/* what the history says of each page, this run's check included */
	for (size_t i = 0; rc == 0 && i < m->ntargets; i++) {
		struct target *t = &m->targets[i];
		if (t->live.verdict == LIVE_UNCHECKED || t->live.verdict == LIVE_SKIPPED || t->live.local)
			continue;
		int64_t last_failed;
		if (read_history(past, t, &last_failed))
			rc = fail(c->db, "reading the history", err, errlen);
		else
			confirm_dead(&t->live, last_failed, p);
	}
	sqlite3_finalize(up);
	sqlite3_finalize(hist);
	sqlite3_finalize(past);
	return rc;
}

/* ---- archive answers ---- */

static const char *const archive_names[] = {"unchecked", "archived", "not-archived", "unknown", "skipped"};
static const char *const drift_names[] = {"unchecked", "unchanged", "changed", "unknown"};

static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return 0;
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
 * answer; it stands while that answer is the one this run uses. */
static bool drift_stands(const struct model *m, const struct lookup *k, sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 7) == SQLITE_NULL)
		return false;
	if (k->page == NO_INDEX)
		return true;
	const struct live_result *r = &m->targets[k->page].live;
	return r->verdict != LIVE_ALIVE || (r->cached && r->checked_at == sqlite3_column_int64(st, 14));
}

/* Whether the page is alive now with a print to compare. */
static bool live_comparable(const struct model *m, const struct lookup *k)
{
	return k->page != NO_INDEX && m->targets[k->page].live.verdict == LIVE_ALIVE &&
	       m->targets[k->page].print.type != PAGE_NONE;
}

bool cache_reuse_archive(struct cache *c, struct model *m, size_t li, const struct cache_policy *p)
{
	struct lookup *k = &m->lookups[li];
	sqlite3_stmt *st = c->archive_get;
	sqlite3_bind_text(st, 1, k->original, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, want_key(k), -1, SQLITE_STATIC);
	bool reused = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int v = name_index(archive_names, 5, column_text(st, 1));
		bool now_lookup = !strcmp(k->want_from, "now");
		bool snap_kept = sqlite3_column_type(st, 15) != SQLITE_NULL && sqlite3_column_int(st, 15) != PAGE_NONE;
		if (archive_young(v, now_lookup, p->now - sqlite3_column_int64(st, 0), p)) {
			if (drift_stands(m, k, st) || (p->only && !live_comparable(m, k))) {
				load_archive(m, k, st);
				load_drift(m, k, st);
				reused = true;
			} else if (v != ARCHIVE_ARCHIVED || !live_comparable(m, k) || snap_kept) {
				/* the page changed since, or never had a print: measure
				 * again against the capture's print, with no request */
				load_archive(m, k, st);
				if (snap_kept)
					read_print(&k->snapshot, st, 15);
				if (v == ARCHIVE_ARCHIVED && live_comparable(m, k))
					drift_compare_prints(&m->targets[k->page].print, &k->snapshot, p->drift_threshold,
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
			sqlite3_bind_int64(st, 17, m->targets[k->page].live.checked_at);
	}
	if (k->snapshot.type != PAGE_NONE)
		bind_print(st, 18, &k->snapshot);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int cache_store_archive(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(c->db,
			       "INSERT OR REPLACE INTO archive (original, want, checked_at, verdict, reason, timestamp,"
			       " snapshot_url, via_cdx, http_status, drift_verdict, drift_reason, drift_measure,"
			       " drift_similarity, drift_title_live, drift_title_snapshot, drift_lost, live_checked_at,"
			       " snap_type, snap_digest, snap_bytes, snap_title, snap_words, snap_partial, snap_sketch)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(c->db, "writing archive answers", err, errlen);
	int rc = exec(c->db, "BEGIN IMMEDIATE", err, errlen);
	bool open = rc == 0;
	for (size_t i = 0; rc == 0 && i < m->nlookups; i++) {
		struct lookup *k = &m->lookups[i];
		if (!archive_learnt(&k->archive))
			continue;
		k->archive.checked_at = p->now;
		if (bind_archive(st, m, k, p))
			rc = fail(c->db, "writing archive answers", err, errlen);
	}
	if (rc == 0)
		rc = exec(c->db, "COMMIT", err, errlen);
	else if (open)
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_finalize(st);
	return rc;
}

/* ---- the archive's pace, shared ---- */

double cache_slot(struct cache *c, const char *name, double interval, double unix_now)
{
	sqlite3_stmt *get = NULL, *put = NULL;
	double at = unix_now;
	if (sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return unix_now; /* the pace stays this process's own */
	bool ok = sqlite3_prepare_v2(c->db, "SELECT next_at FROM pace WHERE name = ?", -1, &get, NULL) == SQLITE_OK &&
		  sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO pace (name, next_at) VALUES (?, ?)", -1, &put,
				     NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(get, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(get) == SQLITE_ROW && sqlite3_column_double(get, 0) > at)
			at = sqlite3_column_double(get, 0);
		/* a moment far ahead is a clock that went back, or a stale row: not waited for */
		if (at > unix_now + 3600)
			at = unix_now;
		sqlite3_bind_text(put, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_double(put, 2, at + interval);
		ok = sqlite3_step(put) == SQLITE_DONE;
	}
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	if (ok && sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return at;
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return unix_now;
}
