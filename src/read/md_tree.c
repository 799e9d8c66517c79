#include "read/md_tree.h"

#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/classify_url.h"
#include "read/html_ids.h"

/* cmark-gfm keeps its extensions in a registry filled once per process. */
static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* Whether the tree of text stays under MD_NODES_MAX nodes, by the bytes
 * that can each start one. */
static bool affordable(const char *text, size_t len)
{
	size_t nodes = 0;
	for (size_t i = 0; i < len && nodes <= MD_NODES_MAX; i++)
		switch (text[i]) {
		case '\n':
			nodes += 3;
			break;
		case '*': case '_': case '~': /* a delimiter run and the emphasis it opens */
			nodes += 2;
			break;
		case '[': case ']': case '`': case '<': case '!': case '&': case '\\': case '|':
			nodes++;
			break;
		default:
			break;
		}
	return nodes <= MD_NODES_MAX;
}

cmark_node *md_parse(const char *text, size_t len)
{
	if (!affordable(text, len))
		return NULL;
	pthread_once(&registered, register_extensions);
	cmark_parser *p = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES);
	if (!p)
		return NULL;
	/* what github.com renders with, but two: tagfilter changes nothing
	 * citecheck reads, and autolink is quadratic in the cmark-gfm Debian 12
	 * ships (0.29.0.gfm.6: a URL then 10^6 ')' takes minutes), while bare
	 * URLs are found by citecheck's own scanner (extract/scan_links.h) */
	static const char *const extensions[] = {"table", "strikethrough", "tasklist"};
	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text ? text : "", len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

char *md_heading_text(cmark_node *heading)
{
	struct buf b;
	buf_init(&b);
	cmark_iter *it = cmark_iter_new(heading);
	cmark_event_type ev;
	int images = 0; /* an image's alt text is no text of the page */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_IMAGE) {
			images += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER || images)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *s = cmark_node_get_literal(n);
			if (s)
				buf_append(&b, s, strlen(s));
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			buf_putc(&b, ' ');
		}
	}
	cmark_iter_free(it);
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* Every piece of raw HTML in the document (HTML blocks and inline tags),
 * each followed by a newline, appended to out, up to cap bytes: read as
 * one page, as the browser reads the rendered file. */
static void raw_html(cmark_node *doc, struct buf *out, size_t cap)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE))
			continue;
		const char *s = cmark_node_get_literal(n);
		size_t len = s ? strlen(s) : 0;
		if (out->len + len + 1 > cap)
			break;
		buf_append(out, s ? s : "", len);
		buf_putc(out, '\n');
	}
	cmark_iter_free(it);
}

/* The innermost block holding inline node n: its lines. */
static void block_of(cmark_node *n, unsigned *first, unsigned *last)
{
	for (cmark_node *b = cmark_node_parent(n); b; b = cmark_node_parent(b)) {
		int f = cmark_node_get_start_line(b), l = cmark_node_get_end_line(b);
		if ((cmark_node_get_type(b) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && f > 0 && l >= f) {
			*first = (unsigned)f;
			*last = (unsigned)l;
			return;
		}
	}
	*first = *last = 0;
}

struct lines {
	size_t *start; /* byte offset of each line's start; start[0] is line 1's */
	unsigned n;
};

static void lines_of(const char *text, size_t len, struct lines *l)
{
	l->n = 1;
	for (size_t i = 0; i < len; i++)
		l->n += text[i] == '\n' && l->n < UINT_MAX - 1;
	l->start = xmalloc((size_t)l->n * sizeof *l->start);
	unsigned k = 0;
	l->start[k++] = 0;
	for (size_t i = 0; i < len && k < l->n; i++)
		if (text[i] == '\n')
			l->start[k++] = i + 1;
}

/* The line holding byte offset at (1-based). */
static unsigned line_at(const struct lines *l, size_t at)
{
	unsigned lo = 0, hi = l->n;
	while (hi - lo > 1) {
		unsigned mid = lo + (hi - lo) / 2;
		if (l->start[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where link's target is written: the first "](" from the node on, within
 * its block, followed (past white space and a '<') by the target as
 * cmark-gfm read it. A reference link has none: its target is written in
 * its definition, which the scanner reads as one. */
static void locate(struct md_link *link, cmark_node *n, const char *text, size_t len, const struct lines *l)
{
	link->line = 0;
	if (!link->first || link->first > l->n)
		return;
	int sl = cmark_node_get_start_line(n), sc = cmark_node_get_start_column(n);
	size_t from = l->start[link->first - 1];
	if (sl > 0 && (unsigned)sl >= link->first && (unsigned)sl <= l->n && sc > 0)
		from = l->start[sl - 1] + (size_t)sc - 1;
	size_t end = link->last < l->n ? l->start[link->last] : len;
	/* no further than the link's own end, where cmark-gfm says where that
	 * is: a paragraph of 10^4 reference links is not searched 10^4 times */
	int el = cmark_node_get_end_line(n), ec = cmark_node_get_end_column(n);
	if (el >= sl && (unsigned)el >= link->first && (unsigned)el <= l->n && ec > 0 &&
	    l->start[el - 1] + (size_t)ec < end && l->start[el - 1] + (size_t)ec > from)
		end = l->start[el - 1] + (size_t)ec;
	size_t ulen = strlen(link->url);
	for (size_t i = from; ulen && i + 1 < end; i++) {
		if (text[i] != ']' || text[i + 1] != '(')
			continue;
		size_t q = i + 2;
		while (q < end && is_space(text[q]))
			q++;
		if (q < end && text[q] == '<')
			q++;
		if (q + ulen <= end && !memcmp(text + q, link->url, ulen)) {
			link->line = line_at(l, q);
			link->offset = q - l->start[link->line - 1];
			return;
		}
	}
}

static int by_block(const void *a, const void *b)
{
	const struct md_link *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

struct md_link *md_links(cmark_node *doc, const char *text, size_t len, size_t *n)
{
	struct lines l;
	lines_of(text, len, &l);
	struct md_link *v = NULL;
	size_t cap = 0;
	*n = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE))
			continue;
		const char *url = cmark_node_get_url(node);
		grow_array(&v, &cap, *n + 1, sizeof *v);
		struct md_link *link = &v[(*n)++];
		memset(link, 0, sizeof *link);
		link->url = xstrdup(url ? url : "");
		link->text = md_heading_text(node);
		block_of(node, &link->first, &link->last);
		/* an autolink (<https://…>) is the scanner's to find on its line,
		 * its target just past the '<' */
		int sl = cmark_node_get_start_line(node), sc = cmark_node_get_start_column(node);
		bool autolink = sl > 0 && (unsigned)sl <= l.n && sc > 0 && l.start[sl - 1] + (size_t)sc - 1 < len &&
				text[l.start[sl - 1] + (size_t)sc - 1] == '<';
		if (autolink) {
			link->line = (unsigned)sl;
			link->offset = (size_t)sc;
		} else {
			locate(link, node, text, len, &l);
			/* "[here](#)": the scanner's, an empty target to report */
			bool empty = !link->url[0] || !strcmp(link->url, "#");
			/* a script or inline data is no address, as the scanner has it */
			link->add = link->line && !empty && strncasecmp(link->url, "data:", 5) != 0 &&
				    strncasecmp(link->url, "javascript:", 11) != 0;
		}
	}
	cmark_iter_free(it);
	free(l.start);
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_block);
	return v;
}

struct id_sink {
	struct anchor_source *out;
	size_t max;
};

static int add_id(const char *name, void *arg)
{
	struct id_sink *s = arg;
	if (s->out->nids >= s->max)
		return 0;
	anchor_source_add(s->out, name, false);
	return 1;
}

void md_anchor_source(cmark_node *doc, struct anchor_source *out, size_t max)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && out->nheadings < max) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			char *text = md_heading_text(n);
			anchor_source_add(out, text, true);
			free(text);
		}
	}
	cmark_iter_free(it);
	struct buf html;
	buf_init(&html);
	raw_html(doc, &html, MD_PARSE_MAX);
	struct id_sink sink = {out, max};
	if (html.len)
		html_ids(html.data, html.len, add_id, &sink);
	buf_finish(&html);
	anchor_source_done(out);
}

/* "[label]:" at a line's start, three spaces in at most. */
static bool looks_like_definition(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || s[i] != '[' || (i + 1 < n && s[i + 1] == '^'))
		return false;
	const char *close = memchr(s + i, ']', n - i);
	return close && (size_t)(close - s) + 1 < n && close[1] == ':';
}

/* Whether the line alone is a link reference definition: CommonMark then
 * renders nothing of it ("[TODO: name?]: From a user's note" is text: its
 * "title" is no title). */
static bool definition(const char *s, size_t n)
{
	cmark_node *doc = cmark_parse_document(s, n, CMARK_OPT_DEFAULT);
	bool def = doc && !cmark_node_first_child(doc);
	cmark_node_free(doc);
	return def;
}

unsigned char *md_line_flags(const char *text, size_t len, cmark_node *doc, unsigned *nlines)
{
	struct lines lines;
	lines_of(text, len, &lines);
	unsigned n = lines.n;
	unsigned char *flags = xcalloc((size_t)n + 1, 1);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK)
			continue;
		int first = cmark_node_get_start_line(node), last = cmark_node_get_end_line(node);
		if (cmark_node_get_end_column(node) == 0)
			last--; /* an indented block ends with the line before */
		for (int l = first > 0 ? first : 1; l <= last && (unsigned)l <= n; l++)
			flags[l] |= MD_LINE_CODE;
	}
	cmark_iter_free(it);
	for (unsigned line = 1; line <= n; line++) {
		size_t b = lines.start[line - 1], e = line < n ? lines.start[line] - 1 : len;
		if (!(flags[line] & MD_LINE_CODE) && looks_like_definition(text + b, e - b) && definition(text + b, e - b))
			flags[line] |= MD_LINE_DEFINITION;
	}
	free(lines.start);
	*nlines = n;
	return flags;
}
