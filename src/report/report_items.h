/* report_items.h — what the report formats list for a document, in the
 * order of its pages: each finding, and each failing link (dead, blocked,
 * unverified) that has no finding of its own, so that a dead link
 * with its "dead-archived" suggestion is reported once. */
#ifndef CITECHECK_REPORT_ITEMS_H
#define CITECHECK_REPORT_ITEMS_H

#include <stddef.h>

#include "model/model.h"

struct report_item {
	const struct problem *p;        /* a finding; NULL: a failing link */
	const struct link *l;           /* the link it is about; NULL for a reference's or document's */
	const struct reference *ref;    /* NULL for a document's own finding */
	const struct live_result *live; /* the link's live answer, when there is a link */
	const char *nearest;            /* a missing local file or fragment: the nearest there is */
	unsigned line, column;
	size_t order; /* as made: ties in place keep it */
};

/* The items of document doc; *out gets an array the caller frees. */
size_t report_items(const struct model *m, size_t doc, struct report_item **out);

/* With --baseline, reports open with what is new, then the rest: the part
 * of the items a pass keeps. */
enum item_part { ITEMS_ALL, ITEMS_NEW, ITEMS_OLD };

/* Whether an item marked mark belongs to part. */
bool report_part_holds(enum item_part part, enum baseline_mark mark);
/* The baseline mark of an item: its finding's, or its failing link's. */
enum baseline_mark report_item_mark(const struct report_item *it);
/* Keeps the items of v[0..n) that part holds, in order; returns how many. */
size_t report_items_keep(struct report_item *v, size_t n, enum item_part part);

/* A failing verdict: dead, blocked or error. */
bool report_failing(enum live_verdict v);

/* The rule a failing link's item is filed under: "link-dead", … */
const char *report_link_rule(enum live_verdict v);

/* Where a person finds a place of document d as they see the document,
 * when lines of the file are not what they see: "footnote 41, paragraph 2"
 * in a word processor's document, "line 12 of OEBPS/ch3.xhtml" in an
 * EPUB. NULL when file:line:column says it (text, Markdown, HTML). Caller
 * frees. */
char *report_where(const struct document *d, const struct reference *ref, unsigned line);

/* What a person reads of an item: the finding's message, or for a failing
 * link "dead link: URL (http-404)". Caller frees. */
char *report_item_message(const struct report_item *it);

/* What the cache's history says of a dead page, for a message:
 * "; failing since 2026-09-01, 3 checks, confirmed", or "" when it knows
 * nothing. */
void report_failing_since(const struct live_result *r, char *out, size_t outlen);

#endif
