#include "cache/cache.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache/cache_db.h"
#include "util/interrupt.h"
#include "util/util.h"



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
	/* 2: what the DOI resolver said of each DOI (identity/check_dois.h) */
	"CREATE TABLE doi ("
	" doi TEXT PRIMARY KEY, checked_at INTEGER NOT NULL, verdict TEXT NOT NULL, reason TEXT,"
	" http_status INTEGER, agency_url TEXT, title TEXT, authors TEXT, first_family TEXT,"
	" year_issued INTEGER, year_print INTEGER, year_online INTEGER, type TEXT, container TEXT);",
	/* 3: what a page and its capture say they are, for a citation's title
	 * (identity/page_identity.h) */
	"ALTER TABLE live ADD COLUMN page_titles TEXT;"
	"ALTER TABLE archive ADD COLUMN snap_titles TEXT;"
	/* … and what the works API found for a reference (identity/find_works.h) */
	"CREATE TABLE work ("
	" query TEXT PRIMARY KEY, checked_at INTEGER NOT NULL, verdict TEXT NOT NULL, reason TEXT,"
	" http_status INTEGER, doi TEXT, title TEXT, authors TEXT, first_family TEXT,"
	" year_issued INTEGER, year_print INTEGER, year_online INTEGER, type TEXT, container TEXT);"
	/* … and each document's model as read (model/model_pack.h) */
	"CREATE TABLE document (key TEXT PRIMARY KEY, checked_at INTEGER NOT NULL, model BLOB NOT NULL);",
};



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

/* The database's objects as one string, in a fixed order: type, name,
 * table and SQL of each. */
static int schema_of(sqlite3 *db, struct buf *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < 4; i++) {
			const char *v = column_text(st, i);
			buf_append(out, v ? v : "", v ? strlen(v) : 0);
			buf_putc(out, i < 3 ? '\x1f' : '\x1e');
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Whether db's objects are exactly those citecheck makes at version v (the
 * migrations run on an empty database in memory): no view, trigger, table
 * or index of anybody else's, whose SQL would run inside citecheck. */
static bool schema_is_ours(sqlite3 *db, int v)
{
	sqlite3 *mem = NULL;
	struct buf want, have;
	buf_init(&want);
	buf_init(&have);
	bool ok = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
	for (int i = 0; ok && i < v; i++)
		ok = sqlite3_exec(mem, migrations[i], NULL, NULL, NULL) == SQLITE_OK;
	ok = ok && schema_of(mem, &want) == 0 && schema_of(db, &have) == 0 && want.len == have.len &&
	     (!want.len || !memcmp(want.data, have.data, want.len));
	sqlite3_close(mem);
	buf_finish(&want);
	buf_finish(&have);
	return ok;
}

/* Brings the schema to CACHE_SCHEMA_VERSION inside one write transaction,
 * so two runs opening a new cache at once do not both create it. */
static int migrate(sqlite3 *db, char *err, size_t errlen)
{
	if (cache_exec(db, "BEGIN IMMEDIATE", err, errlen))
		return -1;
	int v;
	if (user_version(db, &v) < 0) {
		cache_fail(db, "reading its version", err, errlen);
		goto rollback;
	}
	if (v > CACHE_SCHEMA_VERSION) {
		snprintf(err, errlen, "the cache was made by a newer citecheck (schema %d; this one knows %d)", v,
			 CACHE_SCHEMA_VERSION);
		goto rollback;
	}
	if (v < 0 || !schema_is_ours(db, v)) {
		snprintf(err, errlen, "the cache holds tables, views or triggers citecheck does not make: remove the "
				      "file, or name another with --cache");
		goto rollback;
	}
	for (; v < CACHE_SCHEMA_VERSION; v++) {
		if (cache_exec(db, migrations[v], err, errlen))
			goto rollback;
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (cache_exec(db, sql, err, errlen))
			goto rollback;
	}
	return cache_exec(db, "COMMIT", err, errlen);
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
	return rc == SQLITE_OK ? 0 : cache_fail(db, "PRAGMA journal_mode = WAL", err, errlen);
}

static double monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SQLite's progress handler: a statement that may be stopped is, once the
 * run is interrupted or past its deadline, whatever the file asks it to do. */
static int stop_statement(void *arg)
{
	const struct cache *c = arg;
	return c->bounded && (interrupted() || monotonic() > c->deadline);
}

/* What a file from elsewhere may not do inside citecheck: run SQL of its
 * own schema (views, triggers, functions it names), write its schema,
 * hold values beyond the largest citecheck writes. */
static void defend(sqlite3 *db)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
#ifdef SQLITE_DBCONFIG_ENABLE_VIEW
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)NULL);
#endif
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, CACHE_MAX_REDIRECTS * (CACHE_MAX_URL + 8));
	sqlite3_exec(db, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);
}

int cache_open(struct cache **out, const char *path, long deadline_ms, char *err, size_t errlen)
{
	*out = NULL;
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "the cache %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	struct cache *c = xcalloc(1, sizeof *c);
	c->db = db;
	c->deadline = monotonic() + (double)(deadline_ms > 0 ? deadline_ms : 0) / 1000.0;
	c->bounded = true; /* opening reads the file's schema */
	defend(db);
	sqlite3_progress_handler(db, 1000, stop_statement, c);
	/* another run may hold the write lock for a stage's transaction */
	sqlite3_busy_timeout(db, 60000);
	/* WAL: readers never wait for the writer, and a killed process leaves
	 * the last committed state; NORMAL is durable against a killed process */
	if (wal(db, err, errlen) || cache_exec(db, "PRAGMA synchronous = NORMAL", err, errlen) || migrate(db, err, errlen)) {
		char why[256];
		snprintf(why, sizeof why, "%s", err);
		snprintf(err, errlen, "%s (%s)", why, path);
		cache_close(c);
		return -1;
	}
	c->bounded = false;
	if (sqlite3_prepare_v2(db,
			       "SELECT checked_at, verdict, reason, http_status, final_url, redirects, moved, elapsed_ms,"
			       " print_type, print_digest, print_bytes, print_title, print_words, print_partial,"
			       " print_sketch, page_titles FROM live WHERE url = ?",
			       -1, &c->live_get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "SELECT checked_at, verdict, reason, timestamp, snapshot_url, via_cdx, http_status,"
			       " drift_verdict, drift_reason, drift_measure, drift_similarity, drift_title_live,"
			       " drift_title_snapshot, drift_lost, live_checked_at, snap_type, snap_digest, snap_bytes,"
			       " snap_title, snap_words, snap_partial, snap_sketch, snap_titles"
			       " FROM archive WHERE original = ? AND want = ?",
			       -1, &c->archive_get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "SELECT checked_at, verdict, reason, http_status, agency_url, title, authors, first_family,"
			       " year_issued, year_print, year_online, type, container FROM doi WHERE doi = ?",
			       -1, &c->doi_get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "SELECT checked_at, verdict, reason, http_status, doi, title, authors, first_family,"
			       " year_issued, year_print, year_online, type, container FROM work WHERE query = ?",
			       -1, &c->work_get, NULL) != SQLITE_OK) {
		cache_fail(db, "preparing its queries", err, errlen);
		cache_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

size_t cache_refused(const struct cache *c)
{
	return c ? c->refused : 0;
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	cache_read_end(c);
	if (c->documents_pending) /* what is written is kept */
		sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
	sqlite3_finalize(c->live_get);
	sqlite3_finalize(c->archive_get);
	sqlite3_finalize(c->doi_get);
	sqlite3_finalize(c->work_get);
	sqlite3_finalize(c->document_get);
	sqlite3_finalize(c->document_put);
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

double cache_slot(struct cache *c, const char *name, double interval, double unix_now)
{
	cache_read_end(c);
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
