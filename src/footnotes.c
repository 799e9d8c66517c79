#include "footnotes.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void footnotes_init(struct footnotes *f)
{
	memset(f, 0, sizeof *f);
	strmap_init(&f->index);
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

static struct footnote *lookup(struct footnotes *f, bool caret, const char *label, size_t len, size_t *idx)
{
	char *key = xasprintf("%s%.*s", caret ? "^" : "", (int)len, label);
	size_t i;
	if (!strmap_get(&f->index, key, &i)) {
		grow_array(&f->v, &f->cap, f->n + 1, sizeof *f->v);
		i = f->n++;
		memset(&f->v[i], 0, sizeof f->v[i]);
		f->v[i].label = xstrndup(label, len);
		f->v[i].caret = caret;
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

void footnotes_cite(struct footnotes *f, bool caret, const char *label, size_t len, unsigned line,
		    unsigned column)
{
	size_t idx;
	struct footnote *fn = lookup(f, caret, label, len, &idx);
	if (fn->cites++ == 0) {
		fn->cite_line = line;
		fn->cite_column = column;
		if (fn->number >= 0)
			push_order(&f->cite_order, &f->ncite_order, &f->cite_order_cap, idx);
	}
}

void footnotes_define(struct footnotes *f, bool caret, const char *label, size_t len, unsigned line,
		      unsigned column)
{
	size_t idx;
	struct footnote *fn = lookup(f, caret, label, len, &idx);
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
			bool caret, struct problem_list *out)
{
	long max = -1;
	const struct footnote *first = NULL;
	long first_after = 0;
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		const struct footnote *fn = &f->v[order[i]];
		if (fn->caret != caret)
			continue;
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
		     xasprintf("footnote %s is first %s after footnote %ld%s", first->label, verb,
			       first_after, more),
		     NULL);
	free(more);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* A number between 1 and the highest one used that is neither cited nor defined. */
static void check_gaps(const struct footnotes *f, bool caret, struct problem_list *out)
{
	long *nums = xmalloc((f->n + 1) * sizeof *nums);
	size_t k = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].number >= 0 && f->v[i].caret == caret)
			nums[k++] = f->v[i].number;
	qsort(nums, k, sizeof *nums, cmp_long);
	long prev = 0;
	for (size_t i = 0; i < k; i++) {
		if (nums[i] > prev + 1) {
			if (nums[i] == prev + 2)
				problems_add(out, PROB_FOOTNOTE_GAP, 0, 0,
					     xasprintf("footnote %ld is missing: numbering jumps from %ld to %ld",
						       prev + 1, prev, nums[i]),
					     NULL);
			else
				problems_add(out, PROB_FOOTNOTE_GAP, 0, 0,
					     xasprintf("footnotes %ld to %ld are missing: numbering jumps from %ld to %ld",
						       prev + 1, nums[i] - 1, prev, nums[i]),
					     NULL);
		}
		prev = nums[i];
	}
	free(nums);
}

static bool any_cited(const struct footnotes *f, bool caret)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].cites && f->v[i].caret == caret)
			return true;
	return false;
}

static bool any_defined(const struct footnotes *f, bool caret)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].defs && f->v[i].caret == caret)
			return true;
	return false;
}

/* Markers of a kind with no definition of that kind anywhere: either the
 * notes are missing or they are in a shape citecheck does not read, and
 * "[1]" may be no note at all. One finding says so, not one error each. */
static void report_missing(const struct footnotes *f, bool caret, struct problem_list *out)
{
	size_t n = 0;
	const struct footnote *first = NULL;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].cites && f->v[i].caret == caret && n++ == 0)
			first = &f->v[i];
	if (!first)
		return;
	problems_add(out, PROB_FOOTNOTES_MISSING, first->cite_line, first->cite_column,
		     xasprintf("%zu footnote%s cited (first: %s%s) but no footnote definitions were found: "
			       "is the notes section missing, or written in a way citecheck does not read?",
			       n, n == 1 ? " is" : "s are", caret ? "^" : "", first->label),
		     NULL);
}

void footnotes_check(const struct footnotes *f, struct problem_list *out)
{
	/* Where no note of a kind is cited in a way we can see, the document cites
	 * otherwise (or is a bare reference list): calling every definition
	 * uncited would be noise. */
	bool cited[2] = {any_cited(f, false), any_cited(f, true)};
	bool defined[2] = {any_defined(f, false), any_defined(f, true)};
	for (int caret = 0; caret < 2; caret++)
		if (cited[caret] && !defined[caret])
			report_missing(f, caret, out);
	for (size_t i = 0; i < f->n; i++) {
		const struct footnote *fn = &f->v[i];
		if (fn->cites && !fn->defs && defined[fn->caret])
			problems_add(out, PROB_FOOTNOTE_UNDEFINED, fn->cite_line, fn->cite_column,
				     xasprintf("footnote %s is cited but never defined", fn->label), NULL);
		if (cited[fn->caret] && fn->defs && !fn->cites)
			problems_add(out, PROB_FOOTNOTE_UNCITED, fn->def_line, fn->def_column,
				     xasprintf("footnote %s is defined but never cited", fn->label), NULL);
		if (fn->defs > 1)
			problems_add(out, PROB_FOOTNOTE_DUPLICATE, fn->def_line, fn->def_column,
				     xasprintf("footnote %s is defined %u times", fn->label, fn->defs),
				     NULL);
	}
	for (int caret = 0; caret < 2; caret++) {
		if (!defined[caret])
			continue; /* said once above, or nothing to compare */
		check_gaps(f, caret, out);
		check_order(f, f->cite_order, f->ncite_order, true, caret, out);
		check_order(f, f->def_order, f->ndef_order, false, caret, out);
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
