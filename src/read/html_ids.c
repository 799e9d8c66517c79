#include "read/html_ids.h"

#include <libxml/HTMLparser.h>
#include <stdint.h>

static int walk(xmlNode *n, int (*fn)(const char *, void *), void *arg)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
		xmlChar *name = !xmlStrcasecmp(n->name, (const xmlChar *)"a") ? xmlGetProp(n, (const xmlChar *)"name") : NULL;
		int more = (!id || fn((const char *)id, arg)) && (!name || fn((const char *)name, arg));
		xmlFree(id);
		xmlFree(name);
		if (!more || !walk(n->children, fn, arg))
			return 0;
	}
	return 1;
}

void html_ids(const char *body, size_t len, int (*fn)(const char *name, void *arg), void *arg)
{
	if (len > (size_t)INT32_MAX)
		len = INT32_MAX;
	htmlDocPtr doc = htmlReadMemory(body, (int)len, NULL, NULL,
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
						HTML_PARSE_COMPACT);
	if (!doc)
		return;
	walk(xmlDocGetRootElement(doc), fn, arg);
	xmlFreeDoc(doc);
}
