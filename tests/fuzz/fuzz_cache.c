/* The cache file is input: a CI cache restored from another branch is
 * anybody's. The fuzzer's bytes become the fields of one live row and one
 * archive row, stored as SQLite holds them (integers, reals, text, blobs,
 * NULL), then read back as a run reads them: each field validated, the row
 * loaded, and drift measured again against the capture's print. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/cache.h"
#include "cache/cache_db.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
	const uint8_t *p;
	size_t left;
};

static uint8_t byte(struct input *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

/* One value: a type byte, then 8 bytes (integer, real) or a length byte
 * and that many bytes (text, blob); NULL otherwise. */
static void bind_value(sqlite3_stmt *st, int i, struct input *in)
{
	uint8_t type = byte(in) % 5;
	if (type == 0 || type == 1) {
		uint64_t v = 0;
		for (int k = 0; k < 8; k++)
			v = v << 8 | byte(in);
		if (type == 0)
			sqlite3_bind_int64(st, i, (sqlite3_int64)v);
		else {
			double d;
			memcpy(&d, &v, sizeof d);
			sqlite3_bind_double(st, i, d);
		}
	} else if (type == 2 || type == 3) {
		size_t n = byte(in);
		if (n > in->left)
			n = in->left;
		if (type == 2)
			sqlite3_bind_text(st, i, (const char *)in->p, (int)n, SQLITE_TRANSIENT);
		else
			sqlite3_bind_blob(st, i, in->p, (int)n, SQLITE_TRANSIENT);
		in->p += n;
		in->left -= n;
	} else {
		sqlite3_bind_null(st, i);
	}
}

static struct cache *open_cache(void)
{
	static struct cache *c;
	if (c)
		return c;
	char path[] = "/tmp/fuzz-cache-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	close(fd);
	unlink(path);
	char err[512];
	if (cache_open(&c, path, 3600 * 1000, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
	return c;
}

static void store(sqlite3 *db, const char *sql, int fixed, int n, struct input *in)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		abort();
	for (int i = fixed + 1; i <= n; i++)
		bind_value(st, i, in);
	sqlite3_bind_text(st, 1, "https://a.example.org/x", -1, SQLITE_STATIC);
	if (fixed > 1)
		sqlite3_bind_text(st, 2, "now", -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cache *c = open_cache();
	struct input in = {data, size};
	bool only = byte(&in) & 1;
	/* every column of the schema's rows, the page titles (schema 3) last */
	store(c->db,
	      "INSERT OR REPLACE INTO live VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 1, 17, &in);
	store(c->db,
	      "INSERT OR REPLACE INTO archive VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	      2, 25, &in);
	struct model *m = model_create(NULL);
	size_t ti = model_target_for(m, "https://a.example.org/x", 0, 0);
	size_t li = model_lookup_for(m, "https://a.example.org/x", "20240101000000", "now");
	m->lookups[li].page = ti;
	struct cache_policy p = {2000000000, (int64_t)1 << 40, 2, 3600, only, 0.6};
	cache_reuse_live(c, m, ti, &p);
	cache_reuse_archive(c, m, li, &p);
	model_destroy(m);
	return 0;
}
