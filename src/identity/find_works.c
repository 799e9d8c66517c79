#include "identity/find_works.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identity/check_dois.h"
#include "identity/work_match.h"
#include "live/live_engine.h"
#include "read/csl_item.h"
#include "util/interrupt.h"
#include "util/util.h"

/* The reference's text as sent: at most WORKS_QUERY_MAX bytes, cut
 * between characters. */
static char *query_of(const struct reference *r)
{
	size_t n = strlen(r->text);
	if (n > WORKS_QUERY_MAX) {
		n = WORKS_QUERY_MAX;
		while (n && ((unsigned char)r->text[n] & 0xC0) == 0x80)
			n--;
	}
	return xstrndup(r->text, n);
}

/* Whether reference r cites a DOI registered for another work than the
 * one it names: the search may find the one it meant. */
static bool cites_mismatched_doi(const struct model *m, const struct reference *r)
{
	for (size_t k = 0; k < r->nlinks && m->dois_planned; k++) {
		const struct link *l = &r->links[k];
		if (l->kind == LINK_DOI && link_extra(l)->doi && work_match(r, model_doi_find(m, link_extra(l)->doi)).verdict == WORK_MISMATCH)
			return true;
	}
	return false;
}

size_t works_plan(struct model *m)
{
	for (size_t i = 0; i < m->nrefs; i++) {
		const struct reference *r = &m->refs[i];
		if (r->where != WHERE_REFERENCES || !r->text || !r->details->title || (!r->details->authors && !r->details->published.year))
			continue;
		/* a link of any kind (a URL, a DOI, a local file) is checked as one;
		 * but a DOI of another work is searched for the one meant */
		if ((r->nlinks || r->links_omitted) && !cites_mismatched_doi(m, r))
			continue;
		grow_array(&m->searches, &m->searches_cap, m->nsearches + 1, sizeof *m->searches);
		struct work_search *s = &m->searches[m->nsearches++];
		memset(s, 0, sizeof *s);
		s->ref = i;
		s->query = query_of(r);
	}
	return m->nsearches;
}

void works_skip_all(struct model *m, const char *reason)
{
	for (size_t i = 0; i < m->nsearches; i++)
		if (m->searches[i].verdict == SEARCH_UNCHECKED) {
			m->searches[i].verdict = SEARCH_UNKNOWN;
			m->searches[i].reason = reason;
		}
}

/* What a DOI may be as the API writes it: "10." and no control characters
 * or spaces, at most 512 bytes. */
static bool doi_ok(const char *doi)
{
	if (!doi || strncmp(doi, "10.", 3) || strlen(doi) > 512)
		return false;
	for (const unsigned char *p = (const unsigned char *)doi; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* A search's work is another's only on what the comparison can tell: the
 * same title, and neither author nor year against it, one of them for it
 * (a suggestion to cite a DOI has to be right). */
static bool accepted(const struct work_match *w)
{
	return w->title == 1 && w->author != 0 && w->year != 0 && (w->author == 1 || w->year == 1);
}

int works_read_answer(struct work_search *s, const struct reference *r, const char *json, size_t len)
{
	json_error_t e;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &e);
	json_t *items = json_object_get(json_object_get(root, "message"), "items");
	if (!json_is_object(root) || !json_is_array(items)) {
		json_decref(root);
		return -1;
	}
	struct doi_lookup best = {0};
	struct work_match best_match = {WORK_UNCHECKED, -1, -1, -1, -1};
	bool found = false;
	for (size_t i = 0; i < json_array_size(items) && i < WORKS_ROWS && !found; i++) {
		json_t *item = json_array_get(items, i);
		const char *doi = csl_item_text(item, "DOI");
		struct doi_lookup w = {.verdict = DOI_FOUND};
		if (!doi_ok(doi) || doi_read_item(&w, item) != 0) {
			doi_lookup_finish(&w);
			continue;
		}
		w.doi = xstrdup(doi);
		w.verdict = DOI_FOUND;
		struct work_match m = work_match(r, &w);
		found = accepted(&m);
		if (found || m.title_similarity > best_match.title_similarity) {
			doi_lookup_finish(&best);
			best = w;
			best_match = m;
		} else {
			doi_lookup_finish(&w);
		}
	}
	json_decref(root);
	doi_lookup_finish(&s->work);
	/* a title near the cited one by the same author in the same year: the
	 * work, its title read or cited wrong, more likely than another */
	bool near = best_match.title < 0 && best_match.title_similarity >= WORK_TITLE_DIFFERENT &&
		    best_match.author == 1 && best_match.year == 1;
	s->verdict = found ? SEARCH_FOUND : near ? SEARCH_UNSURE : SEARCH_NOT_FOUND;
	if (!found && best_match.title_similarity < WORK_TITLE_DIFFERENT)
		doi_lookup_finish(&best); /* nothing near: nothing to name */
	s->work = best; /* the work found, or the nearest listed */
	return 0;
}

struct works_run {
	struct model *m;
	struct curl_slist *accept;
};

static struct work_search *search_of(struct live_engine *e, const struct live_transfer *t)
{
	return &((struct works_run *)e->ctx)->m->searches[t->target];
}

static void finish(struct live_transfer *t, struct work_search *s, enum search_verdict v, const char *reason)
{
	s->verdict = v;
	s->reason = reason;
	t->done = true;
}

/* A transfer ended (the engine's callback). */
static void complete(struct live_engine *e, struct live_transfer *t, CURLcode code, double now)
{
	struct work_search *s = search_of(e, t);
	long status = 0;
	char *ctype = NULL;
	curl_off_t retry_after = 0;
	if (t->easy) {
		curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ctype);
		curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
		s->requests++;
	}
	bool answered = status && code == CURLE_OK;
	if (answered) {
		s->http_status = status;
		live_engine_obey_rate_headers(e, t);
	}
	double backoff = (double)e->cfg->backoff_ms / 1000.0 * (double)(1u << t->tries) * (1 + live_engine_jitter(e));
	double wait = retry_after > 0 ? (double)retry_after : backoff;
	if (answered && status == 429) {
		if (wait > (double)e->cfg->max_retry_after_s || !live_engine_retry(e, t, wait, now))
			finish(t, s, SEARCH_UNKNOWN, "rate-limited");
		return;
	}
	if (!answered || status >= 500) {
		if (!live_engine_retry(e, t, wait, now))
			finish(t, s, SEARCH_UNKNOWN,
			       answered ? "server-error" : code == CURLE_OPERATION_TIMEDOUT ? "timeout" : "unreachable");
		return;
	}
	bool json = ctype && strstr(ctype, "json");
	if (status != 200 || !json || t->truncated) {
		finish(t, s, SEARCH_UNKNOWN, "no-answer");
		return;
	}
	const struct reference *r = &((struct works_run *)e->ctx)->m->refs[s->ref];
	if (works_read_answer(s, r, t->body.data ? t->body.data : "", t->body.len) != 0)
		finish(t, s, SEARCH_UNKNOWN, "no-answer");
	else
		t->done = true;
}

/* <api>/works?query.bibliographic=…&rows=5[&mailto=…], each value
 * percent-encoded by curl's URL API. NULL when the API is no URL. */
static char *search_url(const struct works_config *cfg, const char *query)
{
	CURLU *u = curl_url();
	size_t len = strlen(cfg->api);
	while (len && cfg->api[len - 1] == '/')
		len--;
	char *base = xasprintf("%.*s/works", (int)len, cfg->api);
	char *q = xasprintf("query.bibliographic=%s", query);
	char *rows = xasprintf("rows=%d", WORKS_ROWS);
	char *mail = cfg->contact ? xasprintf("mailto=%s", cfg->contact) : NULL;
	char *url = NULL;
	unsigned add = CURLU_APPENDQUERY | CURLU_URLENCODE;
	if (u && !curl_url_set(u, CURLUPART_URL, base, 0) && !curl_url_set(u, CURLUPART_QUERY, q, add) &&
	    !curl_url_set(u, CURLUPART_QUERY, rows, add) && (!mail || !curl_url_set(u, CURLUPART_QUERY, mail, add)))
		curl_url_get(u, CURLUPART_URL, &url, 0);
	char *out = url ? xstrdup(url) : NULL;
	curl_free(url);
	curl_url_cleanup(u);
	free(base);
	free(q);
	free(rows);
	free(mail);
	return out;
}

int find_works(struct model *m, const struct works_config *cfg, char *err, size_t errlen)
{
	struct live_config net = *cfg->net;
	/* Crossref's pools (its documentation, 2025): public 5 requests a
	 * second and 1 at once; polite (a contact given) 10 and 3. What each
	 * answer states overrides these. */
	double rate = cfg->contact ? 10 : 5;
	net.host_jobs = cfg->contact ? 3 : 1;
	net.no_private = false; /* the API is the one the user named */
	struct works_run run = {.m = m};
	run.accept = curl_slist_append(NULL, "Accept: application/json");
	struct live_engine e;
	char *key = live_host_key(cfg->api);
	if (live_engine_init(&e, &net, complete, &run) < 0 || !key) {
		live_engine_finish(&e);
		curl_slist_free_all(run.accept);
		snprintf(err, errlen, key ? "libcurl could not start" : "the works API %s is not a URL", cfg->api);
		free(key);
		return -1;
	}
	size_t host = live_engine_host(&e, key);
	free(key);
	live_engine_pace(&e, host, rate, 1);
	for (size_t i = 0; i < m->nsearches; i++) {
		if (m->searches[i].verdict != SEARCH_UNCHECKED)
			continue;
		char *url = search_url(cfg, m->searches[i].query);
		if (!url) {
			m->searches[i].verdict = SEARCH_UNKNOWN;
			m->searches[i].reason = "bad-query";
			continue;
		}
		size_t ti = live_engine_add(&e, i, url, host);
		e.t[ti]->headers = run.accept;
		free(url);
	}
	live_engine_run(&e);
	for (size_t i = 0; i < e.nt; i++) { /* what the deadline or an interrupt left */
		struct live_transfer *t = e.t[i];
		if (!t->done && t->target < m->nsearches && m->searches[t->target].verdict == SEARCH_UNCHECKED)
			finish(t, &m->searches[t->target], SEARCH_UNKNOWN, interrupted() ? "interrupted" : "deadline");
	}
	live_engine_finish(&e);
	curl_slist_free_all(run.accept);
	return 0;
}
