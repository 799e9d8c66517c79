#include "model/footnotes.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void footnotes_init(struct footnotes *f)
{
	memset(f, 0, sizeof *f);
	strmap_init(&f->index);
	f->first = 1;
}

void footnotes_finish(struct footnotes *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].label);
	free(f->v);
	free(f->cite_order);
	free(f->def_order);
	strmap_finish(&f->index);
}

static long label_number(const char *s)
{
	if (!*s || strlen(s) > 9)
		return -1;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* Keys keep the spaces apart in one map; the shown prefix is how the reader
 * of the document writes the label. */
static const char *const key_prefix[NOTE_SPACES] = {"", "^", "\x1e", "@", "<<"};
static const char *const shown_prefix[NOTE_SPACES] = {"", "^", "", "@", ""};
static const char *const note_word[NOTE_SPACES] = {"footnote", "footnote", "endnote", "citation", "bibliography entry"};

static struct footnote *lookup(struct footnotes *f, enum note_space space, const char *label, size_t len, size_t *idx)
{
	char *key = xasprintf("%s\x1f%s%.*s", f->scope ? f->scope : "", key_prefix[space], (int)len, label);
	size_t i;
	if (!strmap_get(&f->index, key, &i)) {
		grow_array(&f->v, &f->cap, f->n + 1, sizeof *f->v);
		i = f->n++;
		memset(&f->v[i], 0, sizeof f->v[i]);
		f->v[i].label = xstrndup(label, len);
		f->v[i].space = space;
		f->v[i].scope = f->scope;
		f->v[i].number = label_number(f->v[i].label);
		strmap_put(&f->index, key, i);
	}
	free(key);
	*idx = i;
	return &f->v[i];
}

static void push_order(size_t **v, size_t *n, size_t *cap, size_t idx)
{
	grow_array(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = idx;
}

void footnotes_cite(struct footnotes *f, enum note_space space, const char *label, size_t len, unsigned line,
		    unsigned column)
{
	size_t idx;
	struct footnote *fn = lookup(f, space, label, len, &idx);
	if (fn->cites++ == 0) {
		fn->cite_line = line;
		fn->cite_column = column;
		if (fn->number >= 0)
			push_order(&f->cite_order, &f->ncite_order, &f->cite_order_cap, idx);
	}
}

void footnotes_define(struct footnotes *f, enum note_space space, const char *label, size_t len, unsigned line,
		      unsigned column)
{
	size_t idx;
	struct footnote *fn = lookup(f, space, label, len, &idx);
	if (fn->defs++ == 0) {
		fn->def_line = line;
		fn->def_column = column;
		if (fn->number >= 0)
			push_order(&f->def_order, &f->ndef_order, &f->def_order_cap, idx);
	}
}

/* Numbered notes should first appear in increasing order. A list that does
 * not (PEPs cite [28] before [4]) gets one finding, not one per note. */
static void check_order(const struct footnotes *f, const size_t *order, size_t n, bool cited,
			enum note_space space, struct problem_list *out)
{
	long max = -1;
	const struct footnote *first = NULL;
	long first_after = 0;
	size_t count = 0;
	const char *scope = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct footnote *fn = &f->v[order[i]];
		if (fn->space != space)
			continue;
		if (fn->scope != scope) { /* numbering starts again in each part */
			scope = fn->scope;
			max = -1;
		}
		if (fn->number >= max) {
			max = fn->number;
			continue;
		}
		if (count++ == 0) {
			first = fn;
			first_after = max;
		}
	}
	if (!first)
		return;
	const char *verb = cited ? "cited" : "defined";
	char *more = count > 1 ? xasprintf(" (%zu notes in all are first %s out of order)", count, verb)
			       : xstrdup("");
	problems_add(out, PROB_FOOTNOTE_ORDER, cited ? first->cite_line : first->def_line,
		     cited ? first->cite_column : first->def_column,
		     xasprintf("%s %s is first %s after %s %ld%s", note_word[space], first->label, verb,
			       note_word[space], first_after, more),
		     NULL);
	free(more);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* A number between 1 and the highest one used that is neither cited nor defined. */
static void check_gaps_in(const struct footnotes *f, enum note_space space, const char *scope,
			  struct problem_list *out)
{
	long *nums = xmalloc((f->n + 1) * sizeof *nums);
	size_t k = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].number >= 0 && f->v[i].space == space && f->v[i].scope == scope)
			nums[k++] = f->v[i].number;
	qsort(nums, k, sizeof *nums, cmp_long);
	const char *in = scope ? " in " : "", *where = scope ? scope : "";
	long prev = f->first - 1;
	for (size_t i = 0; i < k; i++) {
		if (nums[i] > prev + 1) {
			if (nums[i] == prev + 2)
				problems_add(out, PROB_FOOTNOTE_GAP, 0, 0,
					     xasprintf("%s %ld is missing%s%s: numbering jumps from %ld to %ld",
						       note_word[space], prev + 1, in, where, prev, nums[i]),
					     NULL);
			else
				problems_add(out, PROB_FOOTNOTE_GAP, 0, 0,
					     xasprintf("%ss %ld to %ld are missing%s%s: numbering jumps from %ld to %ld",
						       note_word[space], prev + 1, nums[i] - 1, in, where, prev, nums[i]),
					     NULL);
		}
		prev = nums[i];
	}
	free(nums);
}

/* Each part numbers its own notes: gaps are looked for part by part. */
static void check_gaps(const struct footnotes *f, enum note_space space, struct problem_list *out)
{
	for (size_t i = 0; i < f->n; i++) {
		bool first = true;
		for (size_t j = 0; j < i && first; j++)
			first = f->v[j].scope != f->v[i].scope;
		if (first)
			check_gaps_in(f, space, f->v[i].scope, out);
	}
}

static bool any_cited(const struct footnotes *f, enum note_space space)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].cites && f->v[i].space == space)
			return true;
	return false;
}

static bool any_defined(const struct footnotes *f, enum note_space space)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].defs && f->v[i].space == space)
			return true;
	return false;
}

/* Markers of a kind with no definition of that kind anywhere: either the
 * notes are missing or they are in a shape citecheck does not read, and
 * "[1]" may be no note at all. One finding says so, not one error each. */
static void report_missing(const struct footnotes *f, enum note_space space, struct problem_list *out)
{
	size_t n = 0;
	const struct footnote *first = NULL;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].cites && f->v[i].space == space && n++ == 0)
			first = &f->v[i];
	if (!first)
		return;
	problems_add(out, PROB_FOOTNOTES_MISSING, first->cite_line, first->cite_column,
		     xasprintf("%zu footnote%s cited (first: %s%s) but no footnote definitions were found: "
			       "is the notes section missing, or written in a way citecheck does not read?",
			       n, n == 1 ? " is" : "s are", shown_prefix[space], first->label),
		     NULL);
}

/* "citation @key": how pandoc's reader writes it; notes keep their number alone */
static const char *key_mark(const struct footnote *fn)
{
	return fn->space == NOTES_KEY ? "@" : "";
}

void footnotes_check(const struct footnotes *f, struct problem_list *out)
{
	/* Where no note of a kind is cited in a way we can see, the document cites
	 * otherwise (or is a bare reference list): calling every definition
	 * uncited would be noise. */
	bool cited[NOTE_SPACES], defined[NOTE_SPACES];
	for (int sp = 0; sp < NOTE_SPACES; sp++) {
		cited[sp] = any_cited(f, (enum note_space)sp);
		defined[sp] = any_defined(f, (enum note_space)sp);
		/* pandoc's keys are mostly defined in a bibliography file */
		if (cited[sp] && !defined[sp] && sp != NOTES_KEY && sp != NOTES_XREF)
			report_missing(f, (enum note_space)sp, out);
	}
	for (size_t i = 0; i < f->n; i++) {
		const struct footnote *fn = &f->v[i];
		if (fn->cites && !fn->defs && defined[fn->space] && fn->space != NOTES_XREF)
			problems_add(out, PROB_FOOTNOTE_UNDEFINED, fn->cite_line, fn->cite_column,
				     xasprintf("%s %s%s%s%s is cited but never defined", note_word[fn->space], key_mark(fn), fn->label,
					       fn->scope ? " in " : "", fn->scope ? fn->scope : ""), NULL);
		if (cited[fn->space] && fn->defs && !fn->cites)
			problems_add(out, PROB_FOOTNOTE_UNCITED, fn->def_line, fn->def_column,
				     xasprintf("%s %s%s%s%s is defined but never cited", note_word[fn->space], key_mark(fn), fn->label,
					       fn->scope ? " in " : "", fn->scope ? fn->scope : ""), NULL);
		if (fn->defs > 1)
			problems_add(out, PROB_FOOTNOTE_DUPLICATE, fn->def_line, fn->def_column,
				     xasprintf("%s %s%s%s%s is defined %u times", note_word[fn->space], key_mark(fn), fn->label,
					       fn->scope ? " in " : "", fn->scope ? fn->scope : "", fn->defs),
				     NULL);
	}
	for (int sp = 0; sp < NOTE_SPACES; sp++) {
		if (!defined[sp])
			continue; /* said once above, or nothing to compare */
		check_gaps(f, (enum note_space)sp, out);
		check_order(f, f->cite_order, f->ncite_order, true, (enum note_space)sp, out);
		check_order(f, f->def_order, f->ndef_order, false, (enum note_space)sp, out);
	}
}

size_t footnotes_count_cited(const struct footnotes *f)
{
	size_t c = 0;
	for (size_t i = 0; i < f->n; i++)
		c += f->v[i].cites > 0;
	return c;
}

size_t footnotes_count_defined(const struct footnotes *f)
{
	size_t c = 0;
	for (size_t i = 0; i < f->n; i++)
		c += f->v[i].defs > 0;
	return c;
}
