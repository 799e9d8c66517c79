#include "read/pdf_furniture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/util.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether line l is a bare page number. */
static bool page_number(const struct pdf_line *l)
{
	size_t i = 0;
	while (i < l->len && l->text[i] == ' ')
		i++;
	size_t d = i;
	while (d < l->len && is_digit(l->text[d]))
		d++;
	size_t e = d;
	while (e < l->len && l->text[e] == ' ')
		e++;
	return d > i && d - i <= 4 && e == l->len;
}

/* The page's highest (k 0) and lowest (k 1) baselines, or -1. */
static void edges_of(const struct pdf_page *p, const bool *gone, double edge[2])
{
	edge[0] = edge[1] = -1;
	for (size_t i = 0; i < p->nlines; i++) {
		if (gone[i])
			continue;
		if (edge[0] < 0 || p->lines[i].top < edge[0])
			edge[0] = p->lines[i].top;
		if (edge[1] < 0 || p->lines[i].top > edge[1])
			edge[1] = p->lines[i].top;
	}
	if (edge[0] == edge[1]) /* one baseline: the page's only text */
		edge[0] = edge[1] = -1;
}

/* A running line's key: its height and text, a page number at its start or
 * end (a word of 1-4 digits) left out. */
static char *running_key(const struct pdf_line *l)
{
	size_t a = 0, b = l->len, d = 0;
	while (d < b && is_digit(l->text[d]))
		d++;
	if (d && d <= 4 && (d == b || l->text[d] == ' '))
		a = d;
	d = b;
	while (d > a && is_digit(l->text[d - 1]))
		d--;
	if (b - d && b - d <= 4 && (d == a || l->text[d - 1] == ' '))
		b = d;
	return xasprintf("%ld|%.*s", (long)(l->top + 0.5), (int)(b - a), l->text + a);
}

/* Whether a line says something a header would: a bullet or a rule a list
 * repeats at a page's top is not one. */
static bool worded(const struct pdf_line *l)
{
	size_t letters = 0;
	for (size_t i = 0; i < l->len; i++)
		letters += isalnum_ascii((unsigned char)l->text[i]) || (unsigned char)l->text[i] >= 0x80;
	return letters >= 4;
}

/* The key of each line at a page's edges is counted (count 0), then each
 * edge whose line is a page number or a key seen often enough is dropped. */
static void edge_lines(const struct pdf_page *p, bool *gone, struct strmap *seen, size_t **counts, size_t *ncounts,
		       size_t *cap, bool count)
{
	double edge[2];
	edges_of(p, gone, edge);
	for (int k = 0; k < 2 && edge[k] >= 0; k++) {
		bool furniture = false;
		for (size_t i = 0; i < p->nlines; i++) {
			if (gone[i] || fabs(p->lines[i].top - edge[k]) >= 1)
				continue;
			char *key = running_key(&p->lines[i]);
			size_t at;
			if (count) {
				at = strmap_put(seen, key, *ncounts);
				if (at == *ncounts) {
					grow_array(counts, cap, *ncounts + 1, sizeof **counts);
					(*counts)[(*ncounts)++] = 0;
				}
				(*counts)[at]++;
			} else {
				furniture = furniture || page_number(&p->lines[i]) ||
					    (worded(&p->lines[i]) && strmap_get(seen, key, &at) &&
					     (*counts)[at] >= RUNNING_PAGES);
			}
			free(key);
		}
		for (size_t i = 0; furniture && i < p->nlines; i++)
			if (fabs(p->lines[i].top - edge[k]) < 1)
				gone[i] = true;
	}
}

void pdf_drop_furniture(const struct pdf_page *pages, size_t npages, bool **gone)
{
	struct strmap seen;
	strmap_init(&seen);
	size_t *counts = NULL, ncounts = 0, cap = 0;
	for (size_t pi = 0; pi < npages; pi++)
		edge_lines(&pages[pi], gone[pi], &seen, &counts, &ncounts, &cap, true);
	for (size_t pi = 0; pi < npages; pi++)
		edge_lines(&pages[pi], gone[pi], &seen, &counts, &ncounts, &cap, false);
	free(counts);
	strmap_finish(&seen);
}
