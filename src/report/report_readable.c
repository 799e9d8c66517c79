/* The text format for a person (--format text): per document, per source
 * (the footnote and the line where a person finds it), what needs doing —
 * dead, blocked and unverified links, changed pages, live pages the
 * archive has no copy of, and the problems in the text — each with its
 * suggestion under it; then the closing summary. */
#include "report/report_formats.h"

#include <stdlib.h>
#include <string.h>

#include "report/report_items.h"
#include "report/report_text.h"
#include "report/safe_text.h"
#include "util/util.h"

static bool listed_finding(const struct problem *p, bool verbose)
{
	return problem_severity(p->code) >= (verbose ? SEV_INFO : SEV_WARNING);
}

static void finding(FILE *out, const struct problem *p, bool color)
{
	fputs("    ", out);
	report_text_finding(out, p, "      ", color);
}

/* A live page the archive has no usable copy of: worth saving now. */
static bool unarchived(const struct model *m, const struct link *l)
{
	return l->lookup != NO_INDEX && m->lookups[l->lookup].archive.verdict == ARCHIVE_NOT_ARCHIVED &&
	       m->targets[l->target].live.verdict == LIVE_ALIVE;
}

/* Whether a link has anything to say. */
static bool link_worth(const struct model *m, const struct link *l, bool verbose)
{
	if (l->ignored)
		return false;
	enum live_verdict v = m->targets[l->target].live.verdict;
	if (report_failing(v) || unarchived(m, l))
		return true;
	for (size_t i = 0; i < l->problems.n; i++)
		if (listed_finding(&l->problems.v[i], verbose))
			return true;
	return false;
}

static void link_lines(FILE *out, const struct model *m, const struct link *l, bool verbose, bool color)
{
	const struct live_result *live = &m->targets[l->target].live;
	if (report_failing(live->verdict)) {
		fputs("  ", out);
		report_text_word(out, live->verdict == LIVE_ERROR ? "unverified" : live_verdict_name(live->verdict),
				 report_colour_verdict(live->verdict), color);
		fprintf_safe(out, " %s (%s)", l->url, live->reason ? live->reason : "-");
		putc('\n', out);
	} else if (unarchived(m, l)) {
		fputs("  ", out);
		report_text_word(out, "not archived", report_colour_severity(SEV_WARNING), color);
		fprintf_safe(out, " %s (alive; the Wayback Machine has no copy)", l->url);
		putc('\n', out);
	} else {
		fputs("  ", out);
		fput_safe(l->url, out);
		putc('\n', out);
	}
	for (size_t i = 0; i < l->problems.n; i++)
		if (listed_finding(&l->problems.v[i], verbose))
			finding(out, &l->problems.v[i], color);
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
	else if (ref->footnote)
		fprintf_safe(out, "footnote %s, line %u", ref->footnote, ref->line);
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

static void document(FILE *out, const struct model *m, size_t di, bool verbose, bool color)
{
	const struct document *d = &m->docs[di];
	fputs("== ", out);
	fput_safe(d->info.path, out);
	putc('\n', out);
	if (d->error) {
		fputs("  could not be read: ", out);
		fput_safe(d->error, out);
		fputs("\n\n", out);
		return;
	}
	bool any = false;
	for (size_t i = 0; i < d->problems.n; i++)
		if (listed_finding(&d->problems.v[i], verbose)) {
			finding(out, &d->problems.v[i], color);
			any = true;
		}
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++) {
		const struct reference *ref = &m->refs[r];
		bool worth = false;
		for (size_t i = 0; i < ref->problems.n; i++)
			worth = worth || listed_finding(&ref->problems.v[i], verbose);
		for (size_t k = 0; k < ref->nlinks; k++)
			worth = worth || link_worth(m, &ref->links[k], verbose);
		if (!worth)
			continue;
		any = true;
		source_heading(out, d, ref);
		for (size_t i = 0; i < ref->problems.n; i++)
			if (listed_finding(&ref->problems.v[i], verbose))
				finding(out, &ref->problems.v[i], color);
		for (size_t k = 0; k < ref->nlinks; k++)
			if (link_worth(m, &ref->links[k], verbose))
				link_lines(out, m, &ref->links[k], verbose, color);
	}
	if (!any)
		fputs("  nothing to fix\n", out);
	putc('\n', out);
}

int report_readable_write(const struct report *r, FILE *out)
{
	bool color = r->color && out == stdout; /* never into a file */
	for (size_t d = 0; d < r->m->ndocs; d++)
		document(out, r->m, d, r->verbose, color);
	for (size_t i = 0; i < r->m->problems.n; i++)
		finding(out, &r->m->problems.v[i], color);
	report_text_summary(r->m, r->s, r->verbose, out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
