#include "read/markup_stream.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"

#define MAX_ATTRS 64

struct stream {
	xmlParserCtxtPtr ctxt;
	const struct markup_events *ev;
	void *u;
	char refused[200]; /* why we stopped the parser ourselves */
	char first_error[200];
	unsigned error_line;
	/* where the last event ended, to place text that starts a line of
	 * its own where counting back from its end cannot */
	unsigned end_line, end_col;
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

/* The parser's column (1-based, in characters) at the byte it stands on; 0: not known. */
static unsigned col_now(const struct stream *s)
{
	return s->ctxt && s->ctxt->input && s->ctxt->input->col > 0 ? (unsigned)s->ctxt->input->col : 0;
}

static unsigned chars(const xmlChar *p, const xmlChar *e)
{
	unsigned k = 0;
	for (; p < e; p++)
		k += (*p & 0xC0) != 0x80;
	return k;
}

/* Where the tag just read begins: its '<', found back from where the
 * parser stands (on the tag's '>' or just past it), in the parser's own
 * buffer. col 0 when the line's start is no longer in the buffer. */
static void tag_start(struct stream *s, unsigned *line, unsigned *col)
{
	*line = line_now(s);
	*col = 0;
	xmlParserInputPtr in = s->ctxt ? s->ctxt->input : NULL;
	if (!in || !in->base || !in->cur || in->cur <= in->base)
		return;
	const xmlChar *p = in->cur, *cur = in->cur;
	while (p > in->base && *p != '<')
		p--;
	if (*p != '<')
		return;
	unsigned nl = 0;
	for (const xmlChar *q = p; q < cur; q++)
		nl += *q == '\n';
	*line = *line > nl ? *line - nl : 1;
	if (nl == 0) {
		unsigned back = chars(p, cur), now = col_now(s);
		*col = now > back ? now - back : 0;
	} else {
		const xmlChar *q = p;
		while (q > in->base && q[-1] != '\n')
			q--;
		if (q > in->base)
			*col = chars(q, p) + 1;
	}
	/* the next text starts past the '>' */
	s->end_line = line_now(s);
	unsigned now = col_now(s);
	s->end_col = now ? now + (*cur == '>' ? 1 : cur[0] == '/' && cur[1] == '>' ? 2 : 0) : 0;
}

static void xml_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		      int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	(void)prefix, (void)nns, (void)ns, (void)ndefaulted;
	struct stream *s = ctx;
	struct markup_attr a[MAX_ATTRS];
	size_t n = 0;
	a[0] = (struct markup_attr){NULL, "", ""}; /* never read when n is 0; quiets the compiler */
	/* SAX2 hands attribute values as [begin, end) without a terminator: they
	 * are copied into one buffer, on the stack for the usual few short ones */
	char stack[2048];
	size_t need = 0;
	for (int i = 0; i < nattrs; i++)
		need += (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]) + 1;
	char *values = need <= sizeof stack ? stack : xmalloc(need), *v = values;
	for (int i = 0; i < nattrs && n < MAX_ATTRS; i++, n++) {
		const xmlChar **at = attrs + 5 * i;
		size_t len = (size_t)(at[4] - at[3]);
		memcpy(v, at[3], len);
		v[len] = '\0';
		a[n] = (struct markup_attr){(const char *)at[2], (const char *)at[0], v};
		v += len + 1;
	}
	unsigned line, col;
	tag_start(s, &line, &col);
	s->ev->start(s->u, (const char *)uri, (const char *)local, a, n, line, col);
	if (values != stack)
		free(values);
}

static void xml_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix;
	struct stream *s = ctx;
	s->ev->end(s->u, (const char *)uri, (const char *)local);
	s->end_line = line_now(s);
	s->end_col = col_now(s);
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
	unsigned line, col;
	tag_start(s, &line, &col);
	s->ev->start(s->u, NULL, (const char *)name, a, n, line, col);
}

static void html_end(void *ctx, const xmlChar *name)
{
	struct stream *s = ctx;
	s->ev->end(s->u, NULL, (const char *)name);
	s->end_line = line_now(s);
	s->end_col = col_now(s);
}

/* The parser hands text over when it reaches its end: its first word's line
 * is found by counting back the line breaks, and its column by counting
 * back the characters when it is on the text's last line, forward from
 * the line break before it when one is in the text, or else from where
 * the last event ended (text is handed over in pieces: at each tag and
 * character reference). */
static void on_text(void *ctx, const xmlChar *ch, int len)
{
	struct stream *s = ctx;
	if (len <= 0)
		return;
	unsigned total = 0, lead = 0;
	int word = -1, line_start = 0; /* the first word; the start of its line in ch */
	for (int i = 0; i < len; i++) {
		if (ch[i] == '\n') {
			total++;
			if (word < 0) {
				lead++;
				line_start = i + 1;
			}
		} else if (word < 0 && ch[i] != ' ' && ch[i] != '\t' && ch[i] != '\r') {
			word = i;
		}
	}
	unsigned end = line_now(s), now = col_now(s);
	unsigned line = end > total ? end - total + lead : end, col = 0;
	if (word >= 0 && lead == total) {
		unsigned back = chars(ch + word, ch + len);
		col = now > back ? now - back : 0;
	} else if (word >= 0 && lead) {
		col = chars(ch + line_start, ch + word) + 1;
	} else if (word >= 0 && s->end_col && s->end_line == line) {
		col = s->end_col + chars(ch, ch + word);
	}
	s->ev->text(s->u, (const char *)ch, (size_t)len, line, col);
	s->end_line = end;
	s->end_col = now;
}

static void on_comment(void *ctx, const xmlChar *value)
{
	struct stream *s = ctx;
	if (s->ev->comment && value)
		s->ev->comment(s->u, (const char *)value, line_now(s));
	s->end_line = line_now(s);
	s->end_col = col_now(s);
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
	/* snprintf returns the length it would have written: a long message
	 * (libxml2 quotes element names whole) is cut, and so is n */
	snprintf(s->first_error, sizeof s->first_error, "%s", e->message ? e->message : "error");
	size_t n = strlen(s->first_error);
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
	sax->comment = on_comment;
	sax->serror = on_error;
}

/* libxml2 2.9 checks each attribute of a start tag against all the earlier
 * ones: a tag of 10^6 attributes took 18 minutes. The bytes are filtered on
 * their way to the parser: a start tag keeps its first TAG_MAX_ATTRS
 * attributes, and an attribute name its first NAME_MAX_BYTES bytes (cut
 * before a UTF-8 lead byte); what is dropped no reader needs. Quotes count
 * only after '=', as the parsers read them; line breaks are always kept, so
 * line numbers hold. */
#define TAG_MAX_ATTRS 512
#define NAME_MAX_BYTES 256

enum tag_state { T_TEXT, T_LT, T_ELEMENT, T_TAG, T_NAME, T_AFTER_EQ, T_QUOTED, T_VALUE };

struct tag_filter {
	enum tag_state st;
	char quote;
	unsigned attrs;    /* attributes begun in this start tag */
	size_t name_bytes; /* of the attribute name being read */
	bool cut;          /* the rest of that name is dropped */
};

static bool tag_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

static bool ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Moves the filter on by one byte. */
static void tag_step(struct tag_filter *f, char c)
{
	switch (f->st) {
	case T_TEXT:
		if (c == '<')
			f->st = T_LT;
		break;
	case T_LT: /* only a letter opens a start tag: not "</", "<!", "<?" */
		f->st = ascii_letter(c) ? T_ELEMENT : c == '<' ? T_LT : T_TEXT;
		f->attrs = 0;
		break;
	case T_ELEMENT:
		if (c == '>')
			f->st = T_TEXT;
		else if (tag_blank(c) || c == '/')
			f->st = T_TAG;
		break;
	case T_TAG:
		if (c == '>') {
			f->st = T_TEXT;
		} else if (c == '=') {
			f->st = T_AFTER_EQ; /* "name = value" */
		} else if (!tag_blank(c) && c != '/') {
			f->st = T_NAME;
			f->attrs++;
			f->name_bytes = 1;
			f->cut = false;
		}
		break;
	case T_NAME:
		if (c == '=') {
			f->st = T_AFTER_EQ;
		} else if (c == '>') {
			f->st = T_TEXT;
		} else if (tag_blank(c) || c == '/') {
			f->st = T_TAG;
		} else if (++f->name_bytes > NAME_MAX_BYTES && ((unsigned char)c & 0xc0) != 0x80) {
			f->cut = true; /* at a character's first byte: what is kept stays UTF-8 */
		}
		break;
	case T_AFTER_EQ:
		if (c == '"' || c == '\'') {
			f->st = T_QUOTED;
			f->quote = c;
		} else if (c == '>') {
			f->st = T_TEXT;
		} else if (!tag_blank(c)) {
			f->st = T_VALUE;
		}
		break;
	case T_QUOTED:
		if (c == f->quote)
			f->st = T_TAG;
		break;
	case T_VALUE:
		if (c == '>')
			f->st = T_TEXT;
		else if (tag_blank(c))
			f->st = T_TAG;
		break;
	}
}

/* One byte through the filter: whether it goes on to the parser. */
static bool tag_keep(struct tag_filter *f, char c)
{
	tag_step(f, c);
	if (c == '\n' || f->st == T_TEXT || f->st == T_LT || f->st == T_ELEMENT || (f->st == T_TAG && c == '/'))
		return true; /* line breaks, text, the "/>" or '>' that ends a tag */
	if (f->attrs > TAG_MAX_ATTRS)
		return false;
	return !(f->st == T_NAME && f->cut);
}

struct io {
	markup_read_fn read;
	void *src;
	bool failed;
	struct tag_filter filter;
};

static int io_read(void *ctx, char *buf, int len)
{
	struct io *io = ctx;
	for (;;) {
		ssize_t got = io->read(io->src, buf, (size_t)len);
		if (got <= 0) {
			io->failed = got < 0;
			return got < 0 ? -1 : 0;
		}
		size_t kept = 0;
		for (ssize_t i = 0; i < got; i++)
			if (tag_keep(&io->filter, buf[i]))
				buf[kept++] = buf[i];
		if (kept)
			return (int)kept;
		/* all of it dropped: 0 would tell the parser the input ended */
	}
}

/* The pull parsers read through io_read and keep only a window of the input;
 * libxml2 2.9's HTML push parser keeps all of it. */
static xmlParserCtxtPtr make_context(bool html, struct io *io, xmlSAXHandler *sax, struct stream *s)
{
	if (!html)
		return xmlCreateIOParserCtxt(sax, s, io_read, NULL, io, XML_CHAR_ENCODING_NONE);
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt)
		return NULL;
	memcpy(ctxt->sax, sax, sizeof *sax);
	ctxt->userData = s;
	xmlParserInputBufferPtr buf = xmlParserInputBufferCreateIO(io_read, NULL, io, XML_CHAR_ENCODING_NONE);
	xmlParserInputPtr in = buf ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
	if (!in) {
		if (buf)
			xmlFreeParserInputBuffer(buf);
		htmlFreeParserCtxt(ctxt);
		return NULL;
	}
	inputPush(ctxt, in);
	return ctxt;
}

int markup_parse(bool html, const char *what, markup_read_fn read, void *src,
		 const struct markup_events *ev, void *u, char *err, size_t errlen)
{
	xmlSAXHandler sax;
	handler(&sax, html);
	struct stream s = {.ev = ev, .u = u};
	struct io io = {read, src, false, {0}};
	s.ctxt = make_context(html, &io, &sax, &s);
	if (!s.ctxt) {
		snprintf(err, errlen, "%s: the parser could not start", what);
		return -1;
	}
	if (html) {
		htmlCtxtUseOptions(s.ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						   HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED);
		htmlParseDocument(s.ctxt);
	} else {
		/* NOENT only makes "&amp;" arrive as "&" in attribute values: no
		 * other entity can exist, since declaring one ends the parse */
		xmlCtxtUseOptions(s.ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOENT);
		xmlParseDocument(s.ctxt);
	}
	int rc = 0;
	if (io.failed) {
		rc = -1; /* the source said why */
	} else if (s.refused[0]) {
		snprintf(err, errlen, "%s is refused: %s", what, s.refused);
		rc = -1;
	} else if (!html && (!s.ctxt->wellFormed || s.first_error[0])) {
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
