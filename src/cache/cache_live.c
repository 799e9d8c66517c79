#include "cache/cache.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_db.h"
#include "util/util.h"

static const char *const live_names[LIVE__COUNT] = {"unchecked", "alive", "dead", "blocked", "error", "skipped"};

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



/* A redirect chain as citecheck stores it: a JSON array of URLs. */
static bool redirects_ok(const char *json)
{
	if (!json)
		return true;
	json_t *a = json_loads(json, JSON_REJECT_DUPLICATES, NULL);
	bool ok = json_is_array(a) && json_array_size(a) <= CACHE_MAX_REDIRECTS;
	for (size_t i = 0; ok && i < json_array_size(a); i++) {
		const char *u = json_string_value(json_array_get(a, i));
		ok = u && strlen(u) <= CACHE_MAX_URL && !strpbrk(u, "\r\n\t\x1b");
	}
	json_decref(a);
	return ok;
}

/* Whether the row's every field is one citecheck could have written: the
 * cache file is input like a document (a CI cache restored from another
 * branch is anybody's). */
static bool live_row_ok(sqlite3_stmt *st)
{
	enum live_verdict v;
	return column_int_ok(st, 0, 1, (sqlite3_int64)1 << 40) && live_verdict_parse(column_text(st, 1), &v) &&
	       v != LIVE_UNCHECKED && v != LIVE_SKIPPED &&
	       column_text_ok(st, 2, CACHE_MAX_WORD, false) && column_int_ok(st, 3, 0, 999) &&
	       column_text_ok(st, 4, CACHE_MAX_URL, false) && column_text_ok(st, 5, CACHE_MAX_REDIRECTS * (CACHE_MAX_URL + 8), false) &&
	       redirects_ok(column_text(st, 5)) && column_int_ok(st, 6, 0, 1) && column_int_ok(st, 7, 0, 1L << 31) &&
	       print_ok(st, 8) && column_text_ok(st, 15, CACHE_MAX_TITLES, true);
}

static void load_live(struct model *m, struct target *t, sqlite3_stmt *st)
{
	struct live_result *r = target_live_make(t);
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
	read_print(target_print_make(t), st, 8);
	r->page_titles = dup_column(st, 15);
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
	cache_read_begin(c);
	sqlite3_stmt *st = c->live_get;
	sqlite3_bind_text(st, 1, t->key, -1, SQLITE_STATIC);
	bool reused = false;
	c->bounded = true;
	int step = sqlite3_step(st);
	c->bounded = false;
	if (step == SQLITE_ROW && !live_row_ok(st)) {
		c->refused++;
	} else if (step == SQLITE_ROW) {
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
		struct live_result *r = target_live_make(t);
		r->verdict = LIVE_ERROR;
		r->reason = "not-cached";
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


/* Answers worth keeping: what this run learnt from the web (not what it
 * was told by the cache, nor what it did not ask). */
static bool learnt(const struct live_result *r)
{
	if (r->cached || r->local || r->verdict == LIVE_UNCHECKED || r->verdict == LIVE_SKIPPED || !r->reason)
		return false;
	return strcmp(r->reason, "interrupted") && strcmp(r->reason, "deadline") && strcmp(r->reason, "not-cached");
}


static int bind_live(sqlite3_stmt *st, const struct target *t, const struct cache_policy *p)
{
	const struct live_result *r = target_live(t);
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
	bind_print(st, 10, target_print(t));
	sqlite3_bind_text(st, 17, r->page_titles, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int bind_history(sqlite3_stmt *st, const struct target *t, const struct cache_policy *p)
{
	sqlite3_bind_text(st, 1, t->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->now);
	sqlite3_bind_text(st, 3, live_names[target_live(t)->verdict], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, target_live(t)->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, (int)target_live(t)->http_status);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Whether an answer that verified nothing says something about the page
 * (a 5xx, a timeout, a reset), not about this machine's network. */
static bool page_fault(const char *verdict, const char *reason)
{
	return !strcmp(verdict, "error") && !(reason && !strcmp(reason, "offline"));
}

/* Reads a URL's history into its result: the last alive check, and the
 * failing checks since (dead, or a fault of the page); last_failed gets
 * the newest of them. A check that says nothing of the page (offline)
 * neither counts nor breaks the count. */
static int read_history(sqlite3_stmt *st, struct target *t, int64_t *last_failed)
{
	struct live_result *r = target_live_make(t);
	sqlite3_bind_text(st, 1, t->key, -1, SQLITE_STATIC);
	r->last_alive = r->first_failed = *last_failed = 0;
	r->failures = 0;
	int rc;
	/* newest first: failures count back to the last alive check */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = column_text(st, 1);
		int64_t at = sqlite3_column_int64(st, 0);
		if (!v)
			continue;
		if (!strcmp(v, "alive")) {
			r->last_alive = at;
			break;
		}
		if (!strcmp(v, "dead") || page_fault(v, column_text(st, 2))) {
			if (!r->failures++)
				*last_failed = at;
			r->first_failed = at;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* What the history makes of this run's answer. A page failing in enough
 * checks spread over enough time (the checks themselves must span
 * confirm_span: an answer reused from the cache is no new evidence) is
 * confirmed dead: a dead answer is so confirmed, and a fault of the page
 * (5xx, timeouts) repeated so becomes dead, its reason kept. One bad night
 * of a server fails nothing; a page that has really gone is dead at once
 * and confirmed within days. */
static void confirm_dead(struct live_result *r, int64_t last_failed, const struct cache_policy *p)
{
	bool spread = last_failed - r->first_failed >= p->confirm_span;
	if (r->verdict == LIVE_DEAD) {
		/* one check spans no time: --confirm-dead 1 confirms at once */
		r->confirmed = r->failures >= p->confirm_checks && (p->confirm_checks <= 1 || spread);
	} else if (r->verdict == LIVE_ERROR && page_fault("error", r->reason) && spread &&
		   r->failures >= (p->confirm_checks > 2 ? p->confirm_checks : 2)) {
		/* a transient answer is never confirmed by one check */
		r->verdict = LIVE_DEAD;
		r->confirmed = true;
	}
}

int cache_store_live(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen)
{
	cache_read_end(c);
	sqlite3_stmt *up = NULL, *hist = NULL, *past = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(c->db,
			       "INSERT OR REPLACE INTO live (url, checked_at, verdict, reason, http_status, final_url,"
			       " redirects, moved, elapsed_ms, print_type, print_digest, print_bytes, print_title,"
			       " print_words, print_partial, print_sketch, page_titles)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &up, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT INTO history (url, checked_at, verdict, reason, http_status) VALUES (?, ?, ?, ?, ?)",
			       -1, &hist, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "SELECT checked_at, verdict, reason FROM history WHERE url = ? ORDER BY checked_at DESC, rowid DESC"
			       " LIMIT 1000",
			       -1, &past, NULL) != SQLITE_OK)
		rc = cache_fail(c->db, "writing live answers", err, errlen);
	if (rc == 0)
		rc = cache_exec(c->db, "BEGIN IMMEDIATE", err, errlen);
	bool open = rc == 0;
	for (size_t i = 0; rc == 0 && i < m->ntargets; i++) {
		struct target *t = &m->targets[i];
		if (!learnt(target_live(t)))
			continue;
		target_live_make(t)->checked_at = p->now;
		if (bind_live(up, t, p) || bind_history(hist, t, p))
			rc = cache_fail(c->db, "writing live answers", err, errlen);
	}
	rc = cache_end_write(c->db, rc, open, err, errlen);
	/* what the history says of each page, this run's check included */
	m->history = rc == 0;
	if (rc == 0)
		cache_read_begin(c);
	for (size_t i = 0; rc == 0 && i < m->ntargets; i++) {
		struct target *t = &m->targets[i];
		if (target_live(t)->verdict == LIVE_UNCHECKED || target_live(t)->verdict == LIVE_SKIPPED || target_live(t)->local)
			continue;
		int64_t last_failed;
		if (read_history(past, t, &last_failed))
			rc = cache_fail(c->db, "reading the history", err, errlen);
		else
			confirm_dead(target_live_make(t), last_failed, p);
	}
	cache_read_end(c);
	sqlite3_finalize(up);
	sqlite3_finalize(hist);
	sqlite3_finalize(past);
	return rc;
}
