#include "report/report_text.h"

#include <stdlib.h>
#include <string.h>

#include "compare/baseline.h"
#include "compare/cited_snapshot.h"
#include "report/report_items.h"
#include "report/safe_text.h"
#include "util/util.h"

/* A line to print: a finding, or a link's live verdict. */
struct item {
	unsigned line, column;
	const struct problem *p;
	const struct link *l;
	const struct live_result *live;
	const struct reference *ref; /* NULL: the document's or the run's own */
	const struct problem *about; /* a failing link's own finding, said on its line */
	const char *nearest;         /* a missing local file or fragment: the nearest there is */
};

struct collected {
	struct item *v;
	size_t n, cap;
	bool verbose;
	bool color; /* severity and verdict words in colour (a terminal) */
	enum item_part section; /* with --baseline, a pass over the documents keeps one part */
	size_t printed;
};

/* SGR colours: red for what fails, yellow for what to look at, cyan for notes. */
const char *report_colour_severity(enum severity s)
{
	return s == SEV_ERROR ? "\033[1;31m" : s == SEV_WARNING ? "\033[1;33m" : "\033[1;36m";
}

const char *report_colour_verdict(enum live_verdict v)
{
	return v == LIVE_DEAD ? "\033[1;31m" : "\033[1;33m";
}

void report_text_word(FILE *out, const char *w, const char *colour, bool color)
{
	if (color)
		fputs(colour, out);
	fputs(w, out);
	if (color)
		fputs("\033[0m", out);
	putc(':', out);
}

void report_text_finding(FILE *out, const struct problem *p, const char *indent, bool color)
{
	enum severity sev = problem_severity(p->code);
	report_text_word(out, severity_name(sev), report_colour_severity(sev), color);
	fprintf_safe(out, " %s [%s]", p->message, problem_code_name(p->code));
	putc('\n', out);
	if (p->suggestion) {
		fputs(indent, out);
		fputs("suggestion: ", out);
		fput_safe(p->suggestion, out);
		putc('\n', out);
	}
}

static void add(struct collected *c, struct item it)
{
	if (!report_part_holds(c->section, it.l ? it.l->mark : it.p ? it.p->mark : MARK_NONE))
		return;
	grow_array(&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = it;
}

/* What the archive says of a dead link: said on the link's own line, so
 * that a dead link is reported once, with its suggestion. */
static bool about_dead(const struct problem *p)
{
	return p->code == PROB_DEAD_ARCHIVED || p->code == PROB_DEAD_UNARCHIVED;
}

static void collect_list(struct collected *c, const struct problem_list *l, const struct reference *ref,
			 bool skip_dead)
{
	for (size_t i = 0; i < problems_len(l); i++) {
		const struct problem *p = &problems_at(l)[i];
		if (skip_dead && about_dead(p))
			continue;
		if (problem_severity(p->code) >= (c->verbose ? SEV_INFO : SEV_WARNING))
			add(c, (struct item){p->line, p->column, p, NULL, NULL, ref, NULL, NULL});
	}
}

static const struct problem *dead_finding(const struct link *l)
{
	for (size_t i = 0; i < problems_len(&l->problems); i++)
		if (about_dead(&problems_at(&l->problems)[i]))
			return &problems_at(&l->problems)[i];
	return NULL;
}

static int by_place(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return (x->l != NULL) - (y->l != NULL);
}

/* path:line:column:, or path: WHERE: when lines of the file are not what
 * a person sees (report_where). */
static void print_place(const struct document *d, const struct item *it, FILE *out)
{
	if (!d) {
		fputs("citecheck:", out); /* the run's own findings */
		return;
	}
	fput_safe(d->info.path, out);
	putc(':', out);
	char *where = report_where(d, it->ref, it->line);
	if (where) {
		putc(' ', out);
		fput_safe(where, out);
		putc(':', out);
		free(where);
		return;
	}
	if (it->line)
		fprintf(out, "%u:", it->line);
	if (it->column)
		fprintf(out, "%u:", it->column);
}

static void print_item(const struct document *d, const struct item *it, bool color, FILE *out)
{
	print_place(d, it, out);
	putc(' ', out);
	if (it->p) {
		report_text_finding(out, it->p, "    ", color);
		return;
	}
	report_text_word(out, live_verdict_name(it->live->verdict), report_colour_verdict(it->live->verdict), color);
	fprintf_safe(out, " %s (%s", it->l->url, it->live->reason);
	if (it->live->http_status && strncmp(it->live->reason, "http-", 5) != 0)
		fprintf(out, ", HTTP %ld", it->live->http_status);
	char since[80];
	report_failing_since(it->live, since, sizeof since);
	fprintf(out, "%s", since);
	if (it->nearest)
		fprintf_safe(out, "; did you mean %s?", it->nearest);
	putc(')', out);
	if (it->about) { /* the archive's word on it, and what to cite */
		fprintf_safe(out, ": %s [%s]", it->about->message, problem_code_name(it->about->code));
		if (it->about->suggestion) {
			fputs("\n    suggestion: ", out);
			fput_safe(it->about->suggestion, out);
		}
	}
	putc('\n', out);
}

/* In a word processor's or EPUB document, notes in the order of the
 * document (references are), then by paragraph: numbers restart in each. */
static int by_note(const void *a, const void *b, void *arg)
{
	(void)arg;
	const struct item *x = a, *y = b;
	if (x->ref != y->ref)
		return !x->ref ? -1 : !y->ref ? 1 : x->ref < y->ref ? -1 : 1;
	return by_place(a, b);
}

static void print_collected(const struct document *d, struct collected *c, FILE *out)
{
	bool by_line = !d || (!strcmp(d->info.unit, "line") && !d->info.nparts);
	if (c->n && by_line)
		qsort(c->v, c->n, sizeof *c->v, by_place);
	else if (c->n)
		qsort_r(c->v, c->n, sizeof *c->v, by_note, NULL);
	for (size_t i = 0; i < c->n; i++)
		print_item(d, &c->v[i], c->color, out);
	c->printed += c->n;
	c->n = 0;
}

static void print_omitted(const char *path, const struct summary *s, FILE *out)
{
	for (int k = 0; k < PROB__COUNT; k++)
		if (s->omitted[k]) {
			fprintf_safe(out, "citecheck: %s: %zu more %s findings, over %d of one kind, are not listed",
				     path, s->omitted[k], problem_code_name((enum problem_code)k), PROBLEMS_PER_CODE_MAX);
			putc('\n', out);
		}
}

/* A document's findings and failing links, by place. */
static void document_write(const struct model *m, size_t di, const struct summary *s, struct collected *c,
			   FILE *out)
{
	const struct document *d = &m->docs[di];
	if (d->error)
		return; /* said when it was read, even under --quiet */
	collect_list(c, &d->problems, NULL, false);
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++) {
		const struct reference *ref = &m->refs[r];
		collect_list(c, &ref->problems, ref, false);
		for (size_t k = 0; k < ref->nlinks; k++) {
			const struct link *l = &ref->links[k];
			const struct live_result *lr = target_live(&m->targets[l->target]);
			bool listed = !l->ignored && !cited_snapshot_covers(m, l) && (lr->verdict == LIVE_DEAD ||
						      (c->verbose && (lr->verdict == LIVE_BLOCKED || lr->verdict == LIVE_ERROR)));
			collect_list(c, &l->problems, ref, listed);
			if (listed)
				add(c, (struct item){l->line, l->column, NULL, l, lr, ref, dead_finding(l),
						     m->targets[l->target].nearest});
		}
	}
	print_collected(d, c, out);
	print_omitted(d->info.path, s, out);
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

#define NAMED_LINKS_MAX 10

/* The distinct URLs with verdict v, named (the first ten), with why. */
static void name_links(const struct model *m, enum live_verdict v, const char *what, FILE *out)
{
	size_t n = 0;
	for (size_t t = 0; t < m->ntargets; t++) {
		const struct target *tg = &m->targets[t];
		if (!tg->citations || target_live(tg)->verdict != v || m->refs[tg->first_ref].links[tg->first_link].ignored)
			continue;
		if (n++ == 0)
			fprintf(out, "citecheck: %s:\n", what);
		if (n > NAMED_LINKS_MAX)
			continue;
		fputs("  ", out);
		fput_safe(m->refs[tg->first_ref].links[tg->first_link].url, out);
		fprintf_safe(out, " (%s)", target_live(tg)->reason ? target_live(tg)->reason : "-");
		putc('\n', out);
	}
	if (n > NAMED_LINKS_MAX)
		fprintf(out, "  and %zu more\n", n - NAMED_LINKS_MAX);
}

/* The documents with something to fix, worst first (at most ten). */
/* --fix: the fixes applied and not, and where the copies went. */
static void fixes_write(const struct model *m, FILE *out)
{
	size_t found = 0, applied = 0, copies = 0;
	const char *copy = NULL;
	for (size_t d = 0; d < m->ndocs; d++) {
		found += m->docs[d].nfixes;
		for (size_t i = 0; i < m->docs[d].nfixes; i++)
			applied += m->docs[d].fixes[i].applied;
		if (m->docs[d].fixed_path && copies++ == 0)
			copy = m->docs[d].fixed_path;
	}
	fprintf(out, "citecheck: fixes: %zu applied of %zu found", applied, found);
	if (copies == 1 && strcmp(copy, "-") != 0) {
		fputs("; the copy: ", out);
		fput_safe(copy, out);
	} else if (copies > 1) {
		fprintf(out, "; %zu copies written", copies);
	}
	fputc('\n', out);
	/* a document with no copy says why (a PDF: where to make the fixes);
	 * ten at most, the rest counted */
	size_t told = 0, untold = 0;
	for (size_t d = 0; d < m->ndocs; d++)
		if (m->docs[d].fix_error && !m->docs[d].error && told == 10) {
			untold++;
		} else if (m->docs[d].fix_error && !m->docs[d].error) {
			told++;
			fputs("citecheck: ", out);
			fput_safe(m->docs[d].info.path, out);
			fputs(": no fixed copy: ", out);
			fput_safe(m->docs[d].fix_error, out);
			fputc('\n', out);
		}
	if (untold)
		fprintf(out, "citecheck: and %zu more documents with no fixed copy (the report says why)\n", untold);
}

static void ranking_write(const struct model *m, const struct summaries *sums, FILE *out)
{
	size_t shown = 0, more = 0;
	for (size_t i = 0; i < m->ndocs; i++) {
		size_t d = sums->rank[i];
		const struct doc_counts *s = &sums->doc[d];
		if (!s->dead && !s->changed && !s->errors && !m->docs[d].error)
			continue;
		if (shown == 10) {
			more++;
			continue;
		}
		if (!shown++)
			fputs("citecheck: documents with the most to fix:\n", out);
		fputs("  ", out);
		fput_safe(m->docs[d].info.path, out);
		if (m->docs[d].error)
			fputs(": unreadable\n", out);
		else
			fprintf(out, ": %zu dead, %zu changed, %zu error%s\n", s->dead, s->changed, s->errors,
				plural(s->errors));
	}
	if (more)
		fprintf(out, "  and %zu more\n", more);
}

/* Every document's items of one section, then the run's own findings. */
static void section_write(const struct model *m, struct collected *c, FILE *out)
{
	for (size_t d = 0; d < m->ndocs; d++) {
		struct summary s;
		summary_compute_document(m, d, &s);
		document_write(m, d, &s, c, out);
	}
	collect_list(c, &m->problems, NULL, false);
	print_collected(NULL, c, out);
}

#define FIXED_LISTED_MAX 50

void report_text_fixed(const struct baseline_diff *b, FILE *out)
{
	size_t shown = 0;
	for (size_t i = 0; i < b->nfixed_links && shown < FIXED_LISTED_MAX; i++, shown++) {
		fprintf_safe(out, "  %s: %s (was %s)", b->fixed_links[i].path, b->fixed_links[i].what,
			     b->fixed_links[i].detail);
		putc('\n', out);
	}
	for (size_t i = 0; i < b->nfixed_findings && shown < FIXED_LISTED_MAX; i++, shown++) {
		fprintf_safe(out, "  %s: %s: %s", b->fixed_findings[i].path, b->fixed_findings[i].what,
			     b->fixed_findings[i].detail);
		putc('\n', out);
	}
	size_t total = b->fixed_links_total + b->fixed_findings_total;
	if (total > shown)
		fprintf(out, "  and %zu more (the JSON report's baseline object)\n", total - shown);
	if (!total)
		fputs("  nothing\n", out);
}

static void heading(const char *what, const char *path, FILE *out)
{
	fprintf(out, "citecheck: %s ", what);
	fput_safe(path, out);
	fputs(":\n", out);
}

void report_text_write(const struct model *m, const struct summaries *sums, bool verbose, bool color, FILE *out)
{
	struct collected c = {NULL, 0, 0, verbose, color, ITEMS_ALL, 0};
	if (!m->baseline) {
		section_write(m, &c, out);
	} else { /* what is new first: the part a pull request or an audit is about */
		heading("new since", m->baseline->path, out);
		c.section = ITEMS_NEW;
		section_write(m, &c, out);
		if (!c.printed)
			fputs("  nothing\n", out);
		heading("fixed since", m->baseline->path, out);
		report_text_fixed(m->baseline, out);
		c.section = ITEMS_OLD;
		c.printed = 0;
		heading("not new since", m->baseline->path, out);
		section_write(m, &c, out);
		if (!c.printed)
			fputs("  nothing\n", out);
	}
	free(c.v);
	report_text_summary(m, sums, verbose, out);
}

void report_text_summary(const struct model *m, const struct summaries *sums, bool verbose, FILE *out)
{
	const struct summary *s = &sums->run;
	fputs("citecheck: ", out);
	if (m->ndocs == 1)
		fput_safe(m->docs[0].info.path, out);
	else if (s->unreadable)
		fprintf(out, "%zu documents (%zu unreadable)", s->documents, s->unreadable);
	else
		fprintf(out, "%zu documents", s->documents);
	fprintf(out, ": %zu reference%s, %zu link%s (%zu distinct URL%s)", s->references, plural(s->references), s->links,
		plural(s->links), s->distinct_urls, plural(s->distinct_urls));
	/* said of documents that use footnote markers: a numbered list of
	 * sources with no marker in the text is no footnote left uncited */
	if (s->footnotes_cited)
		fprintf(out, ", footnotes %zu cited / %zu defined", s->footnotes_cited, s->footnotes_defined);
	fprintf(out, "; %zu error%s, %zu warning%s\n", s->severity[SEV_ERROR], plural(s->severity[SEV_ERROR]),
		s->severity[SEV_WARNING], plural(s->severity[SEV_WARNING]));
	size_t ignored = 0;
	for (int c = 0; c < PROB__COUNT; c++)
		ignored += m->ignored[c];
	if (ignored || m->ignored_links)
		fprintf(out, "citecheck: ignored: %zu finding%s, %zu link%s (--ignore, citecheck-ignore comments)\n",
			ignored, plural(ignored), m->ignored_links, plural(m->ignored_links));
	if (m->ndocs > 1)
		ranking_write(m, sums, out);
	if (s->live[LIVE_ALIVE] || s->live[LIVE_DEAD] || s->live[LIVE_BLOCKED] || s->live[LIVE_ERROR] || s->offline) {
		fprintf(out, "citecheck: links: %zu alive, %zu dead", s->live[LIVE_ALIVE], s->live[LIVE_DEAD]);
		if (m->history)
			fprintf(out, " (%zu confirmed)", s->confirmed);
		fprintf(out, ", %zu blocked, %zu unverified, %zu skipped", s->live[LIVE_BLOCKED], s->live[LIVE_ERROR],
			s->live[LIVE_SKIPPED]);
		if (s->snapshot_cited)
			fprintf(out, "; %zu gone and cited with their snapshot", s->snapshot_cited);
		fputs(s->offline ? "; OFFLINE: no cited host could be reached, nothing was judged\n" : "\n", out);
	}
	if (!verbose && !s->offline) { /* verbose lists each where it is cited */
		name_links(m, LIVE_BLOCKED, "blocked (the site refused the check)", out);
		name_links(m, LIVE_ERROR, "unverified (could not be checked now)", out);
	}
	if (s->archive[ARCHIVE_ARCHIVED] || s->archive[ARCHIVE_NOT_ARCHIVED] || s->archive[ARCHIVE_UNKNOWN])
		fprintf(out,
			"citecheck: archive: %zu archived, %zu not archived, %zu unknown (%zu requests); "
			"drift: %zu unchanged, %zu changed, %zu unknown\n",
			s->archive[ARCHIVE_ARCHIVED], s->archive[ARCHIVE_NOT_ARCHIVED], s->archive[ARCHIVE_UNKNOWN],
			s->archive_requests, s->drift[DRIFT_UNCHANGED], s->drift[DRIFT_CHANGED], s->drift[DRIFT_UNKNOWN]);
	if (m->baseline) {
		size_t failing = s->new_live[LIVE_DEAD] + s->new_live[LIVE_BLOCKED] +
				 s->new_live[LIVE_ERROR];
		fputs("citecheck: against ", out);
		fput_safe(m->baseline->path, out);
		fprintf(out, ": %zu new failing link%s (%zu dead), %zu new finding%s (%zu error%s); fixed: %zu link%s, "
			     "%zu finding%s\n",
			failing, plural(failing), s->new_live[LIVE_DEAD], s->findings_new, plural(s->findings_new),
			s->new_severity[SEV_ERROR], plural(s->new_severity[SEV_ERROR]), s->links_fixed,
			plural(s->links_fixed), s->findings_fixed, plural(s->findings_fixed));
	}
	if (m->fixing)
		fixes_write(m, out);
	if (m->incomplete)
		fprintf(out, "citecheck: %s: the report holds only what was checked before then\n", m->incomplete);
}
