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

void page_heads_read(const char *body, size_t len, bool want_text, struct page_heads *out)
{
	out->title = out->h1 = out->text = NULL;
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
	if (want_text)
		out->text = main_text(root);
	xmlFreeDoc(doc);
}

void page_heads_finish(struct page_heads *p)
{
	free(p->title);
	free(p->h1);
	free(p->text);
	p->title = p->h1 = p->text = NULL;
}
