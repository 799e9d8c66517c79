/* GitHub Actions workflow commands, one line a finding or failing link:
 * ::error file=F,line=L,col=C,title=T::MESSAGE, escaped as the runner
 * reads them back: in the message %, CR and LF; in the properties also
 * ':' and ','. */
#include "report/report_formats.h"

#include <stdlib.h>
#include <string.h>

#include "report/report_items.h"
#include "util/util.h"

static void escape(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			putc(*s, out);
	}
}

static const char *command_of(const struct report_item *it)
{
	if (!it->p)
		return it->live->verdict == LIVE_DEAD ? "error" : "warning";
	switch (problem_severity(it->p->code)) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

/* file (and, where lines are lines of the file, line and col) as the
 * runner wants them to put the annotation on the diff. */
static void location(FILE *out, const struct document *d, unsigned line, unsigned column)
{
	fputs(" file=", out);
	escape(out, report_relative_path(d->info.path), true);
	if (line && !strcmp(d->info.unit, "line") && !d->info.nparts) {
		fprintf(out, ",line=%u", line);
		if (column)
			fprintf(out, ",col=%u", column);
	}
}

static void item(FILE *out, const struct document *d, const struct report_item *it)
{
	fprintf(out, "::%s", command_of(it));
	location(out, d, it->line, it->column);
	fputs(",title=", out);
	escape(out, it->p ? problem_code_name(it->p->code) : report_link_rule(it->live->verdict), true);
	fputs("::", out);
	char *msg = report_item_message(it);
	escape(out, msg, false);
	free(msg);
	/* where a person finds it in a word processor's document: no line to show */
	char *where = report_where(d, it->ref, it->line);
	if (where) {
		fputs(" (", out);
		escape(out, where, false);
		putc(')', out);
		free(where);
	}
	if (it->p && it->p->suggestion) {
		fputs("%0Asuggestion: ", out);
		escape(out, it->p->suggestion, false);
	}
	putc('\n', out);
}

int report_github_write(const struct report *r, FILE *out)
{
	const struct model *m = r->m;
	for (size_t i = 0; i < problems_len(&m->problems); i++) {
		const struct problem *p = &problems_at(&m->problems)[i];
		fprintf(out, "::warning title=%s::", problem_code_name(p->code));
		escape(out, p->message, false);
		putc('\n', out);
	}
	for (size_t d = 0; d < m->ndocs; d++) {
		const struct document *doc = &m->docs[d];
		if (doc->error) {
			fputs("::error", out);
			location(out, doc, 0, 0);
			fputs(",title=unreadable::", out);
			escape(out, doc->error, false);
			putc('\n', out);
			continue;
		}
		struct report_item *items;
		size_t n = report_items(m, d, &items);
		/* with a baseline, the diff is annotated with what is new */
		n = report_items_keep(items, n, m->baseline && !r->annotate_all ? ITEMS_NEW : ITEMS_ALL);
		for (size_t k = 0; k < n; k++)
			item(out, doc, &items[k]);
		free(items);
	}
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
