/* read_epub.c — an EPUB into the extractor: META-INF/container.xml names the
 * package document, whose spine orders the XHTML chapters; each chapter is
 * read as HTML (notes marked with epub:type, noteref links), with links
 * between chapters kept inside the book. Locations are lines of each
 * chapter, which the references name as their part. */
#include "read_epub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_html.h"
#include "strmap.h"
#include "util.h"
#include "zip_markup.h"

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
			 unsigned line)
{
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
		       unsigned line)
{
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

static void no_text(void *u, const char *s, size_t n, unsigned line)
{
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

static int read_chapter(struct extractor *x, struct model *m, struct zip_doc *z, const char *path,
			unsigned *lines, char *err, size_t errlen)
{
	int found = zip_part_open(z, path);
	if (found <= 0) {
		snprintf(err, errlen, found < 0 ? "%s" : "the spine names %s, which the book does not hold",
			 found < 0 ? z->error : path);
		return -1;
	}
	extractor_set_part(x, model_part(m, path), true);
	struct html_source src = {path, NULL, true};
	struct html_tally t = {0};
	z->error[0] = '\0';
	int rc = read_html(x, &src, zip_part_source, z, &t, err, errlen);
	if (rc < 0 && z->error[0])
		snprintf(err, errlen, "%s", z->error);
	zip_part_close(z);
	*lines += t.lines;
	return rc;
}

int read_epub(struct extractor *x, struct model *m, struct zip_doc *z, unsigned *lines, char *err, size_t errlen)
{
	struct package p = {0};
	strmap_init(&p.ids);
	static const struct markup_events container = {on_container, no_end, no_text};
	static const struct markup_events package = {on_package, no_end, no_text};
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
	for (size_t i = 0; rc > 0 && i < p.nspine; i++) {
		size_t k;
		if (!strmap_get(&p.ids, p.spine[i], &k))
			continue; /* a spine entry the manifest lacks: nothing to read */
		char *path = entry_name(p.rootfile, p.hrefs[k]);
		if (read_chapter(x, m, z, path, lines, err, errlen) < 0)
			rc = -1;
		free(path);
	}
	package_finish(&p);
	return rc < 0 ? -1 : 0;
}
