#include "page_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

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

void page_heads_read(const char *body, size_t len, struct page_heads *out)
{
	out->title = out->h1 = NULL;
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
	xmlFreeDoc(doc);
}

void page_heads_finish(struct page_heads *p)
{
	free(p->title);
	free(p->h1);
	p->title = p->h1 = NULL;
}
