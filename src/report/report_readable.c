/* The text format for a person (--format text): per document, per source
 * (the footnote and the line where a person finds it), what needs doing —
 * dead, blocked and unverified links, changed pages, live pages the
 * archive has no copy of, and the problems in the text — each with its
 * suggestion under it; then the closing summary. */
#include "report/report_formats.h"

#include <stdlib.h>
#include <string.h>

#include "compare/cited_snapshot.h"
#include "report/report_items.h"
#include "report/report_text.h"
#include "report/safe_text.h"
#include "util/util.h"

/* What one pass lists: every item, or with --baseline the new or the rest. */
struct pass {
	bool verbose, color;
	enum item_part part;
};

static bool listed_finding(const struct problem *p, const struct pass *ps)
{
	return problem_severity(p->code) >= (ps->verbose ? SEV_INFO : SEV_WARNING) && report_part_holds(ps->part, p->mark);
}

static void finding(FILE *out, const struct problem *p, bool color)
{
	fputs("    ", out);
	report_text_finding(out, p, "      ", color);
}

/* A live page the archive has no usable copy of: worth saving now. */
static bool unarchived(const struct model *m, const struct link *l)
{
	return l->lookup != NO_INDEX32 && m->lookups[l->lookup].archive.verdict == ARCHIVE_NOT_ARCHIVED &&
	       target_live(&m->targets[l->target])->verdict == LIVE_ALIVE;
}

/* Whether the link's own line (its verdict, or not archived) is listed. */
static bool link_said(const struct model *m, const struct link *l, const struct pass *ps)
{
	return !l->ignored && !cited_snapshot_covers(m, l) &&
	       (report_failing(target_live(&m->targets[l->target])->verdict) || unarchived(m, l)) &&
	       report_part_holds(ps->part, l->mark);
}

/* Whether a link has anything to say in this pass. */
static bool link_worth(const struct model *m, const struct link *l, const struct pass *ps)
{
	if (l->ignored)
		return false;
	if (link_said(m, l, ps))
		return true;
	for (size_t i = 0; i < problems_len(&l->problems); i++)
		if (listed_finding(&problems_at(&l->problems)[i], ps))
			return true;
	return false;
}

/* Where in a line-counted file the link is written, when its source's
 * heading does not say it: " — column 17", or " — line 4, column 3" for
 * a source over several lines. */
static void link_place(FILE *out, const struct document *d, const struct reference *ref, const struct link *l)
{
	if (!l->column || strcmp(d->info.unit, "line") != 0 || ref->part)
		return;
	if (l->line == ref->line)
		fprintf(out, " — column %u", l->column);
	else
		fprintf(out, " — line %u, column %u", l->line, l->column);
}

static void link_lines(FILE *out, const struct model *m, const struct document *d, const struct reference *ref,
		       const struct link *l, const struct pass *ps)
{
	const struct live_result *live = target_live(&m->targets[l->target]);
	fputs("  ", out);
	if (link_said(m, l, ps) && report_failing(live->verdict)) {
		report_text_word(out, live->verdict == LIVE_ERROR ? "unverified" : live_verdict_name(live->verdict),
				 report_colour_verdict(live->verdict), ps->color);
		char since[80];
		report_failing_since(live, since, sizeof since);
		const char *near = m->targets[l->target].nearest;
		fprintf_safe(out, " %s (%s%s%s%s%s)", l->url, live->reason ? live->reason : "-", since,
			     near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
		link_place(out, d, ref, l);
	} else if (link_said(m, l, ps)) {
		report_text_word(out, "not archived", report_colour_severity(SEV_WARNING), ps->color);
		fprintf_safe(out, " %s (alive; the Wayback Machine has no copy)", l->url);
	} else {
		fput_safe(l->url, out);
	}
	putc('\n', out);
	for (size_t i = 0; i < problems_len(&l->problems); i++)
		if (listed_finding(&problems_at(&l->problems)[i], ps))
			finding(out, &problems_at(&l->problems)[i], ps->color);
}

/* n, or less so as not to cut a UTF-8 character in two. */
static size_t whole_chars(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* "footnote 3, line 7 — the entry's text" */
static void source_heading(FILE *out, const struct document *d, const struct reference *ref)
{
	char *where = report_where(d, ref, ref->line);
	if (where)
		fput_safe(where, out);
	else if (ref->details->footnote)
		fprintf_safe(out, "footnote %s, line %u", ref->details->footnote, ref->line);
	else
		fprintf(out, "line %u", ref->line);
	free(where);
	if (ref->text && *ref->text) {
		size_t n = strlen(ref->text);
		fputs(" — ", out);
		/* the entry as written, its first 100 bytes: enough to recognise it */
		char *cut = xstrndup(ref->text, n > 100 ? whole_chars(ref->text, 100) : n);
		fput_safe(cut, out);
		if (n > 100)
			fputs("…", out);
		free(cut);
	}
	putc('\n', out);
}

static void heading(FILE *out, const struct document *d)
{
	fputs("== ", out);
	fput_safe(d->info.path, out);
	putc('\n', out);
}

/* A document's part of the pass, under its name; nothing when it has
 * nothing to say. Returns whether it said anything. */
static bool document(FILE *out, const struct model *m, size_t di, const struct pass *ps)
{
	const struct document *d = &m->docs[di];
	if (d->error) {
		if (ps->part == ITEMS_OLD)
			return false;
		heading(out, d);
		fputs("  could not be read: ", out);
		fput_safe(d->error, out);
		fputs("\n\n", out);
		return true;
	}
	bool any = false;
	for (size_t i = 0; i < problems_len(&d->problems); i++)
		if (listed_finding(&problems_at(&d->problems)[i], ps)) {
			if (!any)
				heading(out, d);
			any = true;
			finding(out, &problems_at(&d->problems)[i], ps->color);
		}
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++) {
		const struct reference *ref = &m->refs[r];
		bool worth = false;
		for (size_t i = 0; i < problems_len(&ref->problems); i++)
			worth = worth || listed_finding(&problems_at(&ref->problems)[i], ps);
		for (size_t k = 0; k < ref->nlinks; k++)
			worth = worth || link_worth(m, &ref->links[k], ps);
		if (!worth)
			continue;
		if (!any)
			heading(out, d);
		any = true;
		source_heading(out, d, ref);
		for (size_t i = 0; i < problems_len(&ref->problems); i++)
			if (listed_finding(&problems_at(&ref->problems)[i], ps))
				finding(out, &problems_at(&ref->problems)[i], ps->color);
		for (size_t k = 0; k < ref->nlinks; k++)
			if (link_worth(m, &ref->links[k], ps))
				link_lines(out, m, d, ref, &ref->links[k], ps);
	}
	if (any)
		putc('\n', out);
	return any;
}

/* Every document's part of the pass; "nothing" when none has any. */
static void documents(FILE *out, const struct model *m, const struct pass *ps)
{
	bool any = false;
	for (size_t d = 0; d < m->ndocs; d++)
		any |= document(out, m, d, ps);
	if (!any)
		fputs(ps->part == ITEMS_ALL ? "nothing to fix\n\n" : "nothing\n\n", out);
}

static void section(FILE *out, const char *what, const char *path)
{
	fprintf(out, "=== %s ", what);
	fput_safe(path, out);
	fputs("\n\n", out);
}

int report_readable_write(const struct report *r, FILE *out)
{
	const struct model *m = r->m;
	struct pass ps = {r->verbose, r->color && out == stdout /* never into a file */, ITEMS_ALL};
	if (!m->baseline) {
		documents(out, m, &ps);
	} else { /* what is new first: the part a pull request or an audit is about */
		section(out, "new since", m->baseline->path);
		ps.part = ITEMS_NEW;
		documents(out, m, &ps);
		section(out, "fixed since", m->baseline->path);
		report_text_fixed(m->baseline, out);
		putc('\n', out);
		section(out, "not new since", m->baseline->path);
		ps.part = ITEMS_OLD;
		documents(out, m, &ps);
	}
	for (size_t i = 0; i < problems_len(&m->problems); i++)
		finding(out, &problems_at(&m->problems)[i], ps.color);
	report_text_summary(m, r->s, r->verbose, out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
