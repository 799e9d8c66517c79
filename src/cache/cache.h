/* cache.h — what citecheck remembers between runs (--cache FILE), in an
 * SQLite database: the live answer per URL, the archive's answer per
 * (page, time sought), and the history of every check. A run reuses what is
 * young enough, checks the rest, and writes what it learnt back, one
 * transaction per stage: a run killed at any moment leaves a database that
 * opens, with every answer committed before.
 *
 * How long an answer is reused:
 *   - a live answer that says something about the page (alive, dead,
 *     blocked, skipped): max_age (--max-age, default 1 day);
 *   - one that says nothing about it (timeouts, resets, TLS, 5xx, 429,
 *     offline, deadline): CACHE_TRANSIENT_AGE at most;
 *   - an archive capture found: for good (a capture never changes); "not
 *     archived": CACHE_NOT_ARCHIVED_AGE at most; "unknown": as a transient
 *     live answer (and none past max_age). The capture's print is kept with
 *     it: when the live page is checked again, drift is measured anew
 *     against that print, with no request to the archive;
 *   - a DOI's registered work: CACHE_DOI_FOUND_AGE; "not found": max_age;
 *     "unknown": CACHE_TRANSIENT_AGE.
 *
 * Pace: the archive's endpoints are paced across every process sharing the
 * cache (a table of the next moment each may be asked), so a CI matrix of
 * jobs never asks faster than one run would.
 *
 * History: every check is kept. A page failing in this run is dead, with
 * or without a cache; the history says since when and in how many checks,
 * and confirms it once it has failed in confirm_checks checks (with no
 * alive check between) spread over at least confirm_span. A fault of the
 * page (5xx, timeouts, resets) fails nothing on one night; repeated so, it
 * becomes a confirmed dead. */
#ifndef CITECHECK_CACHE_H
#define CITECHECK_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"

#define CACHE_SCHEMA_VERSION 3
#define CACHE_TRANSIENT_AGE (10 * 60)          /* seconds */
#define CACHE_NOT_ARCHIVED_AGE (7 * 24 * 3600) /* seconds */
#define CACHE_DOI_FOUND_AGE (30 * 24 * 3600)  /* seconds: a work's registered metadata */
#define CACHE_CONFIRM_CHECKS 2
#define CACHE_CONFIRM_SPAN (20 * 3600) /* seconds: two checks on two days, not one night */

struct cache_policy {
	int64_t now;       /* Unix time of this run (CITECHECK_NOW in tests) */
	int64_t max_age;   /* seconds */
	unsigned confirm_checks;
	int64_t confirm_span; /* seconds */
	bool only;         /* --cache-only: nothing that is not in the cache is checked */
	double drift_threshold; /* to measure drift again against a kept capture */
};

struct cache;

/* Opens (creating, or migrating to CACHE_SCHEMA_VERSION) the database at
 * path. A file whose schema is not exactly citecheck's is refused; the
 * rest of what it holds is read as input: a row citecheck could not have
 * written is taken as absent (cache_refused), and a read still running
 * when the run is interrupted or deadline_ms from now have passed is
 * stopped. Returns 0, or -1 with the reason in err. */
int cache_open(struct cache **out, const char *path, long deadline_ms, char *err, size_t errlen);
/* The rows read that were taken as absent. */
size_t cache_refused(const struct cache *c);
void cache_close(struct cache *c);

/* Closes the read transaction the questions of a stage opened (each
 * reuse below opens one on first use); c may be NULL. */
void cache_read_end(struct cache *c);

/* The time of this run: CITECHECK_NOW (Unix seconds) when set, else the clock. */
int64_t cache_clock(void);

/* Fills target ti's live result (and print) from the cache when it holds
 * one young enough (marked cached); under policy->only, a target it does
 * not hold is error/not-cached. Returns whether the target is decided. */
bool cache_reuse_live(struct cache *c, struct model *m, size_t ti, const struct cache_policy *p);

/* Writes this run's live answers and a history row each, then reads each
 * checked URL's history back into its result: how long it has been failing,
 * whether that is confirmed, and a fault of the page repeated over the span
 * made dead (confirm_dead). Returns 0, or -1 with err. */
int cache_store_live(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen);

/* DOI lookup di from the cache when it holds one young enough: a work
 * found for CACHE_DOI_FOUND_AGE, a DOI not found for max_age (it may be
 * registered since), one the resolver did not answer for
 * CACHE_TRANSIENT_AGE at most; under policy->only, one it does not hold is
 * unknown/not-cached. Returns whether the DOI is decided. */
bool cache_reuse_doi(struct cache *c, struct model *m, size_t di, const struct cache_policy *p);
/* Writes what this run learnt of each DOI. Returns 0, or -1 with err. */
int cache_store_doi(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen);

/* --find-works: search si from the cache, keyed by its query: a work found
 * for CACHE_DOI_FOUND_AGE, none found or one unsure for max_age (it may be
 * registered since), one not answered for CACHE_TRANSIENT_AGE at most;
 * under policy->only, one it does not hold is unknown/not-cached. */
bool cache_reuse_work(struct cache *c, struct model *m, size_t si, const struct cache_policy *p);
int cache_store_works(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen);

/* A document's model as read and checked (model/model_pack.h), under key
 * (core/read_docs.c: a strong hash of its bytes, its path, this citecheck
 * and the options that change reading), when one younger than max_age is
 * kept (any, under policy->only): *pack (caller frees) and *len. Called
 * from one thread at a time. */
bool cache_get_document(struct cache *c, const char *key, const struct cache_policy *p, unsigned char **pack,
			size_t *len);
/* Keeps one; the rows are committed by the hundred and by
 * cache_documents_flush. Returns 0, or -1 with err. */
int cache_put_document(struct cache *c, const char *key, const struct cache_policy *p, const unsigned char *pack,
		       size_t len, char *err, size_t errlen);
int cache_documents_flush(struct cache *c, char *err, size_t errlen);
/* A row read whose contents were no document citecheck wrote: counted
 * with cache_refused, taken as absent. */
void cache_refuse(struct cache *c);

/* As cache_reuse_live for lookup li (with its drift; unknown/not-cached). */
bool cache_reuse_archive(struct cache *c, struct model *m, size_t li, const struct cache_policy *p);
int cache_store_archive(struct cache *c, struct model *m, const struct cache_policy *p, char *err, size_t errlen);

/* The archive's pace shared by every process using the cache: reserves the
 * next moment (Unix seconds) at which a request to name may be sent,
 * interval after the one reserved before by any of them, and returns it. A
 * cache that cannot answer gives unix_now: the pace is then this process's
 * own. */
double cache_slot(struct cache *c, const char *name, double interval, double unix_now);

/* "90m", "12h", "7d", "30s" or seconds, into seconds; false when not one. */
bool cache_parse_duration(const char *s, int64_t *seconds);

#endif
