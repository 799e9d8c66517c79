/* read_epub.c — an EPUB into the extractor: META-INF/container.xml names the
 * package document, whose spine orders the XHTML chapters; each chapter is
 * read as HTML (notes marked with epub:type, noteref links), with links
 * between chapters kept inside the book. Locations are lines of each
 * chapter, which the references name as their part. */
#include "read/read_epub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/markup_stream.h"
#include "read/read_html.h"
#include "read/zip_archive.h"
#include "read/zip_markup.h"
#include "util/strmap.h"
#include "util/util.h"

#define MAX_CHAPTERS 10000

struct package {
	char *rootfile; /* container.xml: the package document's path */
	struct strmap ids; /* manifest id → index into hrefs */
	char **hrefs;
	size_t nhrefs, hrefs_cap;
	char **spine; /* idrefs in reading order */
	size_t nspine, spine_cap;
};

static void on_container(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t n,
			 unsigned line, unsigned col)
{
	(void)col;
	(void)uri, (void)line;
	struct package *p = u;
	const char *path = markup_attr(at, n, NULL, "full-path");
	if (strcmp(name, "rootfile") == 0 && path && !p->rootfile)
		p->rootfile = xstrdup(path);
}

static void push(char ***v, size_t *n, size_t *cap, const char *s)
{
	grow_array(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static void on_package(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t n,
		       unsigned line, unsigned col)
{
	(void)col;
	(void)uri, (void)line;
	struct package *p = u;
	if (strcmp(name, "item") == 0) {
		const char *id = markup_attr(at, n, NULL, "id"), *href = markup_attr(at, n, NULL, "href");
		if (id && href && p->nhrefs < MAX_CHAPTERS && strmap_put(&p->ids, id, p->nhrefs) == p->nhrefs)
			push(&p->hrefs, &p->nhrefs, &p->hrefs_cap, href);
	} else if (strcmp(name, "itemref") == 0) {
		const char *idref = markup_attr(at, n, NULL, "idref");
		if (idref && p->nspine < MAX_CHAPTERS)
			push(&p->spine, &p->nspine, &p->spine_cap, idref);
	}
}

static void no_end(void *u, const char *uri, const char *name)
{
	(void)u, (void)uri, (void)name;
}

static void no_text(void *u, const char *s, size_t n, unsigned line, unsigned col)
{
	(void)col;
	(void)u, (void)s, (void)n, (void)line;
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* href (relative to the package document, percent-encoded) as a zip entry name. */
static char *entry_name(const char *rootfile, const char *href)
{
	const char *slash = strrchr(rootfile, '/');
	char *joined = xasprintf("%.*s%s", slash ? (int)(slash - rootfile + 1) : 0, rootfile, href);
	char *out = xmalloc(strlen(joined) + 1), *w = out;
	for (const char *s = joined; *s && *s != '#'; s++) {
		if (*s == '%' && hex(s[1]) >= 0 && hex(s[2]) >= 0) {
			*w++ = (char)(hex(s[1]) * 16 + hex(s[2]));
			s += 2;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
	free(joined);
	/* "a/../b" and "./b" as the zip names them */
	char *seg;
	while ((seg = strstr(out, "/../")) != NULL) {
		char *start = seg;
		while (start > out && start[-1] != '/')
			start--;
		memmove(start, seg + 4, strlen(seg + 4) + 1);
	}
	while ((seg = strstr(out, "./")) != NULL && (seg == out || seg[-1] == '/'))
		memmove(seg, seg + 2, strlen(seg + 2) + 1);
	return out;
}

static void package_finish(struct package *p)
{
	free(p->rootfile);
	for (size_t i = 0; i < p->nhrefs; i++)
		free(p->hrefs[i]);
	for (size_t i = 0; i < p->nspine; i++)
		free(p->spine[i]);
	free(p->hrefs);
	free(p->spine);
	strmap_finish(&p->ids);
}

/* A chapter of the spine, once however often the spine names it. One the
 * archive holds before a chapter read earlier is "late": it is inflated into
 * memory on a first forward walk, so that no reading order makes the reader
 * walk the archive again from its start for every chapter. */
struct chapter {
	char *path;
	long place; /* in the archive */
	bool late;
	char *mem; /* a late chapter's bytes */
	size_t len;
};

static int cmp_place(const void *a, const void *b)
{
	const struct chapter *x = *(const struct chapter *const *)a, *y = *(const struct chapter *const *)b;
	return (x->place > y->place) - (x->place < y->place);
}

static int open_part(struct zip_doc *z, const char *path, char *err, size_t errlen)
{
	int found = zip_part_open(z, path);
	if (found <= 0)
		snprintf(err, errlen, found < 0 ? "%s" : "the spine names %s, which the book does not hold",
			 found < 0 ? z->error : path);
	return found > 0 ? 0 : -1;
}

/* The late chapters, in archive order: one forward walk. */
static int inflate_late(struct zip_doc *z, struct chapter *c, size_t n, char *err, size_t errlen)
{
	struct chapter **late = xmalloc((n + 1) * sizeof *late);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].late)
			late[k++] = &c[i];
	qsort(late, k, sizeof *late, cmp_place);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < k; i++) {
		rc = open_part(z, late[i]->path, err, errlen);
		/* the archive's inflation budget caps what all of them hold */
		if (rc == 0 && read_all(zip_part_source, z, ZIP_MAX_INFLATED, &late[i]->mem, &late[i]->len) < 0) {
			snprintf(err, errlen, "%s", z->error);
			rc = -1;
		}
		zip_part_close(z);
	}
	free(late);
	return rc;
}

static int read_chapter(struct extractor *x, struct model *m, struct zip_doc *z, struct chapter *c,
			unsigned *lines, char *err, size_t errlen)
{
	struct mem_source mem = {c->mem, c->len, 0};
	if (!c->late && open_part(z, c->path, err, errlen) < 0)
		return -1;
	extractor_set_part(x, model_part(m, c->path), true);
	struct html_source src = {.what = c->path, .in_book = true};
	struct html_tally t = {0};
	z->error[0] = '\0';
	int rc = c->late ? read_html(x, &src, mem_source_read, &mem, &t, err, errlen)
			 : read_html(x, &src, zip_part_source, z, &t, err, errlen);
	if (rc < 0 && z->error[0])
		snprintf(err, errlen, "%s", z->error);
	zip_part_close(z);
	*lines += t.lines;
	return rc;
}

/* The spine's chapters, each once, in reading order, told late or not. */
static size_t plan_chapters(const struct package *p, const struct zip_doc *z, struct chapter *c)
{
	struct strmap seen;
	strmap_init(&seen);
	size_t n = 0;
	long furthest = -1;
	for (size_t i = 0; i < p->nspine; i++) {
		size_t k;
		if (!strmap_get(&p->ids, p->spine[i], &k))
			continue; /* a spine entry the manifest lacks: nothing to read */
		char *path = entry_name(p->rootfile, p->hrefs[k]);
		if (strmap_get(&seen, path, &k)) {
			free(path);
			continue;
		}
		strmap_put(&seen, path, n);
		long place = zip_part_place(z, path);
		c[n] = (struct chapter){path, place, place >= 0 && place < furthest, NULL, 0};
		if (place > furthest)
			furthest = place;
		n++;
	}
	strmap_finish(&seen);
	return n;
}

int read_epub(struct extractor *x, struct model *m, struct zip_doc *z, unsigned *lines, char *err, size_t errlen)
{
	struct package p = {0};
	strmap_init(&p.ids);
	static const struct markup_events container = {on_container, no_end, no_text, NULL};
	static const struct markup_events package = {on_package, no_end, no_text, NULL};
	int rc = zip_markup_parse_small(z, "META-INF/container.xml", &container, &p, err, errlen);
	if (rc == 0 || (rc > 0 && !p.rootfile)) {
		snprintf(err, errlen, "the book has no package document (META-INF/container.xml names none)");
		rc = -1;
	}
	if (rc > 0 && (rc = zip_markup_parse_small(z, p.rootfile, &package, &p, err, errlen)) == 0) {
		snprintf(err, errlen, "the package document %s named by container.xml is missing", p.rootfile);
		rc = -1;
	}
	*lines = 0;
	struct chapter *c = xmalloc((p.nspine + 1) * sizeof *c);
	size_t n = rc > 0 ? plan_chapters(&p, z, c) : 0;
	if (rc > 0 && inflate_late(z, c, n, err, errlen) < 0)
		rc = -1;
	for (size_t i = 0; rc > 0 && i < n; i++)
		if (read_chapter(x, m, z, &c[i], lines, err, errlen) < 0)
			rc = -1;
	for (size_t i = 0; i < n; i++) {
		free(c[i].path);
		free(c[i].mem);
	}
	free(c);
	package_finish(&p);
	return rc < 0 ? -1 : 0;
}
