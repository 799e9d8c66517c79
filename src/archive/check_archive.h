/* check_archive.h — the archive stage: for every cited page at the time it
 * was cited, the Wayback Machine capture closest to that time, found with
 * one replay request where possible (GET <base>/web/<time>id_/<page>) and
 * the CDX index only when the nearest capture is not a 200; the capture's
 * raw body is compared with the live page as it arrives (compare_drift.c).
 *
 * The archive's rate limits bound this stage, so each endpoint has its own
 * token bucket; a 429 pauses the endpoint for its Retry-After (or
 * rate_limit_wait when it gives none), and the stage stops asking — verdict
 * unknown, reason "archive-rate-limited" — rather than hammer. */
#ifndef CITECHECK_CHECK_ARCHIVE_H
#define CITECHECK_CHECK_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "live/check_live.h"
#include "model/model.h"

struct archive_config {
	const char *base;        /* the Wayback Machine, e.g. https://web.archive.org */
	double replay_rate;      /* replay requests a second */
	double cdx_rate;         /* CDX requests a second */
	double save_rate;        /* Save Page Now requests a second */
	long endpoint_jobs;      /* requests at once to one endpoint */
	long rate_limit_wait_ms; /* after a 429 without Retry-After */
	unsigned max_rate_limits; /* 429s in a row on an endpoint before it is given up */
	double drift_threshold;
	bool save_missing;
	bool keep_snapshot_prints; /* for the cache: each capture's print, in lookup.snapshot */
	const char *access_key, *secret_key; /* Save Page Now; never logged */
	unsigned save_polls;     /* status queries per capture job */
	double save_poll_interval_s;
	const struct live_config *net; /* timeouts, retries, TLS, User-Agent, deadline */
	/* asked before a lookup is sent: true when it is decided already (an
	 * answer from --cache); NULL: every lookup is asked */
	bool (*reuse)(void *arg, struct model *m, size_t lookup);
	void (*reuse_end)(void *arg); /* as live_config's */
	void *reuse_arg;
	/* the endpoints' pace shared with other processes (live_config.slot) */
	double (*slot)(void *arg, const char *name, double interval, double unix_now);
	void *slot_arg;
};

void archive_config_defaults(struct archive_config *c, const struct live_config *net);

/* Before the live stage: gives every link its lookup (the page and the time
 * to look for) and every snapshot or save link the target of its original,
 * so the live stage checks that page too. */
void archive_plan(struct model *m, const struct live_config *net);
/* Link refs[r].links[k] cites another URL than when the plan was made (a
 * wrapped URL settled by the live stage): its lookup planned anew, the old
 * one skipped ("not-cited") when no other link wants it. */
void archive_replan_link(struct model *m, size_t r, size_t k, const struct live_config *net);

/* Without the archive stage (--no-archive): only the originals of snapshot
 * and save links get their targets, so they are checked live all the same. */
void archive_bind_originals(struct model *m, const struct live_config *net);

/* Asks the archive every lookup; fills archive and drift results. Returns 0,
 * or -1 with a reason in err when libcurl cannot start. */
int check_archive(struct model *m, const struct archive_config *cfg, char *err, size_t errlen);

/* --archive failing, once the live stage has run: the lookups of pages
 * alive and cited with no access date are skipped (not-failing); those of
 * failing pages, of dated citations and of snapshot and save links stay. */
void archive_keep_failing(struct model *m);

/* Marks every lookup unknown with reason (e.g. "offline"). */
void archive_skip_all(struct model *m, const char *reason);

#endif
