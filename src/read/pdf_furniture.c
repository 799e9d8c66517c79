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

/* How many pages each edge line's key stands on. */
struct running {
	struct strmap seen; /* key -> index into count */
	size_t *count, n, cap;
};

static void running_add(struct running *r, const struct pdf_line *l)
{
	char *key = running_key(l);
	size_t at = strmap_put(&r->seen, key, r->n);
	free(key);
	if (at == r->n) {
		grow_array(&r->count, &r->cap, r->n + 1, sizeof *r->count);
		r->count[r->n++] = 0;
	}
	r->count[at]++;
}

static size_t running_pages(const struct running *r, const struct pdf_line *l)
{
	char *key = running_key(l);
	size_t at;
	bool found = strmap_get(&r->seen, key, &at);
	free(key);
	return found ? r->count[at] : 0;
}

static bool at_edge(const struct pdf_line *l, double edge)
{
	return fabs(l->top - edge) < 1;
}

static void count_edges(const struct pdf_page *p, const bool *gone, struct running *r)
{
	double edge[2];
	edges_of(p, gone, edge);
	for (int k = 0; k < 2 && edge[k] >= 0; k++)
		for (size_t i = 0; i < p->nlines; i++)
			if (!gone[i] && at_edge(&p->lines[i], edge[k]))
				running_add(r, &p->lines[i]);
}

/* Each edge of the page whose lines hold a page number, or a running line
 * seen often enough, is dropped whole. */
static void drop_edges(const struct pdf_page *p, bool *gone, const struct running *r)
{
	double edge[2];
	edges_of(p, gone, edge);
	for (int k = 0; k < 2 && edge[k] >= 0; k++) {
		bool furniture = false;
		for (size_t i = 0; i < p->nlines && !furniture; i++) {
			const struct pdf_line *l = &p->lines[i];
			furniture = !gone[i] && at_edge(l, edge[k]) &&
				    (page_number(l) || (worded(l) && running_pages(r, l) >= RUNNING_PAGES));
		}
		for (size_t i = 0; furniture && i < p->nlines; i++)
			if (at_edge(&p->lines[i], edge[k]))
				gone[i] = true;
	}
}

void pdf_drop_furniture(const struct pdf_page *pages, size_t npages, bool **gone)
{
	struct running r = {.count = NULL};
	strmap_init(&r.seen);
	for (size_t pi = 0; pi < npages; pi++)
		count_edges(&pages[pi], gone[pi], &r);
	for (size_t pi = 0; pi < npages; pi++)
		drop_edges(&pages[pi], gone[pi], &r);
	free(r.count);
	strmap_finish(&r.seen);
}
