#include "live/live_engine.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live/address_policy.h"
#include "util/interrupt.h"

double live_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double live_engine_jitter(struct live_engine *e)
{
	e->rng ^= e->rng << 13; /* xorshift: cheap, and tests can seed it */
	e->rng ^= e->rng >> 7;
	e->rng ^= e->rng << 17;
	return (double)(e->rng % 1000) / 2000.0;
}

char *live_host_key(const char *url)
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

int live_engine_init(struct live_engine *e, const struct live_config *cfg, live_done_fn *done, void *ctx)
{
	memset(e, 0, sizeof *e);
	e->cfg = cfg;
	e->done = done;
	e->ctx = ctx;
	e->rng = cfg->seed ? cfg->seed : 88172645463325252UL;
	strmap_init(&e->host_index);
	e->multi = curl_multi_init();
	if (!e->multi)
		return -1;
	curl_multi_setopt(e->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	e->deadline = live_now() + (double)cfg->deadline_ms / 1000.0;
	return 0;
}

/* Frees a transfer's handle and its slot on host, the host it ran on (the
 * caller may have moved the transfer to another one by then: a redirect). */
static void detach(struct live_engine *e, struct live_transfer *t, size_t host)
{
	if (!t->easy)
		return;
	curl_multi_remove_handle(e->multi, t->easy);
	curl_easy_cleanup(t->easy);
	t->easy = NULL;
	if (t->running) {
		t->running = false;
		e->running--;
		e->hosts[host].active--;
	}
}

void live_engine_finish(struct live_engine *e)
{
	for (size_t i = 0; i < e->nt; i++) {
		struct live_transfer *t = e->t[i];
		detach(e, t, t->host);
		free(t->url);
		free(t->post);
		free(t->sig);
		buf_finish(&t->body);
		buf_finish(&t->request);
		buf_finish(&t->head);
		free(t);
	}
	free(e->t);
	for (size_t k = 0; k < e->nhosts; k++) {
		free(e->hosts[k].name);
		free(e->hosts[k].queue);
		free(e->hosts[k].probe_sig);
	}
	free(e->hosts);
	strmap_finish(&e->host_index);
	if (e->multi)
		curl_multi_cleanup(e->multi);
}

size_t live_engine_host(struct live_engine *e, const char *key)
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
	const struct host_rule *r = e->hosts[i].rule = host_rule_for_key(e->cfg->rules, key);
	if (r && r->connections)
		e->hosts[i].limit = r->connections;
	if (r && r->pace > 0)
		live_engine_pace(e, i, r->pace, 1);
	return i;
}

void live_engine_pace(struct live_engine *e, size_t host, double rate, double burst)
{
	struct live_host *h = &e->hosts[host];
	h->rate = rate;
	h->burst = burst < 1 ? 1 : burst;
	h->tokens = h->burst;
	h->filled_at = live_now();
}

static void refill(struct live_host *h, double now)
{
	if (h->rate <= 0)
		return;
	h->tokens += (now - h->filled_at) * h->rate;
	if (h->tokens > h->burst)
		h->tokens = h->burst;
	h->filled_at = now;
}

void live_engine_slow(struct live_engine *e, size_t host, double rate)
{
	struct live_host *h = &e->hosts[host];
	if (rate <= 0 || (h->rate > 0 && rate >= h->rate))
		return;
	if (h->rate <= 0) { /* not paced until now: from an empty bucket */
		live_engine_pace(e, host, rate, 1);
		h->tokens = 0;
		return;
	}
	refill(h, live_now());
	h->rate = rate;
}

static bool has_token(const struct live_host *h)
{
	return h->rate <= 0 || h->tokens >= 1;
}

void live_engine_drop_queue(struct live_engine *e, size_t host)
{
	struct live_host *h = &e->hosts[host];
	for (size_t q = 0; q < h->qlen; q++)
		if (e->t[h->queue[q]]->not_before > 0)
			e->delayed--;
	e->waiting -= h->qlen;
	h->qlen = 0;
}

void live_engine_enqueue(struct live_engine *e, size_t ti, double not_before)
{
	struct live_transfer *t = e->t[ti];
	struct live_host *h = &e->hosts[t->host];
	t->not_before = not_before;
	grow_array(&h->queue, &h->qcap, h->qlen + 1, sizeof *h->queue);
	h->queue[h->qlen++] = ti;
	e->waiting++;
	if (not_before > 0)
		e->delayed++;
}

size_t live_engine_add(struct live_engine *e, size_t target, const char *url, size_t host)
{
	grow_array(&e->t, &e->t_cap, e->nt + 1, sizeof *e->t);
	size_t ti = e->nt++;
	struct live_transfer *t = e->t[ti] = xcalloc(1, sizeof *t);
	t->index = ti;
	t->target = target;
	t->url = xstrdup(url);
	t->host = host;
	buf_init(&t->body);
	live_engine_enqueue(e, ti, 0);
	return ti;
}

/* Keeps the first max_body bytes of a body, then stops the download: the
 * start of a page is enough to judge it, and a bomb stays bounded. */
static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct live_transfer *t = arg;
	size_t len = size * n;
	if (t->body.len + len > t->max_body) {
		buf_append(&t->body, data, t->max_body - t->body.len);
		t->truncated = true;
		return 0;
	}
	buf_append(&t->body, data, len);
	return len;
}

#define EVIDENCE_HEAD_MAX (64u * 1024) /* request or response headers kept for --warc */

/* --warc: the response's header lines, the last response's only (a 100
 * Continue or a proxy's answer comes first). */
static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct live_transfer *t = arg;
	size_t len = size * n;
	if (len >= 5 && !memcmp(data, "HTTP/", 5))
		buf_clear(&t->head);
	if (t->head.len + len <= EVIDENCE_HEAD_MAX)
		buf_append(&t->head, data, len);
	return len;
}

/* --warc: the request's headers as curl sent them. */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t n, void *arg)
{
	(void)h;
	struct live_transfer *t = arg;
	if (type == CURLINFO_HEADER_OUT) {
		buf_clear(&t->request);
		buf_append(&t->request, data, n < EVIDENCE_HEAD_MAX ? n : EVIDENCE_HEAD_MAX);
	}
	return 0;
}

static void keep_evidence(struct live_transfer *t, CURL *h)
{
	buf_clear(&t->request);
	buf_clear(&t->head);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, (void *)t);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, (void *)t);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L); /* what makes curl call on_debug */
}

/* Hands an answer to a GET to cfg->record before it is judged. */
static void record(struct live_engine *e, struct live_transfer *t)
{
	long status = 0;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	if (!e->cfg->record || t->post || status == 0)
		return;
	char *ip = NULL;
	curl_easy_getinfo(t->easy, CURLINFO_PRIMARY_IP, &ip);
	const struct curl_slist *secret = t->headers;
	if (!secret && e->hosts[t->host].rule)
		secret = e->hosts[t->host].rule->headers;
	struct live_exchange x = {t->url, t->request.data, t->request.len, t->head.data, t->head.len,
				  t->body.data, t->body.len, t->truncated, ip && *ip ? ip : NULL, secret};
	e->cfg->record(e->cfg->record_arg, &x);
}

curl_socket_t live_open_public_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *addr)
{
	(void)purpose;
	bool *refused = clientp;
	if (address_is_private(&addr->addr)) {
		*refused = true;
		return CURL_SOCKET_BAD;
	}
	return socket(addr->family, addr->socktype, addr->protocol);
}

void live_easy_options(CURL *h, const struct live_config *c, bool *refused_private)
{
	if (c->no_private) {
		curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, live_open_public_socket);
		curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, (void *)refused_private);
	}
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
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
}

static int start(struct live_engine *e, size_t ti)
{
	const struct live_config *c = e->cfg;
	struct live_transfer *t = e->t[ti];
	CURL *h = curl_easy_init();
	if (!h)
		return -1;
	t->easy = h;
	t->errbuf[0] = '\0';
	buf_clear(&t->body);
	t->max_body = c->max_body;
	t->truncated = false;
	t->refused_private = false;
	curl_easy_setopt(h, CURLOPT_URL, t->url);
	live_easy_options(h, c, &t->refused_private);
	curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)t);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, (void *)t);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); /* the caller follows, to record and bound them */
	if (c->record)
		keep_evidence(t, h);
	if (t->post)
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, t->post);
	if (t->headers)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers);
	else if (e->hosts[t->host].rule && e->hosts[t->host].rule->headers)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, e->hosts[t->host].rule->headers);
	if (curl_multi_add_handle(e->multi, h) != CURLM_OK) {
		curl_easy_cleanup(h);
		t->easy = NULL;
		return -1;
	}
	t->running = true;
	if (t->first_start == 0)
		t->first_start = live_now();
	e->running++;
	e->hosts[t->host].active++;
	if (e->hosts[t->host].rate > 0)
		e->hosts[t->host].tokens -= 1;
	return 0;
}

static double unix_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A paced host whose pace other processes share: a request starts only at
 * a moment reserved for it (one reservation at a time, used when it comes;
 * the host waits until then). */
static bool shared_slot_now(struct live_engine *e, struct live_host *h, double now)
{
	if (!e->cfg->slot || h->rate <= 0)
		return true;
	double wall = unix_now();
	if (h->slot_at == 0)
		h->slot_at = e->cfg->slot(e->cfg->slot_arg, h->name, 1.0 / h->rate, wall);
	if (h->slot_at > wall + 0.001) {
		h->next_allowed = now + (h->slot_at - wall);
		return false;
	}
	h->slot_at = 0;
	return true;
}

/* Hosts with more waiting go first: the busiest host bounds the whole run,
 * so it must never wait for a slot while smaller hosts take them. */
static int by_queue_desc(const void *a, const void *b, void *arg)
{
	const struct live_engine *e = arg;
	size_t x = e->hosts[*(const size_t *)a].qlen, y = e->hosts[*(const size_t *)b].qlen;
	return (x < y) - (x > y);
}

/* Starts what may start: under the global and per-host limits, past each
 * host's pacing and each transfer's retry time. A transfer libcurl cannot
 * start is handed to the caller as failed. */
static void start_ready(struct live_engine *e, double now)
{
	if (e->hold || e->running >= e->cfg->jobs || !e->waiting)
		return;
	size_t *order = xmalloc((e->nhosts + 1) * sizeof *order), n = 0;
	for (size_t k = 0; k < e->nhosts; k++) {
		struct live_host *h = &e->hosts[k];
		refill(h, now);
		if (h->qlen && h->active < h->limit && h->next_allowed <= now && has_token(h))
			order[n++] = k;
	}
	qsort_r(order, n, sizeof *order, by_queue_desc, e);
	for (size_t o = 0; o < n && e->running < e->cfg->jobs; o++) {
		struct live_host *h = &e->hosts[order[o]];
		for (size_t q = 0; q < h->qlen && h->active < h->limit && e->running < e->cfg->jobs && has_token(h);) {
			size_t ti = h->queue[q];
			if (e->t[ti]->not_before > now) {
				q++;
				continue;
			}
			if (!shared_slot_now(e, h, now))
				break;
			memmove(&h->queue[q], &h->queue[q + 1], (h->qlen - q - 1) * sizeof *h->queue);
			h->qlen--;
			e->waiting--;
			if (e->t[ti]->not_before > 0)
				e->delayed--;
			if (start(e, ti) < 0)
				e->done(e, e->t[ti], CURLE_FAILED_INIT, now);
		}
	}
	free(order);
}

/* Seconds until a waiting transfer's retry time or a host's pacing ends;
 * -1 when no such time is ahead. Transfers that wait only for a free slot
 * need no timer: a finishing transfer wakes the loop. */
static double next_wake(const struct live_engine *e, double now)
{
	double best = -1;
	for (size_t k = 0; k < e->nhosts; k++) {
		const struct live_host *h = &e->hosts[k];
		if (!h->qlen)
			continue;
		if (h->next_allowed > now && (best < 0 || h->next_allowed - now < best))
			best = h->next_allowed - now;
		if (!has_token(h)) {
			double at = (1 - h->tokens) / h->rate;
			if (best < 0 || at < best)
				best = at;
		}
		if (!e->delayed)
			continue;
		for (size_t q = 0; q < h->qlen; q++) {
			double at = e->t[h->queue[q]]->not_before;
			if (at > now && (best < 0 || at - now < best))
				best = at - now;
		}
	}
	return best;
}

void live_engine_stop(struct live_engine *e)
{
	e->deadline = live_now();
}

void live_engine_wakeup(struct live_engine *e)
{
	curl_multi_wakeup(e->multi);
}

/* Waits for a socket, a wakeup or the time given (capped at cap_ms). */
static void wait_a_while(struct live_engine *e, double seconds, int cap_ms)
{
	int ms = seconds <= 0 ? 0 : (int)(seconds * 1000) + 1;
	curl_multi_poll(e->multi, NULL, 0, ms < cap_ms ? ms : cap_ms, NULL);
}

bool live_engine_step(struct live_engine *e, int wait_ms)
{
	double now = live_now();
	if (now >= e->deadline || interrupted())
		return false;
	if (e->cfg->tick)
		e->cfg->tick(e->cfg->tick_arg);
	start_ready(e, now);
	if (e->running == 0) {
		double wake = next_wake(e, now);
		if (wake < 0)
			return false; /* nothing runs and nothing waits for a time */
		double nap = now + wake < e->deadline ? wake : e->deadline - now;
		wait_a_while(e, e->cfg->tick && nap > 0.25 ? 0.25 : nap, wait_ms); /* the progress line goes on */
		return true;
	}
	int still;
	curl_multi_perform(e->multi, &still);
	CURLMsg *msg;
	int left;
	bool finished = false;
	while ((msg = curl_multi_info_read(e->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		struct live_transfer *t;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		CURLcode code = msg->data.result; /* msg is invalid once the handle is removed */
		size_t host = t->host;
		record(e, t);
		e->done(e, t, code, live_now());
		detach(e, t, host);
		finished = true;
	}
	if (finished)
		return true; /* slots are free: start what waits before sleeping */
	double wake = next_wake(e, live_now());
	wait_a_while(e, wake < 0 || wake > 0.25 ? 0.25 : wake, wait_ms); /* the progress line's pace */
	return true;
}

void live_engine_run(struct live_engine *e)
{
	while (live_engine_step(e, 250))
		;
	/* past the deadline or out of work: nothing stays in flight or queued */
	for (size_t i = 0; i < e->nt; i++)
		detach(e, e->t[i], e->t[i]->host);
	for (size_t k = 0; k < e->nhosts; k++)
		e->hosts[k].qlen = 0;
	e->waiting = e->delayed = 0;
}

void live_engine_obey_rate_headers(struct live_engine *e, struct live_transfer *t)
{
	struct curl_header *limit, *interval, *at_once;
	if (curl_easy_header(t->easy, "X-Concurrency-Limit", 0, CURLH_HEADER, -1, &at_once) == CURLHE_OK) {
		long n = strtol(at_once->value, NULL, 10);
		if (n >= 1 && n < e->hosts[t->host].limit)
			e->hosts[t->host].limit = n;
	}
	if (curl_easy_header(t->easy, "X-Rate-Limit-Limit", 0, CURLH_HEADER, -1, &limit) != CURLHE_OK ||
	    curl_easy_header(t->easy, "X-Rate-Limit-Interval", 0, CURLH_HEADER, -1, &interval) != CURLHE_OK)
		return;
	char *end;
	double n = strtod(limit->value, NULL), s = strtod(interval->value, &end);
	if (*end == 'm' && end[1] != 's') /* "1m": a minute */
		s *= 60;
	else if (*end == 'm') /* "500ms" */
		s /= 1000;
	if (!(n >= 1 && n <= 100000 && s > 0 && s <= 3600))
		return;
	live_engine_slow(e, t->host, n / s);
}

bool live_engine_retry(struct live_engine *e, struct live_transfer *t, double wait, double now)
{
	if (t->tries >= e->cfg->retries || now + wait >= e->deadline)
		return false;
	t->tries++;
	live_engine_enqueue(e, t->index, now + wait);
	return true;
}
