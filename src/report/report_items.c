#include "report/report_items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare/cited_snapshot.h"
#include "util/util.h"

bool report_failing(enum live_verdict v)
{
	return v == LIVE_DEAD || v == LIVE_BLOCKED || v == LIVE_ERROR;
}

const char *report_link_rule(enum live_verdict v)
{
	switch (v) {
	case LIVE_DEAD:
		return "link-dead";
	case LIVE_BLOCKED:
		return "link-blocked";
	default:
		return "link-unverified";
	}
}

bool report_part_holds(enum item_part part, enum baseline_mark mark)
{
	return part == ITEMS_ALL || (part == ITEMS_NEW) == (mark == MARK_NEW);
}

enum baseline_mark report_item_mark(const struct report_item *it)
{
	return it->p ? it->p->mark : it->l ? it->l->mark : MARK_NONE;
}

size_t report_items_keep(struct report_item *v, size_t n, enum item_part part)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (report_part_holds(part, report_item_mark(&v[i])))
			v[kept++] = v[i];
	return kept;
}

struct items {
	struct report_item *v;
	size_t n, cap;
};

static void add(struct items *x, struct report_item it)
{
	grow_array(&x->v, &x->cap, x->n + 1, sizeof *x->v);
	it.order = x->n;
	x->v[x->n++] = it;
}

static void add_findings(struct items *x, const struct problem_list *l, const struct reference *ref,
			 const struct link *link, const struct live_result *live)
{
	for (size_t i = 0; i < problems_len(l); i++) {
		const struct problem *p = &problems_at(l)[i];
		unsigned line = p->line ? p->line : link ? link->line : ref ? ref->line : 0;
		unsigned column = p->line ? p->column : link ? link->column : 0;
		add(x, (struct report_item){p, link, ref, live, NULL, line, column, 0});
	}
}

static int by_place(const void *a, const void *b)
{
	const struct report_item *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

size_t report_items(const struct model *m, size_t doc, struct report_item **out)
{
	struct items x = {NULL, 0, 0};
	const struct document *d = &m->docs[doc];
	add_findings(&x, &d->problems, NULL, NULL, NULL);
	for (size_t r = d->first_ref; r < d->first_ref + d->nrefs; r++) {
		const struct reference *ref = &m->refs[r];
		add_findings(&x, &ref->problems, ref, NULL, NULL);
		for (size_t k = 0; k < ref->nlinks; k++) {
			const struct link *l = &ref->links[k];
			const struct live_result *live = target_live(&m->targets[l->target]);
			add_findings(&x, &l->problems, ref, l, live);
			if (report_failing(live->verdict) && !problems_len(&l->problems) && !l->ignored && !cited_snapshot_covers(m, l))
				add(&x, (struct report_item){NULL, l, ref, live, m->targets[l->target].nearest, l->line,
							     l->column, 0});
		}
	}
	if (x.n)
		qsort(x.v, x.n, sizeof *x.v, by_place);
	*out = x.v;
	return x.n;
}

char *report_item_message(const struct report_item *it)
{
	if (it->p)
		return xstrdup(it->p->message);
	const char *what = it->live->verdict == LIVE_DEAD    ? "dead link"
			   : it->live->verdict == LIVE_BLOCKED ? "blocked link (the site refused the check)"
							       : "unverified link (could not be checked now)";
	char since[80];
	report_failing_since(it->live, since, sizeof since);
	return xasprintf("%s: %s (%s%s%s%s%s)", what, it->l->url, it->live->reason ? it->live->reason : "-", since,
			 it->nearest ? "; did you mean " : "", it->nearest ? it->nearest : "", it->nearest ? "?" : "");
}

void report_failing_since(const struct live_result *r, char *out, size_t outlen)
{
	*out = '\0';
	if (r->verdict != LIVE_DEAD || !r->first_failed || !r->failures)
		return;
	time_t t = (time_t)r->first_failed;
	struct tm tm;
	char day[16];
	if (!gmtime_r(&t, &tm) || !strftime(day, sizeof day, "%Y-%m-%d", &tm))
		return;
	snprintf(out, outlen, "; failing since %s, %u check%s, %s", day, r->failures, r->failures == 1 ? "" : "s",
		 r->confirmed ? "confirmed" : "not yet confirmed");
}

char *report_where(const struct document *d, const struct reference *ref, unsigned line)
{
	bool by_line = !strcmp(d->info.unit, "line");
	if (by_line && !(ref && ref->part))
		return NULL;
	struct buf b;
	buf_init(&b);
	if (ref && ref->details->footnote) {
		const char *kind = ref->endnote ? "endnote " : "footnote ";
		buf_append(&b, kind, strlen(kind));
		buf_append(&b, ref->details->footnote, strlen(ref->details->footnote));
	}
	if (line) {
		char *at = xasprintf("%s%s %u", b.len ? ", " : "", d->info.unit, line);
		buf_append(&b, at, strlen(at));
		free(at);
	}
	if (ref && ref->part && by_line) { /* an EPUB chapter: lines count within it */
		buf_append(&b, " of ", 4);
		buf_append(&b, ref->part, strlen(ref->part));
	}
	buf_putc(&b, '\0');
	if (b.len == 1) {
		buf_finish(&b);
		return NULL;
	}
	return buf_steal(&b);
}
