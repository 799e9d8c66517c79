#include "compare/baseline.h"

/* Schema 6 added only fix mode's members, which a comparison does not read. */
#define BASELINE_OLDEST_SCHEMA 5

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare/cited_snapshot.h"
#include "util/strmap.h"
#include "util/util.h"

struct old_entry {
	char *path, *what, *detail;
	bool failing; /* a link: its verdict was dead, blocked or error (or
		       * dying, which reports of schema 8 and before gave) */
};

struct entries {
	struct old_entry *v;
	size_t n, cap;
	struct strmap index; /* key → v */
};

struct baseline {
	struct entries links, findings;
	struct strmap documents; /* paths of the old report's documents */
	size_t ndocuments;
	char *path;
};

static char *link_key(const char *path, const char *url)
{
	return xasprintf("%s\x1f%s", path, url);
}

static char *finding_key(const char *path, const char *code, const char *about)
{
	return xasprintf("%s\x1f%s\x1f%s", path, code, about ? about : "");
}

static bool failing(const char *verdict)
{
	return verdict && (!strcmp(verdict, "dead") || !strcmp(verdict, "dying") || !strcmp(verdict, "blocked") ||
			   !strcmp(verdict, "error"));
}

/* Adds an entry under key (taken) unless one is there already. */
static void entries_add(struct entries *e, char *key, const char *path, const char *what, const char *detail)
{
	size_t i;
	if (strmap_get(&e->index, key, &i)) {
		free(key);
		return;
	}
	grow_array(&e->v, &e->cap, e->n + 1, sizeof *e->v);
	e->v[e->n] = (struct old_entry){xstrdup(path), xstrdup(what), xstrdup(detail ? detail : ""), failing(detail)};
	strmap_put(&e->index, key, e->n++);
	free(key);
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void load_findings(struct baseline *b, const char *path, const json_t *problems, const char *about)
{
	size_t i;
	const json_t *p;
	json_array_foreach(problems, i, p)
	{
		const char *code = str(p, "code");
		const char *subject = about ? about : str(p, "message");
		if (code)
			entries_add(&b->findings, finding_key(path, code, subject), path, code, subject);
	}
}

/* Returns -1 once the report holds more links and findings than any
 * baseline may. */
static int load_document(struct baseline *b, const json_t *doc)
{
	const char *path = str(doc, "path");
	if (!path)
		return 0;
	strmap_put(&b->documents, path, b->ndocuments++);
	load_findings(b, path, json_object_get(doc, "problems"), NULL);
	size_t i, k;
	const json_t *ref, *link;
	json_array_foreach(json_object_get(doc, "references"), i, ref)
	{
		load_findings(b, path, json_object_get(ref, "problems"), str(ref, "text") ? str(ref, "text") : "");
		json_array_foreach(json_object_get(ref, "links"), k, link)
		{
			const char *url = str(link, "url");
			if (!url)
				continue;
			const char *verdict = str(json_object_get(link, "live"), "verdict");
			entries_add(&b->links, link_key(path, url), path, url, verdict);
			load_findings(b, path, json_object_get(link, "problems"), url);
		}
		if (b->links.n + b->findings.n > BASELINE_MAX_ENTRIES)
			return -1;
	}
	return b->links.n + b->findings.n > BASELINE_MAX_ENTRIES ? -1 : 0;
}

/* jansson reads the report through this, which stops past
 * BASELINE_MAX_BYTES: a report is read whole, and its tree takes about
 * fifteen times its size. */
struct capped {
	FILE *f;
	size_t read;
	bool over;
};

static size_t read_capped(void *buf, size_t n, void *arg)
{
	struct capped *c = arg;
	size_t room = BASELINE_MAX_BYTES + 1 - c->read;
	size_t got = fread(buf, 1, n < room ? n : room, c->f);
	c->read += got;
	if (c->read > BASELINE_MAX_BYTES) {
		c->over = true;
		return (size_t)-1;
	}
	return got ? got : ferror(c->f) ? (size_t)-1 : 0;
}

static json_t *load_capped(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "--baseline %s: %s", path, strerror(errno));
		return NULL;
	}
	struct capped c = {f, 0, false};
	json_error_t jerr;
	json_t *root = json_load_callback(read_capped, &c, 0, &jerr);
	if (!root && c.over)
		snprintf(err, errlen, "--baseline %s: larger than %d MiB: no report citecheck compares with is", path,
			 BASELINE_MAX_BYTES >> 20);
	else if (!root)
		snprintf(err, errlen, "--baseline %s: %s (line %d)", path, ferror(f) ? strerror(errno) : jerr.text, jerr.line);
	fclose(f);
	return root;
}

static void entries_init(struct entries *e)
{
	memset(e, 0, sizeof *e);
	strmap_init(&e->index);
}

static void entries_finish(struct entries *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].path);
		free(e->v[i].what);
		free(e->v[i].detail);
	}
	free(e->v);
	strmap_finish(&e->index);
}

int baseline_load(const char *path, struct baseline **out, char *err, size_t errlen)
{
	*out = NULL;
	json_t *root = load_capped(path, err, errlen);
	if (!root)
		return -1;
	const json_t *tool = json_object_get(root, "citecheck");
	const json_t *docs = json_object_get(root, "documents");
	json_int_t schema = json_integer_value(json_object_get(tool, "schema"));
	int rc = 0;
	if (!json_is_object(tool)) {
		snprintf(err, errlen, "--baseline %s: not a citecheck report (no \"citecheck\" member)", path);
		rc = -1;
	} else if (schema < BASELINE_OLDEST_SCHEMA || schema > REPORT_SCHEMA_VERSION || !json_is_array(docs)) {
		snprintf(err, errlen,
			 "--baseline %s: a report of schema %lld; this citecheck compares with schema %d to %d reports "
			 "(run the old citecheck's documents again to make one)",
			 path, (long long)schema, BASELINE_OLDEST_SCHEMA, REPORT_SCHEMA_VERSION);
		rc = -1;
	}
	if (rc == 0) {
		struct baseline *b = xcalloc(1, sizeof *b);
		entries_init(&b->links);
		entries_init(&b->findings);
		strmap_init(&b->documents);
		b->path = xstrdup(path);
		size_t i;
		const json_t *doc;
		json_array_foreach(docs, i, doc)
			if ((rc = load_document(b, doc)) != 0)
				break;
		if (rc == 0) {
			*out = b;
		} else {
			snprintf(err, errlen, "--baseline %s: more than %d links and findings: no report citecheck compares "
					      "with holds that many", path, BASELINE_MAX_ENTRIES);
			baseline_free(b);
		}
	}
	json_decref(root);
	return rc;
}

void baseline_free(struct baseline *b)
{
	if (!b)
		return;
	entries_finish(&b->links);
	entries_finish(&b->findings);
	strmap_finish(&b->documents);
	free(b->path);
	free(b);
}

/* ---- comparing ---- */

/* This run's keys: what is here now (the findings, the failing links). */
struct now {
	struct strmap links, findings;
};

static void mark_findings(const struct baseline *b, struct problem_list *l, const char *path, const char *about,
			  struct now *now)
{
	for (size_t i = 0; i < problems_len(l); i++) {
		struct problem *p = &problems_at(l)[i];
		const char *code = problem_code_name(p->code);
		char *key = finding_key(path, code, about ? about : p->message);
		size_t k;
		p->mark = strmap_get(&b->findings.index, key, &k) ? MARK_UNCHANGED : MARK_NEW;
		strmap_put(&now->findings, key, 0);
		free(key);
	}
}

/* A link failing now is unchanged when it failed in the baseline too,
 * whatever each run called it (dead, blocked, unverified), and new when
 * it did not fail there or was not there; a link not failing has no mark. */
static void mark_link(const struct baseline *b, const struct model *m, const char *path, struct link *l,
		      struct now *now)
{
	const char *verdict = live_verdict_name(target_live(&m->targets[l->target])->verdict);
	if (!failing(verdict) || cited_snapshot_covers(m, l)) {
		l->mark = MARK_NONE;
		return;
	}
	char *key = link_key(path, l->url);
	size_t k;
	bool failed = strmap_get(&b->links.index, key, &k) && b->links.v[k].failing;
	l->mark = failed ? MARK_UNCHANGED : MARK_NEW;
	strmap_put(&now->links, key, 0);
	free(key);
}

static void mark_document(const struct baseline *b, struct model *m, struct document *d, struct now *now)
{
	const char *path = d->info.path;
	mark_findings(b, &d->problems, path, NULL, now);
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++) {
		struct reference *ref = &m->refs[r];
		mark_findings(b, &ref->problems, path, ref->text ? ref->text : "", now);
		for (size_t k = 0; k < ref->nlinks; k++) {
			mark_link(b, m, path, &ref->links[k], now);
			mark_findings(b, &ref->links[k].problems, path, ref->links[k].url, now);
		}
	}
}

/* The old report's failing links and findings, in this run's documents,
 * that this run no longer has. */
static void list_fixed(const struct entries *e, const struct strmap *checked, const struct strmap *now,
		       bool links, struct baseline_item **out, size_t *n, size_t *total)
{
	size_t cap = 0;
	for (size_t i = 0; i < e->n; i++) {
		const struct old_entry *o = &e->v[i];
		size_t k;
		if ((links && !o->failing) || !strmap_get(checked, o->path, &k))
			continue;
		char *key = links ? link_key(o->path, o->what) : finding_key(o->path, o->what, o->detail);
		bool here = strmap_get(now, key, &k);
		free(key);
		if (here || ++*total > BASELINE_FIXED_MAX)
			continue;
		grow_array(out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct baseline_item){xstrdup(o->path), xstrdup(o->what), xstrdup(o->detail)};
	}
}

void baseline_compare(const struct baseline *b, struct model *m)
{
	struct baseline_diff *d = xcalloc(1, sizeof *d);
	d->path = xstrdup(b->path);
	d->old_documents = b->ndocuments;
	struct now now;
	struct strmap checked; /* this run's documents that were read */
	strmap_init(&now.links);
	strmap_init(&now.findings);
	strmap_init(&checked);
	for (size_t i = 0; i < m->ndocs; i++) {
		struct document *doc = &m->docs[i];
		if (doc->error)
			continue;
		size_t k;
		d->matched_documents += strmap_get(&b->documents, doc->info.path, &k);
		strmap_put(&checked, doc->info.path, i);
		mark_document(b, m, doc, &now);
	}
	list_fixed(&b->links, &checked, &now.links, true, &d->fixed_links, &d->nfixed_links, &d->fixed_links_total);
	list_fixed(&b->findings, &checked, &now.findings, false, &d->fixed_findings, &d->nfixed_findings,
		   &d->fixed_findings_total);
	strmap_finish(&now.links);
	strmap_finish(&now.findings);
	strmap_finish(&checked);
	baseline_diff_free(m->baseline);
	m->baseline = d;
}

const char *baseline_mark_name(enum baseline_mark k)
{
	return k == MARK_NEW ? "new" : k == MARK_UNCHANGED ? "unchanged" : NULL;
}
