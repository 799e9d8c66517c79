#include "cache/cache_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

const char *column_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

bool column_text_ok(sqlite3_stmt *st, int i, size_t max, bool lines)
{
	int type = sqlite3_column_type(st, i);
	if (type == SQLITE_NULL)
		return true;
	if (type != SQLITE_TEXT)
		return false;
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	if (!s || n > max || strlen((const char *)s) != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if ((s[k] < 0x20 && !(lines && (s[k] == '\n' || s[k] == '\t'))) || s[k] == 0x7f)
			return false;
	return true;
}

bool column_int_ok(sqlite3_stmt *st, int i, sqlite3_int64 lo, sqlite3_int64 hi)
{
	int type = sqlite3_column_type(st, i);
	if (type == SQLITE_NULL)
		return lo <= 0 && hi >= 0;
	sqlite3_int64 v = sqlite3_column_int64(st, i);
	return type == SQLITE_INTEGER && v >= lo && v <= hi;
}

bool print_ok(sqlite3_stmt *st, int first)
{
	int digest = sqlite3_column_type(st, first + 1), sketch = sqlite3_column_type(st, first + 6);
	if (!column_int_ok(st, first, PAGE_NONE, PAGE_BINARY) || (digest != SQLITE_INTEGER && digest != SQLITE_NULL) ||
	    !column_int_ok(st, first + 2, 0, (sqlite3_int64)1 << 48) || !column_int_ok(st, first + 3, -1, 1) ||
	    !column_int_ok(st, first + 4, 0, (sqlite3_int64)1 << 48) || !column_int_ok(st, first + 5, 0, 1) ||
	    (sketch != SQLITE_BLOB && sketch != SQLITE_NULL))
		return false;
	size_t len = (size_t)sqlite3_column_bytes(st, first + 6);
	if (len % 8 || len > PRINT_K * 8)
		return false;
	struct text_print p = {0};
	p.words = (size_t)sqlite3_column_int64(st, first + 4);
	p.partial = sqlite3_column_int(st, first + 5);
	read_sketch(&p, sqlite3_column_blob(st, first + 6), len);
	bool ok = text_print_valid(&p);
	text_print_finish(&p);
	return ok;
}

char *dup_column(sqlite3_stmt *st, int i)
{
	const char *s = column_text(st, i);
	return s ? xstrdup(s) : NULL;
}

/* The sketch as little-endian 64-bit words, whatever machine wrote it. */
void read_sketch(struct text_print *p, const unsigned char *blob, size_t len)
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
void read_print(struct page_print *p, sqlite3_stmt *st, int first)
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

unsigned char *sketch_blob(const struct text_print *p, size_t *len)
{
	*len = p->n * 8;
	unsigned char *b = xmalloc(*len + 1);
	for (size_t i = 0; i < p->n; i++)
		for (int k = 0; k < 8; k++)
			b[i * 8 + (size_t)k] = (unsigned char)(p->sketch[i] >> (8 * k));
	return b;
}

/* A page's print into the seven parameters from first on (read_print's). */
void bind_print(sqlite3_stmt *st, int first, const struct page_print *p)
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

int cache_fail(sqlite3 *db, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "the cache: %s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
	return -1;
}

int cache_exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : cache_fail(db, sql, err, errlen);
}

int cache_end_write(sqlite3 *db, int rc, bool open, char *err, size_t errlen)
{
	if (rc == 0)
		return cache_exec(db, "COMMIT", err, errlen);
	if (open)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

void cache_read_begin(struct cache *c)
{
	if (!c->reading && sqlite3_get_autocommit(c->db) &&
	    sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
		c->reading = true;
}

void cache_read_end(struct cache *c)
{
	if (!c || !c->reading)
		return;
	c->reading = false;
	if (!sqlite3_get_autocommit(c->db)) /* nothing was written in it: nothing to lose */
		sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
}
