#include "identity/check_dois.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "identity/doi_typos.h"
#include "live/live_engine.h"
#include "read/csl_item.h"
#include "util/interrupt.h"
#include "util/util.h"

void doi_config_defaults(struct doi_config *c, const struct live_config *net)
{
	c->resolver = DOI_RESOLVER_DEFAULT;
	/* Crossref's public pool allows 5 requests a second (its
	 * documentation, 2025); the resolver and DataCite are not slower */
	c->rate = 5;
	c->host_jobs = 2;
	c->net = net;
}

void doi_plan(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			const struct link *l = &m->refs[r].links[k];
			if (l->kind == LINK_DOI && link_extra(l)->doi && !strncmp(link_extra(l)->doi, "10.", 3))
				model_doi_for(m, link_extra(l)->doi);
		}
	m->dois_planned = true;
}

/* For each DOI lookup, whether some citation of it gives what a
 * registered work can be matched on (a title, or authors and a year):
 * one pass over the references, not one per DOI. Caller frees. */
static bool *matchable_dois(const struct model *m)
{
	bool *ok = xcalloc(m->ndois + 1, sizeof *ok);
	for (size_t r = 0; r < m->nrefs; r++) {
		const struct reference *ref = &m->refs[r];
		if (!ref->details->title && !(ref->details->authors && ref->details->published.year))
			continue;
		for (size_t k = 0; k < ref->nlinks; k++) {
			const struct link *l = &ref->links[k];
			const struct doi_lookup *d = l->kind == LINK_DOI && link_extra(l)->doi ? model_doi_find(m, link_extra(l)->doi) : NULL;
			if (d)
				ok[d - m->dois] = true;
		}
	}
	return ok;
}

size_t doi_plan_typos(struct model *m)
{
	size_t searched = 0, added = 0, cited = m->ndois;
	bool *matchable = matchable_dois(m);
	for (size_t i = 0; i < cited && searched < DOI_TYPO_SEARCHES_MAX; i++) {
		const struct doi_lookup *d = &m->dois[i];
		if (d->verdict != DOI_NOT_FOUND || d->typo_candidate || d->nearby || !matchable[i])
			continue;
		searched++;
		char *c[DOI_TYPO_CANDIDATES_MAX];
		size_t n = doi_typo_candidates(d->doi, c, DOI_TYPO_CANDIDATES_MAX);
		size_t *nearby = xmalloc((n + 1) * sizeof *nearby);
		for (size_t j = 0; j < n; j++) {
			size_t before = m->ndois;
			nearby[j] = model_doi_for(m, c[j]); /* m->dois may move */
			if (m->ndois > before) {
				m->dois[nearby[j]].typo_candidate = true;
				added++;
			}
			free(c[j]);
		}
		m->dois[i].nearby = nearby;
		m->dois[i].nnearby = n;
	}
	free(matchable);
	return added;
}

void dois_skip_all(struct model *m, const char *reason)
{
	for (size_t i = 0; i < m->ndois; i++)
		if (m->dois[i].verdict == DOI_UNCHECKED) {
			m->dois[i].verdict = DOI_UNKNOWN;
			m->dois[i].reason = reason;
		}
}

/* A text of the agency's, as the model keeps it: at most DOI_TEXT_MAX
 * bytes, cut at a character's start, and no control characters. */
static char *agency_text(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (n > DOI_TEXT_MAX) {
		n = DOI_TEXT_MAX;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	char *out = xstrndup(s, n);
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

static int year_of(const json_t *item, const char *key)
{
	return csl_item_date(json_object_get(item, key)).year;
}

int doi_read_csl(struct doi_lookup *d, const char *json, size_t len)
{
	json_error_t e;
	json_t *item = json_loadb(json, len, JSON_REJECT_DUPLICATES, &e);
	int rc = doi_read_item(d, item);
	json_decref(item);
	return rc;
}

int doi_read_item(struct doi_lookup *d, const json_t *item)
{
	if (!json_is_object(item))
		return -1;
	const char *title = csl_item_text(item, "title");
	const char *family = csl_item_first_family(item);
	const char *type = csl_item_text(item, "type");
	const char *container = csl_item_text(item, "container-title");
	if (!title && !family) /* no work described */
		return -1;
	d->title = agency_text(title);
	d->first_family = agency_text(family);
	char *authors = csl_item_names(json_object_get(item, "author"));
	d->authors = agency_text(authors);
	free(authors);
	d->type = agency_text(type);
	d->container = agency_text(container);
	d->years[0] = year_of(item, "issued");
	d->years[1] = year_of(item, "published-print");
	d->years[2] = year_of(item, "published-online");
	return 0;
}

struct doi_run {
	struct model *m;
	const struct doi_config *cfg;
	struct curl_slist *accept;
	char *resolver_host; /* the resolver's host name, whatever the scheme */
};

/* The host name of url (owned), or NULL. */
static char *host_of(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;
	if (u && !curl_url_set(u, CURLUPART_URL, url, 0))
		curl_url_get(u, CURLUPART_HOST, &host, 0);
	curl_url_cleanup(u);
	char *out = host ? xstrdup(host) : NULL;
	curl_free(host);
	return out;
}

static struct doi_lookup *lookup_of(struct live_engine *e, const struct live_transfer *t)
{
	return &((struct doi_run *)e->ctx)->m->dois[t->target];
}

static void finish(struct live_transfer *t, struct doi_lookup *d, enum doi_verdict v, const char *reason)
{
	d->verdict = v;
	d->reason = reason;
	t->done = true;
}

/* The resolver or an agency sent the request elsewhere: on to it. */
static void follow(struct live_engine *e, struct live_transfer *t, const char *location)
{
	struct doi_lookup *d = lookup_of(e, t);
	if (t->hops >= e->cfg->max_redirects) {
		finish(t, d, DOI_UNKNOWN, "too-many-redirects");
		return;
	}
	char *key = live_web_url(location) && strlen(location) <= 8192 ? live_host_key(location) : NULL;
	if (!key) {
		finish(t, d, DOI_UNKNOWN, "bad-redirect");
		return;
	}
	size_t host = live_engine_host(e, key);
	struct doi_run *run = e->ctx;
	if (e->hosts[host].rate <= 0) { /* first seen: paced from now on (pacing again would refill it) */
		live_engine_pace(e, host, run->cfg->rate, 1);
		e->hosts[host].limit = run->cfg->host_jobs;
	}
	free(key);
	free(t->url);
	t->url = xstrdup(location);
	free(d->agency_url);
	d->agency_url = xstrdup(location);
	t->host = host;
	t->hops++;
	t->tries = 0;
	live_engine_enqueue(e, t->index, 0);
}

/* A transfer ended (the engine's callback). */
static void complete(struct live_engine *e, struct live_transfer *t, CURLcode code, double now)
{
	struct doi_lookup *d = lookup_of(e, t);
	long status = 0;
	char *location = NULL, *ctype = NULL;
	curl_off_t retry_after = 0;
	if (t->easy) {
		curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &location);
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ctype);
		curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
		d->requests++;
	}
	bool answered = status && code == CURLE_OK;
	if (answered) {
		d->http_status = status;
		live_engine_obey_rate_headers(e, t);
	}
	double backoff = (double)e->cfg->backoff_ms / 1000.0 * (double)(1u << t->tries) * (1 + live_engine_jitter(e));
	if (answered && status == 429) {
		double wait = retry_after > 0 ? (double)retry_after : backoff;
		if (wait > (double)e->cfg->max_retry_after_s || !live_engine_retry(e, t, wait, now))
			finish(t, d, DOI_UNKNOWN, "rate-limited");
		return;
	}
	if (!answered || status >= 500) {
		if (!live_engine_retry(e, t, retry_after > 0 ? (double)retry_after : backoff, now))
			finish(t, d, DOI_UNKNOWN,
			       answered ? "server-error" : code == CURLE_OPERATION_TIMEDOUT ? "timeout" : "unreachable");
		return;
	}
	if (status >= 300 && status < 400 && location) {
		follow(e, t, location);
		return;
	}
	/* the resolver's own answer (not an agency's, after its redirect): no
	 * handle has this DOI */
	char *host = host_of(t->url);
	struct doi_run *run = e->ctx;
	bool resolver = host && run->resolver_host && !strcasecmp(host, run->resolver_host);
	free(host);
	if (resolver && (status == 404 || status == 410 || status == 400)) {
		finish(t, d, DOI_NOT_FOUND, status == 404 ? "http-404" : status == 410 ? "http-410" : "http-400");
		return;
	}
	if (status != 200) { /* an agency without this DOI's metadata */
		finish(t, d, DOI_UNKNOWN, "no-metadata");
		return;
	}
	/* an agency that offers no CSL-JSON answers with the landing page */
	bool json = ctype && (strstr(ctype, "json") != NULL);
	if (!json || t->truncated || doi_read_csl(d, t->body.data ? t->body.data : "", t->body.len) != 0) {
		finish(t, d, DOI_UNKNOWN, "no-metadata");
		return;
	}
	finish(t, d, DOI_FOUND, NULL);
}

/* The DOI as a URL path: its slashes, colons, parentheses and semicolons
 * kept (DOIs hold them: "10.1002/(SICI)1097-4636(199706)35:4<…>3.0.CO;2-N"),
 * what a path may not hold percent-encoded, as the DOI Handbook advises. */
static char *doi_path(const char *doi)
{
	static const char keep[] = "-._~/:@!$&'()*,;=+";
	struct buf b;
	buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)doi; *p; p++) {
		if (isalnum_ascii(*p) || strchr(keep, *p)) {
			buf_putc(&b, (char)*p);
		} else {
			char hex[4];
			snprintf(hex, sizeof hex, "%%%02X", *p);
			buf_append(&b, hex, 3);
		}
	}
	char *s = buf_steal(&b);
	return s ? s : xstrdup("");
}

int check_dois(struct model *m, const struct doi_config *cfg, char *err, size_t errlen)
{
	struct live_config net = *cfg->net;
	net.host_jobs = cfg->host_jobs;
	net.no_private = false; /* the resolver is the one the user named */
	struct doi_run run = {.m = m, .cfg = cfg};
	run.accept = curl_slist_append(NULL, "Accept: application/vnd.citationstyles.csl+json");
	struct live_engine e;
	if (live_engine_init(&e, &net, complete, &run) < 0) {
		live_engine_finish(&e);
		curl_slist_free_all(run.accept);
		snprintf(err, errlen, "libcurl could not start");
		return -1;
	}
	char *key = live_host_key(cfg->resolver);
	if (!key) {
		live_engine_finish(&e);
		curl_slist_free_all(run.accept);
		snprintf(err, errlen, "the DOI resolver %s is not a URL", cfg->resolver);
		return -1;
	}
	size_t resolver = live_engine_host(&e, key);
	run.resolver_host = host_of(cfg->resolver);
	free(key);
	live_engine_pace(&e, resolver, cfg->rate, 1);
	size_t base_len = strlen(cfg->resolver);
	while (base_len && cfg->resolver[base_len - 1] == '/')
		base_len--;
	for (size_t i = 0; i < m->ndois; i++) {
		if (m->dois[i].verdict != DOI_UNCHECKED)
			continue;
		char *path = doi_path(m->dois[i].doi);
		char *url = xasprintf("%.*s/%s", (int)base_len, cfg->resolver, path);
		free(path);
		size_t ti = live_engine_add(&e, i, url, resolver);
		e.t[ti]->headers = run.accept;
		free(url);
	}
	live_engine_run(&e);
	for (size_t i = 0; i < e.nt; i++) { /* what the deadline or an interrupt left */
		struct live_transfer *t = e.t[i];
		if (!t->done && t->target < m->ndois && m->dois[t->target].verdict == DOI_UNCHECKED)
			finish(t, &m->dois[t->target], DOI_UNKNOWN, interrupted() ? "interrupted" : "deadline");
	}
	live_engine_finish(&e);
	curl_slist_free_all(run.accept);
	free(run.resolver_host);
	return 0;
}
