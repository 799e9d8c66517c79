#include "report/report_json.h"

#include <jansson.h>
#include <time.h>

#include "archive/wayback_api.h"
#include "compare/baseline.h"
#include "report/json_parallel.h"
#include "report/json_stream.h"
#include "report/report_items.h"
#include "extract/classify_url.h"
#include "identity/page_identity.h"
#include "identity/work_match.h"
#include "util/util.h"

#ifndef CITECHECK_VERSION
#define CITECHECK_VERSION "0.0.0"
#endif

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void w_date(struct json_stream *js, struct date d)
{
	char buf[11];
	date_format(d, buf);
	js_string(js, d.year ? buf : NULL);
}

static void w_problem(struct json_stream *js, const struct problem *p)
{
	js_open(js, '{');
	js_kstring(js, "code", problem_code_name(p->code));
	js_kstring(js, "severity", severity_name(problem_severity(p->code)));
	js_kstring(js, "message", p->message);
	if (p->line)
		js_kint(js, "line", p->line);
	if (p->column)
		js_kint(js, "column", p->column);
	if (p->suggestion)
		js_kstring(js, "suggestion", p->suggestion);
	if (p->mark)
		js_kstring(js, "baseline", baseline_mark_name(p->mark));
	js_close(js, '}');
}

static void w_problems(struct json_stream *js, const struct problem_list *l)
{
	js_open(js, '[');
	for (size_t i = 0; i < problems_len(l); i++)
		w_problem(js, &problems_at(l)[i]);
	js_close(js, ']');
}

static void w_unix_iso(struct json_stream *js, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];
	if (!t || !gmtime_r(&tt, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
		js_null(js);
	else
		js_string(js, buf);
}

/* What the cache's history says of the page, when it knows anything. */
static void w_history(struct json_stream *js, const struct live_result *r)
{
	js_open(js, '{');
	js_key(js, "last_alive");
	w_unix_iso(js, r->last_alive);
	js_key(js, "first_failed");
	w_unix_iso(js, r->first_failed);
	js_kint(js, "failures", r->failures);
	js_key(js, "confirmed");
	js_bool(js, r->verdict == LIVE_DEAD && r->confirmed);
	js_close(js, '}');
}

static void w_live(struct json_stream *js, const struct live_result *r, const char *nearest)
{
	js_open(js, '{');
	js_kstring(js, "verdict", live_verdict_name(r->verdict));
	js_kstring(js, "reason", r->reason);
	if (r->verdict != LIVE_SKIPPED && r->verdict != LIVE_UNCHECKED) {
		js_kint_or_null(js, "http_status", r->http_status);
		js_kstring(js, "final_url", r->final_url);
		js_key(js, "redirects");
		js_open(js, '[');
		for (size_t i = 0; i < r->nredirects; i++)
			js_string(js, r->redirects[i]);
		js_close(js, ']');
		js_kint(js, "attempts", r->attempts);
		js_kint(js, "elapsed_ms", r->elapsed_ms);
		js_key(js, "checked_at");
		w_unix_iso(js, r->checked_at);
		js_key(js, "cached");
		js_bool(js, r->cached);
		if (nearest)
			js_kstring(js, "nearest", nearest);
		if (r->last_alive || r->first_failed) {
			js_key(js, "history");
			w_history(js, r);
		}
	}
	js_close(js, '}');
}

static void w_iso_or_null(struct json_stream *js, const char *ts)
{
	char iso[21];
	js_string(js, ts && wayback_timestamp_iso(ts, iso) ? iso : NULL);
}

/* A link with no lookup: the stage did not run, or it had nothing to ask
 * (DOI, other archives, invalid or excluded URLs). */
static void w_not_looked_up(struct json_stream *js, const struct model *m, const char *verdict)
{
	js_open(js, '{');
	js_kstring(js, "verdict", m->archive_planned ? verdict : "unchecked");
	js_kstring(js, "reason", m->archive_planned ? "not-looked-up" : NULL);
	js_close(js, '}');
}

static void w_archive(struct json_stream *js, const struct model *m, const struct link *l)
{
	if (l->lookup == NO_INDEX32) {
		w_not_looked_up(js, m, "skipped");
		return;
	}
	const struct lookup *k = &m->lookups[l->lookup];
	const struct archive_result *a = &k->archive;
	js_open(js, '{');
	js_kstring(js, "verdict", archive_verdict_name(a->verdict));
	js_kstring(js, "reason", a->reason);
	js_kstring(js, "original", k->original);
	js_key(js, "target_time");
	w_iso_or_null(js, k->want);
	js_kstring(js, "target_from", k->want_from);
	if (a->verdict == ARCHIVE_ARCHIVED) {
		js_kstring(js, "snapshot_url", a->snapshot_url);
		js_key(js, "snapshot_time");
		w_iso_or_null(js, a->timestamp);
		double days = wayback_days_between(k->want, a->timestamp);
		js_key(js, "distance_days");
		js_real(js, (double)(long)(days < 0 ? -days * 10 + 0.5 : days * 10 + 0.5) / 10);
		js_kstring(js, "side", days < 0 ? "before" : days > 0 ? "after" : "same");
		js_kstring(js, "via", a->via_cdx ? "cdx" : "replay");
	}
	js_kint(js, "requests", a->requests);
	js_key(js, "cached");
	js_bool(js, a->cached);
	if (a->save_status) {
		js_key(js, "save");
		js_open(js, '{');
		js_kstring(js, "status", a->save_status);
		js_kstring(js, "job_id", a->save_job);
		js_key(js, "timestamp");
		w_iso_or_null(js, a->save_timestamp[0] ? a->save_timestamp : NULL);
		js_kstring(js, "message", a->save_message);
		js_close(js, '}');
	}
	js_close(js, '}');
}

/* "key": true, false, or null for -1 (not known). */
static void w_opt_bool(struct json_stream *js, const char *key, signed char v)
{
	js_key(js, key);
	if (v < 0)
		js_null(js);
	else
		js_bool(js, v);
}

static void w_drift(struct json_stream *js, const struct model *m, const struct link *l)
{
	if (l->lookup == NO_INDEX32) {
		w_not_looked_up(js, m, "unknown");
		return;
	}
	const struct lookup *k = &m->lookups[l->lookup];
	const struct drift_result *d = &k->drift;
	js_open(js, '{');
	js_kstring(js, "verdict", drift_verdict_name(d->verdict));
	js_kstring(js, "reason", d->reason);
	if (d->verdict == DRIFT_CHANGED || d->verdict == DRIFT_UNCHANGED) {
		js_key(js, "similarity");
		js_real(js, (double)(long)(d->similarity * 1000 + 0.5) / 1000);
		js_kstring(js, "measure", d->measure);
		js_kstring(js, "compared_with", k->archive.snapshot_url);
	}
	js_key(js, "title_found");
	js_open(js, '{');
	w_opt_bool(js, "live", d->title_live);
	w_opt_bool(js, "snapshot", d->title_snapshot);
	js_close(js, '}');
	if (d->lost)
		js_kstring(js, "lost_text", d->lost);
	js_close(js, '}');
}

/* The work registered under a DOI, or null when none was found. */
static void w_registered(struct json_stream *js, const struct doi_lookup *d)
{
	if (!d || d->verdict != DOI_FOUND) {
		js_null(js);
		return;
	}
	int year = d->years[0] ? d->years[0] : d->years[1] ? d->years[1] : d->years[2];
	js_open(js, '{');
	js_kstring(js, "title", d->title);
	js_kstring(js, "authors", d->authors);
	js_kint_or_null(js, "year", year);
	js_kstring(js, "type", d->type);
	js_kstring(js, "container", d->container);
	js_close(js, '}');
}

/* --find-works: what the works API's search found for a reference. */
static void w_work_search(struct json_stream *js, const struct work_search *s)
{
	js_open(js, '{');
	js_kstring(js, "verdict", search_verdict_name(s->verdict));
	js_kstring(js, "reason", s->reason);
	js_kint_or_null(js, "http_status", s->http_status);
	js_kint(js, "requests", s->requests);
	js_key(js, "cached");
	js_bool(js, s->cached);
	js_kstring(js, "doi", s->work.doi);
	js_key(js, "registered");
	w_registered(js, &s->work);
	js_close(js, '}');
}

/* A DOI link: the resolver's answer, the registered work, and how the
 * citation compares with it. */
static void w_identity(struct json_stream *js, const struct model *m, const struct reference *r,
		       const struct link *l)
{
	const struct doi_lookup *d = m->dois_planned ? model_doi_find(m, link_extra(l)->doi) : NULL;
	struct work_match w = work_match(r, d);
	js_open(js, '{');
	js_kstring(js, "verdict", work_verdict_name(w.verdict));
	js_key(js, "doi");
	js_open(js, '{');
	js_kstring(js, "verdict", doi_verdict_name(d ? d->verdict : DOI_UNCHECKED));
	js_kstring(js, "reason", d ? d->reason : NULL);
	js_kint_or_null(js, "http_status", d ? d->http_status : 0);
	js_kint(js, "requests", d ? d->requests : 0);
	js_key(js, "cached");
	js_bool(js, d && d->cached);
	js_kstring(js, "metadata_from", d ? d->agency_url : NULL);
	js_close(js, '}');
	js_key(js, "registered");
	w_registered(js, d);
	js_key(js, "title_similarity");
	if (w.title_similarity >= 0)
		js_real(js, (double)(long)(w.title_similarity * 1000 + 0.5) / 1000);
	else
		js_null(js);
	w_opt_bool(js, "title", w.title);
	w_opt_bool(js, "author", w.author);
	w_opt_bool(js, "year", w.year);
	const struct doi_lookup *typo = w.verdict == WORK_NOT_FOUND ? work_nearby_match(m, r, d) : NULL;
	js_kstring(js, "typo_of", typo ? typo->doi : NULL);
	js_close(js, '}');
}

/* A web link whose citation names a title: the title the page gives and
 * how the two compare. */
static void w_page_identity(struct json_stream *js, const struct model *m, const struct reference *r, size_t k)
{
	struct page_identity p = page_identity(m, r, k);
	js_open(js, '{');
	js_kstring(js, "verdict", work_verdict_name(p.verdict));
	js_kstring(js, "compared_with", p.compared_with);
	js_key(js, "page_title");
	if (p.page_title) {
		char *t = xstrndup(p.page_title, p.page_title_len);
		js_string(js, t);
		free(t);
	} else {
		js_null(js);
	}
	js_key(js, "title_similarity");
	if (p.page_title)
		js_real(js, (double)(long)(p.title_similarity * 1000 + 0.5) / 1000);
	else
		js_null(js);
	js_close(js, '}');
}

static void w_link(struct json_stream *js, const struct model *m, const struct reference *r, const struct link *l)
{
	js_open(js, '{');
	js_kstring(js, "url", l->url);
	js_kstring(js, "normalized", link_normalized(l));
	js_kint(js, "line", l->line);
	js_kint(js, "column", l->column);
	js_kstring(js, "syntax", link_syntax_name(l->syntax));
	js_kstring(js, "kind", link_kind_name(l->kind));
	if (l->kind == LINK_ARCHIVE_SNAPSHOT || l->kind == LINK_ARCHIVE_REQUEST ||
	    (l->kind == LINK_ARCHIVE_OTHER && link_extra(l)->original))
		js_kstring(js, "original", link_extra(l)->original);
	if (l->kind == LINK_ARCHIVE_SNAPSHOT) {
		char iso[21];
		bool pinned = l->pinned && wayback_timestamp_iso(link_extra(l)->timestamp, iso);
		js_kstring(js, "timestamp", link_extra(l)->timestamp);
		js_kstring(js, "archived_at", pinned ? iso : NULL);
		js_key(js, "pinned");
		js_bool(js, l->pinned);
	}
	if (l->kind == LINK_DOI)
		js_kstring(js, "doi", link_extra(l)->doi);
	js_kint(js, "target", (int64_t)l->target);
	js_key(js, "live");
	w_live(js, target_live(&m->targets[l->target]), m->targets[l->target].nearest);
	if (l->mark)
		js_kstring(js, "baseline", baseline_mark_name(l->mark));
	if (l->ignored) {
		js_key(js, "ignored");
		js_bool(js, true);
	}
	if (link_extra(l)->original_target != NO_INDEX32) {
		js_key(js, "original_live");
		w_live(js, target_live(&m->targets[link_extra(l)->original_target]), NULL);
	}
	js_key(js, "archive");
	w_archive(js, m, l);
	js_key(js, "drift");
	w_drift(js, m, l);
	if (l->kind == LINK_DOI && link_extra(l)->doi) {
		js_key(js, "identity");
		w_identity(js, m, r, l);
	} else if (page_identity_applies(r, (size_t)(l - r->links))) {
		js_key(js, "title_check");
		w_page_identity(js, m, r, (size_t)(l - r->links));
	}
	js_key(js, "problems");
	w_problems(js, &l->problems);
	js_close(js, '}');
}

static void w_reference(struct json_stream *js, const struct model *m, const struct reference *r, size_t index)
{
	js_open(js, '{');
	js_kint(js, "index", (int64_t)index);
	js_kstring(js, "footnote", r->details->footnote);
	js_kint(js, "entry", r->entry);
	js_kstring(js, "where", ref_where_name(r->where));
	js_kstring(js, "note", r->details->footnote ? (r->endnote ? "endnote" : "footnote") : NULL);
	js_kstring(js, "part", r->part);
	js_kstring(js, "key", r->details->key);
	js_kint(js, "line", r->line);
	js_kint_or_null(js, "column", r->column);
	js_kstring(js, "text", r->text);
	js_kstring(js, "authors", r->details->authors);
	js_kstring(js, "title", r->details->title);
	js_key(js, "published");
	w_date(js, r->details->published);
	js_key(js, "accessed");
	w_date(js, r->details->accessed);
	js_key(js, "links");
	js_open(js, '[');
	for (size_t k = 0; k < r->nlinks; k++)
		w_link(js, m, r, &r->links[k]);
	js_close(js, ']');
	if (r->links_omitted)
		js_kint(js, "links_omitted", (int64_t)r->links_omitted);
	const struct work_search *s = model_search_of(m, (size_t)(r - m->refs));
	if (s) {
		js_key(js, "work_search");
		w_work_search(js, s);
	}
	js_key(js, "problems");
	w_problems(js, &r->problems);
	js_close(js, '}');
}

static json_t *summary_json(const struct summary *s)
{
	json_t *kinds = json_object();
	for (int k = 0; k < LINK_KIND_COUNT; k++)
		json_object_set_new(kinds, link_kind_name((enum link_kind)k), json_integer((json_int_t)s->kinds[k]));
	json_t *codes = json_object(), *omitted = json_object();
	for (int c = 0; c < PROB__COUNT; c++) {
		if (s->by_code[c])
			json_object_set_new(codes, problem_code_name((enum problem_code)c),
					    json_integer((json_int_t)s->by_code[c]));
		if (s->omitted[c])
			json_object_set_new(omitted, problem_code_name((enum problem_code)c),
					    json_integer((json_int_t)s->omitted[c]));
	}
	json_t *live = json_object();
	for (int v = LIVE_UNCHECKED; v < LIVE__COUNT; v++)
		if (v != LIVE_UNCHECKED || s->live[v])
			json_object_set_new(live, live_verdict_name((enum live_verdict)v), json_integer((json_int_t)s->live[v]));
	json_object_set_new(live, "confirmed", json_integer((json_int_t)s->confirmed));
	json_object_set_new(live, "snapshot_cited", json_integer((json_int_t)s->snapshot_cited));
	json_object_set_new(live, "requests", json_integer((json_int_t)s->requests));
	json_object_set_new(live, "offline", json_boolean(s->offline));
	json_t *archive = json_object();
	for (int v = ARCHIVE_UNCHECKED; v <= ARCHIVE_SKIPPED; v++)
		if (v != ARCHIVE_UNCHECKED || s->archive[v])
			json_object_set_new(archive, archive_verdict_name((enum archive_verdict)v),
					    json_integer((json_int_t)s->archive[v]));
	json_object_set_new(archive, "lookups", json_integer((json_int_t)s->lookups));
	json_object_set_new(archive, "requests", json_integer((json_int_t)s->archive_requests));
	json_t *drift = json_object();
	for (int v = DRIFT_UNCHECKED; v <= DRIFT_UNKNOWN; v++)
		if (v != DRIFT_UNCHECKED || s->drift[v])
			json_object_set_new(drift, drift_verdict_name((enum drift_verdict)v),
					    json_integer((json_int_t)s->drift[v]));
	json_t *identity = json_object(); /* DOI links by identity verdict */
	for (int v = WORK_UNCHECKED; v <= WORK_UNKNOWN; v++)
		json_object_set_new(identity, work_verdict_name((enum work_verdict)v), json_integer((json_int_t)s->identity[v]));
	json_t *titles = json_object(); /* titled sources' web links by title_check verdict */
	for (int v = WORK_UNCHECKED; v <= WORK_UNSURE; v++)
		json_object_set_new(titles, work_verdict_name((enum work_verdict)v), json_integer((json_int_t)s->title_checks[v]));
	json_t *searches = json_object(); /* --find-works: references by work_search verdict */
	for (int v = SEARCH_UNCHECKED; v <= SEARCH_UNKNOWN; v++)
		json_object_set_new(searches, search_verdict_name((enum search_verdict)v), json_integer((json_int_t)s->searches[v]));
	return json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:{s:I, s:I}, s:{s:I, s:I, s:I, s:o, s:o}}",
			 "references", (json_int_t)s->references, "references_with_links",
			 (json_int_t)s->references_with_links, "links", (json_int_t)s->links,
			 "distinct_urls", (json_int_t)s->distinct_urls, "kinds", kinds, "live", live, "archive",
			 archive, "drift", drift, "identity", identity, "title_check", titles, "work_search", searches,
			 "footnotes",
			 "cited", (json_int_t)s->footnotes_cited, "defined", (json_int_t)s->footnotes_defined,
			 "problems", "error", (json_int_t)s->severity[SEV_ERROR], "warning",
			 (json_int_t)s->severity[SEV_WARNING], "info", (json_int_t)s->severity[SEV_INFO],
			 "by_code", codes, "omitted", omitted);
}

static json_t *document_summary_json(const struct model *m, size_t doc)
{
	struct summary s;
	summary_compute_document(m, doc, &s);
	return summary_json(&s);
}

/* The report's own layout: its top-level members and the items of its
 * long arrays each on a line, "key": value with a space, items compact. */
static void member(struct json_stream *js, const char *key, json_t *value, const char *prefix)
{
	js_frame(js, prefix);
	js_frame(js, "\"");
	js_frame(js, key);
	js_frame(js, "\": ");
	js_json_new(js, value);
}

/* ,"key": [ then each item on a line of its own, written as it is walked,
 * so that memory holds no item's tree. */
static void array_open(struct json_stream *js, const char *key)
{
	js_frame(js, ",\n\"");
	js_frame(js, key);
	js_frame(js, "\": [");
}

static void array_item(struct json_stream *js, size_t i)
{
	js_frame(js, i ? ",\n" : "\n");
}

static void array_close(struct json_stream *js, size_t n)
{
	js_frame(js, n ? "\n]" : "]");
}

/* A fix is placed as its reference is: its footnote, and where a person
 * finds it when lines of the file are not what they see ("footnote 8,
 * paragraph 2" in a DOCX). */
static json_t *fix_json(const struct model *m, const struct document *d, const struct fix *f)
{
	const struct reference *ref = &m->refs[f->ref];
	char *where = report_where(d, ref, f->line);
	json_t *o = json_pack("{s:I, s:I, s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:b, s:o}", "line", (json_int_t)f->line,
			      "column", (json_int_t)f->column, "part", str_or_null(ref->part), "footnote",
			      str_or_null(ref->details->footnote), "where", str_or_null(where), "kind", fix_kind_name(f->kind),
			      "before", f->before, "after", f->after, "date", str_or_null(f->day[0] ? f->day : NULL),
			      "applied", f->applied, "reason", str_or_null(f->reason));
	free(where);
	return o;
}

/* --fix: where the copy went and each fix, applied or why not. */
static json_t *document_fix_json(const struct model *m, const struct document *d)
{
	if (!m->fixing)
		return json_null();
	json_t *fixes = json_array();
	for (size_t i = 0; i < d->nfixes; i++)
		json_array_append_new(fixes, fix_json(m, d, &d->fixes[i]));
	return json_pack("{s:o, s:o, s:o}", "copy", str_or_null(d->fixed_path), "error", str_or_null(d->fix_error),
			 "fixes", fixes);
}

/* One document: its description, then its references one a line, its
 * findings and its summary. */
static void document_write(struct json_stream *js, const struct model *m, size_t di)
{
	const struct document *d = &m->docs[di];
	json_t *head = json_pack("{s:s, s:o, s:s, s:I, s:I, s:o}", "path", d->info.path, "format",
				 str_or_null(d->info.format), "location", d->info.unit, "bytes",
				 (json_int_t)d->info.bytes, "lines", (json_int_t)d->info.lines, "error",
				 str_or_null(d->error));
	const char *key;
	json_t *value;
	bool first = true;
	json_object_foreach(head, key, value)
	{
		member(js, key, json_incref(value), first ? "{" : ", ");
		first = false;
	}
	json_decref(head);
	array_open(js, "references");
	for (size_t r = 0; r < d->nrefs; r++) {
		array_item(js, r);
		w_reference(js, m, &m->refs[d->first_ref + r], r);
	}
	array_close(js, d->nrefs);
	array_open(js, "problems");
	for (size_t i = 0; i < problems_len(&d->problems); i++) {
		array_item(js, i);
		w_problem(js, &problems_at(&d->problems)[i]);
	}
	array_close(js, problems_len(&d->problems));
	member(js, "fix", document_fix_json(m, d), ",\n");
	member(js, "summary", document_summary_json(m, di), ",\n");
	js_frame(js, "}");
}

/* The documents that have something to fix, worst first. */
static json_t *ranking_json(const struct model *m, const struct summaries *sums)
{
	json_t *a = json_array();
	for (size_t i = 0; i < m->ndocs; i++) {
		size_t d = sums->rank[i];
		const struct doc_counts *s = &sums->doc[d];
		if (!s->dead && !s->changed && !s->errors && !m->docs[d].error)
			continue;
		json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:I, s:b}", "path", m->docs[d].info.path, "dead",
						   (json_int_t)s->dead, "changed", (json_int_t)s->changed, "errors",
						   (json_int_t)s->errors, "unreadable", m->docs[d].error != NULL));
	}
	return a;
}

/* The counts against --baseline: new and unchanged, fixed, and the new
 * links by verdict and new findings by severity. */
static json_t *baseline_counts_json(const struct model *m, const struct summary *s)
{
	/* only a failing link is new (baseline.h) */
	static const enum live_verdict failing[] = {LIVE_DEAD, LIVE_BLOCKED, LIVE_ERROR};
	json_t *new_live = json_object();
	size_t links_new = 0;
	for (size_t i = 0; i < sizeof failing / sizeof failing[0]; i++) {
		json_object_set_new(new_live, live_verdict_name(failing[i]), json_integer((json_int_t)s->new_live[failing[i]]));
		links_new += s->new_live[failing[i]];
	}
	json_object_set_new(new_live, "confirmed", json_integer((json_int_t)s->new_confirmed));
	return json_pack("{s:s, s:I, s:{s:I, s:I, s:I, s:o}, s:{s:I, s:I, s:I, s:{s:I, s:I, s:I}}}", "report",
			 m->baseline->path, "documents_matched", (json_int_t)m->baseline->matched_documents, "links",
			 "new", (json_int_t)links_new, "unchanged", (json_int_t)s->links_unchanged, "fixed",
			 (json_int_t)s->links_fixed, "new_by_verdict", new_live, "findings", "new",
			 (json_int_t)s->findings_new, "unchanged", (json_int_t)s->findings_unchanged, "fixed",
			 (json_int_t)s->findings_fixed, "new_by_severity", "error",
			 (json_int_t)s->new_severity[SEV_ERROR], "warning", (json_int_t)s->new_severity[SEV_WARNING],
			 "info", (json_int_t)s->new_severity[SEV_INFO]);
}

/* --fix: fixes found, applied, and copies written; null without it. */
static json_t *fix_counts_json(const struct model *m)
{
	if (!m->fixing)
		return json_null();
	size_t planned = 0, applied = 0, copies = 0;
	json_t *kinds = json_object();
	size_t by_kind[FIX__COUNT] = {0};
	for (size_t d = 0; d < m->ndocs; d++) {
		planned += m->docs[d].nfixes;
		copies += m->docs[d].fixed_path != NULL;
		for (size_t i = 0; i < m->docs[d].nfixes; i++) {
			applied += m->docs[d].fixes[i].applied;
			by_kind[m->docs[d].fixes[i].kind] += m->docs[d].fixes[i].applied;
		}
	}
	for (int k = 0; k < FIX__COUNT; k++)
		json_object_set_new(kinds, fix_kind_name((enum fix_kind)k), json_integer((json_int_t)by_kind[k]));
	return json_pack("{s:I, s:I, s:I, s:o}", "found", (json_int_t)planned, "applied", (json_int_t)applied,
			 "copies", (json_int_t)copies, "applied_by_kind", kinds);
}

static json_t *run_summary_json(const struct model *m, const struct summaries *sums)
{
	json_t *o = json_pack("{s:I, s:I}", "documents", (json_int_t)sums->run.documents, "unreadable",
			      (json_int_t)sums->run.unreadable);
	json_t *common = summary_json(&sums->run);
	json_object_update(o, common);
	json_decref(common);
	json_object_set_new(o, "ranking", ranking_json(m, sums));
	json_t *ignored = json_object();
	for (int c = 0; c < PROB__COUNT; c++)
		if (m->ignored[c])
			json_object_set_new(ignored, problem_code_name((enum problem_code)c), json_integer((json_int_t)m->ignored[c]));
	json_object_set_new(json_object_get(o, "problems"), "ignored", ignored);
	json_object_set_new(json_object_get(o, "identity"), "requests", json_integer((json_int_t)sums->run.doi_requests));
	json_object_set_new(json_object_get(o, "identity"), "search_requests",
			    json_integer((json_int_t)sums->run.search_requests));
	json_object_set_new(o, "links_ignored", json_integer((json_int_t)m->ignored_links));
	if (m->baseline)
		json_object_set_new(o, "baseline", baseline_counts_json(m, &sums->run));
	json_object_set_new(o, "fixes", fix_counts_json(m));
	return o;
}

/* What the old report had that this run has not: fixed. */
static json_t *fixed_json(const struct baseline_diff *d)
{
	json_t *links = json_array(), *findings = json_array();
	for (size_t i = 0; i < d->nfixed_links; i++)
		json_array_append_new(links, json_pack("{s:s, s:s, s:s}", "path", d->fixed_links[i].path, "url",
						       d->fixed_links[i].what, "was", d->fixed_links[i].detail));
	for (size_t i = 0; i < d->nfixed_findings; i++)
		json_array_append_new(findings, json_pack("{s:s, s:s, s:s}", "path", d->fixed_findings[i].path, "code",
							  d->fixed_findings[i].what, "about", d->fixed_findings[i].detail));
	return json_pack("{s:s, s:o, s:o}", "report", d->path, "fixed_links", links, "fixed_findings", findings);
}

/* The documents' array's item d: what renders it reads the model only. */
static void document_item(struct json_stream *js, size_t d, const void *arg)
{
	array_item(js, d);
	document_write(js, arg, d);
}

int report_json_write(const struct model *m, const struct summaries *sums, unsigned jobs, FILE *out)
{
	struct json_stream js;
	json_stream_init(&js, out);
	json_t *tool = json_pack("{s:s, s:s}", "name", "citecheck", "version", CITECHECK_VERSION);
	json_object_set_new(tool, "schema", json_integer(REPORT_SCHEMA_VERSION));
	member(&js, "citecheck", tool, "{\n");
	member(&js, "complete", json_boolean(!m->incomplete), ",\n");
	member(&js, "incomplete_reason", str_or_null(m->incomplete), ",\n");
	array_open(&js, "documents");
	js_items_parallel(&js, m->ndocs, jobs, document_item, m);
	array_close(&js, m->ndocs);
	array_open(&js, "problems");
	for (size_t i = 0; i < problems_len(&m->problems); i++) {
		array_item(&js, i);
		w_problem(&js, &problems_at(&m->problems)[i]);
	}
	array_close(&js, problems_len(&m->problems));
	if (m->baseline)
		member(&js, "baseline", fixed_json(m->baseline), ",\n");
	member(&js, "summary", run_summary_json(m, sums), ",\n");
	js_frame(&js, "\n}\n");
	int rc = json_stream_finish(&js);
	return rc == 0 && fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
