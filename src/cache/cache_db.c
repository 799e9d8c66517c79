#include "cache/cache_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

const char *column_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
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
