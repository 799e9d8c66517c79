/* footnotes.h — bookkeeping of footnote markers in the body and footnote
 * definitions, and the checks that compare them (undefined, never cited,
 * defined twice, numbering gaps, out of order). Memory follows the number of
 * distinct labels, not the number of markers. */
#ifndef CITECHECK_FOOTNOTES_H
#define CITECHECK_FOOTNOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/problem.h"
#include "util/strmap.h"

/* Labels that can never refer to one another: "<sup>1</sup>", "[1]" and "1."
 * share NOTES_MARKED; "[^1]" is NOTES_CARET; a word processor's endnotes are
 * numbered apart from its footnotes. */
/* NOTES_KEY: pandoc's citation keys, cited "[@key]" and defined "[@key]: url".
 * NOTES_XREF: AsciiDoc's bibliography keys, defined "[[[key]]]" and cited
 * "<<key>>" — which also points at sections, so a cite of no entry is none. */
enum note_space { NOTES_MARKED, NOTES_CARET, NOTES_END, NOTES_KEY, NOTES_XREF, NOTE_SPACES };

struct footnote {
	char *label;
	enum note_space space;
	const char *scope;                 /* the part whose notes these are (EPUB chapters); borrowed */
	long number;                       /* -1 when the label is not a number */
	unsigned cites, cite_line, cite_column; /* count and first citation */
	unsigned defs, def_line, def_column;    /* count and first definition */
};

struct footnotes {
	/* Notes numbered anew in each part of a document (an EPUB's chapters)
	 * are kept apart by scope: the part's name, borrowed; NULL: one scope. */
	const char *scope;
	long first; /* the number notes start from: 1, or a word processor's setting */
	struct footnote *v;
	size_t n, cap;
	struct strmap index;
	/* numbered labels in the order first cited / first defined, for the order check */
	size_t *cite_order, ncite_order, cite_order_cap;
	size_t *def_order, ndef_order, def_order_cap;
};

void footnotes_init(struct footnotes *f);
void footnotes_finish(struct footnotes *f);
void footnotes_cite(struct footnotes *f, enum note_space space, const char *label, size_t len, unsigned line,
		    unsigned column);
void footnotes_define(struct footnotes *f, enum note_space space, const char *label, size_t len, unsigned line,
		      unsigned column);
/* Appends the findings to out. */
void footnotes_check(const struct footnotes *f, struct problem_list *out);
size_t footnotes_count_cited(const struct footnotes *f);
size_t footnotes_count_defined(const struct footnotes *f);

#endif
