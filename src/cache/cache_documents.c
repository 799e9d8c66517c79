#include "cache/cache.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_db.h"
#include "model/model_pack.h"
#include "util/util.h"

/* Rows written before a commit: one transaction, not one a document (a
 * docs tree has tens of thousands), nor the whole run's in one. */
#define DOCUMENTS_PER_COMMIT 256

bool cache_get_document(struct cache *c, const char *key, const struct cache_policy *p, unsigned char **pack,
			size_t *len)
{
	*pack = NULL;
	*len = 0;
	if (!c->document_get &&
	    sqlite3_prepare_v2(c->db, "SELECT checked_at, model FROM document WHERE key = ?", -1, &c->document_get,
			       NULL) != SQLITE_OK)
		return false;
	sqlite3_stmt *st = c->document_get;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	c->bounded = true;
	int step = sqlite3_step(st);
	c->bounded = false;
	bool found = false;
	if (step == SQLITE_ROW) {
		int64_t age = p->now - sqlite3_column_int64(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 1);
		if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || sqlite3_column_type(st, 1) != SQLITE_BLOB ||
		    n > MODEL_PACK_MAX) {
			c->refused++;
		} else if (p->only || (age >= 0 && age <= p->max_age)) { /* --cache-only: any age, as answers */
			*pack = xmalloc(n ? n : 1);
			memcpy(*pack, sqlite3_column_blob(st, 1), n);
			*len = n;
			found = true;
		}
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return found;
}

int cache_documents_flush(struct cache *c, char *err, size_t errlen)
{
	if (!c->documents_pending)
		return 0;
	c->documents_pending = 0;
	return cache_exec(c->db, "COMMIT", err, errlen);
}

int cache_put_document(struct cache *c, const char *key, const struct cache_policy *p, const unsigned char *pack,
		       size_t len, char *err, size_t errlen)
{
	cache_read_end(c);
	if (!c->document_put &&
	    sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO document (key, checked_at, model) VALUES (?, ?, ?)", -1,
			       &c->document_put, NULL) != SQLITE_OK)
		return cache_fail(c->db, "writing documents", err, errlen);
	if (!c->documents_pending && cache_exec(c->db, "BEGIN IMMEDIATE", err, errlen) != 0)
		return -1;
	sqlite3_stmt *st = c->document_put;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->now);
	sqlite3_bind_blob64(st, 3, pack, len, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	c->documents_pending++;
	if (rc != SQLITE_DONE) {
		cache_fail(c->db, "writing documents", err, errlen);
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		c->documents_pending = 0;
		return -1;
	}
	return c->documents_pending >= DOCUMENTS_PER_COMMIT ? cache_documents_flush(c, err, errlen) : 0;
}

void cache_refuse(struct cache *c)
{
	c->refused++;
}
