/* Markdown for a pull-request comment or an audit memo: a summary table,
 * then each document with something to fix (worst first), its findings and
 * failing links with the snapshot to cite, long lists folded in <details>.
 * Never over GitHub's 65,536-character comment limit: what does not fit is
 * cut at an item's end and the cut said. */
#include "report/report_formats.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_items.h"
#include "util/util.h"

#define MARKDOWN_MAX 65536
#define MARKDOWN_FOLD 10 /* items shown before the rest are folded */
/* room kept for the note that says what was cut */
#define MARKDOWN_ROOM 400

/* Text inside a table cell or list item: no line breaks, no pipes, no
 * markup characters that would change what follows. */
static void text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r')
			buf_putc(b, ' ');
		else if (strchr("|*_`[]<>#\\", *s)) {
			buf_putc(b, '\\');
			buf_putc(b, *s);
		} else
			buf_putc(b, *s);
	}
}

static void printf_buf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printf_buf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_append(b, s, strlen(s));
	free(s);
}

static void summary_table(struct buf *b, const struct summary *s)
{
	printf_buf(b,
		   "## citecheck\n\n| documents | links | dead | blocked | unverified | changed | archived | not archived |\n"
		   "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
		   "| %zu | %zu | %zu | %zu | %zu | %zu | %zu | %zu |\n\n",
		   s->documents, s->links, s->live[LIVE_DEAD], s->live[LIVE_BLOCKED],
		   s->live[LIVE_ERROR], s->drift[DRIFT_CHANGED], s->archive[ARCHIVE_ARCHIVED],
		   s->archive[ARCHIVE_NOT_ARCHIVED]);
}

/* One list item: where, what, and the fix as a link when it is an address. */
static void item(struct buf *b, const struct document *d, const struct report_item *it)
{
	buf_append(b, "- ", 2);
	char *where = report_where(d, it->ref, it->line);
	if (where) {
		text(b, where);
		buf_append(b, ": ", 2);
		free(where);
	} else if (it->line) {
		printf_buf(b, "line %u", it->line);
		if (it->ref && it->ref->details->footnote) {
			buf_append(b, ", footnote ", strlen(", footnote "));
			text(b, it->ref->details->footnote);
		}
		buf_append(b, ": ", 2);
	}
	char *msg = report_item_message(it);
	text(b, msg);
	free(msg);
	const char *fix = it->p ? it->p->suggestion : NULL;
	if (fix && (!strncmp(fix, "http://", 7) || !strncmp(fix, "https://", 8)) && !strpbrk(fix, " <>()")) {
		printf_buf(b, " — cite [%s](%s)", strstr(fix, "/web/") ? "the snapshot" : "this", fix);
	} else if (fix) {
		buf_append(b, " — suggestion: ", strlen(" — suggestion: "));
		text(b, fix);
	}
	buf_putc(b, '\n');
}

/* Where the limit cut the report: the items left out, in how many documents. */
struct cut {
	size_t items, docs;
};

/* The documents' items that part holds, worst document first; an
 * unreadable document goes with the new (or all). Returns whether any was
 * written. */
static bool documents_write(struct buf *b, const struct model *m, const struct summaries *sums, enum item_part part,
			    struct cut *cut)
{
	bool any = false;
	for (size_t i = 0; i < m->ndocs; i++) {
		size_t d = sums->rank[i];
		const struct document *doc = &m->docs[d];
		if (doc->error && part == ITEMS_OLD)
			continue;
		struct report_item *items = NULL;
		size_t n = doc->error ? 0 : report_items(m, d, &items);
		n = report_items_keep(items, n, part);
		if (!doc->error && !n) {
			free(items);
			continue;
		}
		any = true;
		if (cut->items) { /* past the limit: counted, not written */
			cut->items += n + (doc->error != NULL);
			cut->docs++;
			free(items);
			continue;
		}
		size_t start = b->len;
		buf_append(b, "### ", 4);
		text(b, doc->info.path);
		buf_append(b, "\n\n", 2);
		if (doc->error) {
			buf_append(b, "Could not be read: ", strlen("Could not be read: "));
			text(b, doc->error);
			buf_append(b, "\n\n", 2);
		}
		bool folded = false;
		for (size_t k = 0; k < n; k++) {
			size_t before = b->len;
			if (k == MARKDOWN_FOLD)
				printf_buf(b, "<details><summary>%zu more</summary>\n\n", n - MARKDOWN_FOLD);
			item(b, doc, &items[k]);
			if (b->len + MARKDOWN_ROOM > MARKDOWN_MAX) {
				b->len = before;
				cut->items = n - k;
				cut->docs = 1;
				break;
			}
			folded = k >= MARKDOWN_FOLD;
		}
		if (folded)
			buf_append(b, "\n</details>\n", strlen("\n</details>\n"));
		if (cut->items && b->len == start + 4 + strlen(doc->info.path) + 2)
			b->len = start; /* not one item fitted: the heading goes too */
		buf_putc(b, '\n');
		free(items);
	}
	return any;
}

#define FIXED_LISTED_MAX 50

/* What the baseline had failing that this run has not. */
static void fixed_write(struct buf *b, const struct baseline_diff *d)
{
	size_t shown = 0;
	for (size_t i = 0; i < d->nfixed_links && shown < FIXED_LISTED_MAX && b->len + MARKDOWN_ROOM < MARKDOWN_MAX;
	     i++, shown++) {
		buf_append(b, "- ", 2);
		text(b, d->fixed_links[i].path);
		buf_append(b, ": ", 2);
		text(b, d->fixed_links[i].what);
		buf_append(b, " (was ", 6);
		text(b, d->fixed_links[i].detail);
		buf_append(b, ")\n", 2);
	}
	for (size_t i = 0; i < d->nfixed_findings && shown < FIXED_LISTED_MAX && b->len + MARKDOWN_ROOM < MARKDOWN_MAX;
	     i++, shown++) {
		buf_append(b, "- ", 2);
		text(b, d->fixed_findings[i].path);
		buf_append(b, ": ", 2);
		text(b, d->fixed_findings[i].what);
		buf_append(b, ": ", 2);
		text(b, d->fixed_findings[i].detail);
		buf_putc(b, '\n');
	}
	size_t total = d->fixed_links_total + d->fixed_findings_total;
	if (total > shown)
		printf_buf(b, "- and %zu more (see the JSON report)\n", total - shown);
	buf_append(b, total ? "\n" : "Nothing.\n\n", total ? 1 : strlen("Nothing.\n\n"));
}

static void section_heading(struct buf *b, const char *what, const char *path)
{
	printf_buf(b, "## %s ", what);
	text(b, path);
	buf_append(b, "\n\n", 2);
}

int report_markdown_write(const struct report *r, FILE *out)
{
	const struct model *m = r->m;
	const struct summaries *sums = r->s;
	struct buf b;
	buf_init(&b);
	summary_table(&b, &sums->run);
	struct cut cut = {0, 0};
	if (!m->baseline) {
		documents_write(&b, m, sums, ITEMS_ALL, &cut);
	} else { /* what is new first: the part a pull request or an audit is about */
		section_heading(&b, "New since", m->baseline->path);
		if (!documents_write(&b, m, sums, ITEMS_NEW, &cut))
			buf_append(&b, "Nothing.\n\n", strlen("Nothing.\n\n"));
		if (!cut.items) {
			section_heading(&b, "Fixed since", m->baseline->path);
			fixed_write(&b, m->baseline);
			section_heading(&b, "Not new since", m->baseline->path);
		}
		if (!documents_write(&b, m, sums, ITEMS_OLD, &cut) && !cut.items)
			buf_append(&b, "Nothing.\n\n", strlen("Nothing.\n\n"));
	}
	if (cut.items)
		printf_buf(&b, "*%zu more items in %zu document%s are left out to stay under GitHub's %d-character "
			       "limit: see the JSON report.*\n",
			   cut.items, cut.docs, cut.docs == 1 ? "" : "s", MARKDOWN_MAX);
	int rc = fwrite(b.data ? b.data : "", 1, b.len, out) == b.len ? 0 : -1;
	buf_finish(&b);
	return rc == 0 && fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
