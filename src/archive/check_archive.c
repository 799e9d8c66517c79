#include "archive/check_archive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/wayback_api.h"
#include "compare/compare_drift.h"
#include "extract/classify_url.h"
#include "live/live_engine.h"
#include "live/page_print.h"
#include "live/page_text.h"
#include "util/interrupt.h"
#include "util/util.h"

void archive_config_defaults(struct archive_config *c, const struct live_config *net)
{
	memset(c, 0, sizeof *c);
	c->base = WAYBACK_DEFAULT_BASE;
	c->replay_rate = 5;        /* half the ~10/s replay allows */
	c->cdx_rate = 24.0 / 60.0; /* 80% of 30 a minute, as careful clients do */
	c->save_rate = 0.2;
	c->endpoint_jobs = 4;
	c->rate_limit_wait_ms = 60000;
	c->max_rate_limits = 3;
	c->drift_threshold = DRIFT_THRESHOLD;
	c->save_polls = 12;
	c->save_poll_interval_s = 5;
	c->net = net;
}

/* ---- planning ---- */

/* The time to look for: when the author read the page, else when it was
 * published, else now. */
static const char *want_of(const struct reference *r, char want[static 15])
{
	if (date_known(r->details->accessed)) {
		wayback_timestamp(r->details->accessed.year, r->details->accessed.month, r->details->accessed.day, want);
		return "accessed";
	}
	if (date_known(r->details->published)) {
		wayback_timestamp(r->details->published.year, r->details->published.month, r->details->published.day, want);
		return "published";
	}
	wayback_timestamp_now(want);
	return "now";
}

/* A cited partial timestamp ("2019", "201905") padded as the archive pads
 * it: to the last moment of its period ("2019" is 20191231235959). */
static void pad_timestamp(const char *ts, char want[static 15])
{
	size_t n = strlen(ts);
	static const char high[] = "99991231235959";
	for (size_t i = 0; i < 14; i++)
		want[i] = i < n ? ts[i] : high[i];
	want[14] = '\0';
}

static bool lookable(const struct live_config *net, const char *url)
{
	return url && live_web_url(url) && !live_excluded(net, url) && !live_example_host(net, url);
}

/* A snapshot or save link's original page: its normalised URL (owned by the
 * caller), bound to a target of its own so the live stage checks it too; NULL
 * when it cannot be looked up. */
static char *bind_original(struct model *m, size_t r, size_t k, const struct live_config *net)
{
	struct link *l = &m->refs[r].links[k];
	const char *err;
	char *original = link_extra(l)->original ? url_normalize(link_extra(l)->original, &err) : NULL;
	if (!lookable(net, original)) {
		free(original);
		return NULL;
	}
	link_extra_make(l)->original_target = index_to32(model_target_for(m, original, r, k)); /* grows targets, not links */
	return original;
}

static bool archive_link(const struct link *l)
{
	return l->valid && (l->kind == LINK_ARCHIVE_SNAPSHOT || l->kind == LINK_ARCHIVE_REQUEST);
}

void archive_bind_originals(struct model *m, const struct live_config *net)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			const struct link *l = &m->refs[r].links[k];
			/* another archive's copy whose link shows its original (extract.c) */
			bool shown = l->valid && l->kind == LINK_ARCHIVE_OTHER && link_extra(l)->original;
			if (archive_link(l) || shown)
				free(bind_original(m, r, k, net));
		}
}

/* The lookup refs[r].links[k] needs, planned. */
static void plan_link(struct model *m, size_t r, size_t k, const struct live_config *net)
{
	struct link *l = &m->refs[r].links[k];
	if (!archive_link(l) && !(l->valid && l->kind == LINK_DIRECT))
		return;
	char want[15];
	const char *from = want_of(&m->refs[r], want);
	char *original = NULL;
	size_t page = l->target;
	if (l->kind == LINK_DIRECT) {
		original = xstrdup(m->targets[l->target].key);
	} else {
		if (!(original = bind_original(m, r, k, net)))
			return;
		page = index_from32(link_extra(l)->original_target);
		if (l->kind == LINK_ARCHIVE_SNAPSHOT && link_extra(l)->timestamp && link_extra(l)->timestamp[0] != '*' &&
		    (l->pinned || !date_known(m->refs[r].details->accessed)) && strcmp(link_extra(l)->timestamp, "2") != 0) {
			pad_timestamp(link_extra(l)->timestamp, want);
			from = "cited";
		}
	}
	if (lookable(net, original)) { /* a direct link's URL is not yet tested */
		size_t i = model_lookup_for(m, original, want, from);
		l->lookup = i;
		if (m->lookups[i].page == NO_INDEX) {
			m->lookups[i].page = page;
			m->lookups[i].ref = r;
		}
	}
	free(original);
}

void archive_plan(struct model *m, const struct live_config *net)
{
	m->archive_planned = true;
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++)
			plan_link(m, r, k, net);
}

void archive_replan_link(struct model *m, size_t r, size_t k, const struct live_config *net)
{
	if (!m->archive_planned)
		return;
	uint32_t old = m->refs[r].links[k].lookup;
	m->refs[r].links[k].lookup = NO_INDEX32;
	plan_link(m, r, k, net);
	if (old == NO_INDEX32 || old == m->refs[r].links[k].lookup)
		return;
	for (size_t ri = 0; ri < m->nrefs; ri++)
		for (size_t ki = 0; ki < m->refs[ri].nlinks; ki++)
			if (m->refs[ri].links[ki].lookup == old)
				return; /* another citation of that URL still wants it */
	m->lookups[old].archive.verdict = ARCHIVE_SKIPPED;
	m->lookups[old].archive.reason = "not-cited";
}

/* Whether a lookup serves the purpose of --archive failing: a page that
 * fails (its snapshot is what to cite), a citation with a date to compare
 * the page with (accessed, or a pinned snapshot's), or a snapshot or save
 * link, which cites the archive itself. */
static bool lookup_wanted(const struct model *m, const struct reference *ref, const struct link *l,
			  const struct lookup *k)
{
	if (archive_link(l) || date_known(ref->details->accessed) || !strcmp(k->want_from, "cited"))
		return true;
	enum live_verdict v = k->page == NO_INDEX ? LIVE_UNCHECKED : target_live(&m->targets[k->page])->verdict;
	return v == LIVE_DEAD || v == LIVE_BLOCKED || v == LIVE_ERROR;
}

void archive_keep_failing(struct model *m)
{
	unsigned char *wanted = xcalloc(m->nlookups + 1, 1);
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			const struct link *l = &m->refs[r].links[k];
			if (l->lookup != NO_INDEX32 && lookup_wanted(m, &m->refs[r], l, &m->lookups[l->lookup]))
				wanted[l->lookup] = 1;
		}
	for (size_t i = 0; i < m->nlookups; i++)
		if (!wanted[i]) {
			m->lookups[i].archive.verdict = ARCHIVE_SKIPPED;
			m->lookups[i].archive.reason = "not-failing";
		}
	free(wanted);
}

/* ---- asking ---- */

static void explain_drift(struct model *m);

enum step { STEP_REPLAY, STEP_CDX_BEFORE, STEP_CDX_AFTER, STEP_CAPTURE, STEP_SAVE, STEP_SAVE_STATUS };
enum endpoint { EP_REPLAY, EP_CDX, EP_SAVE, EP__COUNT };

#define MAX_HOPS 5

/* What one lookup has learnt so far. */
struct lookup_state {
	char first_capture[15]; /* the first capture reached (a redirect's, perhaps) */
	unsigned polls;
	bool wide;              /* the index is asked without the one-year window */
};

struct archive_run {
	struct model *m;
	const struct archive_config *cfg;
	struct lookup_state *st;
	size_t endpoint[EP__COUNT];      /* engine hosts */
	unsigned rate_limited[EP__COUNT]; /* 429s in a row */
	/* why an endpoint is given up ("archive-rate-limited", …; NULL: it is
	 * not), and what a capture request is told then (owned) */
	const char *given_up[EP__COUNT];
	char *given_up_message[EP__COUNT];
	size_t answers, unreachable; /* HTTP answers; lookups that found no route or name */
	struct curl_slist *json_headers, *save_headers;
};

static struct archive_run *run_of(struct live_engine *e)
{
	return e->ctx;
}

static struct lookup *lookup_of(struct live_engine *e, const struct live_transfer *t)
{
	return &run_of(e)->m->lookups[t->target];
}

static void finish(struct live_engine *e, struct live_transfer *t, enum archive_verdict v, const char *reason)
{
	struct lookup *k = lookup_of(e, t);
	k->archive.verdict = v;
	k->archive.reason = reason;
	t->done = true;
}

static enum endpoint endpoint_of(enum step s)
{
	return s == STEP_CDX_BEFORE || s == STEP_CDX_AFTER ? EP_CDX
	       : s == STEP_SAVE || s == STEP_SAVE_STATUS  ? EP_SAVE
							  : EP_REPLAY;
}

#define REFUSED "the Wayback Machine refused requests from this address (HTTP 429)"

static bool saving(const struct live_transfer *t)
{
	return t->step == STEP_SAVE || t->step == STEP_SAVE_STATUS;
}

/* A transfer the archive will not answer now: a lookup is unknown (why:
 * reason), a capture request failed (the lookup's own verdict stands). */
static void refused(struct live_engine *e, struct live_transfer *t, const char *reason, const char *message)
{
	if (!saving(t)) {
		finish(e, t, ARCHIVE_UNKNOWN, reason);
		return;
	}
	struct lookup *k = lookup_of(e, t);
	k->archive.save_status = "error";
	free(k->archive.save_message);
	k->archive.save_message = xstrdup(message);
	t->done = true;
}

/* Sends transfer t on to its next request. */
static void next(struct live_engine *e, struct live_transfer *t, enum step s, char *url, double at)
{
	if (!url) {
		finish(e, t, ARCHIVE_UNKNOWN, "archive-invalid-url");
		return;
	}
	struct archive_run *run = run_of(e);
	enum endpoint ep = endpoint_of(s);
	if (run->given_up[ep]) {
		free(url);
		t->step = s;
		refused(e, t, run->given_up[ep], run->given_up_message[ep]);
		return;
	}
	free(t->url);
	t->url = url;
	t->step = s;
	t->host = run->endpoint[ep];
	t->tries = 0;
	free(t->post);
	t->post = NULL;
	t->headers = s == STEP_SAVE || s == STEP_SAVE_STATUS ? run->save_headers : NULL;
	live_engine_enqueue(e, t->index, at);
}

/* Nothing more is sent to endpoint ep: what waits for it is refused. */
static void give_up_endpoint(struct live_engine *e, enum endpoint ep, const char *reason, const char *message)
{
	struct archive_run *run = run_of(e);
	size_t host = run->endpoint[ep];
	run->given_up[ep] = reason;
	free(run->given_up_message[ep]);
	run->given_up_message[ep] = xstrdup(message);
	live_engine_drop_queue(e, host);
	for (size_t i = 0; i < e->nt; i++)
		if (!e->t[i]->done && !e->t[i]->running && e->t[i]->host == host)
			refused(e, e->t[i], reason, message);
}

/* After this many lookups found no route to the archive or no name for it,
 * with not one answer from it, it is down or this machine is offline: the
 * rest are not tried one by one, at the archive's pace. */
#define ARCHIVE_DOWN_AFTER 3

/* The archive said "too many requests" itself (no Memento-Datetime). Its
 * 429s come without Retry-After; a page may say how long it blocks this
 * address (Save Page Now's does), else we wait --rate-limit-wait: it blocks
 * for an hour an address that ignores its 429s for a minute. The endpoint
 * pauses, then goes on at half its pace; when the archive keeps saying so,
 * or asks for a longer pause than we may wait or have left, the endpoint is
 * given up at once, and nothing waits for it. */
static void rate_limited(struct live_engine *e, struct live_transfer *t, double retry_after, double now)
{
	struct archive_run *run = run_of(e);
	enum endpoint ep = endpoint_of((enum step)t->step);
	size_t host = run->endpoint[ep];
	struct live_host *h = &e->hosts[host];
	double said = retry_after > 0 ? retry_after : wayback_block_seconds(t->body.data, t->body.len);
	double wait = said > 0 ? said : (double)run->cfg->rate_limit_wait_ms / 1000.0;
	bool give_up = ++run->rate_limited[ep] >= run->cfg->max_rate_limits ||
		       said > (double)run->cfg->net->max_retry_after_s || now + wait >= e->deadline;
	if (give_up) {
		char *message = said > 0 ? xasprintf("%s for %.0f s", REFUSED, said) : xstrdup(REFUSED);
		refused(e, t, "archive-rate-limited", message);
		give_up_endpoint(e, ep, "archive-rate-limited", message);
		free(message);
		return;
	}
	h->limit = 1;
	if (h->rate > 0) /* our pace was more than the archive takes today */
		live_engine_pace(e, host, h->rate / 2, 1);
	if (h->next_allowed < now + wait)
		h->next_allowed = now + wait;
	live_engine_enqueue(e, t->index, now + wait);
}

static const char *header(CURL *easy, const char *name)
{
	struct curl_header *h;
	if (!easy || curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

static bool drift_wanted(const struct model *m, const struct lookup *k)
{
	return k->page != NO_INDEX && target_live(&m->targets[k->page])->verdict == LIVE_ALIVE &&
	       target_print(&m->targets[k->page])->type != PAGE_NONE;
}

/* What the capture says it is, when the citation names a title: the page
 * as the author saw it, for the comparison (identity/page_identity.h). */
static void keep_snapshot_titles(const struct model *m, struct lookup *k, const struct live_transfer *t,
				 const char *ctype)
{
	if (!m->refs[k->ref].details->title || !t->body.len || !body_is_html(ctype, t->body.data, t->body.len))
		return;
	struct page_heads ph;
	page_heads_read(t->body.data, t->body.len, false, &ph);
	free(k->snapshot_titles);
	k->snapshot_titles = page_heads_titles(&ph);
	page_heads_finish(&ph);
}

static void record_capture(struct live_engine *e, struct live_transfer *t, const char *ts, const char *ctype)
{
	struct archive_run *run = run_of(e);
	struct lookup *k = lookup_of(e, t);
	struct lookup_state *st = &run->st[t->target];
	const char *cite = st->first_capture[0] ? st->first_capture : ts;
	memcpy(k->archive.timestamp, cite, 15);
	free(k->archive.snapshot_url);
	k->archive.snapshot_url = wayback_snapshot_url(run->cfg->base, cite, k->original);
	const struct model *m = run->m;
	if (drift_wanted(m, k) && t->body.len)
		drift_compare(target_print(&m->targets[k->page]), t->body.data, t->body.len, ctype, m->refs[k->ref].details->title,
			      run->cfg->drift_threshold, &k->drift);
	if (run->cfg->keep_snapshot_prints && t->body.len)
		snapshot_print(t->body.data, t->body.len, ctype, m->refs[k->ref].details->title, &k->snapshot);
	keep_snapshot_titles(m, k, t, ctype);
	finish(e, t, ARCHIVE_ARCHIVED, NULL);
}

/* The capture nearest the time sought is not a 200 (an archived 404, a
 * redirect loop): ask the index for the closest capture that is. */
static void ask_index(struct live_engine *e, struct live_transfer *t, double now)
{
	struct archive_run *run = run_of(e);
	struct lookup *k = lookup_of(e, t);
	if (t->step == STEP_CAPTURE || t->step == STEP_CDX_AFTER) {
		finish(e, t, ARCHIVE_NOT_ARCHIVED, "no-200-capture");
		return;
	}
	run->st[t->target].first_capture[0] = '\0';
	run->st[t->target].wide = false;
	next(e, t, STEP_CDX_BEFORE, wayback_cdx_url(run->cfg->base, k->original, k->want, true, false), now);
}

/* The archive will not show the site: today a 200 page saying so, with no
 * header to tell it by; its older software answered 403 with
 * X-Archive-Wayback-Runtime-Error. */
static bool excluded_answer(const struct live_transfer *t, long status)
{
	if (status == 403 && header(t->easy, "X-Archive-Wayback-Runtime-Error"))
		return true;
	static const char said[] = "has been excluded from the Wayback Machine";
	return status == 200 && t->body.len && memmem(t->body.data, t->body.len, said, sizeof said - 1);
}

/* A replay answer: a redirect to the nearest capture, a capture, or none. */
static void on_replay(struct live_engine *e, struct live_transfer *t, long status, const char *location,
		      const char *ctype, double now)
{
	struct archive_run *run = run_of(e);
	struct lookup_state *st = &run->st[t->target];
	char ts[15] = "";
	const char *memento = header(t->easy, "Memento-Datetime");
	bool capture = memento && wayback_http_date(memento, ts);
	if (status >= 300 && status < 400 && location) {
		if (capture && !st->first_capture[0])
			memcpy(st->first_capture, ts, 15); /* the page redirected then: cite that capture */
		char to[15];
		if (++t->hops > MAX_HOPS || !wayback_replay_timestamp(location, to)) {
			ask_index(e, t, now);
			return;
		}
		/* follow within the archive only: the capture of where it led */
		next(e, t, (enum step)t->step, wayback_rebase(run->cfg->base, location), now);
		return;
	}
	if (status >= 200 && status < 300 && capture) {
		const char *xts = header(t->easy, "x-ts");
		if (xts && strcmp(xts, "200") != 0) {
			ask_index(e, t, now);
			return;
		}
		record_capture(e, t, ts, ctype);
		return;
	}
	if (capture) { /* an archived error page: the site said 404 then */
		ask_index(e, t, now);
		return;
	}
	if (status == 404) {
		if (t->step == STEP_REPLAY)
			finish(e, t, ARCHIVE_NOT_ARCHIVED, "no-capture");
		else
			ask_index(e, t, now);
		return;
	}
	if (excluded_answer(t, status)) {
		finish(e, t, ARCHIVE_NOT_ARCHIVED, "excluded"); /* the site asked the archive not to show it */
		return;
	}
	finish(e, t, ARCHIVE_UNKNOWN, "archive-unexpected-answer");
}

static void on_index(struct live_engine *e, struct live_transfer *t, long status, double now)
{
	struct archive_run *run = run_of(e);
	struct lookup *k = lookup_of(e, t);
	if (status != 200) {
		finish(e, t, ARCHIVE_UNKNOWN, "archive-unexpected-answer");
		return;
	}
	char ts[15];
	if (wayback_cdx_closest(t->body.data ? t->body.data : "", t->body.len, k->want, ts) < 0) {
		finish(e, t, ARCHIVE_UNKNOWN, "archive-malformed-answer");
		return;
	}
	if (!ts[0]) {
		/* nothing within a year: all of time on that side; then the other side */
		struct lookup_state *st = &run->st[t->target];
		bool before = t->step == STEP_CDX_BEFORE;
		if (!st->wide) {
			st->wide = true;
			next(e, t, (enum step)t->step, wayback_cdx_url(run->cfg->base, k->original, k->want, before, true),
			     now);
		} else if (before) {
			st->wide = false;
			next(e, t, STEP_CDX_AFTER, wayback_cdx_url(run->cfg->base, k->original, k->want, false, false),
			     now);
		} else {
			finish(e, t, ARCHIVE_NOT_ARCHIVED, "no-200-capture");
		}
		return;
	}
	k->archive.via_cdx = true;
	if (drift_wanted(run->m, k)) {
		t->hops = 0;
		next(e, t, STEP_CAPTURE, wayback_replay_url(run->cfg->base, ts, k->original), now);
		return;
	}
	memcpy(k->archive.timestamp, ts, 15);
	free(k->archive.snapshot_url);
	k->archive.snapshot_url = wayback_snapshot_url(run->cfg->base, ts, k->original);
	finish(e, t, ARCHIVE_ARCHIVED, NULL);
}

static void on_save(struct live_engine *e, struct live_transfer *t, long status, double now)
{
	struct archive_run *run = run_of(e);
	struct lookup *k = lookup_of(e, t);
	struct spn_answer a;
	t->done = true;
	if (status != 200 || wayback_spn_parse(t->body.data ? t->body.data : "", t->body.len, &a) < 0) {
		k->archive.save_status = "error";
		free(k->archive.save_message);
		k->archive.save_message = xasprintf("Save Page Now answered HTTP %ld", status);
		return;
	}
	if (t->step == STEP_SAVE && a.job_id) {
		k->archive.save_job = a.job_id;
		a.job_id = NULL;
		k->archive.save_status = "pending";
		t->done = false;
		next(e, t, STEP_SAVE_STATUS, wayback_save_status_url(run->cfg->base, k->archive.save_job),
		     now + run->cfg->save_poll_interval_s);
	} else if (a.status && !strcmp(a.status, "pending") && ++run->st[t->target].polls < run->cfg->save_polls) {
		t->done = false;
		next(e, t, STEP_SAVE_STATUS, xstrdup(t->url), now + run->cfg->save_poll_interval_s);
	} else {
		k->archive.save_status = a.status && !strcmp(a.status, "success") ? "success"
					 : a.status && !strcmp(a.status, "pending") ? "pending"
										     : "error";
		memcpy(k->archive.save_timestamp, a.timestamp, 15);
		free(k->archive.save_message);
		k->archive.save_message = a.message;
		a.message = NULL;
	}
	spn_answer_finish(&a);
}

/* A transfer ended (the engine's callback). */
static void complete(struct live_engine *e, struct live_transfer *t, CURLcode code, double now)
{
	struct archive_run *run = run_of(e);
	struct lookup *k = lookup_of(e, t);
	long status = 0;
	char *location = NULL, *ctype = NULL;
	curl_off_t retry_after = 0;
	if (t->easy) {
		curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &location);
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ctype);
		curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
		k->archive.requests++;
	}
	bool answered = status && (code == CURLE_OK || (code == CURLE_WRITE_ERROR && t->truncated));
	enum endpoint ep = endpoint_of((enum step)t->step);
	/* A replayed capture of a page that answered 429, 5xx or 403 comes back
	 * with that status and Memento-Datetime: the site spoke that day, not
	 * the archive now. Only an answer without it is the archive's own. */
	bool archived_answer = answered && (t->step == STEP_REPLAY || t->step == STEP_CAPTURE) &&
			       header(t->easy, "Memento-Datetime");
	if (answered && status == 429 && !archived_answer) {
		rate_limited(e, t, (double)retry_after, now);
		return;
	}
	if (answered) {
		run->rate_limited[ep] = 0;
		run->answers++;
		k->archive.http_status = status;
	}
	if (!answered || (status >= 500 && !archived_answer)) {
		double wait = (double)run->cfg->net->backoff_ms / 1000.0 * (double)(1u << t->tries) *
			      (1 + live_engine_jitter(e));
		if (retry_after > 0 && (double)retry_after > wait)
			wait = (double)retry_after;
		if (t->tries < run->cfg->net->retries && now + wait < e->deadline) {
			t->tries++;
			live_engine_enqueue(e, t->index, now + wait);
		} else if (saving(t)) {
			t->done = true;
			k->archive.save_status = "error";
		} else {
			bool unreachable = !answered && code != CURLE_OPERATION_TIMEDOUT;
			finish(e, t, ARCHIVE_UNKNOWN,
			       !answered ? (unreachable ? "archive-unreachable" : "archive-timeout") : "archive-server-error");
			if (unreachable && ++run->unreachable >= ARCHIVE_DOWN_AFTER && !run->answers)
				for (int i = 0; i < EP__COUNT; i++)
					give_up_endpoint(e, (enum endpoint)i, "archive-unreachable",
							 "the Wayback Machine could not be reached");
		}
		return;
	}
	switch ((enum step)t->step) {
	case STEP_REPLAY:
	case STEP_CAPTURE:
		on_replay(e, t, status, location, ctype, now);
		break;
	case STEP_CDX_BEFORE:
	case STEP_CDX_AFTER:
		on_index(e, t, status, now);
		break;
	case STEP_SAVE:
	case STEP_SAVE_STATUS:
		on_save(e, t, status, now);
		break;
	}
}

/* What the run left undone: a lookup is unknown, and why; a capture request
 * stays pending. */
static void drop_unfinished(struct live_engine *e)
{
	for (size_t i = 0; i < e->nt; i++) {
		struct live_transfer *t = e->t[i];
		if (t->done)
			continue;
		if (saving(t)) {
			t->done = true; /* save_status stays "pending" */
			continue;
		}
		const char *given_up = run_of(e)->given_up[endpoint_of((enum step)t->step)];
		finish(e, t, ARCHIVE_UNKNOWN, interrupted() ? "interrupted" : given_up ? given_up : "deadline");
	}
}

/* Captures asked of Save Page Now for live pages with no snapshot. */
static void save_missing(struct live_engine *e)
{
	struct archive_run *run = run_of(e);
	struct model *m = run->m;
	size_t first = e->nt;
	if (run->given_up[EP_SAVE])
		return; /* the archive is down, or refused us: no capture is asked */
	for (size_t i = 0; i < m->nlookups; i++) {
		struct lookup *k = &m->lookups[i];
		/* an excluded site is not captured either: asking would be refused */
		if (k->archive.verdict != ARCHIVE_NOT_ARCHIVED || k->page == NO_INDEX ||
		    target_live(&m->targets[k->page])->verdict != LIVE_ALIVE ||
		    (k->archive.reason && !strcmp(k->archive.reason, "excluded")))
			continue;
		char *url = wayback_save_url(run->cfg->base);
		size_t ti = live_engine_add(e, i, url, run->endpoint[EP_SAVE]);
		free(url);
		struct live_transfer *t = e->t[ti];
		char *esc = curl_easy_escape(NULL, k->original, 0);
		t->post = xasprintf("url=%s", esc ? esc : "");
		curl_free(esc);
		t->step = STEP_SAVE;
		t->headers = run->save_headers;
	}
	if (e->nt > first) {
		live_engine_run(e);
		drop_unfinished(e);
	}
}

int check_archive(struct model *m, const struct archive_config *cfg, char *err, size_t errlen)
{
	struct live_config net = *cfg->net;
	net.host_jobs = cfg->endpoint_jobs;
	net.slot = cfg->slot;
	net.slot_arg = cfg->slot_arg;
	net.no_private = false; /* the archive is the one the user named, wherever it is */
	struct live_engine e;
	struct archive_run run = {.m = m, .cfg = cfg};
	run.st = xcalloc(m->nlookups ? m->nlookups : 1, sizeof *run.st);
	if (live_engine_init(&e, &net, complete, &run) < 0) {
		live_engine_finish(&e);
		free(run.st);
		snprintf(err, errlen, "libcurl could not start");
		return -1;
	}
	static const char *const names[EP__COUNT] = {"archive:replay", "archive:cdx", "archive:save"};
	const double rates[EP__COUNT] = {cfg->replay_rate, cfg->cdx_rate, cfg->save_rate};
	for (int i = 0; i < EP__COUNT; i++) {
		run.endpoint[i] = live_engine_host(&e, names[i]);
		live_engine_pace(&e, run.endpoint[i], rates[i], 1);
	}
	e.hosts[run.endpoint[EP_CDX]].limit = 1;
	e.hosts[run.endpoint[EP_SAVE]].limit = 1;
	for (size_t i = 0; i < m->nlookups; i++) {
		if (m->lookups[i].archive.verdict == ARCHIVE_SKIPPED) /* archive_keep_failing */
			continue;
		if (cfg->reuse && cfg->reuse(cfg->reuse_arg, m, i))
			continue;
		char *url = wayback_replay_url(cfg->base, m->lookups[i].want, m->lookups[i].original);
		size_t ti = live_engine_add(&e, i, url, run.endpoint[EP_REPLAY]);
		e.t[ti]->step = STEP_REPLAY;
		free(url);
	}
	if (cfg->reuse_end)
		cfg->reuse_end(cfg->reuse_arg);
	live_engine_run(&e);
	drop_unfinished(&e);
	if (cfg->save_missing && cfg->access_key && cfg->secret_key && !interrupted() && live_now() < e.deadline) {
		char *auth = xasprintf("Authorization: LOW %s:%s", cfg->access_key, cfg->secret_key);
		run.save_headers = curl_slist_append(NULL, "Accept: application/json");
		run.save_headers = curl_slist_append(run.save_headers, auth);
		memset(auth, 0, strlen(auth)); /* the secret stays in memory no longer than needed */
		free(auth);
		save_missing(&e);
	}
	live_engine_finish(&e);
	curl_slist_free_all(run.save_headers);
	for (int i = 0; i < EP__COUNT; i++)
		free(run.given_up_message[i]);
	free(run.st);
	explain_drift(m);
	return 0;
}

/* Why a lookup has no drift verdict: said, never left blank. */
static void explain_drift(struct model *m)
{
	for (size_t i = 0; i < m->nlookups; i++) {
		struct lookup *k = &m->lookups[i];
		if (k->drift.verdict != DRIFT_UNCHECKED)
			continue;
		k->drift.verdict = DRIFT_UNKNOWN;
		if (k->archive.verdict == ARCHIVE_SKIPPED)
			k->drift.reason = "not-looked-up";
		else if (k->archive.verdict != ARCHIVE_ARCHIVED)
			k->drift.reason = "no-snapshot";
		else if (k->page == NO_INDEX || target_live(&m->targets[k->page])->verdict != LIVE_ALIVE)
			k->drift.reason = "live-not-alive";
		else
			k->drift.reason = "snapshot-not-fetched";
		if (k->page != NO_INDEX)
			k->drift.title_live = target_print(&m->targets[k->page])->title_found;
	}
}

void archive_skip_all(struct model *m, const char *reason)
{
	for (size_t i = 0; i < m->nlookups; i++) {
		m->lookups[i].archive.verdict = ARCHIVE_UNKNOWN;
		m->lookups[i].archive.reason = reason;
	}
	explain_drift(m);
}
