#include "live/page_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static char *collapse(const xmlChar *s)
{
	struct buf b;
	buf_init(&b);
	bool space = false;
	for (const unsigned char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = false;
		buf_putc(&b, (char)*p);
	}
	return b.len ? buf_steal(&b) : (buf_finish(&b), NULL);
}

static xmlNode *find(xmlNode *n, const char *name)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0)
			return n;
		xmlNode *c = find(n->children, name);
		if (c)
			return c;
	}
	return NULL;
}

static char *text_of(xmlNode *n)
{
	if (!n)
		return NULL;
	xmlChar *t = xmlNodeGetContent(n);
	char *out = t ? collapse(t) : NULL;
	xmlFree(t);
	return out;
}

static bool named(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (strcmp((const char *)n->name, *names) == 0)
			return true;
	return false;
}

/* Boilerplate: what a page shows on every page, or what is not text at all. */
static const char *const skipped[] = {"script", "style", "noscript", "template", "nav", "header", "footer",
				      "aside", "form", "svg", "iframe", "button", "select", "object", NULL};
/* Elements that end a word even when no blank separates them in the source. */
static const char *const blocks[] = {"p", "div", "li", "br", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5",
				     "h6", "section", "article", "main", "blockquote", "pre", "dd", "dt",
				     "figcaption", "table", "ul", "ol", NULL};

/* Depth is bounded by libxml2's own nesting limit (256 for HTML). */
static void gather(const xmlNode *n, struct buf *b)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				buf_append(b, (const char *)n->content, strlen((const char *)n->content));
		} else if (n->type == XML_ELEMENT_NODE && n->name && !named(n, skipped)) {
			bool block = named(n, blocks);
			if (block)
				buf_putc(b, ' ');
			gather(n->children, b);
			if (block)
				buf_putc(b, ' ');
		}
	}
}

static char *main_text(xmlNode *root)
{
	xmlNode *from = find(root, "main");
	if (!from)
		from = find(root, "article");
	if (!from)
		from = find(root, "body");
	if (!from)
		from = root;
	struct buf b;
	buf_init(&b);
	if (from)
		gather(from->children, &b);
	return buf_steal(&b);
}

static bool attr_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	bool is = v && xmlStrcasecmp(v, (const xmlChar *)value) == 0;
	xmlFree(v);
	return is;
}

/* The title a page's metadata gives, by precedence: Highwire's
 * citation_title (what Google Scholar reads), Open Graph's og:title, Dublin
 * Core's DC.title. Only <meta> elements of <head> are looked at. */
static char *meta_title(xmlNode *root)
{
	static const char *const names[][2] = {
		{"name", "citation_title"}, {"property", "og:title"}, {"name", "og:title"}, {"name", "dc.title"}};
	xmlNode *head = find(root, "head");
	if (!head)
		return NULL;
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		for (xmlNode *n = head->children; n; n = n->next)
			if (n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, "meta") &&
			    attr_is(n, names[k][0], names[k][1])) {
				xmlChar *c = xmlGetProp(n, (const xmlChar *)"content");
				char *out = c ? collapse(c) : NULL;
				xmlFree(c);
				if (out)
					return out;
			}
	return NULL;
}

void page_heads_read(const char *body, size_t len, bool want_text, struct page_heads *out)
{
	out->title = out->h1 = out->text = out->meta = NULL;
	if (!body || !len || len > (size_t)INT32_MAX)
		return;
	htmlDocPtr doc = htmlReadMemory(body, (int)len, NULL, NULL,
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
	if (!doc)
		return;
	xmlNode *root = xmlDocGetRootElement(doc);
	out->title = text_of(find(root, "title"));
	out->h1 = text_of(find(root, "h1"));
	out->meta = meta_title(root);
	if (want_text)
		out->text = main_text(root);
	xmlFreeDoc(doc);
}

void page_heads_finish(struct page_heads *p)
{
	free(p->title);
	free(p->h1);
	free(p->text);
	free(p->meta);
	p->title = p->h1 = p->text = p->meta = NULL;
}

/* Appends s, cut to PAGE_TITLE_MAX bytes between characters, as a line of
 * its own unless an earlier line is the same (compared before control
 * characters become spaces: a near-copy may be kept twice, harmlessly). */
static void add_title(struct buf *b, const char *s)
{
	if (!s || !*s)
		return;
	size_t n = strlen(s);
	if (n > PAGE_TITLE_MAX) {
		n = PAGE_TITLE_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (size_t at = 0; at < b->len;) {
		const char *line = b->data + at, *end = memchr(line, '\n', b->len - at);
		size_t len = end ? (size_t)(end - line) : b->len - at;
		if (len == n && !memcmp(line, s, n))
			return;
		at += len + 1;
	}
	if (b->len)
		buf_putc(b, '\n');
	for (size_t i = 0; i < n; i++) /* control characters would break the lines */
		buf_putc(b, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i]);
}

char *page_heads_titles(const struct page_heads *p)
{
	struct buf b;
	buf_init(&b);
	add_title(&b, p->meta);
	add_title(&b, p->title);
	add_title(&b, p->h1);
	return b.len ? buf_steal(&b) : (buf_finish(&b), NULL);
}
