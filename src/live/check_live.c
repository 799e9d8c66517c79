#include "live/check_live.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/anchors.h"
#include "extract/classify_url.h"
#include "live/example_hosts.h"
#include "live/live_engine.h"
#include "live/live_soft404.h"
#include "live/live_verdict.h"
#include "live/page_print.h"
#include "live/page_text.h"
#include "read/document_text.h"
#include "util/interrupt.h"
#include "util/strmap.h"
#include "util/util.h"

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

bool live_web_url(const char *url)
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

/* What the policy keeps across transfers (the engine's ctx). */
struct live_run {
	struct model *m;
	size_t answers;      /* HTTP answers of any kind */
	size_t unreachable;  /* hosts whose first request found no route or no name */
	bool gave_up;        /* offline: stopped early */
	/* one page, cited with several #fragments, is fetched once: leader[i]
	 * is the target whose fetch stands for target i (itself, or NO_INDEX) */
	size_t *leader;
	struct strmap **anchors; /* --check-fragments: the ids of each leader's page */
	/* a URL is fetched once, as a cited page or as a redirect's target:
	 * fetched maps it to the target whose transfer asked for it; a target
	 * redirected to a URL another asked for first waits for that one's
	 * answer: via[i] is that target (NO_INDEX: none) */
	struct strmap fetched;
	size_t *via;
};

/* After this many hosts failed to resolve or connect with not one answer
 * from anywhere, the network is down: stop rather than retry them all. */
#define OFFLINE_HOSTS 8

static struct target *target_of(struct live_engine *e, const struct live_transfer *t)
{
	return &((struct live_run *)e->ctx)->m->targets[t->target];
}

/* Counts the evidence for "offline" and stops the engine when it is enough:
 * no answer yet and OFFLINE_HOSTS hosts (or every host) without a route or a
 * name. What is in flight may still answer (dead domains fail in
 * milliseconds, live sites answer later), so nothing new starts until it
 * has: the last of them decides. A refused connection is an answer of sorts:
 * the network is up. */
static void watch_offline(struct live_engine *e, struct live_transfer *t, long status, const char *reason)
{
	struct live_run *run = e->ctx;
	if (status || !strcmp(reason, "connect-refused")) {
		run->answers++;
		e->hold = false;
		return;
	}
	if (!t->tries && !t->hops && (!strcmp(reason, "dns") || !strcmp(reason, "connect")))
		run->unreachable++;
	size_t need = e->nhosts < OFFLINE_HOSTS ? e->nhosts : OFFLINE_HOSTS;
	if (run->answers || run->unreachable < need)
		return;
	if (e->running <= 1) { /* e->running still counts t */
		run->gave_up = true;
		live_engine_stop(e);
	} else {
		e->hold = true;
	}
}

static bool same_page(const char *a, const char *b);

/* The verdict on a target; may be called again to change it (soft 404s). */
static void finish_target(struct live_engine *e, struct live_transfer *t, enum live_verdict v, const char *reason)
{
	struct target *tg = target_of(e, t);
	struct live_result *r = target_live_make(tg);
	r->verdict = v;
	r->reason = reason;
	r->elapsed_ms = t->first_start > 0 ? (long)((live_now() - t->first_start) * 1000) : 0;
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
	const char *pa = url_without_scheme_www(a), *pb = url_without_scheme_www(b);
	size_t la = strlen(pa), lb = strlen(pb);
	if (la && pa[la - 1] == '/')
		la--;
	if (lb && pb[lb - 1] == '/')
		lb--;
	return la == lb && memcmp(pa, pb, la) == 0;
}

/* A 3xx with a Location: record the hop and queue the next one. */
static void follow(struct live_engine *e, struct live_transfer *t, long status, const char *location, double now)
{
	struct live_result *r = target_live_make(target_of(e, t));
	if (!live_web_url(location)) {
		finish_target(e, t, LIVE_ERROR, "redirect-scheme");
		return;
	}
	bool loop = strcmp(location, target_of(e, t)->key) == 0;
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
	char *key = live_host_key(location);
	if (!key) {
		finish_target(e, t, LIVE_ERROR, "redirect-invalid");
		return;
	}
	struct live_run *run = e->ctx;
	size_t first = strmap_put(&run->fetched, location, t->target);
	if (first != t->target) { /* another cited URL led there, or is it: its answer will do */
		run->via[t->target] = first;
		t->done = true;
		free(key);
		return;
	}
	t->host = live_engine_host(e, key);
	free(key);
	t->tries = 0;
	live_engine_enqueue(e, t->index, now);
}

/* For the drift check: what the alive page says, kept small. */
/* --check-fragments: the ids and names of a page cited with a fragment. */
static void keep_anchors(struct live_engine *e, struct live_transfer *t, const char *ctype)
{
	struct live_run *run = e->ctx;
	if (!run->anchors || run->anchors[t->target] || !t->body.len ||
	    !body_is_html(ctype, t->body.data, t->body.len))
		return;
	run->anchors[t->target] = xmalloc(sizeof **run->anchors);
	strmap_init(run->anchors[t->target]);
	anchors_of_html(t->body.data, t->body.len, run->anchors[t->target]);
}

static void keep_print(struct live_engine *e, struct live_transfer *t, const char *ctype, const struct page_heads *ph)
{
	struct live_run *run = e->ctx;
	struct target *tg = target_of(e, t);
	const char *title = run->m->refs[tg->first_ref].details->title;
	const char *body = t->body.data ? t->body.data : "";
	char *doc;
	if (page_type_of(ctype, body, t->body.len) == PAGE_BINARY) {
		/* a PDF, DOCX or ODT by its text; what has none by its bytes */
		if ((doc = document_text(body, t->body.len)) != NULL)
			page_print_text(target_print_make(tg), doc, title);
		else
			page_print_binary(target_print_make(tg), body, t->body.len);
		free(doc);
	} else if (body_is_html(ctype, body, t->body.len))
		page_print_text(target_print_make(tg), ph->text, title);
	else
		page_print_text(target_print_make(tg), body, title);
}

/* An alive page whose citation names a title: what the page says it is,
 * for the comparison (identity/page_identity.h). Only then: a docs tree's
 * links name no title, and keep nothing. */
static bool titled(struct live_engine *e, struct live_transfer *t)
{
	return t->target != LIVE_PROBE && ((struct live_run *)e->ctx)->m->refs[target_of(e, t)->first_ref].details->title;
}

static void keep_titles(struct live_engine *e, struct live_transfer *t, const struct page_heads *ph)
{
	struct target *tg = target_of(e, t);
	if (target_live(tg)->verdict != LIVE_ALIVE || !titled(e, t))
		return;
	struct live_result *r = target_live_make(tg);
	free(r->page_titles);
	r->page_titles = page_heads_titles(ph);
	if (!e->cfg->keep_prints && ph->text) { /* whether the page's text names the work, all the same */
		struct words w;
		words_split(ph->text, &w);
		target_print_make(tg)->title_found = page_title_in(&w, ((struct live_run *)e->ctx)->m->refs[tg->first_ref].details->title);
		words_finish(&w);
	}
}

/* What a deep alive page says, for the comparison with its host's probe. */
static void remember_page(struct live_transfer *t, const struct page_heads *ph)
{
	free(t->sig);
	t->sig = xmalloc(sizeof *t->sig);
	soft_sig_make(t->sig, t->body.data, t->body.len, ph->text);
}

static void record_probe(struct live_engine *e, struct live_transfer *t, long status, const struct page_heads *ph)
{
	struct live_host *h = &e->hosts[t->host];
	h->probed = true;
	h->probe_found = status >= 200 && status < 300;
	if (h->probe_found && !h->probe_sig) {
		h->probe_sig = xmalloc(sizeof *h->probe_sig);
		soft_sig_make(h->probe_sig, t->body.data, t->body.len, ph->text);
	}
	t->done = true;
}

/* Asks host for a path that cannot exist: what it answers there is its
 * "not found" page, whatever the status. Once per host. */
static void start_probe(struct live_engine *e, size_t host)
{
	struct live_host *h = &e->hosts[host];
	if (h->wants_probe)
		return;
	h->wants_probe = true;
	char *url = xasprintf("%s/citecheck-probe-%08lx%08lx", h->name, (unsigned long)(e->rng & 0xffffffffUL),
			      (unsigned long)((e->rng >> 16) & 0xffffffffUL));
	live_engine_jitter(e);
	/* h->name is scheme://host:port; curl takes the port as given */
	live_engine_add(e, LIVE_PROBE, url, host);
	free(url);
}

/* A transfer ended (the engine's callback): judge it, follow it, or try it
 * again later. */
static void complete(struct live_engine *e, struct live_transfer *t, CURLcode code, double now)
{
	long status = 0, os_errno = 0;
	char *location = NULL, *ctype = NULL;
	curl_off_t retry_after = 0;
	if (t->easy) { /* NULL: libcurl could not start it */
		curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(t->easy, CURLINFO_OS_ERRNO, &os_errno);
		curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &location);
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ctype);
		curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
	}
	char *loc = location ? xstrdup(location) : NULL;
	struct page_heads ph = {NULL, NULL, NULL, NULL};
	/* the main text: for the drift print, and to tell a deep page from the
	 * host's "not found" page */
	bool want_text = t->target == LIVE_PROBE || (t->deep && e->cfg->probe) || e->cfg->keep_prints ||
			 titled(e, t);
	if (status && t->body.len && body_is_html(ctype, t->body.data, t->body.len))
		page_heads_read(t->body.data, t->body.len, want_text, &ph);
	bool probe_host = false; /* a deep page is alive: its host's probe can start */

	if (t->target == LIVE_PROBE) {
		record_probe(e, t, status, &ph);
	} else if (t->refused_private) {
		if (t->easy)
			target_live_make(target_of(e, t))->attempts++;
		finish_target(e, t, LIVE_SKIPPED, "private-address");
	} else {
		struct live_result *r = target_live_make(target_of(e, t));
		if (t->easy)
			r->attempts++; /* a request that was sent, redirects included */
		r->http_status = status;
		bool answered = status && (code == CURLE_OK || (code == CURLE_WRITE_ERROR && t->truncated));
		if (answered && status >= 300 && status < 400 && loc) {
			((struct live_run *)e->ctx)->answers++;
			follow(e, t, status, loc, now);
		} else {
			struct http_outcome o = {(int)code, (int)os_errno, answered ? status : 0, t->truncated,
						 ph.title, ph.h1};
			struct judgement j = judge_outcome(&o);
			if (answered && j.verdict != LIVE_ALIVE && host_rule_accepts(e->hosts[t->host].rule, status)) {
				/* the config file says this status means the page is there */
				j.verdict = LIVE_ALIVE;
				j.reason = "accepted-status";
				j.retry = false;
			}
			watch_offline(e, t, answered ? status : 0, j.reason);
			double wait = (double)e->cfg->backoff_ms / 1000.0 * (double)(1u << t->tries) * (1 + live_engine_jitter(e));
			bool honour = status == 429 || status == 503;
			if (honour && retry_after > e->cfg->max_retry_after_s)
				j.retry = false; /* asked to wait longer than we may: stop asking */
			else if (honour && (double)retry_after > wait)
				wait = (double)retry_after;
			/* a page that hangs is asked again once, after the backoff and
			 * behind the host's other pages, while the rest goes on: not
			 * --retries timeouts back to back */
			if (code == CURLE_OPERATION_TIMEDOUT && t->tries >= 1)
				j.retry = false;
			if (status == 429) { /* slow down for the whole host */
				struct live_host *h = &e->hosts[t->host];
				h->limit = 1;
				if (h->next_allowed < now + wait)
					h->next_allowed = now + wait;
			}
			if (j.retry && t->tries < e->cfg->retries && now + wait < e->deadline) {
				t->tries++;
				live_engine_enqueue(e, t->index, now + wait);
			} else {
				finish_target(e, t, j.verdict, j.reason);
				if (j.verdict == LIVE_ALIVE) {
					if (t->deep && e->cfg->probe) {
						remember_page(t, &ph);
						probe_host = true;
					}
					if (t->hops && t->deep && !deep_path(t->url))
						finish_target(e, t, LIVE_DEAD, "soft-404"); /* sent to the front page */
					else if (says_not_found(ph.title) || says_not_found(ph.h1))
						finish_target(e, t, LIVE_DEAD, "soft-404");
					else if (e->cfg->keep_prints)
						keep_print(e, t, ctype, &ph);
					keep_titles(e, t, &ph);
					keep_anchors(e, t, ctype);
				}
			}
		}
	}
	size_t host = t->host;
	free(loc);
	page_heads_finish(&ph);
	buf_finish(&t->body);
	/* now, not after the main pass */
	if (probe_host && e->cfg->probe)
		start_probe(e, host);
}

/* Runs the engine; what it could not finish is error: past the deadline, or
 * left when the network turned out to be down. */
static void run(struct live_engine *e)
{
	live_engine_run(e);
	const char *why = interrupted()				 ? "interrupted"
			  : ((struct live_run *)e->ctx)->gave_up ? "offline"
								 : "deadline";
	for (size_t i = 0; i < e->nt; i++) {
		struct live_transfer *t = e->t[i];
		if (t->done)
			continue;
		if (t->target != LIVE_PROBE)
			finish_target(e, t, LIVE_ERROR, why);
		t->done = true;
	}
}

/* Soft 404s that answer 200: each host with alive deep pages is asked for
 * a path that cannot exist (during the main pass, start_probe; here for the
 * hosts reached only through redirects); where that too is a 200 and the
 * cited page says what it says, the cited page is the site's "not found"
 * page. */
static void probe_hosts(struct live_engine *e)
{
	size_t first_probe = e->nt;
	for (size_t i = 0; i < first_probe; i++) {
		struct live_transfer *t = e->t[i];
		if (t->target != LIVE_PROBE && target_live(target_of(e, t))->verdict == LIVE_ALIVE && t->sig)
			start_probe(e, t->host);
	}
	if (e->nt > first_probe)
		run(e);
	for (size_t i = 0; i < e->nt; i++) {
		struct live_transfer *t = e->t[i];
		if (t->target == LIVE_PROBE || !t->sig || target_live(target_of(e, t))->verdict != LIVE_ALIVE)
			continue;
		const struct live_host *h = &e->hosts[t->host];
		if (h->probe_sig && soft_sig_same_page(t->sig, h->probe_sig)) {
			struct live_result *r = target_live_make(target_of(e, t));
			r->verdict = LIVE_DEAD;
			r->reason = "soft-404";
		}
	}
}

/* Whether --connect-to or --resolve names host (or every host). */
static bool routed(const struct curl_slist *l, const char *host)
{
	size_t n = strlen(host);
	for (; l; l = l->next) {
		const char *e = l->data[0] == '+' ? l->data + 1 : l->data; /* curl's "+host:port:addr" */
		if (e[0] == ':' || (e[0] == '*' && e[1] == ':') ||
		    (!strncasecmp(e, host, n) && e[n] == ':'))
			return true;
	}
	return false;
}

bool live_example_host(const struct live_config *c, const char *url)
{
	if (c->check_example_hosts)
		return false;
	char *host = url_host(url);
	bool example = host && host_is_example(host) && !routed(c->connect_to, host) && !routed(c->resolve, host);
	free(host);
	return example;
}

bool live_excluded(const struct live_config *c, const char *url)
{
	for (size_t i = 0; i < c->nexcludes; i++)
		if (regexec(&c->excludes[i], url, 0, NULL, 0) == 0)
			return true;
	return false;
}

static void skip(struct target *t, const char *reason)
{
	struct live_result *r = target_live_make(t);
	r->verdict = LIVE_SKIPPED;
	r->reason = reason;
}

void live_skip_all(struct model *m, const char *reason)
{
	for (size_t i = 0; i < m->ntargets; i++)
		if (target_live(&m->targets[i])->verdict == LIVE_UNCHECKED) /* relative links are decided */
			skip(&m->targets[i], reason);
}

bool live_offline(const struct model *m)
{
	size_t fetched = 0;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct live_result *r = target_live(&m->targets[i]);
		/* this run's answers only: the cache's say nothing of the network now */
		if (r->verdict == LIVE_SKIPPED || r->verdict == LIVE_UNCHECKED || r->cached || r->local ||
		    (r->reason && !strcmp(r->reason, "not-cached")))
			continue;
		fetched++;
		if (r->http_status || !r->reason ||
		    (strcmp(r->reason, "dns") && strcmp(r->reason, "connect-refused") &&
		     strcmp(r->reason, "connect") && strcmp(r->reason, "offline")))
			return false;
	}
	return fetched > 0;
}

/* The network is down, not the links: either the run concluded so early
 * (gave_up), or every fetch failed before any answer. Then every fetched
 * link is error/offline — never "dead" beside "offline". */
static void mark_offline(struct model *m, bool gave_up)
{
	if (!gave_up && !live_offline(m))
		return;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct live_result *was = target_live(&m->targets[i]);
		if (was->verdict != LIVE_SKIPPED && !was->cached && !was->local) {
			struct live_result *r = target_live_make(&m->targets[i]);
			r->verdict = LIVE_ERROR;
			r->reason = "offline";
		}
	}
}

/* The target's key without its #fragment: what is fetched. */
static char *page_of(const char *key)
{
	const char *hash = strchr(key, '#');
	return hash ? xstrndup(key, (size_t)(hash - key)) : xstrdup(key);
}

/* A fragment that names an element: not a text fragment (#:~:text=) nor
 * a route of a single-page application (#/path, #!/path). */
static const char *checkable_fragment(const char *key)
{
	const char *hash = strchr(key, '#');
	if (!hash || !hash[1] || hash[1] == '/' || hash[1] == '!' || hash[1] == ':')
		return NULL;
	return hash + 1;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* A target cited with another fragment of a fetched page gets its answer. */
static void copy_answer(struct target *to, const struct target *from)
{
	struct live_result *r = target_live_make(to);
	const struct live_result *f = target_live(from);
	live_result_finish(r);
	r->verdict = f->verdict;
	r->reason = f->reason;
	r->http_status = f->http_status;
	r->final_url = dup_or_null(f->final_url);
	r->redirects = f->nredirects ? xcalloc(f->nredirects, sizeof *r->redirects) : NULL;
	for (size_t i = 0; i < f->nredirects; i++)
		r->redirects[r->nredirects++] = xstrdup(f->redirects[i]);
	r->moved = f->moved;
	r->elapsed_ms = f->elapsed_ms; /* attempts stay 0: the request was the other's */
	r->page_titles = dup_or_null(f->page_titles);
	const struct page_print *fp = target_print(from);
	struct page_print *tp = target_print_make(to);
	tp->type = fp->type;
	tp->digest = fp->digest;
	tp->bytes = fp->bytes;
	tp->title_found = fp->title_found;
	text_print_finish(&tp->text);
	tp->text = fp->text;
	tp->text.sketch = fp->text.n ? xmalloc(fp->text.n * sizeof *fp->text.sketch) : NULL;
	if (fp->text.n)
		memcpy(tp->text.sketch, fp->text.sketch, fp->text.n * sizeof *fp->text.sketch);
}

/* A target redirected to a URL that another fetched takes that one's
 * answer from there on: its own redirects, then the other's after that URL. */
static void take_shared(struct target *to, const struct target *from)
{
	struct live_result *r = target_live_make(to);
	char **own = r->redirects;
	size_t nown = r->nredirects;
	unsigned attempts = r->attempts;
	bool moved = r->moved;
	r->redirects = NULL;
	r->nredirects = 0;
	copy_answer(to, from);
	const char *handoff = own[nown - 1]; /* the URL the other fetched */
	const struct live_result *f = target_live(from);
	size_t k = 0;
	if (strcmp(from->key, handoff) != 0) /* a hop of the other's: what came after it */
		while (k < f->nredirects && strcmp(f->redirects[k++], handoff) != 0)
			;
	for (size_t i = 0; i < r->nredirects; i++)
		free(r->redirects[i]);
	free(r->redirects);
	r->redirects = xrealloc(own, (nown + f->nredirects - k) * sizeof *own);
	r->nredirects = nown;
	for (; k < f->nredirects; k++)
		r->redirects[r->nredirects++] = xstrdup(f->redirects[k]);
	free(r->final_url);
	r->final_url = xstrdup(r->redirects[r->nredirects - 1]);
	r->attempts = attempts;
	r->moved = moved && r->verdict == LIVE_ALIVE && !same_page(to->key, r->final_url);
	if (r->verdict == LIVE_ALIVE && deep_path(to->key) && !deep_path(r->final_url)) {
		r->verdict = LIVE_DEAD; /* a deep page sent to the front page */
		r->reason = "soft-404";
	}
}

/* Settles every target that waited for another's answer, the one it waited
 * for first; a ring of them (a redirect loop across cited URLs) is one. */
static void settle_shared(struct model *m, struct live_run *run)
{
	unsigned char *state = xcalloc(m->ntargets + 1, 1); /* 0 open, 1 on the path, 2 settled */
	size_t *path = xmalloc((m->ntargets + 1) * sizeof *path);
	for (size_t i = 0; i < m->ntargets; i++) {
		size_t n = 0, j = i;
		while (run->via[j] != NO_INDEX && state[j] == 0) {
			state[j] = 1;
			path[n++] = j;
			j = run->via[j];
		}
		bool ring = run->via[j] != NO_INDEX && state[j] == 1;
		while (n--) {
			size_t w = path[n];
			struct target *tg = &m->targets[w];
			if (ring) {
				struct live_result *r = target_live_make(tg);
				r->verdict = LIVE_ERROR;
				r->reason = "redirect-loop";
				free(r->final_url);
				r->final_url = NULL;
			} else {
				take_shared(tg, &m->targets[run->via[w]]);
			}
			state[w] = 2;
		}
	}
	free(path);
	free(state);
}

/* After the fetches: followers take their leader's answer, and with
 * --check-fragments every alive HTML page is asked for its fragment. */
static void settle_fragments(struct model *m, struct live_run *run)
{
	for (size_t i = 0; i < m->ntargets; i++) {
		size_t lead = run->leader[i];
		if (lead == NO_INDEX)
			continue;
		struct target *t = &m->targets[i];
		if (lead != i)
			copy_answer(t, &m->targets[lead]);
		const char *frag = checkable_fragment(t->key);
		if (!run->anchors || !frag || target_live(t)->verdict != LIVE_ALIVE)
			continue;
		/* a page reached through another's redirect: that one's ids */
		size_t src = lead;
		for (size_t steps = 0; run->via[src] != NO_INDEX && steps < m->ntargets; steps++)
			src = run->via[src];
		struct strmap *names = run->anchors[src];
		if (!names) {
			t->fragment_found = -1; /* not HTML */
			continue;
		}
		char *decoded = curl_easy_unescape(NULL, frag, 0, NULL);
		char *github = xasprintf("user-content-%s", decoded ? decoded : frag); /* GitHub's prefix */
		size_t k;
		t->fragment_found = strmap_get(names, decoded ? decoded : frag, &k) || strmap_get(names, github, &k);
		free(github);
		curl_free(decoded);
	}
}

/* The live stage as it goes: its own copy of the settings (the engine
 * reads them), the engine, and what the policy keeps. */
struct live_stage {
	struct live_config cfg;
	struct live_engine e;
	struct live_run state;
	unsigned char *planned; /* target i decided: fetched, reused or skipped */
	size_t cap;             /* of leader, via, anchors and planned */
	size_t scanned;         /* targets the early plans have looked at */
};

/* The policy's arrays, one entry a target of m. */
static void stage_grow(struct live_stage *s, const struct model *m)
{
	if (m->ntargets < s->cap)
		return;
	size_t old = s->cap, cap = old;
	grow_array(&s->state.leader, &cap, m->ntargets + 1, sizeof *s->state.leader);
	cap = old;
	grow_array(&s->state.via, &cap, m->ntargets + 1, sizeof *s->state.via);
	cap = old;
	grow_array(&s->planned, &cap, m->ntargets + 1, sizeof *s->planned);
	if (s->cfg.check_fragments) {
		size_t acap = old;
		grow_array(&s->state.anchors, &acap, m->ntargets + 1, sizeof *s->state.anchors);
	}
	for (size_t i = old; i < cap; i++) {
		s->state.leader[i] = s->state.via[i] = NO_INDEX;
		s->planned[i] = 0;
		if (s->state.anchors)
			s->state.anchors[i] = NULL;
	}
	s->cap = cap;
}

int live_stage_begin(struct live_stage **out, struct model *m, const struct live_config *cfg, char *err,
		     size_t errlen)
{
	struct live_stage *s = xcalloc(1, sizeof *s);
	s->cfg = *cfg;
	s->state.m = m;
	/* a page's URL without fragment → its leader, and every URL fetched */
	strmap_init(&s->state.fetched);
	*out = s;
	if (live_engine_init(&s->e, &s->cfg, complete, &s->state) < 0) {
		live_stage_end(s, m, false);
		*out = NULL;
		snprintf(err, errlen, "libcurl could not start");
		return -1;
	}
	stage_grow(s, m);
	return 0;
}

void live_stage_progress(struct live_stage *s, void (*tick)(void *arg), void *arg)
{
	s->cfg.tick = tick;
	s->cfg.tick_arg = arg;
}

/* Target i fetched (its page's first citation) or left to its page's
 * leader. key: its host's. */
static void fetch(struct live_stage *s, size_t i, const char *key)
{
	struct target *tg = &s->state.m->targets[i];
	char *page = page_of(tg->key);
	size_t lead = strmap_put(&s->state.fetched, page, i);
	s->state.leader[i] = lead;
	if (lead == i) { /* the first citation of this page: fetched */
		size_t ti = live_engine_add(&s->e, i, page, live_engine_host(&s->e, key));
		s->e.t[ti]->deep = deep_path(tg->key);
	}
	free(page);
}

/* Why target tg is not fetched, from what the documents say of it; NULL:
 * it is (the cache and the host's rule aside). */
static const char *skip_reason(const struct live_config *cfg, const struct target *tg, const struct link *l)
{
	if (tg->chrome_only)
		return "page-chrome"; /* --check-chrome reads it as the page's text */
	if (!l->valid && !tg->repair) /* a repair's own URL is valid: its first link is not */
		return "invalid-url";
	if (!live_web_url(tg->key))
		return "scheme";
	/* an original page (cited only inside a snapshot) is fetched like any page */
	if (tg->citations && l->kind == LINK_ARCHIVE_REQUEST)
		return "save-request"; /* fetching it would ask the archive for a capture */
	/* a snapshot is the archive's to verify, paced; without the archive
	 * stage nothing at all is sent to the archive */
	if (tg->citations && l->kind == LINK_ARCHIVE_SNAPSHOT)
		return cfg->archive_checks_snapshots ? "archive-stage" : "no-archive";
	if (live_excluded(cfg, tg->key) || live_excluded(cfg, l->url))
		return "excluded";
	if (live_example_host(cfg, tg->key))
		return "example-host"; /* a documentation example, no citation */
	return NULL;
}

/* Decides target i: skipped, answered from the cache, or fetched. early:
 * only a fetch, which later documents cannot undo (a page's chrome may yet
 * be cited in a later document's text, and a relative link is decided from
 * the files once all are read); false then when it was left for later. */
static bool plan(struct live_stage *s, struct model *m, size_t i, bool early)
{
	const struct live_config *cfg = &s->cfg;
	struct target *tg = &m->targets[i];
	const struct link *l = &m->refs[tg->first_ref].links[tg->first_link];
	if (target_live(tg)->verdict != LIVE_UNCHECKED)
		return !early; /* decided without the web: a relative link */
	const char *why = skip_reason(cfg, tg, l);
	if (why && early)
		return false;
	if (why) {
		skip(tg, why);
		return true;
	}
	if (cfg->reuse && cfg->reuse(cfg->reuse_arg, m, i))
		return true;
	char *key = live_host_key(tg->key);
	if (!key) {
		skip(tg, "invalid-url");
		return true;
	}
	const struct host_rule *rule = host_rule_for_key(cfg->rules, key);
	if (rule && rule->exclude) /* the config file's hosts: exclude */
		skip(tg, "excluded");
	else
		fetch(s, i, key);
	free(key);
	return true;
}

/* Plans the targets not decided yet; early: as plan(), and only the
 * targets made since the last early plan (a docs tree has a target for
 * every relative link, each left for the end: looked at once, not once a
 * document). */
static void plan_all(struct live_stage *s, struct model *m, bool early)
{
	stage_grow(s, m);
	bool asked = false;
	size_t from = early ? s->scanned : 0;
	s->scanned = m->ntargets;
	for (size_t i = from; i < m->ntargets; i++) {
		if (s->planned[i])
			continue;
		if (plan(s, m, i, early))
			s->planned[i] = 1;
		asked = true;
	}
	if (asked && s->cfg.reuse_end)
		s->cfg.reuse_end(s->cfg.reuse_arg);
}

void live_stage_plan_early(struct live_stage *s, struct model *m)
{
	plan_all(s, m, true);
}

bool live_stage_step(struct live_stage *s, int wait_ms)
{
	return live_engine_step(&s->e, wait_ms);
}

void live_stage_wakeup(struct live_stage *s)
{
	live_engine_wakeup(&s->e);
}

int live_stage_end(struct live_stage *s, struct model *m, bool finish)
{
	if (finish) {
		if (interrupted()) /* nothing new: what was asked ends as interrupted */
			stage_grow(s, m);
		else
			plan_all(s, m, false);
		run(&s->e);
		if (s->cfg.probe && !s->state.gave_up && !interrupted() && live_now() < s->e.deadline)
			probe_hosts(&s->e);
		settle_shared(m, &s->state);
		settle_fragments(m, &s->state);
		mark_offline(m, s->state.gave_up);
	}
	live_engine_finish(&s->e);
	for (size_t i = 0; s->state.anchors && i < s->cap; i++)
		if (s->state.anchors[i]) {
			strmap_finish(s->state.anchors[i]);
			free(s->state.anchors[i]);
		}
	free(s->state.anchors);
	free(s->state.leader);
	free(s->state.via);
	free(s->planned);
	strmap_finish(&s->state.fetched);
	free(s);
	return 0;
}

int check_live(struct model *m, const struct live_config *cfg, char *err, size_t errlen)
{
	struct live_stage *s;
	if (live_stage_begin(&s, m, cfg, err, errlen) != 0)
		return -1;
	return live_stage_end(s, m, true);
}
