#include "markup_stream.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define CHUNK (64 * 1024)
#define MAX_ATTRS 64

struct stream {
	xmlParserCtxtPtr ctxt;
	const struct markup_events *ev;
	void *u;
	char refused[200]; /* why we stopped the parser ourselves */
	char first_error[200];
	unsigned error_line;
};

const char *markup_attr(const struct markup_attr *attrs, size_t n, const char *uri, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(attrs[i].name, name) == 0 && (!uri || (attrs[i].uri && strcmp(attrs[i].uri, uri) == 0)))
			return attrs[i].value;
	return NULL;
}

ssize_t mem_source_read(void *src, void *buf, size_t n)
{
	struct mem_source *m = src;
	size_t k = m->n - m->pos < n ? m->n - m->pos : n;
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

static unsigned line_now(const struct stream *s)
{
	return s->ctxt && s->ctxt->input && s->ctxt->input->line > 0 ? (unsigned)s->ctxt->input->line : 0;
}

static void xml_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		      int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	(void)prefix, (void)nns, (void)ns, (void)ndefaulted;
	struct stream *s = ctx;
	struct markup_attr a[MAX_ATTRS];
	char *values[MAX_ATTRS];
	size_t n = 0;
	a[0] = (struct markup_attr){NULL, "", ""}; /* never read when n is 0; quiets the compiler */
	/* SAX2 hands attribute values as [begin, end) without a terminator */
	for (int i = 0; i < nattrs && n < MAX_ATTRS; i++, n++) {
		const xmlChar **at = attrs + 5 * i;
		values[n] = xstrndup((const char *)at[3], (size_t)(at[4] - at[3]));
		a[n] = (struct markup_attr){(const char *)at[2], (const char *)at[0], values[n]};
	}
	s->ev->start(s->u, (const char *)uri, (const char *)local, a, n, line_now(s));
	for (size_t i = 0; i < n; i++)
		free(values[i]);
}

static void xml_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix;
	struct stream *s = ctx;
	s->ev->end(s->u, (const char *)uri, (const char *)local);
}

static void html_start(void *ctx, const xmlChar *name, const xmlChar **attrs)
{
	struct stream *s = ctx;
	struct markup_attr a[MAX_ATTRS];
	size_t n = 0;
	a[0] = (struct markup_attr){NULL, "", ""}; /* never read when n is 0; quiets the compiler */
	for (size_t i = 0; attrs && attrs[i] && n < MAX_ATTRS; i += 2, n++)
		a[n] = (struct markup_attr){NULL, (const char *)attrs[i],
					    attrs[i + 1] ? (const char *)attrs[i + 1] : ""};
	s->ev->start(s->u, NULL, (const char *)name, a, n, line_now(s));
}

static void html_end(void *ctx, const xmlChar *name)
{
	struct stream *s = ctx;
	s->ev->end(s->u, NULL, (const char *)name);
}

/* The parser hands text over when it reaches its end: its first word's line
 * is found by counting back the line breaks. */
static void on_text(void *ctx, const xmlChar *ch, int len)
{
	struct stream *s = ctx;
	if (len <= 0)
		return;
	unsigned total = 0, lead = 0;
	bool seen_word = false;
	for (int i = 0; i < len; i++) {
		if (ch[i] == '\n') {
			total++;
			lead += !seen_word;
		} else if (ch[i] != ' ' && ch[i] != '\t' && ch[i] != '\r') {
			seen_word = true;
		}
	}
	unsigned end = line_now(s);
	unsigned line = end > total ? end - total + lead : end;
	s->ev->text(s->u, (const char *)ch, (size_t)len, line);
}

/* Any entity declaration ends the parse: documents of the formats read here
 * never need one, and refusing them is what stops XXE and billion laughs. */
static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			   const xmlChar *system_id, xmlChar *content)
{
	(void)type, (void)public_id, (void)system_id, (void)content;
	struct stream *s = ctx;
	snprintf(s->refused, sizeof s->refused,
		 "it declares the entity \"%.60s\" (line %u): entity declarations are refused", name,
		 line_now(s));
	xmlStopParser(s->ctxt);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct stream *s = ctx;
	if (s->first_error[0] || !e || e->level < XML_ERR_ERROR)
		return;
	size_t n = snprintf(s->first_error, sizeof s->first_error, "%s", e->message ? e->message : "error");
	while (n > 0 && (s->first_error[n - 1] == '\n' || s->first_error[n - 1] == ' '))
		s->first_error[--n] = '\0';
	s->error_line = e->line > 0 ? (unsigned)e->line : line_now(s);
}

static void handler(xmlSAXHandler *sax, bool html)
{
	memset(sax, 0, sizeof *sax);
	/* SAX2 magic also routes every error to serror, never to stderr */
	sax->initialized = XML_SAX2_MAGIC;
	if (html) {
		sax->startElement = html_start;
		sax->endElement = html_end;
	} else {
		sax->startElementNs = xml_start;
		sax->endElementNs = xml_end;
		sax->entityDecl = on_entity_decl;
	}
	sax->characters = on_text;
	sax->cdataBlock = on_text;
	sax->serror = on_error;
}

int markup_parse(bool html, const char *what, markup_read_fn read, void *src,
		 const struct markup_events *ev, void *u, char *err, size_t errlen)
{
	char chunk[CHUNK];
	xmlSAXHandler sax;
	handler(&sax, html);
	struct stream s = {.ev = ev, .u = u};
	ssize_t got = read(src, chunk, sizeof chunk);
	if (got < 0)
		return -1; /* the source said why */
	/* the first bytes go in at creation, where the encoding is detected */
	s.ctxt = html ? htmlCreatePushParserCtxt(&sax, &s, chunk, (int)got, what, XML_CHAR_ENCODING_NONE)
		      : xmlCreatePushParserCtxt(&sax, &s, chunk, (int)got, what);
	if (!s.ctxt) {
		snprintf(err, errlen, "%s: the XML parser could not start", what);
		return -1;
	}
	if (html)
		htmlCtxtUseOptions(s.ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						   HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED);
	else
		/* NOENT only makes "&amp;" arrive as "&" in attribute values: no
		 * other entity can exist, since declaring one ends the parse */
		xmlCtxtUseOptions(s.ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOENT);
	int rc = 0;
	while (got > 0 && !s.refused[0] && s.ctxt->disableSAX == 0) {
		got = read(src, chunk, sizeof chunk);
		if (got < 0) {
			rc = -1;
			break;
		}
		if (got > 0)
			html ? htmlParseChunk(s.ctxt, chunk, (int)got, 0) : xmlParseChunk(s.ctxt, chunk, (int)got, 0);
	}
	if (rc == 0 && !s.refused[0])
		html ? htmlParseChunk(s.ctxt, NULL, 0, 1) : xmlParseChunk(s.ctxt, NULL, 0, 1);
	if (rc == 0 && s.refused[0]) {
		snprintf(err, errlen, "%s is refused: %s", what, s.refused);
		rc = -1;
	} else if (rc == 0 && !html && (!s.ctxt->wellFormed || s.first_error[0])) {
		snprintf(err, errlen, "%s is not well-formed XML (line %u: %s)", what, s.error_line,
			 s.first_error[0] ? s.first_error : "parse error");
		rc = -1;
	}
	/* libxml2 may have built a document to keep declarations in after we
	 * stopped it; the context does not free that */
	if (s.ctxt->myDoc)
		xmlFreeDoc(s.ctxt->myDoc);
	html ? htmlFreeParserCtxt(s.ctxt) : xmlFreeParserCtxt(s.ctxt);
	return rc;
}
