/* cache_db.h — what the cache's files share inside (not for the stages):
 * the connection and its prepared queries, SQLite errors as messages, and
 * pages' prints as columns. The schema is in cache.c. */
#ifndef CITECHECK_CACHE_DB_H
#define CITECHECK_CACHE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

struct cache {
	sqlite3 *db;
	sqlite3_stmt *live_get, *archive_get, *doi_get, *work_get; /* prepared once, used per URL, DOI or search */
	sqlite3_stmt *document_get, *document_put; /* prepared on first use */
	size_t documents_pending; /* document rows written in the open transaction */
	double deadline; /* CLOCK_MONOTONIC seconds: a statement still running then is stopped */
	bool bounded;    /* statements may be stopped now (reads); writes of this run's answers are not */
	size_t refused;  /* rows read that citecheck would not have written: taken as absent */
	bool reading;    /* a read transaction is open (cache_read_begin) */
};

/* Opens the read transaction a stage's questions share, unless one is
 * open: one lock and unlock of the file for 20,000 URLs, not one each.
 * cache_read_end closes it; every write closes it first. */
void cache_read_begin(struct cache *c);

/* Bounds for what a row may hold: no field citecheck writes is longer. */
#define CACHE_MAX_URL 65536    /* bytes of a URL */
#define CACHE_MAX_WORD 128     /* bytes of a reason, a verdict, a measure */
#define CACHE_MAX_LOST 4096    /* bytes of a passage that went */
#define CACHE_MAX_REDIRECTS 64 /* hops kept of a redirect chain */
#define CACHE_MAX_TITLES 1024  /* bytes of a page's titles, one a line (3 of PAGE_TITLE_MAX) */

/* err gets "the cache: WHAT: sqlite's message"; returns -1. */
int cache_fail(sqlite3 *db, const char *what, char *err, size_t errlen);
/* Runs sql: 0, or -1 with err. */
int cache_exec(sqlite3 *db, const char *sql, char *err, size_t errlen);
/* Ends a stage's write transaction (open: BEGIN succeeded): commits when rc
 * is 0, else rolls back. Returns rc, or -1 with err when the commit fails. */
int cache_end_write(sqlite3 *db, int rc, bool open, char *err, size_t errlen);

const char *column_text(sqlite3_stmt *st, int i);
/* Column i is NULL, or text of at most max bytes with no NUL and, unless
 * lines, no control character. */
bool column_text_ok(sqlite3_stmt *st, int i, size_t max, bool lines);
/* Column i is an integer in [lo, hi], or NULL where 0 is in it. */
bool column_int_ok(sqlite3_stmt *st, int i, sqlite3_int64 lo, sqlite3_int64 hi);
/* The seven print columns from first on hold a print citecheck could
 * have made (text_print_valid): a partial sketch with no hashes made the
 * drift comparison read through a null pointer. */
bool print_ok(sqlite3_stmt *st, int first);
char *dup_column(sqlite3_stmt *st, int i);
/* A page's print from the seven columns from first on: type, digest,
 * bytes, title found, words, partial, sketch; and into the seven
 * parameters from first on. */
void read_print(struct page_print *p, sqlite3_stmt *st, int first);
void bind_print(sqlite3_stmt *st, int first, const struct page_print *p);
void read_sketch(struct text_print *p, const unsigned char *blob, size_t len);
unsigned char *sketch_blob(const struct text_print *p, size_t *len);

/* A registered work's columns, 5 to 12 of a row of the doi and work tables
 * alike (title, authors, first_family, the three years, type, container),
 * parameters 7 to 14 of their INSERTs (cache_doi.c). */
#define CACHE_MAX_TITLE 65536 /* bytes of a title, an author list, a container */
bool work_fields_ok(sqlite3_stmt *st);
void load_work_fields(struct doi_lookup *d, sqlite3_stmt *st);
void bind_work_fields(sqlite3_stmt *st, const struct doi_lookup *d);

#endif
