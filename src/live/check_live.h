/* check_live.h — the live stage: every distinct cited URL fetched once over
 * one libcurl multi handle, politely (a global and a per-host limit, pacing
 * after 429s), patiently (retries with backoff and jitter, Retry-After) and
 * within bounds (per-request timeouts, an overall deadline, capped bodies,
 * capped redirects). Results go to each target's live_result. */
#ifndef CITECHECK_CHECK_LIVE_H
#define CITECHECK_CHECK_LIVE_H

#include <curl/curl.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "live/host_rules.h"
#include "model/model.h"

/* One request and its answer, as evidence keeps them (--warc). */
struct live_exchange {
	const char *url;
	const char *request; /* the request's line and headers, as sent */
	size_t request_len;
	const char *head;    /* the last response's status line and headers, as received */
	size_t head_len;
	const char *body;    /* the body as decoded, up to max_body */
	size_t body_len;
	bool truncated;      /* the body went on past max_body */
	const char *ip;      /* the server's address; NULL when not known */
	/* the headers the config file or Save Page Now added: never kept */
	const struct curl_slist *secret;
};

struct live_config {
	long jobs;               /* transfers at once */
	long host_jobs;          /* transfers at once per host */
	long timeout_ms;         /* per request */
	long connect_timeout_ms; /* per connection */
	long deadline_ms;        /* the whole stage; what is left then is error/deadline */
	unsigned retries;        /* further attempts after a transient failure */
	long max_retry_after_s;  /* the longest Retry-After honoured; longer ones end the retries */
	long backoff_ms;         /* first retry delay; doubles, with up to 50% jitter */
	size_t max_body;         /* bytes of a body kept; the rest is not downloaded */
	unsigned max_redirects;
	const char *user_agent;
	const char *cacert;      /* NULL: the system's trust store */
	bool insecure;           /* no TLS verification */
	bool no_private;         /* refuse private, loopback and link-local addresses (address_policy.h) */
	bool check_example_hosts; /* fetch documentation examples too (see live_example_host) */
	struct curl_slist *connect_to, *resolve; /* owned by the caller */
	const regex_t *excludes; /* owned by the caller */
	const struct host_rules *rules; /* the config file's per-host settings; may be NULL */
	size_t nexcludes;
	bool probe;              /* soft-404 probes of hosts with deep pages */
	bool keep_prints;        /* keep each alive page's print for the drift check */
	bool check_fragments;    /* --check-fragments: look for a cited #fragment on its page */
	bool archive_checks_snapshots; /* Wayback snapshots are left to the archive stage */
	unsigned long seed;      /* jitter; tests fix it */
	/* asked before a target is fetched: true when it is decided already
	 * (an answer from --cache); NULL: every target is fetched */
	bool (*reuse)(void *arg, struct model *m, size_t target);
	/* called once every target was asked of reuse, before any is fetched;
	 * may be NULL */
	void (*reuse_end)(void *arg);
	void *reuse_arg;
	/* paced hosts shared with other processes (the archive's endpoints
	 * under --cache): reserves the next free moment, in Unix seconds, for
	 * a request to name, interval after the one reserved before it by any
	 * process; NULL: the pace is this process's own */
	double (*slot)(void *arg, const char *name, double interval, double unix_now);
	void *slot_arg;
	/* called as the engine turns (a few times a second at least): the
	 * progress line; NULL: none */
	void (*tick)(void *arg);
	void *tick_arg;
	/* called with every answer to a GET, before it is judged (--warc);
	 * NULL: answers are not kept */
	void (*record)(void *arg, const struct live_exchange *x);
	void *record_arg;
};

void live_config_defaults(struct live_config *c);

/* Checks every target of m. Returns 0, or -1 with a reason in err when the
 * stage could not run at all (libcurl could not start). */
int check_live(struct model *m, const struct live_config *cfg, char *err, size_t errlen);

/* The same stage begun while documents are still read: the pages sure to
 * be fetched whatever later documents say are fetched as they come (a
 * page's chrome may yet be cited, relative links wait for every file), the
 * rest at the end. All on the thread that merges the documents into m.
 * Begins with a copy of cfg; -1 with err as check_live. */
struct live_stage;
int live_stage_begin(struct live_stage **out, struct model *m, const struct live_config *cfg, char *err,
		     size_t errlen);
/* Plans what the documents merged since the last call made sure to fetch. */
void live_stage_plan_early(struct live_stage *s, struct model *m);
/* One turn of the transfers, waiting wait_ms at most: false when none
 * runs or waits (live_engine_step). */
bool live_stage_step(struct live_stage *s, int wait_ms);
/* Ends a step's wait; any thread may call it (a document is ready). */
void live_stage_wakeup(struct live_stage *s);
/* The progress line, from now on (none while documents are read). */
void live_stage_progress(struct live_stage *s, void (*tick)(void *arg), void *arg);
/* finish: plans every target left, runs to the end, settles what they
 * share (as check_live does); otherwise drops what runs. Frees s; 0. */
int live_stage_end(struct live_stage *s, struct model *m, bool finish);

/* http or https. */
bool live_web_url(const char *url);
/* Whether url matches one of the --exclude patterns. */
/* Whether url's host is a documentation example, not a citation: a
 * reserved example domain (example.com/.net/.org and below), the reserved
 * TLDs .test, .example, .invalid, .localhost, localhost itself, or a
 * loopback, private or link-local address — unless --check-example-hosts,
 * or --connect-to/--resolve routes that host (the user says where it is). */
bool live_example_host(const struct live_config *c, const char *url);
bool live_excluded(const struct live_config *c, const char *url);

/* Marks every target skipped with reason (e.g. "extract-only"). */
void live_skip_all(struct model *m, const char *reason);

/* Whether no target got any answer and all failed to resolve or connect:
 * then the network, not the links, is down (set on the results as
 * error/offline by check_live). */
bool live_offline(const struct model *m);

#endif
