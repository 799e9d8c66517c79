/* cache_db.h — what the cache's files share inside (not for the stages):
 * the connection and its prepared queries, SQLite errors as messages, and
 * pages' prints as columns. The schema is in cache.c. */
#ifndef CITECHECK_CACHE_DB_H
#define CITECHECK_CACHE_DB_H

#include <sqlite3.h>
#include <stddef.h>

#include "model/model.h"

struct cache {
	sqlite3 *db;
	sqlite3_stmt *live_get, *archive_get; /* prepared once, used per URL */
};

/* err gets "the cache: WHAT: sqlite's message"; returns -1. */
int cache_fail(sqlite3 *db, const char *what, char *err, size_t errlen);
/* Runs sql: 0, or -1 with err. */
int cache_exec(sqlite3 *db, const char *sql, char *err, size_t errlen);

const char *column_text(sqlite3_stmt *st, int i);
char *dup_column(sqlite3_stmt *st, int i);
/* A page's print from the seven columns from first on: type, digest,
 * bytes, title found, words, partial, sketch; and into the seven
 * parameters from first on. */
void read_print(struct page_print *p, sqlite3_stmt *st, int first);
void bind_print(sqlite3_stmt *st, int first, const struct page_print *p);
void read_sketch(struct text_print *p, const unsigned char *blob, size_t len);
unsigned char *sketch_blob(const struct text_print *p, size_t *len);

#endif
