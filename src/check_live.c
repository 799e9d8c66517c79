#include "check_live.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live_verdict.h"
#include "page_text.h"
#include "strmap.h"
#include "util.h"

#ifndef CITECHECK_VERSION
#define CITECHECK_VERSION "0.0.0"
#endif

void live_config_defaults(struct live_config *c)
{
	memset(c, 0, sizeof *c);
	c->jobs = 16;
	c->host_jobs = 2;
	c->timeout_ms = 20000;
	c->connect_timeout_ms = 10000;
	c->deadline_ms = 15 * 60 * 1000;
	c->retries = 2;
	c->max_retry_after_s = 60;
	c->backoff_ms = 1000;
	c->max_body = 2u << 20;
	c->max_redirects = 10;
	c->user_agent = "citecheck/" CITECHECK_VERSION " (citation checker)";
	c->probe = true;
	c->seed = (unsigned long)time(NULL);
}

/* A host as the limits see it: scheme://host:port. */
struct host {
	char *name;
	long active, limit;
	double next_allowed; /* after a 429, nothing starts before this */
	size_t *queue;       /* transfers waiting, oldest first */
	size_t qlen, qcap;
	/* soft-404 probe: what the host answers for a path that cannot exist */
	bool wants_probe, probed, probe_found;
	uint64_t probe_hash;
	size_t probe_len;
	char *probe_title;
};

/* One request in flight or waiting: a target's current hop, or a probe. */
struct transfer {
	size_t target; /* (size_t)-1 for a probe */
	size_t host;
	char *url;
	unsigned hops, tries; /* redirects followed; attempts at this hop */
	double not_before;
	double first_start; /* of the target's first request: elapsed_ms counts from it */
	bool running, done;
	CURL *easy;
	struct buf body;
	size_t max_body;
	bool truncated;
	char errbuf[CURL_ERROR_SIZE];
	/* an alive page, kept for the probe comparison */
	uint64_t hash;
	size_t len;
	char *title;
	bool deep; /* the cited path is deeper than the site's root */
};

struct engine {
	struct model *m;
	const struct live_config *cfg;
	CURLM *multi;
	struct host *hosts;
	size_t nhosts, hosts_cap;
	struct strmap host_index;
	struct transfer *t;
	size_t nt, t_cap;
	long running;
	size_t waiting; /* transfers not done and not running */
	size_t delayed; /* of those, how many wait for a retry time */
	double deadline;
	unsigned long rng;
	double start;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double jitter(struct engine *e)
{
	e->rng ^= e->rng << 13;
	e->rng ^= e->rng >> 7;
	e->rng ^= e->rng << 17;
	return (double)(e->rng % 1000) / 2000.0; /* 0 .. 0.5 */
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* "scheme://host:port" of url, or NULL when curl cannot parse it. */
static char *host_key(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *out = NULL;
	if (u && !curl_url_set(u, CURLUPART_URL, url, 0) && !curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) &&
	    !curl_url_get(u, CURLUPART_HOST, &host, 0) &&
	    !curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT))
		out = xasprintf("%s://%s:%s", scheme, host, port);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return out;
}

static bool web_scheme(const char *url)
{
	return ascii_ieq_prefix(url, strlen(url), "http://") || ascii_ieq_prefix(url, strlen(url), "https://");
}

/* The path of url is more than "/": a page inside a site, not its front. */
static bool deep_path(const char *url)
{
	const char *p = strstr(url, "://");
	if (!p)
		return false;
	p = strchr(p + 3, '/');
	return p && p[1] && p[1] != '?' && p[1] != '#';
}

static size_t host_for(struct engine *e, const char *key)
{
	size_t i;
	if (strmap_get(&e->host_index, key, &i))
		return i;
	grow_array(&e->hosts, &e->hosts_cap, e->nhosts + 1, sizeof *e->hosts);
	i = e->nhosts++;
	memset(&e->hosts[i], 0, sizeof e->hosts[i]);
	e->hosts[i].name = xstrdup(key);
	e->hosts[i].limit = e->cfg->host_jobs;
	strmap_put(&e->host_index, key, i);
	return i;
}

static void enqueue(struct engine *e, size_t ti, double not_before)
{
	struct transfer *t = &e->t[ti];
	struct host *h = &e->hosts[t->host];
	t->not_before = not_before;
	grow_array(&h->queue, &h->qcap, h->qlen + 1, sizeof *h->queue);
	h->queue[h->qlen++] = ti;
	e->waiting++;
	if (not_before > 0)
		e->delayed++;
}

static size_t add_transfer(struct engine *e, size_t target, const char *url, size_t host)
{
	grow_array(&e->t, &e->t_cap, e->nt + 1, sizeof *e->t);
	size_t ti = e->nt++;
	struct transfer *t = &e->t[ti];
	memset(t, 0, sizeof *t);
	t->target = target;
	t->url = xstrdup(url);
	t->host = host;
	buf_init(&t->body);
	enqueue(e, ti, 0);
	return ti;
}

/* Keeps the first max_body bytes of a body, then stops the download: the
 * start of a page is enough to judge it, and a bomb stays bounded. */
static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;
	if (t->body.len + len > t->max_body) {
		buf_append(&t->body, data, t->max_body - t->body.len);
		t->truncated = true;
		return 0;
	}
	buf_append(&t->body, data, len);
	return len;
}

static int start_transfer(struct engine *e, size_t ti)
{
	const struct live_config *c = e->cfg;
	struct transfer *t = &e->t[ti];
	CURL *h = curl_easy_init();
	if (!h)
		return -1;
	t->easy = h;
	t->errbuf[0] = '\0';
	buf_clear(&t->body);
	t->max_body = c->max_body;
	t->truncated = false;
	curl_easy_setopt(h, CURLOPT_URL, t->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)t);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, (void *)t);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); /* followed here, to record and bound them */
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(h, CURLOPT_USERAGENT, c->user_agent);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	if (c->cacert)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->cacert);
	if (c->insecure) {
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (c->connect_to)
		curl_easy_setopt(h, CURLOPT_CONNECT_TO, c->connect_to);
	if (c->resolve)
		curl_easy_setopt(h, CURLOPT_RESOLVE, c->resolve);
	if (curl_multi_add_handle(e->multi, h) != CURLM_OK) {
		curl_easy_cleanup(h);
		t->easy = NULL;
		return -1;
	}
	t->running = true;
	if (t->first_start == 0)
		t->first_start = now_s();
	e->running++;
	e->hosts[t->host].active++;
	if (t->target != (size_t)-1)
		e->m->targets[t->target].live.attempts++;
	return 0;
}

/* Hosts with more waiting go first: the busiest host bounds the whole run,
 * so it must never wait for a slot while smaller hosts take them. */
static const struct engine *sort_engine;
static int by_queue_desc(const void *a, const void *b)
{
	size_t x = sort_engine->hosts[*(const size_t *)a].qlen, y = sort_engine->hosts[*(const size_t *)b].qlen;
	return (x < y) - (x > y);
}

/* Starts what may start: under the global and per-host limits, past each
 * host's pacing and each transfer's retry time. */
static void start_ready(struct engine *e, double now)
{
	if (e->running >= e->cfg->jobs || !e->waiting)
		return;
	size_t *order = xmalloc((e->nhosts + 1) * sizeof *order), n = 0;
	for (size_t k = 0; k < e->nhosts; k++)
		if (e->hosts[k].qlen && e->hosts[k].active < e->hosts[k].limit && e->hosts[k].next_allowed <= now)
			order[n++] = k;
	sort_engine = e;
	qsort(order, n, sizeof *order, by_queue_desc);
	for (size_t o = 0; o < n && e->running < e->cfg->jobs; o++) {
		struct host *h = &e->hosts[order[o]];
		for (size_t q = 0; q < h->qlen && h->active < h->limit && e->running < e->cfg->jobs;) {
			size_t ti = h->queue[q];
			if (e->t[ti].not_before > now) {
				q++;
				continue;
			}
			memmove(&h->queue[q], &h->queue[q + 1], (h->qlen - q - 1) * sizeof *h->queue);
			h->qlen--;
			e->waiting--;
			if (e->t[ti].not_before > 0)
				e->delayed--;
			if (start_transfer(e, ti) < 0) {
				e->t[ti].done = true;
				if (e->t[ti].target != (size_t)-1) {
					struct live_result *r = &e->m->targets[e->t[ti].target].live;
					r->verdict = LIVE_ERROR;
					r->reason = "internal";
				}
			}
		}
	}
	free(order);
}

/* Seconds until a waiting transfer's retry time or a host's pacing ends;
 * -1 when no such time is ahead. Transfers that wait only for a free slot
 * need no timer: a finishing transfer wakes the loop. */
static double next_wake(const struct engine *e, double now)
{
	double best = -1;
	for (size_t k = 0; k < e->nhosts; k++) {
		const struct host *h = &e->hosts[k];
		if (!h->qlen)
			continue;
		if (h->next_allowed > now && (best < 0 || h->next_allowed - now < best))
			best = h->next_allowed - now;
		if (!e->delayed)
			continue;
		for (size_t q = 0; q < h->qlen; q++) {
			double at = e->t[h->queue[q]].not_before;
			if (at > now && (best < 0 || at - now < best))
				best = at - now;
		}
	}
	return best;
}

static bool same_page(const char *a, const char *b);

/* The verdict on a target; may be called again to change it (soft 404s). */
static void finish_target(struct engine *e, struct transfer *t, enum live_verdict v, const char *reason)
{
	struct target *tg = &e->m->targets[t->target];
	struct live_result *r = &tg->live;
	r->verdict = v;
	r->reason = reason;
	r->elapsed_ms = t->first_start > 0 ? (long)((now_s() - t->first_start) * 1000) : 0;
	free(r->final_url);
	r->final_url = t->hops ? xstrdup(t->url) : NULL;
	/* "moved": a permanent redirect to another page that is there */
	if (r->moved && (v != LIVE_ALIVE || !t->hops || same_page(tg->key, t->url)))
		r->moved = false;
	t->done = true;
}

/* Same page, cited two ways: scheme, "www." and a trailing slash aside. */
static bool same_page(const char *a, const char *b)
{
	const char *pa = strstr(a, "://"), *pb = strstr(b, "://");
	pa = pa ? pa + 3 : a;
	pb = pb ? pb + 3 : b;
	if (ascii_ieq_prefix(pa, strlen(pa), "www."))
		pa += 4;
	if (ascii_ieq_prefix(pb, strlen(pb), "www."))
		pb += 4;
	size_t la = strlen(pa), lb = strlen(pb);
	if (la && pa[la - 1] == '/')
		la--;
	if (lb && pb[lb - 1] == '/')
		lb--;
	return la == lb && memcmp(pa, pb, la) == 0;
}

/* A 3xx with a Location: record the hop and queue the next one. */
static void follow(struct engine *e, struct transfer *t, long status, const char *location, double now)
{
	struct live_result *r = &e->m->targets[t->target].live;
	if (!web_scheme(location)) {
		finish_target(e, t, LIVE_ERROR, "redirect-scheme");
		return;
	}
	bool loop = strcmp(location, e->m->targets[t->target].key) == 0;
	for (size_t i = 0; i < r->nredirects && !loop; i++)
		loop = strcmp(location, r->redirects[i]) == 0;
	r->redirects = xrealloc(r->redirects, (r->nredirects + 1) * sizeof *r->redirects);
	r->redirects[r->nredirects++] = xstrdup(location);
	if (r->nredirects == 1)
		r->moved = status == 301 || status == 308;
	free(t->url);
	t->url = xstrdup(location);
	t->hops++;
	if (loop) {
		finish_target(e, t, LIVE_ERROR, "redirect-loop");
		return;
	}
	if (t->hops > e->cfg->max_redirects) {
		finish_target(e, t, LIVE_ERROR, "too-many-redirects");
		return;
	}
	char *key = host_key(location);
	if (!key) {
		finish_target(e, t, LIVE_ERROR, "redirect-invalid");
		return;
	}
	t->host = host_for(e, key);
	free(key);
	t->tries = 0;
	enqueue(e, (size_t)(t - e->t), now);
}

static bool looks_html(const struct transfer *t, const char *ctype)
{
	if (ctype)
		return strstr(ctype, "html") != NULL;
	size_t i = 0;
	while (i < t->body.len && (t->body.data[i] == ' ' || t->body.data[i] == '\n' || t->body.data[i] == '\r'))
		i++;
	return i < t->body.len && t->body.data[i] == '<';
}

static void remember_page(struct transfer *t, const struct page_heads *ph)
{
	t->hash = hash_bytes(t->body.data ? t->body.data : "", t->body.len);
	t->len = t->body.len;
	free(t->title);
	t->title = ph->title ? xstrdup(ph->title) : NULL;
}

static void record_probe(struct engine *e, struct transfer *t, long status, const struct page_heads *ph)
{
	struct host *h = &e->hosts[t->host];
	h->probed = true;
	h->probe_found = status >= 200 && status < 300;
	h->probe_hash = hash_bytes(t->body.data ? t->body.data : "", t->body.len);
	h->probe_len = t->body.len;
	h->probe_title = ph->title ? xstrdup(ph->title) : NULL;
	t->done = true;
}

/* A transfer ended: judge it, or follow it, or try it again later. */
static void complete(struct engine *e, struct transfer *t, CURLcode code, double now)
{
	long status = 0, os_errno = 0;
	char *location = NULL, *ctype = NULL;
	curl_off_t retry_after = 0;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(t->easy, CURLINFO_OS_ERRNO, &os_errno);
	curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &location);
	curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ctype);
	curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
	char *loc = location ? xstrdup(location) : NULL;
	struct page_heads ph = {NULL, NULL};
	if (status && t->body.len && looks_html(t, ctype))
		page_heads_read(t->body.data, t->body.len, &ph);

	curl_multi_remove_handle(e->multi, t->easy);
	curl_easy_cleanup(t->easy);
	t->easy = NULL;
	t->running = false;
	e->running--;
	e->hosts[t->host].active--;

	if (t->target == (size_t)-1) {
		record_probe(e, t, status, &ph);
	} else {
		struct live_result *r = &e->m->targets[t->target].live;
		r->http_status = status;
		bool answered = status && (code == CURLE_OK || (code == CURLE_WRITE_ERROR && t->truncated));
		if (answered && status >= 300 && status < 400 && loc) {
			follow(e, t, status, loc, now);
		} else {
			struct http_outcome o = {(int)code, (int)os_errno, answered ? status : 0, t->truncated,
						 ph.title, ph.h1};
			struct judgement j = judge_outcome(&o);
			double wait = (double)e->cfg->backoff_ms / 1000.0 * (double)(1u << t->tries) * (1 + jitter(e));
			bool honour = status == 429 || status == 503;
			if (honour && retry_after > e->cfg->max_retry_after_s)
				j.retry = false; /* asked to wait longer than we may: stop asking */
			else if (honour && (double)retry_after > wait)
				wait = (double)retry_after;
			if (status == 429) { /* slow down for the whole host */
				struct host *h = &e->hosts[t->host];
				h->limit = 1;
				if (h->next_allowed < now + wait)
					h->next_allowed = now + wait;
			}
			if (j.retry && t->tries < e->cfg->retries && now + wait < e->deadline) {
				t->tries++;
				enqueue(e, (size_t)(t - e->t), now + wait);
			} else {
				finish_target(e, t, j.verdict, j.reason);
				if (j.verdict == LIVE_ALIVE) {
					remember_page(t, &ph);
					if (t->hops && t->deep && !deep_path(t->url))
						finish_target(e, t, LIVE_DEAD, "soft-404"); /* sent to the front page */
					else if (says_not_found(ph.title) || says_not_found(ph.h1))
						finish_target(e, t, LIVE_DEAD, "soft-404");
				}
			}
		}
	}
	free(loc);
	page_heads_finish(&ph);
	buf_finish(&t->body);
}

/* Runs transfers until none is left or the deadline passes. */
static void run(struct engine *e)
{
	for (;;) {
		double now = now_s();
		if (now >= e->deadline)
			break;
		start_ready(e, now);
		if (e->running == 0) {
			double wake = next_wake(e, now);
			if (wake < 0)
				break; /* nothing runs and nothing waits for a time: done */
			double until = now + wake < e->deadline ? wake : e->deadline - now;
			struct timespec ts = {(time_t)until, (long)((until - (double)(time_t)until) * 1e9)};
			nanosleep(&ts, NULL);
			continue;
		}
		int still;
		curl_multi_perform(e->multi, &still);
		CURLMsg *msg;
		int left;
		bool finished = false;
		while ((msg = curl_multi_info_read(e->multi, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct transfer *t;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			complete(e, t, msg->data.result, now_s());
			finished = true;
		}
		if (finished)
			continue; /* slots are free: start what waits before sleeping */
		double wake = next_wake(e, now_s());
		int wait_ms = wake < 0 || wake > 1 ? 1000 : (int)(wake * 1000) + 1;
		curl_multi_poll(e->multi, NULL, 0, wait_ms, NULL);
	}
	/* past the deadline: what still runs or waits could not be checked */
	for (size_t i = 0; i < e->nt; i++) {
		struct transfer *t = &e->t[i];
		if (t->done)
			continue;
		if (t->running) {
			curl_multi_remove_handle(e->multi, t->easy);
			curl_easy_cleanup(t->easy);
			t->easy = NULL;
			t->running = false;
		}
		if (t->target != (size_t)-1)
			finish_target(e, t, LIVE_ERROR, "deadline");
		t->done = true;
	}
	for (size_t k = 0; k < e->nhosts; k++)
		e->hosts[k].qlen = 0;
	e->running = 0;
	e->waiting = 0;
	e->delayed = 0;
}

/* Soft 404s that answer 200: ask each host with alive deep pages for a path
 * that cannot exist; where that too is a 200 with the same page, the cited
 * page is the site's "not found" page. */
static void probe_hosts(struct engine *e)
{
	size_t first_probe = e->nt;
	for (size_t i = 0; i < first_probe; i++) {
		struct transfer *t = &e->t[i];
		if (t->target == (size_t)-1 || e->m->targets[t->target].live.verdict != LIVE_ALIVE || !t->deep)
			continue;
		struct host *h = &e->hosts[t->host];
		if (h->wants_probe)
			continue;
		h->wants_probe = true;
		char *url = xasprintf("%s/citecheck-probe-%08lx%08lx", h->name, (unsigned long)(e->rng & 0xffffffffUL),
				      (unsigned long)((e->rng >> 16) & 0xffffffffUL));
		jitter(e);
		/* h->name is scheme://host:port; curl takes the port as given */
		add_transfer(e, (size_t)-1, url, t->host);
		free(url);
	}
	if (e->nt == first_probe)
		return;
	run(e);
	for (size_t i = 0; i < first_probe; i++) {
		struct transfer *t = &e->t[i];
		if (t->target == (size_t)-1 || e->m->targets[t->target].live.verdict != LIVE_ALIVE)
			continue;
		const struct host *h = &e->hosts[t->host];
		if (!h->probed || !h->probe_found)
			continue;
		bool same_title = t->title && h->probe_title && strcmp(t->title, h->probe_title) == 0;
		size_t lo = h->probe_len - h->probe_len / 20, hi = h->probe_len + h->probe_len / 20;
		if (t->hash == h->probe_hash || (same_title && t->len >= lo && t->len <= hi)) {
			struct live_result *r = &e->m->targets[t->target].live;
			r->verdict = LIVE_DEAD;
			r->reason = "soft-404";
		}
	}
}

static bool excluded(const struct live_config *c, const char *url)
{
	for (size_t i = 0; i < c->nexcludes; i++)
		if (regexec(&c->excludes[i], url, 0, NULL, 0) == 0)
			return true;
	return false;
}

static void skip(struct target *t, const char *reason)
{
	t->live.verdict = LIVE_SKIPPED;
	t->live.reason = reason;
}

void live_skip_all(struct model *m, const char *reason)
{
	for (size_t i = 0; i < m->ntargets; i++)
		skip(&m->targets[i], reason);
}

bool live_offline(const struct model *m)
{
	size_t fetched = 0;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct live_result *r = &m->targets[i].live;
		if (r->verdict == LIVE_SKIPPED || r->verdict == LIVE_UNCHECKED)
			continue;
		fetched++;
		if (r->http_status || !r->reason ||
		    (strcmp(r->reason, "dns") && strcmp(r->reason, "connect-refused") &&
		     strcmp(r->reason, "connect") && strcmp(r->reason, "offline")))
			return false;
	}
	return fetched > 0;
}

/* Every fetch failed before any answer: the network is down, not the links. */
static void mark_offline(struct model *m)
{
	if (!live_offline(m))
		return;
	for (size_t i = 0; i < m->ntargets; i++) {
		struct live_result *r = &m->targets[i].live;
		if (r->verdict != LIVE_SKIPPED) {
			r->verdict = LIVE_ERROR;
			r->reason = "offline";
		}
	}
}

static void engine_finish(struct engine *e)
{
	for (size_t i = 0; i < e->nt; i++) {
		if (e->t[i].easy) {
			curl_multi_remove_handle(e->multi, e->t[i].easy);
			curl_easy_cleanup(e->t[i].easy);
		}
		free(e->t[i].url);
		free(e->t[i].title);
		buf_finish(&e->t[i].body);
	}
	free(e->t);
	for (size_t k = 0; k < e->nhosts; k++) {
		free(e->hosts[k].name);
		free(e->hosts[k].queue);
		free(e->hosts[k].probe_title);
	}
	free(e->hosts);
	strmap_finish(&e->host_index);
	if (e->multi)
		curl_multi_cleanup(e->multi);
}

int check_live(struct model *m, const struct live_config *cfg, char *err, size_t errlen)
{
	struct engine e;
	memset(&e, 0, sizeof e);
	e.m = m;
	e.cfg = cfg;
	e.rng = cfg->seed ? cfg->seed : 88172645463325252UL;
	strmap_init(&e.host_index);
	e.multi = curl_multi_init();
	if (!e.multi) {
		snprintf(err, errlen, "libcurl could not start");
		return -1;
	}
	curl_multi_setopt(e.multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	e.start = now_s();
	e.deadline = e.start + (double)cfg->deadline_ms / 1000.0;
	for (size_t i = 0; i < m->ntargets; i++) {
		struct target *tg = &m->targets[i];
		const struct link *l = &m->refs[tg->first_ref].links[tg->first_link];
		if (!l->valid) {
			skip(tg, "invalid-url");
			continue;
		}
		if (!web_scheme(tg->key)) {
			skip(tg, "scheme");
			continue;
		}
		if (excluded(cfg, tg->key) || excluded(cfg, l->url)) {
			skip(tg, "excluded");
			continue;
		}
		char *key = host_key(tg->key);
		if (!key) {
			skip(tg, "invalid-url");
			continue;
		}
		size_t ti = add_transfer(&e, i, tg->key, host_for(&e, key));
		e.t[ti].deep = deep_path(tg->key);
		free(key);
	}
	run(&e);
	if (cfg->probe && now_s() < e.deadline)
		probe_hosts(&e);
	mark_offline(m);
	engine_finish(&e);
	return 0;
}
