#include "report/report_json.h"

#include <jansson.h>
#include <time.h>

#include "archive/wayback_api.h"
#include "compare/baseline.h"
#include "report/report_items.h"
#include "extract/classify_url.h"
#include "util/util.h"

#ifndef CITECHECK_VERSION
#define CITECHECK_VERSION "0.0.0"
#endif

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *date_or_null(struct date d)
{
	char buf[11];
	date_format(d, buf);
	return d.year ? json_string(buf) : json_null();
}

static json_t *problem_json(const struct problem *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "code", json_string(problem_code_name(p->code)));
	json_object_set_new(o, "severity", json_string(severity_name(problem_severity(p->code))));
	json_object_set_new(o, "message", json_string(p->message));
	if (p->line)
		json_object_set_new(o, "line", json_integer(p->line));
	if (p->column)
		json_object_set_new(o, "column", json_integer(p->column));
	if (p->suggestion)
		json_object_set_new(o, "suggestion", json_string(p->suggestion));
	if (p->mark)
		json_object_set_new(o, "baseline", json_string(baseline_mark_name(p->mark)));
	return o;
}

static json_t *problems_json(const struct problem_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, problem_json(&l->v[i]));
	return a;
}

static json_t *unix_iso(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];
	if (!t || !gmtime_r(&tt, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return json_null();
	return json_string(buf);
}

/* What the cache's history says of the page, when it knows anything. */
static json_t *history_json(const struct live_result *r)
{
	return json_pack("{s:o, s:o, s:I, s:b}", "last_alive", unix_iso(r->last_alive), "first_failed",
			 unix_iso(r->first_failed), "failures", (json_int_t)r->failures, "confirmed",
			 r->verdict == LIVE_DEAD && r->confirmed);
}

static json_t *live_json(const struct live_result *r, const char *nearest)
{
	json_t *o = json_object();
	json_object_set_new(o, "verdict", json_string(live_verdict_name(r->verdict)));
	json_object_set_new(o, "reason", str_or_null(r->reason));
	if (r->verdict == LIVE_SKIPPED || r->verdict == LIVE_UNCHECKED)
		return o;
	json_object_set_new(o, "http_status", r->http_status ? json_integer(r->http_status) : json_null());
	json_object_set_new(o, "final_url", str_or_null(r->final_url));
	json_t *chain = json_array();
	for (size_t i = 0; i < r->nredirects; i++)
		json_array_append_new(chain, json_string(r->redirects[i]));
	json_object_set_new(o, "redirects", chain);
	json_object_set_new(o, "attempts", json_integer(r->attempts));
	json_object_set_new(o, "elapsed_ms", json_integer(r->elapsed_ms));
	json_object_set_new(o, "checked_at", unix_iso(r->checked_at));
	json_object_set_new(o, "cached", json_boolean(r->cached));
	if (nearest)
		json_object_set_new(o, "nearest", json_string(nearest));
	if (r->last_alive || r->first_failed)
		json_object_set_new(o, "history", history_json(r));
	return o;
}

static json_t *iso_or_null(const char *ts)
{
	char iso[21];
	return ts && wayback_timestamp_iso(ts, iso) ? json_string(iso) : json_null();
}

/* A link with no lookup: the stage did not run, or it had nothing to ask
 * (DOI, other archives, invalid or excluded URLs). */
static json_t *not_looked_up(const struct model *m, const char *verdict)
{
	return json_pack("{s:s, s:o}", "verdict", m->archive_planned ? verdict : "unchecked", "reason",
			 m->archive_planned ? json_string("not-looked-up") : json_null());
}

static json_t *archive_json(const struct model *m, const struct link *l)
{
	if (l->lookup == NO_INDEX)
		return not_looked_up(m, "skipped");
	json_t *o = json_object();
	const struct lookup *k = &m->lookups[l->lookup];
	const struct archive_result *a = &k->archive;
	json_object_set_new(o, "verdict", json_string(archive_verdict_name(a->verdict)));
	json_object_set_new(o, "reason", str_or_null(a->reason));
	json_object_set_new(o, "original", json_string(k->original));
	json_object_set_new(o, "target_time", iso_or_null(k->want));
	json_object_set_new(o, "target_from", json_string(k->want_from));
	if (a->verdict == ARCHIVE_ARCHIVED) {
		json_object_set_new(o, "snapshot_url", str_or_null(a->snapshot_url));
		json_object_set_new(o, "snapshot_time", iso_or_null(a->timestamp));
		double days = wayback_days_between(k->want, a->timestamp);
		json_object_set_new(o, "distance_days", json_real((double)(long)(days < 0 ? -days * 10 + 0.5 : days * 10 + 0.5) / 10));
		json_object_set_new(o, "side", json_string(days < 0 ? "before" : days > 0 ? "after" : "same"));
		json_object_set_new(o, "via", json_string(a->via_cdx ? "cdx" : "replay"));
	}
	json_object_set_new(o, "requests", json_integer(a->requests));
	json_object_set_new(o, "cached", json_boolean(a->cached));
	if (a->save_status) {
		json_t *sv = json_object();
		json_object_set_new(sv, "status", json_string(a->save_status));
		json_object_set_new(sv, "job_id", str_or_null(a->save_job));
		json_object_set_new(sv, "timestamp", iso_or_null(a->save_timestamp[0] ? a->save_timestamp : NULL));
		json_object_set_new(sv, "message", str_or_null(a->save_message));
		json_object_set_new(o, "save", sv);
	}
	return o;
}

static json_t *title_json(signed char v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

static json_t *drift_json(const struct model *m, const struct link *l)
{
	if (l->lookup == NO_INDEX)
		return not_looked_up(m, "unknown");
	json_t *o = json_object();
	const struct lookup *k = &m->lookups[l->lookup];
	const struct drift_result *d = &k->drift;
	json_object_set_new(o, "verdict", json_string(drift_verdict_name(d->verdict)));
	json_object_set_new(o, "reason", str_or_null(d->reason));
	if (d->verdict == DRIFT_CHANGED || d->verdict == DRIFT_UNCHANGED) {
		json_object_set_new(o, "similarity", json_real((double)(long)(d->similarity * 1000 + 0.5) / 1000));
		json_object_set_new(o, "measure", str_or_null(d->measure));
		json_object_set_new(o, "compared_with", str_or_null(k->archive.snapshot_url));
	}
	json_object_set_new(o, "title_found",
			    json_pack("{s:o, s:o}", "live", title_json(d->title_live), "snapshot",
				      title_json(d->title_snapshot)));
	if (d->lost)
		json_object_set_new(o, "lost_text", json_string(d->lost));
	return o;
}

static json_t *link_json(const struct model *m, const struct link *l)
{
	json_t *o = json_object();
	json_object_set_new(o, "url", json_string(l->url));
	json_object_set_new(o, "normalized", str_or_null(link_normalized(l)));
	json_object_set_new(o, "line", json_integer(l->line));
	json_object_set_new(o, "column", json_integer(l->column));
	json_object_set_new(o, "syntax", json_string(link_syntax_name(l->syntax)));
	json_object_set_new(o, "kind", json_string(link_kind_name(l->kind)));
	if (l->kind == LINK_ARCHIVE_SNAPSHOT || l->kind == LINK_ARCHIVE_REQUEST ||
	    (l->kind == LINK_ARCHIVE_OTHER && l->original))
		json_object_set_new(o, "original", str_or_null(l->original));
	if (l->kind == LINK_ARCHIVE_SNAPSHOT) {
		char iso[21];
		bool pinned = l->pinned && wayback_timestamp_iso(l->timestamp, iso);
		json_object_set_new(o, "timestamp", str_or_null(l->timestamp));
		json_object_set_new(o, "archived_at", pinned ? json_string(iso) : json_null());
		json_object_set_new(o, "pinned", json_boolean(l->pinned));
	}
	if (l->kind == LINK_DOI)
		json_object_set_new(o, "doi", str_or_null(l->doi));
	json_object_set_new(o, "target", json_integer((json_int_t)l->target));
	json_object_set_new(o, "live", live_json(&m->targets[l->target].live, m->targets[l->target].nearest));
	if (l->mark)
		json_object_set_new(o, "baseline", json_string(baseline_mark_name(l->mark)));
	if (l->ignored)
		json_object_set_new(o, "ignored", json_true());
	if (l->original_target != NO_INDEX)
		json_object_set_new(o, "original_live", live_json(&m->targets[l->original_target].live, NULL));
	json_object_set_new(o, "archive", archive_json(m, l));
	json_object_set_new(o, "drift", drift_json(m, l));
	json_object_set_new(o, "problems", problems_json(&l->problems));
	return o;
}

static json_t *reference_json(const struct model *m, const struct reference *r, size_t index)
{
	json_t *o = json_object();
	json_object_set_new(o, "index", json_integer((json_int_t)index));
	json_object_set_new(o, "footnote", str_or_null(r->footnote));
	json_object_set_new(o, "entry", json_integer(r->entry));
	json_object_set_new(o, "where", json_string(ref_where_name(r->where)));
	json_object_set_new(o, "note", r->footnote ? json_string(r->endnote ? "endnote" : "footnote") : json_null());
	json_object_set_new(o, "part", str_or_null(r->part));
	json_object_set_new(o, "key", str_or_null(r->key));
	json_object_set_new(o, "line", json_integer(r->line));
	json_object_set_new(o, "column", r->column ? json_integer(r->column) : json_null());
	json_object_set_new(o, "text", str_or_null(r->text));
	json_object_set_new(o, "authors", str_or_null(r->authors));
	json_object_set_new(o, "title", str_or_null(r->title));
	json_object_set_new(o, "published", date_or_null(r->published));
	json_object_set_new(o, "accessed", date_or_null(r->accessed));
	json_t *links = json_array();
	for (size_t k = 0; k < r->nlinks; k++)
		json_array_append_new(links, link_json(m, &r->links[k]));
	json_object_set_new(o, "links", links);
	if (r->links_omitted)
		json_object_set_new(o, "links_omitted", json_integer((json_int_t)r->links_omitted));
	json_object_set_new(o, "problems", problems_json(&r->problems));
	return o;
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
	return json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:{s:I, s:I}, s:{s:I, s:I, s:I, s:o, s:o}}",
			 "references", (json_int_t)s->references, "references_with_links",
			 (json_int_t)s->references_with_links, "links", (json_int_t)s->links,
			 "distinct_urls", (json_int_t)s->distinct_urls, "kinds", kinds, "live", live, "archive",
			 archive, "drift", drift, "footnotes",
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

/* Encodes value with jansson into b (reused across calls) and writes it in
 * one piece: jansson's own FILE output makes a stdio call per token. */
static int emit(FILE *out, const json_t *value, size_t flags, struct buf *b)
{
	for (;;) {
		size_t need = json_dumpb(value, b->data, b->cap, flags);
		if (need == 0)
			return -1;
		if (need <= b->cap)
			return fwrite(b->data, 1, need, out) == need ? 0 : -1;
		buf_clear(b);
		grow_array(&b->data, &b->cap, need, 1);
	}
}

/* Writes prefix "key": value and consumes value; the key is encoded by
 * jansson too. */
static int member(FILE *out, const char *key, json_t *value, const char *prefix, struct buf *b)
{
	json_t *k = json_string(key);
	int rc = fputs(prefix, out) < 0 || emit(out, k, JSON_ENCODE_ANY, b) ||
		 fputs(": ", out) < 0 || emit(out, value, JSON_ENCODE_ANY | JSON_COMPACT, b);
	json_decref(k);
	json_decref(value);
	return rc ? -1 : 0;
}

/* ,"key": [ then each item on a line of its own, encoded one at a time, so
 * that memory holds one item's JSON, never the array's. */
static int array_open(FILE *out, const char *key, struct buf *b)
{
	json_t *k = json_string(key);
	int rc = fputs(",\n", out) < 0 || emit(out, k, JSON_ENCODE_ANY, b) || fputs(": [", out) < 0;
	json_decref(k);
	return rc ? -1 : 0;
}

static int array_item(FILE *out, json_t *o, size_t i, struct buf *b)
{
	int rc = fputs(i ? ",\n" : "\n", out) < 0 || emit(out, o, JSON_COMPACT, b);
	json_decref(o);
	return rc ? -1 : 0;
}

static int array_close(FILE *out, size_t n)
{
	return fputs(n ? "\n]" : "]", out) < 0 ? -1 : 0;
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
			      str_or_null(ref->footnote), "where", str_or_null(where), "kind", fix_kind_name(f->kind),
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
static int document_write(const struct model *m, size_t di, FILE *out,
			  struct buf *b)
{
	const struct document *d = &m->docs[di];
	json_t *head = json_pack("{s:s, s:o, s:s, s:I, s:I, s:o}", "path", d->info.path, "format",
				 str_or_null(d->info.format), "location", d->info.unit, "bytes",
				 (json_int_t)d->info.bytes, "lines", (json_int_t)d->info.lines, "error",
				 str_or_null(d->error));
	int rc = 0;
	const char *key;
	json_t *value;
	bool first = true;
	json_object_foreach(head, key, value)
	{
		json_incref(value);
		rc = rc || member(out, key, value, first ? "{" : ", ", b);
		first = false;
	}
	json_decref(head);
	if (rc || array_open(out, "references", b))
		return -1;
	for (size_t r = 0; !rc && r < d->nrefs; r++)
		rc = array_item(out, reference_json(m, &m->refs[d->first_ref + r], r), r, b);
	if (rc || array_close(out, d->nrefs) || array_open(out, "problems", b))
		return -1;
	for (size_t i = 0; !rc && i < d->problems.n; i++)
		rc = array_item(out, problem_json(&d->problems.v[i]), i, b);
	if (rc || array_close(out, d->problems.n) || member(out, "fix", document_fix_json(m, d), ",\n", b) ||
	    member(out, "summary", document_summary_json(m, di), ",\n", b) || fputs("}", out) < 0)
		return -1;
	return 0;
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

static int write_all(const struct model *m, const struct summaries *sums, FILE *out, struct buf *b)
{
	json_t *tool = json_pack("{s:s, s:s}", "name", "citecheck", "version", CITECHECK_VERSION);
	json_object_set_new(tool, "schema", json_integer(REPORT_SCHEMA_VERSION));
	if (member(out, "citecheck", tool, "{\n", b) ||
	    member(out, "complete", json_boolean(!m->incomplete), ",\n", b) ||
	    member(out, "incomplete_reason", str_or_null(m->incomplete), ",\n", b))
		return -1;
	int rc = array_open(out, "documents", b);
	for (size_t d = 0; !rc && d < m->ndocs; d++)
		rc = fputs(d ? ",\n" : "\n", out) < 0 || document_write(m, d, out, b);
	if (rc || array_close(out, m->ndocs) || array_open(out, "problems", b))
		return -1;
	for (size_t i = 0; !rc && i < m->problems.n; i++)
		rc = array_item(out, problem_json(&m->problems.v[i]), i, b);
	if (rc || array_close(out, m->problems.n) ||
	    (m->baseline && member(out, "baseline", fixed_json(m->baseline), ",\n", b)) ||
	    member(out, "summary", run_summary_json(m, sums), ",\n", b) || fputs("\n}\n", out) < 0)
		return -1;
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

int report_json_write(const struct model *m, const struct summaries *s, FILE *out)
{
	struct buf b;
	buf_init(&b);
	grow_array(&b.data, &b.cap, (size_t)64 * 1024, 1);
	int rc = write_all(m, s, out, &b);
	buf_finish(&b);
	return rc;
}
