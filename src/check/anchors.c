#include "check/anchors.h"

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/md_syntax.h"
#include "read/doc_input.h"
#include "read/doc_reader.h"
#include "util/unicode.h"
#include "util/util.h"

#define ANCHOR_HTML_MAX ((size_t)64 << 20) /* a local page read whole for its ids */

struct anchor_file {
	bool readable;
	struct strmap names;
};

char *anchor_slug(const char *heading)
{
	struct buf b;
	buf_init(&b);
	const unsigned char *s = (const unsigned char *)heading;
	for (size_t i = 0; s[i];) {
		size_t len;
		uint32_t c = utf8_decode(s + i, &len);
		i += len;
		if (c == ' ')
			buf_putc(&b, '-');
		else if (c == '-' || c == '_' || unicode_alnum(c))
			utf8_encode(&b, unicode_lower(c));
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* A heading's text as GitHub shows it: code spans, emphasis markers and
 * link targets gone, [text](url) and ![alt](src) reduced to their text. */
static char *heading_text(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '`' || c == '*' || (c == '!' && i + 1 < n && s[i + 1] == '['))
			continue;
		if (c == '\\' && i + 1 < n) {
			buf_putc(&b, s[++i]);
		} else if (c == ']' && i + 1 < n && s[i + 1] == '(') {
			const char *close = memchr(s + i, ')', n - i);
			if (close)
				i = (size_t)(close - s);
		} else if (c != '[') {
			buf_putc(&b, c);
		}
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* Files the heading's name; repeats get -1, -2, … as GitHub numbers them. */
static void add_heading(struct strmap *names, const char *s, size_t n)
{
	char *text = heading_text(s, n);
	char *slug = anchor_slug(text);
	free(text);
	size_t dummy;
	char *name = xstrdup(slug);
	for (unsigned k = 1; strmap_get(names, name, &dummy) && k < ANCHORS_MAX; k++) {
		free(name);
		name = xasprintf("%s-%u", slug, k);
	}
	if (names->count < ANCHORS_MAX)
		strmap_put(names, name, 0);
	free(name);
	free(slug);
}

/* id="x" or name="x" in raw HTML written into Markdown (<a name="x">,
 * <li id="fn1">): what such links point at. */
static void add_raw_anchors(struct strmap *names, const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '<', n - (size_t)(p - s))) != NULL; p++) {
		const char *end = memchr(p, '>', n - (size_t)(p - s));
		if (!end)
			return;
		for (const char *q = p + 1; q < end; q++) {
			size_t k = (size_t)(end - q);
			size_t skip = k > 4 && !memcmp(q, "id=\"", 4) ? 4 : k > 6 && !memcmp(q, "name=\"", 6) ? 6 : 0;
			if (!skip || (q[-1] != ' ' && q[-1] != '\t'))
				continue;
			const char *v = q + skip, *ve = memchr(v, '"', (size_t)(end - v));
			if (ve && names->count < ANCHORS_MAX) {
				char *name = xstrndup(v, (size_t)(ve - v));
				strmap_put(names, name, 0);
				free(name);
			}
		}
		p = end;
	}
}

/* The line is a fence (``` or ~~~, indented 3 spaces at most). */
static bool fence(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	return n - i >= 3 && (!memcmp(s + i, "```", 3) || !memcmp(s + i, "~~~", 3));
}

/* A setext underline: === or --- and nothing else. */
static bool underline(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i == n || (s[i] != '=' && s[i] != '-'))
		return false;
	char c = s[i];
	while (i < n && s[i] == c)
		i++;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n;
}

static int read_markdown(const char *path, struct strmap *names)
{
	struct doc_input in;
	if (doc_input_open(&in, path) < 0)
		return -1;
	struct doc_reader r;
	if (doc_reader_open(&r, &in) < 0) {
		doc_input_close(&in);
		return -1;
	}
	bool code = false;
	struct buf prev; /* the line before, for setext headings */
	buf_init(&prev);
	int rc;
	while ((rc = doc_reader_next(&r)) > 0) {
		const char *s = r.text;
		size_t n = r.len;
		if (fence(s, n)) {
			code = !code;
			buf_clear(&prev);
			continue;
		}
		if (code)
			continue;
		size_t i = 0;
		while (i < n && i < 3 && s[i] == ' ')
			i++;
		size_t hashes = 0;
		while (i + hashes < n && s[i + hashes] == '#')
			hashes++;
		if (hashes >= 1 && hashes <= 6 && (i + hashes == n || s[i + hashes] == ' ' || s[i + hashes] == '\t')) {
			size_t b = i + hashes, e = n;
			while (b < e && (s[b] == ' ' || s[b] == '\t'))
				b++;
			while (e > b && (s[e - 1] == '#' || s[e - 1] == ' ' || s[e - 1] == '\t'))
				e--; /* the closing sequence */
			add_heading(names, s + b, e - b);
			buf_clear(&prev);
			continue;
		}
		if (prev.len && underline(s, n)) {
			add_heading(names, prev.data, prev.len);
			buf_clear(&prev);
			continue;
		}
		add_raw_anchors(names, s, n);
		buf_clear(&prev);
		size_t b = md_skip_blanks(s, n, 0);
		if (b < n)
			buf_append(&prev, s + b, n - b);
	}
	buf_finish(&prev);
	doc_reader_close(&r);
	doc_input_close(&in);
	return rc < 0 ? -1 : 0;
}

static void walk_ids(xmlNode *n, struct strmap *names)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
		xmlChar *name = !xmlStrcasecmp(n->name, (const xmlChar *)"a") ? xmlGetProp(n, (const xmlChar *)"name") : NULL;
		if (id && names->count < ANCHORS_MAX)
			strmap_put(names, (const char *)id, 0);
		if (name && names->count < ANCHORS_MAX)
			strmap_put(names, (const char *)name, 0);
		xmlFree(id);
		xmlFree(name);
		walk_ids(n->children, names);
	}
}

void anchors_of_html(const char *body, size_t len, struct strmap *names)
{
	if (len > (size_t)INT32_MAX)
		len = INT32_MAX;
	htmlDocPtr doc = htmlReadMemory(body, (int)len, NULL, NULL,
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
						HTML_PARSE_COMPACT);
	if (!doc)
		return;
	walk_ids(xmlDocGetRootElement(doc), names);
	xmlFreeDoc(doc);
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

void anchor_files_init(struct anchor_files *a)
{
	memset(a, 0, sizeof *a);
	strmap_init(&a->index);
}

void anchor_files_finish(struct anchor_files *a)
{
	for (size_t i = 0; i < a->n; i++)
		strmap_finish(&a->files[i].names);
	free(a->files);
	strmap_finish(&a->index);
}

int anchor_find(struct anchor_files *a, const char *path, bool html, const char *name)
{
	size_t i;
	if (!strmap_get(&a->index, path, &i)) {
		grow_array(&a->files, &a->cap, a->n + 1, sizeof *a->files);
		i = a->n++;
		struct anchor_file *f = &a->files[i];
		strmap_init(&f->names);
		f->readable = (html ? read_html_file(path, &f->names) : read_markdown(path, &f->names)) == 0;
		strmap_put(&a->index, path, i);
	}
	const struct anchor_file *f = &a->files[i];
	if (!f->readable)
		return -1;
	size_t dummy;
	if (strmap_get(&f->names, name, &dummy))
		return 1;
	char *lower = xstrdup(name);
	for (char *p = lower; *p; p++)
		*p = (char)ascii_lower((unsigned char)*p);
	bool found = strmap_get(&f->names, lower, &dummy);
	free(lower);
	return found;
}
