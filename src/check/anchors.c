#include "check/anchors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/checks.h"
#include "check/site_rules.h"
#include "read/doc_input.h"
#include "read/html_ids.h"
#include "read/md_tree.h"
#include "util/unicode.h"
#include "util/util.h"

#define ANCHOR_HTML_MAX ((size_t)64 << 20) /* a local page read whole for its ids */

/* A file's names, kept until every link is checked: sorted and packed in
 * one block (a docs tree keeps 38,000 files of six names or so; a map of
 * its own for each was 400 bytes a file, this is about 100). */
struct anchor_file {
	bool readable;
	uint32_t n;   /* names */
	uint32_t *at; /* each name's offset in the text after them, in strcmp order; owned */
};

static const char *name_at(const struct anchor_file *f, uint32_t i)
{
	return (const char *)(f->at + f->n) + f->at[i];
}

static void gather(const char *key, size_t value, void *arg)
{
	(void)value;
	const char ***out = arg;
	*(*out)++ = key;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names made into f's block; names stays the caller's. */
static void pack_names(struct anchor_file *f, const struct strmap *names)
{
	f->n = (uint32_t)names->count; /* at most ANCHORS_MAX */
	f->at = NULL;
	if (!f->n)
		return;
	const char **v = xmalloc(f->n * sizeof *v), **end = v;
	strmap_each(names, gather, &end);
	qsort(v, f->n, sizeof *v, by_text);
	size_t text = 0;
	for (uint32_t i = 0; i < f->n; i++)
		text += strlen(v[i]) + 1;
	f->at = xmalloc(f->n * sizeof *f->at + text);
	char *out = (char *)(f->at + f->n);
	size_t off = 0;
	for (uint32_t i = 0; i < f->n; i++) {
		size_t len = strlen(v[i]) + 1;
		f->at[i] = (uint32_t)off;
		memcpy(out + off, v[i], len);
		off += len;
	}
	free(v);
}

static bool has_name(const struct anchor_file *f, const char *name)
{
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, name_at(f, (uint32_t)mid));
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* Files the heading's name; repeats get -1, -2, … as GitHub numbers them
 * (_1, _2 on MkDocs). An explicit {#id}, on a site that reads one, is the
 * heading's only name. */
static void add_heading(struct strmap *names, enum site_kind site, const char *text)
{
	char *id = site_heading_id(site, text);
	if (id) {
		if (names->count < ANCHORS_MAX)
			strmap_put(names, id, 0);
		free(id);
		return;
	}
	char *slug = site_heading_slug(site, text);
	size_t dummy;
	char *name = xstrdup(slug);
	/* Python-Markdown (MkDocs) never gives an empty id: "" is numbered, _1 */
	bool taken = strmap_get(names, name, &dummy) || (!*slug && site == SITE_MKDOCS);
	for (unsigned k = 1; taken && k < ANCHORS_MAX; k++) {
		free(name);
		name = xasprintf("%s%c%u", slug, site_repeat_separator(site), k);
		taken = strmap_get(names, name, &dummy);
	}
	if (names->count < ANCHORS_MAX)
		strmap_put(names, name, 0);
	free(name);
	free(slug);
}

/* A Markdown file's names: each heading's rendered text made a name, and
 * the ids and names of the raw HTML anywhere in it. */
static void names_of_source(const struct anchor_source *src, enum site_kind site, struct strmap *names)
{
	const char *name = NULL;
	for (uint32_t i = 0; i < src->nheadings; i++)
		add_heading(names, site, name = anchor_source_next(src, name));
	for (uint32_t i = 0; i < src->nids && names->count < ANCHORS_MAX; i++)
		strmap_put(names, name = anchor_source_next(src, name), 0);
}

/* A Markdown file's names, from the tree cmark-gfm makes of it as GitHub
 * does (read/md_tree.h: raw HTML read by libxml2's HTML parser, so that
 * <a name=run-it> counts as a browser takes it). */
static int read_markdown(const char *path, enum site_kind site, struct strmap *names)
{
	struct doc_input in;
	if (doc_input_open(&in, path) < 0)
		return -1;
	char *body = NULL;
	size_t len = 0;
	int rc = in.size > MD_PARSE_MAX ? -1 : doc_input_slurp(&in, &body, &len);
	doc_input_close(&in);
	cmark_node *doc = rc == 0 ? md_parse(body, len) : NULL;
	free(body);
	if (!doc)
		return -1;
	struct anchor_source src = {0};
	md_anchor_source(doc, &src, ANCHORS_MAX);
	cmark_node_free(doc);
	names_of_source(&src, site, names);
	anchor_source_finish(&src);
	return 0;
}

static int put_name(const char *name, void *arg)
{
	struct strmap *names = arg;
	if (names->count >= ANCHORS_MAX)
		return 0;
	strmap_put(names, name, 0);
	return 1;
}

void anchors_of_html(const char *body, size_t len, struct strmap *names)
{
	html_ids(body, len, put_name, names);
}

static int read_html_file(const char *path, struct strmap *names)
{
	struct doc_input in;
	if (doc_input_open(&in, path) < 0)
		return -1;
	char *body = NULL;
	size_t len = 0;
	int rc = in.size > ANCHOR_HTML_MAX ? -1 : doc_input_slurp(&in, &body, &len);
	if (rc == 0)
		anchors_of_html(body, len, names);
	free(body);
	doc_input_close(&in);
	return rc;
}

void anchor_files_init(struct anchor_files *a, enum site_kind site)
{
	memset(a, 0, sizeof *a);
	a->site = site;
	strmap_init(&a->index);
}

void anchor_files_finish(struct anchor_files *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->files[i].at);
	free(a->files);
	strmap_finish(&a->index);
}

/* s in lower case, every script's capitals (#Основы finds "основы"). */
static char *lower_case(const char *name)
{
	struct buf b;
	buf_init(&b);
	const unsigned char *s = (const unsigned char *)name;
	for (size_t i = 0; s[i];) {
		size_t len;
		uint32_t c = utf8_decode(s + i, &len);
		if (c == 0xFFFD && len == 1)
			buf_putc(&b, (char)s[i]); /* a byte that is no UTF-8: as it was */
		else
			utf8_encode(&b, unicode_lower(c));
		i += len;
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* Files path with its names (packed; names stays the caller's). */
static const struct anchor_file *file_add(struct anchor_files *a, const char *path, bool readable,
					  const struct strmap *names)
{
	grow_array(&a->files, &a->cap, a->n + 1, sizeof *a->files);
	size_t i = a->n++;
	a->files[i].readable = readable;
	pack_names(&a->files[i], names);
	strmap_put(&a->index, path, i);
	return &a->files[i];
}

void anchor_files_seed(struct anchor_files *a, const char *path, const struct anchor_source *src)
{
	size_t i;
	if (!src->known || strmap_get(&a->index, path, &i))
		return;
	struct strmap names;
	strmap_init(&names);
	names_of_source(src, a->site, &names);
	file_add(a, path, true, &names);
	strmap_finish(&names);
}

static const struct anchor_file *file_of(struct anchor_files *a, const char *path, bool html)
{
	size_t i;
	if (strmap_get(&a->index, path, &i))
		return &a->files[i];
	struct strmap names;
	strmap_init(&names);
	bool readable = (html ? read_html_file(path, &names) : read_markdown(path, a->site, &names)) == 0;
	const struct anchor_file *f = file_add(a, path, readable, &names);
	strmap_finish(&names);
	return f;
}

/* A slip is at most a quarter of the name's letters, and two at most. */
static size_t slip_limit(size_t len)
{
	size_t k = len / 4;
	return k < 1 ? 1 : k > 2 ? 2 : k;
}

const char *nearest_name(const char *name, const char *const *candidates, size_t n)
{
	size_t len = strlen(name), limit = slip_limit(len), best = limit + 1;
	const char *found = NULL;
	bool tie = false;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance_within(name, len, candidates[i], strlen(candidates[i]), limit);
		if (d == 0)
			continue; /* the name itself (as another case): not a suggestion */
		if (d < best) {
			best = d;
			found = candidates[i];
			tie = false;
		} else if (d == best) {
			tie = true;
		}
	}
	return found && !tie ? found : NULL;
}

char *anchor_nearest(struct anchor_files *a, const char *path, bool html, const char *name)
{
	const struct anchor_file *f = file_of(a, path, html);
	if (!f->readable)
		return NULL;
	const char **v = xmalloc((f->n + 1) * sizeof *v);
	for (uint32_t i = 0; i < f->n; i++)
		v[i] = name_at(f, i);
	const char *best = nearest_name(name, v, f->n);
	char *out = best ? xstrdup(best) : NULL;
	free(v);
	return out;
}

int anchor_find(struct anchor_files *a, const char *path, bool html, const char *name)
{
	const struct anchor_file *f = file_of(a, path, html);
	if (!f->readable)
		return -1;
	if (has_name(f, name))
		return 1;
	char *lower = lower_case(name);
	bool found = has_name(f, lower);
	free(lower);
	return found;
}
