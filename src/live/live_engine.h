/* live_engine.h — the transfer machinery of the live stage: one libcurl
 * multi handle, per-host queues with a global and a per-host limit, per-host
 * pacing, retry times, an overall deadline. It knows nothing of verdicts: it
 * calls back when a transfer ends, and the caller decides what follows
 * (check_live.c). */
#ifndef CITECHECK_LIVE_ENGINE_H
#define CITECHECK_LIVE_ENGINE_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "live/check_live.h"
#include "util/strmap.h"
#include "util/util.h"

struct soft_sig; /* live_soft404.h: the caller's; the engine only frees it */

#define LIVE_PROBE ((size_t)-1) /* the target of a transfer that is a host probe */

/* A host as the limits see it: scheme://host:port. */
struct live_host {
	char *name;
	long active, limit;
	double next_allowed; /* pacing: nothing starts before this */
	/* a token bucket (rate 0: none): starts per second, and how many may
	 * start at once after a quiet spell */
	double rate, burst, tokens, filled_at;
	double slot_at;      /* a moment reserved through cfg->slot (Unix seconds); 0: none */
	const struct host_rule *rule; /* the config file's settings for it, or NULL */
	size_t *queue;       /* transfers waiting, oldest first */
	size_t qlen, qcap;
	/* the soft-404 probe: what the host answers for a path that cannot exist */
	bool wants_probe, probed, probe_found;
	struct soft_sig *probe_sig; /* of a 2xx answer; owned */
};

/* One request in flight or waiting: a target's current hop, or a probe.
 * Each is allocated on its own and never moves: libcurl holds pointers to
 * it while it runs, and transfers are added while others run. */
struct live_transfer {
	size_t index;  /* in the engine's t */
	size_t target; /* index into the model's targets, or LIVE_PROBE */
	size_t host;   /* index into the engine's hosts */
	char *url;
	char *post;                        /* a POST body (owned); NULL: GET */
	const struct curl_slist *headers;  /* extra request headers, owned by the caller */
	unsigned step;                     /* the caller's: what this request is for */
	unsigned hops, tries; /* redirects followed; attempts at this hop */
	double not_before;    /* a retry waits until then */
	double first_start;   /* the target's first request */
	bool running, done;
	CURL *easy;
	struct buf body; /* the first max_body bytes of the answer */
	struct buf request, head; /* --warc: the request sent and the last response's headers */
	size_t max_body;
	bool truncated;
	bool refused_private; /* --no-private stopped its connection */
	char errbuf[CURL_ERROR_SIZE];
	/* kept by the caller for an alive deep page, for the probe comparison */
	struct soft_sig *sig; /* owned */
	bool deep;
};

struct live_engine;
/* Called when a transfer ends, its easy handle still attached for
 * curl_easy_getinfo; the engine detaches and frees it afterwards. */
typedef void live_done_fn(struct live_engine *e, struct live_transfer *t, CURLcode code, double now);

struct live_engine {
	const struct live_config *cfg;
	live_done_fn *done;
	void *ctx; /* the caller's */
	CURLM *multi;
	struct live_host *hosts;
	size_t nhosts, hosts_cap;
	struct strmap host_index;
	struct live_transfer **t; /* each owned */
	size_t nt, t_cap;
	long running;
	size_t waiting, delayed; /* not running and not done; of those, waiting for a retry time */
	double deadline;
	bool hold; /* start nothing new: the caller waits for what is in flight */
	unsigned long rng;
};

double live_now(void);

/* Returns 0, or -1 when libcurl cannot start. */
int live_engine_init(struct live_engine *e, const struct live_config *cfg, live_done_fn *done, void *ctx);
void live_engine_finish(struct live_engine *e);

/* "scheme://host:port" of url, or NULL when curl cannot parse it. Caller frees. */
char *live_host_key(const char *url);
/* The host with that key, made on first use. */
size_t live_engine_host(struct live_engine *e, const char *key);
/* A new transfer of url for target on host, queued; returns its index.
 * It may be added while others run. */
size_t live_engine_add(struct live_engine *e, size_t target, const char *url, size_t host);
/* Paces host with a token bucket: at most rate starts a second on average,
 * burst at once. */
void live_engine_pace(struct live_engine *e, size_t host, double rate, double burst);
/* Lowers host's rate (a host that states its limit), keeping what its
 * bucket holds: slowing down grants no start. */
void live_engine_slow(struct live_engine *e, size_t host, double rate);
/* Transfer t again after wait seconds, when --retries and the deadline
 * allow it: true when it was queued. */
bool live_engine_retry(struct live_engine *e, struct live_transfer *t, double wait, double now);
/* The limits an answer states (Crossref's on every answer:
 * X-Rate-Limit-Limit: 50, X-Rate-Limit-Interval: 1s, X-Concurrency-Limit:
 * 3): t's host is never asked faster, nor more at once, from now on. */
void live_engine_obey_rate_headers(struct live_engine *e, struct live_transfer *t);
/* Takes every transfer waiting for host out of its queue (they stay not
 * done, for the caller to judge): the host asked us to stop. */
void live_engine_drop_queue(struct live_engine *e, size_t host);
/* Queues transfer ti again, not before the given time. */
void live_engine_enqueue(struct live_engine *e, size_t ti, double not_before);
/* 0 .. 0.5, for jittered backoff. */
double live_engine_jitter(struct live_engine *e);

/* Makes live_engine_run return at its next step, as at the deadline. */
void live_engine_stop(struct live_engine *e);

/* Runs until nothing runs or waits, or the deadline. What was not done then
 * is left with done == false for the caller to judge. */
void live_engine_run(struct live_engine *e);
/* One turn of live_engine_run, waiting wait_ms at most (for a socket, a
 * time or live_engine_wakeup): for a caller with other work between
 * turns. false when nothing runs or waits, or past the deadline: then
 * nothing was done. */
bool live_engine_step(struct live_engine *e, int wait_ms);
/* Ends the wait of a live_engine_step early; any thread may call it. */
void live_engine_wakeup(struct live_engine *e);

/* The options every request shares: protocols, TLS, timeouts, User-Agent,
 * --connect-to and --resolve, and under --no-private a socket callback that
 * sets *refused_private when it refuses an address. */
void live_easy_options(CURL *h, const struct live_config *c, bool *refused_private);
curl_socket_t live_open_public_socket(void *refused, curlsocktype purpose, struct curl_sockaddr *addr);

#endif
