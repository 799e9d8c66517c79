#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

struct model *model_create(const char *path)
{
	struct model *m = xcalloc(1, sizeof *m);
	m->doc.path = path ? xstrdup(path) : NULL;
	m->doc.format = "text";
	m->doc.unit = "line";
	keyindex_init(&m->target_index);
	strmap_init(&m->url_index);
	strmap_init(&m->lookup_index);
	strmap_init(&m->doi_index);
	strmap_init(&m->strings);
	footnotes_init(&m->notes);
	problems_cap(&m->problems);
	return m;
}

void link_finish(struct link *l)
{
	free(l->url);
	link_set_normalized(l, NULL);
	if (l->extra_own) {
		free(l->extra_own->original);
		free(l->extra_own->timestamp);
		free(l->extra_own->doi);
		free(l->extra_own->written);
		free(l->extra_own);
		l->extra_own = NULL;
	}
	problems_finish(&l->problems);
}

static const struct link_extra no_extra = {.original_target = NO_INDEX32, .repair_target = NO_INDEX32,
					   .wrap_target = NO_INDEX32, .snapshot_ref = NO_INDEX32,
					   .snapshot_link = NO_INDEX32};

const struct link_extra *link_extra(const struct link *l)
{
	return l->extra_own ? l->extra_own : &no_extra;
}

struct link_extra *link_extra_make(struct link *l)
{
	if (!l->extra_own) {
		l->extra_own = xmalloc(sizeof *l->extra_own);
		*l->extra_own = no_extra;
	}
	return l->extra_own;
}

void link_set_normalized(struct link *l, char *normalized)
{
	if (!l->normalized_shared)
		free(l->normalized);
	l->normalized = normalized;
	l->normalized_shared = false;
}

const struct ref_details ref_no_details;

static void details_finish(struct ref_details *d)
{
	free(d->footnote);
	free(d->key);
	free(d->authors);
	free(d->title);
}

static bool details_empty(const struct ref_details *d)
{
	return !d->footnote && !d->key && !d->authors && !d->title && !date_known(d->published) &&
	       !date_known(d->accessed);
}

struct ref_details *ref_details_make(struct reference *r)
{
	if (r->details == &ref_no_details || !r->details)
		r->details = xcalloc(1, sizeof *r->details);
	return (struct ref_details *)r->details; /* the reference's own, made here */
}

void ref_details_take(struct reference *r, struct ref_details *d)
{
	if (!details_empty(d)) {
		struct ref_details *own = ref_details_make(r);
		details_finish(own);
		*own = *d;
	}
	memset(d, 0, sizeof *d);
}

static void reference_finish(struct reference *r)
{
	if (r->details && r->details != &ref_no_details) {
		struct ref_details *own = (struct ref_details *)r->details;
		details_finish(own);
		free(own);
	}
	r->details = &ref_no_details;
	free(r->text);
	for (size_t i = 0; i < r->nlinks; i++)
		link_finish(&r->links[i]);
	free(r->links);
	problems_finish(&r->problems);
}

void anchor_source_add(struct anchor_source *a, const char *name, bool heading)
{
	buf_append(&a->names, name, strlen(name) + 1); /* its NUL too: the next name starts after it */
	if (heading)
		a->nheadings++;
	else
		a->nids++;
}

void anchor_source_done(struct anchor_source *a)
{
	buf_fit(&a->names);
	a->known = true;
}

void anchor_source_finish(struct anchor_source *a)
{
	buf_finish(&a->names);
	memset(a, 0, sizeof *a);
}

static void document_info_finish(struct document_info *d)
{
	anchor_source_finish(&d->anchors);
	free(d->ignore.v);
	free(d->path);
	free(d->root);
	free(d->site_root);
	for (size_t i = 0; i < d->nparts; i++)
		free(d->parts[i]);
	free(d->parts);
	memset(d, 0, sizeof *d);
}

static void items_free(struct baseline_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].what);
		free(v[i].detail);
	}
	free(v);
}

void baseline_diff_free(struct baseline_diff *d)
{
	if (!d)
		return;
	items_free(d->fixed_links, d->nfixed_links);
	items_free(d->fixed_findings, d->nfixed_findings);
	free(d->path);
	free(d);
}

void model_destroy(struct model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ndocs; i++) {
		document_info_finish(&m->docs[i].info);
		free(m->docs[i].error);
		problems_finish(&m->docs[i].problems);
		for (size_t k = 0; k < m->docs[i].nfixes; k++) {
			free(m->docs[i].fixes[k].before);
			free(m->docs[i].fixes[k].after);
		}
		free(m->docs[i].fixes);
		free(m->docs[i].fixed_path);
		free(m->docs[i].fix_error);
	}
	free(m->docs);
	for (size_t i = 0; i < m->nrefs; i++)
		reference_finish(&m->refs[i]);
	free(m->refs);
	for (size_t i = 0; i < m->ntargets; i++) {
		free(m->targets[i].key);
		free(m->targets[i].similarity_key);
		free(m->targets[i].nearest);
		target_live_share(&m->targets[i], NULL);
		if (m->targets[i].print)
			text_print_finish(&m->targets[i].print->text);
		free(m->targets[i].print);
	}
	free(m->targets);
	for (size_t i = 0; i < m->nlookups; i++) {
		struct lookup *k = &m->lookups[i];
		free(k->original);
		free(k->archive.snapshot_url);
		free(k->archive.save_job);
		free(k->archive.save_message);
		free(k->drift.lost);
		free(k->snapshot_titles);
		text_print_finish(&k->snapshot.text);
	}
	free(m->lookups);
	strmap_finish(&m->lookup_index);
	for (size_t i = 0; i < m->ndois; i++)
		doi_lookup_finish(&m->dois[i]);
	free(m->dois);
	for (size_t i = 0; i < m->nsearches; i++) {
		free(m->searches[i].query);
		doi_lookup_finish(&m->searches[i].work);
	}
	free(m->searches);
	strmap_finish(&m->doi_index);
	strmap_finish(&m->strings);
	baseline_diff_free(m->baseline);
	for (size_t i = 0; i < m->nstrings; i++)
		free(m->string_v[i]);
	free(m->string_v);
	keyindex_finish(&m->target_index);
	strmap_finish(&m->url_index);
	footnotes_finish(&m->notes);
	problems_finish(&m->problems);
	document_info_finish(&m->doc);
	free(m);
}

#ifndef CITECHECK_FREE_AT_EXIT
/* The model left at exit: still reachable, not lost, to valgrind run on a
 * plain build (volatile: a store never read back is kept). */
static struct model *volatile left_at_exit;
#endif

void model_destroy_at_exit(struct model *m)
{
#ifdef CITECHECK_FREE_AT_EXIT
	model_destroy(m);
#else
	left_at_exit = m;
#endif
}

static struct document *add_document(struct model *run)
{
	grow_array(&run->docs, &run->docs_cap, run->ndocs + 1, sizeof *run->docs);
	struct document *d = &run->docs[run->ndocs++];
	memset(d, 0, sizeof *d);
	d->first_ref = run->nrefs;
	return d;
}

static void count_citation(struct target *t, enum ref_where where)
{
	t->chrome_only = (t->citations == 0 || t->chrome_only) && where == WHERE_CHROME;
	t->citations++;
}

static const char *target_key(const void *m, size_t ti)
{
	return ((const struct model *)m)->targets[ti].key;
}

bool model_target_find(const struct model *m, const char *key, size_t *ti)
{
	return keyindex_get(&m->target_index, key, target_key, m, ti);
}

/* A new target, its key taken (the index reads it back from the target). */
static size_t target_add(struct model *m, char *key, size_t ri, size_t li)
{
	grow_array(&m->targets, &m->targets_cap, m->ntargets + 1, sizeof *m->targets);
	size_t ti = m->ntargets++;
	memset(&m->targets[ti], 0, sizeof m->targets[ti]);
	m->targets[ti].key = key;
	m->targets[ti].first_ref = ri;
	m->targets[ti].first_link = li;
	m->targets[ti].fragment_found = -1;
	keyindex_add(&m->target_index, key, ti);
	return ti;
}

/* A document's target as the run's: the run's of that key, or a new one
 * that takes the document's key (*key becomes NULL) rather than a copy. */
static size_t target_adopt(struct model *run, char **key, size_t ri, size_t li)
{
	size_t ti;
	if (model_target_find(run, *key, &ti))
		return ti;
	ti = target_add(run, *key, ri, li);
	*key = NULL;
	return ti;
}

void model_merge(struct model *run, struct model *doc)
{
	struct document *d = add_document(run);
	d->info = doc->doc; /* the part names move too: references point at them */
	memset(&doc->doc, 0, sizeof doc->doc);
	d->problems = doc->problems;
	memset(&doc->problems, 0, sizeof doc->problems);
	d->footnotes_cited = doc->notes_counted ? doc->notes_cited : footnotes_count_cited(&doc->notes);
	d->footnotes_defined = doc->notes_counted ? doc->notes_defined : footnotes_count_defined(&doc->notes);
	d->nrefs = doc->nrefs;
	grow_array(&run->refs, &run->refs_cap, run->nrefs + doc->nrefs, sizeof *run->refs);
	/* each of the document's targets, as the run's: found or made once */
	size_t *to_run = xmalloc((doc->ntargets + 1) * sizeof *to_run);
	for (size_t t = 0; t < doc->ntargets; t++)
		to_run[t] = NO_INDEX;
	for (size_t r = 0; r < doc->nrefs; r++) {
		size_t ri = run->nrefs++;
		struct reference *ref = &run->refs[ri];
		*ref = doc->refs[r];
		for (size_t k = 0; k < ref->nlinks; k++) {
			struct link *l = &ref->links[k];
			if (to_run[l->target] == NO_INDEX)
				to_run[l->target] = target_adopt(run, &doc->targets[l->target].key, ri, k);
			size_t ti = to_run[l->target];
			count_citation(&run->targets[ti], ref->where);
			l->target = ti;
			if (l->normalized_shared) /* the document's key may go with it */
				l->normalized = run->targets[ti].key;
		}
	}
	free(to_run);
	doc->nrefs = 0; /* the references are the run's now */
}

void model_add_unreadable(struct model *run, const char *path, const char *format, const char *error)
{
	struct document *d = add_document(run);
	d->info.path = xstrdup(path);
	d->info.format = format;
	d->info.unit = "line";
	d->error = xstrdup(error);
	problems_cap(&d->problems);
}

size_t model_add_reference(struct model *m, enum ref_where where, const char *footnote,
			   unsigned entry, unsigned line, unsigned column)
{
	grow_array(&m->refs, &m->refs_cap, m->nrefs + 1, sizeof *m->refs);
	struct reference *r = &m->refs[m->nrefs];
	memset(r, 0, sizeof *r);
	r->where = where;
	r->details = &ref_no_details;
	if (footnote)
		ref_details_make(r)->footnote = xstrdup(footnote);
	r->entry = entry;
	r->line = line;
	r->column = column;
	return m->nrefs++;
}

void model_drop_last_reference(struct model *m)
{
	if (!m->nrefs)
		return;
	reference_finish(&m->refs[--m->nrefs]);
}

size_t model_add_link(struct model *m, size_t ri, char *url, enum link_syntax syntax, unsigned line,
		      unsigned column)
{
	struct reference *r = &m->refs[ri];
	uint32_t n = r->nlinks;
	if (!(n & (n - 1))) /* 0, or a power of two: full, so doubled (one at first) */
		r->links = xrealloc(r->links, (n ? 2 * (size_t)n : 1) * sizeof *r->links);
	struct link *l = &r->links[r->nlinks];
	memset(l, 0, sizeof *l);
	l->url = url;
	l->syntax = syntax;
	l->line = line;
	l->column = column;
	l->lookup = NO_INDEX32;
	return r->nlinks++;
}

size_t model_target_for(struct model *m, const char *key, size_t ri, size_t li)
{
	size_t ti;
	if (model_target_find(m, key, &ti))
		return ti;
	return target_add(m, xstrdup(key), ri, li);
}


size_t model_lookup_for(struct model *m, const char *original, const char *want, const char *want_from)
{
	char *key = xasprintf("%s %s", original, want);
	size_t i;
	if (!strmap_get(&m->lookup_index, key, &i)) {
		grow_array(&m->lookups, &m->lookups_cap, m->nlookups + 1, sizeof *m->lookups);
		i = m->nlookups++;
		struct lookup *k = &m->lookups[i];
		memset(k, 0, sizeof *k);
		k->original = xstrdup(original);
		snprintf(k->want, sizeof k->want, "%s", want);
		k->want_from = want_from;
		k->page = NO_INDEX;
		k->drift.title_live = k->drift.title_snapshot = -1;
		k->snapshot.title_found = -1;
		strmap_put(&m->lookup_index, key, i);
	}
	free(key);
	return i;
}

/* DOIs are case-insensitive over ASCII (the DOI Handbook, 2.4). */
static char *doi_key(const char *doi)
{
	char *k = xstrdup(doi);
	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

size_t model_doi_for(struct model *m, const char *doi)
{
	char *key = doi_key(doi);
	size_t i;
	if (!strmap_get(&m->doi_index, key, &i)) {
		grow_array(&m->dois, &m->dois_cap, m->ndois + 1, sizeof *m->dois);
		i = m->ndois++;
		memset(&m->dois[i], 0, sizeof m->dois[i]);
		m->dois[i].doi = xstrdup(key);
		strmap_put(&m->doi_index, key, i);
	}
	free(key);
	return i;
}

const struct doi_lookup *model_doi_find(const struct model *m, const char *doi)
{
	char *key = doi_key(doi);
	size_t i;
	bool found = strmap_get(&m->doi_index, key, &i);
	free(key);
	return found ? &m->dois[i] : NULL;
}

void doi_lookup_finish(struct doi_lookup *d)
{
	free(d->doi);
	free(d->agency_url);
	free(d->title);
	free(d->authors);
	free(d->first_family);
	free(d->type);
	free(d->container);
	free(d->nearby);
	memset(d, 0, sizeof *d);
}

const struct work_search *model_search_of(const struct model *m, size_t ref)
{
	size_t lo = 0, hi = m->nsearches; /* filed in reference order */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->searches[mid].ref < ref)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nsearches && m->searches[lo].ref == ref ? &m->searches[lo] : NULL;
}

const char *search_verdict_name(enum search_verdict v)
{
	static const char *const names[] = {"unchecked", "found", "not-found", "unsure", "unknown"};
	return names[v];
}

const char *doi_verdict_name(enum doi_verdict v)
{
	switch (v) {
	case DOI_FOUND:
		return "found";
	case DOI_NOT_FOUND:
		return "not-found";
	case DOI_UNKNOWN:
		return "unknown";
	case DOI_UNCHECKED:
		break;
	}
	return "unchecked";
}

void model_bind_target(struct model *m, size_t ri, size_t li)
{
	struct link *l = &m->refs[ri].links[li];
	size_t ti;
	if (!l->normalized || l->normalized_shared) {
		ti = model_target_for(m, l->normalized ? l->normalized : l->url, ri, li);
	} else if (model_target_find(m, l->normalized, &ti)) {
		free(l->normalized); /* the key is the same text */
	} else {
		ti = target_add(m, l->normalized, ri, li); /* the new target takes the link's copy */
	}
	if (l->normalized) {
		l->normalized = m->targets[ti].key;
		l->normalized_shared = true;
	}
	count_citation(&m->targets[ti], m->refs[ri].where);
	l->target = ti;
	strmap_put(&m->url_index, l->url, ti);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

bool model_copy_classification(const struct model *m, struct link *l)
{
	size_t ti;
	if (!strmap_get(&m->url_index, l->url, &ti))
		return false;
	const struct target *t = &m->targets[ti];
	const struct link *src = &m->refs[t->first_ref].links[t->first_link];
	if (strcmp(src->url, l->url) != 0)
		return false; /* another spelling of the target: classify it afresh */
	l->kind = src->kind;
	l->valid = src->valid;
	l->pinned = src->pinned;
	l->normalized = dup_or_null(src->normalized);
	const struct link_extra *from = link_extra(src);
	if (from->original || from->timestamp || from->doi) {
		struct link_extra *x = link_extra_make(l);
		x->original = dup_or_null(from->original);
		x->timestamp = dup_or_null(from->timestamp);
		x->doi = dup_or_null(from->doi);
	}
	return true;
}

const char *ref_where_name(enum ref_where w)
{
	return w == WHERE_BODY ? "body" : w == WHERE_CHROME ? "chrome" : "references";
}

const char *link_kind_name(enum link_kind k)
{
	switch (k) {
	case LINK_ARCHIVE_SNAPSHOT:
		return "archive-snapshot";
	case LINK_ARCHIVE_REQUEST:
		return "archive-request";
	case LINK_ARCHIVE_OTHER:
		return "archive-other";
	case LINK_DOI:
		return "doi";
	case LINK_LOCAL:
		return "local";
	case LINK_DIRECT:
		break;
	}
	return "direct";
}

const char *fix_kind_name(enum fix_kind k)
{
	static const char *const names[] = {"repair", "save-link", "pin", "dead", "changed", "moved"};
	return (unsigned)k < FIX__COUNT ? names[k] : "?";
}

const char *link_syntax_name(enum link_syntax s)
{
	switch (s) {
	case SYNTAX_AUTOLINK:
		return "autolink";
	case SYNTAX_INLINE:
		return "inline";
	case SYNTAX_REFDEF:
		return "reference-definition";
	case SYNTAX_FIELD:
		return "field";
	case SYNTAX_BARE:
		break;
	}
	return "bare";
}

const char *live_verdict_name(enum live_verdict v)
{
	switch (v) {
	case LIVE_ALIVE:
		return "alive";
	case LIVE_DEAD:
		return "dead";
	case LIVE_BLOCKED:
		return "blocked";
	case LIVE_ERROR:
		return "error";
	case LIVE_SKIPPED:
		return "skipped";
	case LIVE_UNCHECKED:
		break;
	}
	return "unchecked";
}

void live_result_finish(struct live_result *r)
{
	free(r->final_url);
	for (size_t i = 0; i < r->nredirects; i++)
		free(r->redirects[i]);
	free(r->redirects);
	free(r->page_titles);
	memset(r, 0, sizeof *r);
}

const char *archive_verdict_name(enum archive_verdict v)
{
	switch (v) {
	case ARCHIVE_ARCHIVED:
		return "archived";
	case ARCHIVE_NOT_ARCHIVED:
		return "not-archived";
	case ARCHIVE_UNKNOWN:
		return "unknown";
	case ARCHIVE_SKIPPED:
		return "skipped";
	case ARCHIVE_UNCHECKED:
		break;
	}
	return "unchecked";
}

const char *drift_verdict_name(enum drift_verdict v)
{
	switch (v) {
	case DRIFT_UNCHANGED:
		return "unchanged";
	case DRIFT_CHANGED:
		return "changed";
	case DRIFT_UNKNOWN:
		return "unknown";
	case DRIFT_UNCHECKED:
		break;
	}
	return "unchecked";
}

const char *model_intern(struct model *m, const char *s)
{
	size_t i;
	if (strmap_get(&m->strings, s, &i))
		return m->string_v[i];
	grow_array(&m->string_v, &m->strings_cap, m->nstrings + 1, sizeof *m->string_v);
	m->string_v[m->nstrings] = xstrdup(s);
	strmap_put(&m->strings, s, m->nstrings);
	return m->string_v[m->nstrings++];
}

const char *model_part(struct model *m, const char *name)
{
	for (size_t i = m->doc.nparts; i-- > 0;)
		if (strcmp(m->doc.parts[i], name) == 0)
			return m->doc.parts[i];
	grow_array(&m->doc.parts, &m->doc.parts_cap, m->doc.nparts + 1, sizeof *m->doc.parts);
	return m->doc.parts[m->doc.nparts++] = xstrdup(name);
}

static int by_number(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

static bool on_ignored_line(const struct line_set *set, unsigned line)
{
	return line && bsearch(&line, set->v, set->n, sizeof *set->v, by_number);
}

/* Drops the problems on ignored lines of l, counting them. */
static void drop_on_lines(struct problem_list *l, const struct line_set *set, size_t *counts)
{
	size_t kept = 0;
	for (size_t i = 0; i < problems_len(l); i++) {
		struct problem *p = &problems_at(l)[i];
		if (on_ignored_line(set, p->line)) {
			counts[p->code]++;
			problem_free(p);
		} else {
			problems_at(l)[kept++] = *p;
		}
	}
	problems_truncate(l, kept);
}

void model_drop_ignored(struct model *doc, size_t *counts, size_t *links)
{
	struct line_set *set = &doc->doc.ignore;
	if (!set->n)
		return;
	qsort(set->v, set->n, sizeof *set->v, by_number);
	drop_on_lines(&doc->problems, set, counts);
	for (size_t r = 0; r < doc->nrefs; r++) {
		struct reference *ref = &doc->refs[r];
		drop_on_lines(&ref->problems, set, counts);
		size_t kept = 0;
		for (size_t k = 0; k < ref->nlinks; k++) {
			struct link *l = &ref->links[k];
			if (on_ignored_line(set, l->line)) { /* not checked, not counted as cited */
				for (size_t i = 0; i < problems_len(&l->problems); i++)
					counts[problems_at(&l->problems)[i].code]++;
				link_finish(l);
				(*links)++;
			} else {
				ref->links[kept++] = *l;
			}
		}
		ref->nlinks = kept;
	}
}

bool ignore_word(const char *w, unsigned char *codes, unsigned *verdicts)
{
	for (int c = 0; c < PROB__COUNT; c++)
		if (!strcmp(w, problem_code_name((enum problem_code)c))) {
			codes[c] = 1;
			return true;
		}
	static const struct {
		const char *word;
		enum live_verdict v;
	} words[] = {{"dead", LIVE_DEAD}, {"blocked", LIVE_BLOCKED}, {"unverified", LIVE_ERROR}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(w, words[i].word)) {
			*verdicts |= 1u << words[i].v;
			return true;
		}
	return false;
}

static const struct page_print no_print = {.type = PAGE_NONE, .title_found = -1};

static const struct live_result unchecked; /* LIVE_UNCHECKED, nothing known */

const struct live_result *target_live(const struct target *t)
{
	return t->live_at ? t->live_at : &unchecked;
}

struct live_result *target_live_make(struct target *t)
{
	if (!t->live_owned) {
		struct live_result *r = xmalloc(sizeof *r);
		*r = *target_live(t); /* a shared answer owns no strings to copy */
		t->live_at = r;
		t->live_owned = true;
	}
	return (struct live_result *)t->live_at; /* the target's own, made here */
}

void target_live_share(struct target *t, const struct live_result *shared)
{
	if (t->live_owned) {
		struct live_result *own = (struct live_result *)t->live_at;
		live_result_finish(own);
		free(own);
	}
	t->live_at = shared;
	t->live_owned = false;
}

const struct page_print *target_print(const struct target *t)
{
	return t->print ? t->print : &no_print;
}

struct page_print *target_print_make(struct target *t)
{
	if (!t->print) {
		t->print = xcalloc(1, sizeof *t->print);
		*t->print = no_print;
	}
	return t->print;
}
