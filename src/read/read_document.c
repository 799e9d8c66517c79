#include "read/read_document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "extract/extract.h"
#include "read/doc_input.h"
#include "read/doc_reader.h"
#include "read/md_hidden.h"
#include "read/md_tree.h"
#include "read/read_bibtex.h"
#include "read/read_csl_json.h"
#include "read/read_docx.h"
#include "read/read_epub.h"
#include "read/read_html.h"
#include "read/read_odt.h"
#include "read/read_pdf.h"
#include "read/zip_archive.h"
#include "util/util.h"

static void reader_warnings(struct model *m, const struct doc_reader *r)
{
	if (r->invalid_utf8_lines)
		problems_add(&m->problems, PROB_INVALID_UTF8, r->first_invalid_line, 0,
			     xasprintf("%u line%s %s not valid UTF-8 (first: line %u); the bad bytes "
				       "read as U+FFFD. Is the file in another encoding?",
				       r->invalid_utf8_lines, r->invalid_utf8_lines == 1 ? "" : "s",
				       r->invalid_utf8_lines == 1 ? "is" : "are", r->first_invalid_line),
			     NULL);
	if (r->long_lines)
		problems_add(&m->problems, PROB_LINE_TOO_LONG, r->first_long_line, 0,
			     xasprintf("%u line%s longer than %u bytes (first: line %u); only the first "
				       "%u bytes of each were read",
				       r->long_lines, r->long_lines == 1 ? " is" : "s are", DOC_LINE_CAP,
				       r->first_long_line, DOC_LINE_CAP),
			     NULL);
}

static bool rst_name(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && !strchr(dot, '/') && strcmp(dot, ".rst") == 0;
}

/* A Markdown document is read whole and parsed by cmark-gfm first: the
 * extractor then knows which lines are code and which are link
 * definitions, as GitHub renders them (read/md_tree.h), the document what
 * its headings and raw HTML name, and the extractor reads the
 * lines from the copy in memory. A file past MD_PARSE_MAX is read as it
 * comes, by its lines' own syntax (standard input is held whole all the
 * same, up to DOC_SLURP_MAX). Returns the copy to read (owned; NULL: read
 * in itself), or NULL with err set and *failed when reading failed. */
static char *markdown_whole(struct model *m, struct extractor *x, struct doc_input *in, size_t *len, bool *failed,
			    char *err, size_t errlen)
{
	*failed = false;
	if (in->regular && in->size > MD_PARSE_MAX)
		return NULL;
	char *text = NULL;
	if (doc_input_slurp(in, &text, len) < 0) {
		snprintf(err, errlen, "%s", in->error);
		*failed = true;
		return NULL;
	}
	if (!*len) { /* nothing to parse: the input, read to its end, gives nothing more */
		free(text);
		return NULL;
	}
	/* a lone CR ends a line for CommonMark (an old Mac file): for the line
	 * reader too, so that both count the same lines */
	for (size_t i = 0; i < *len; i++)
		if (text[i] == '\r' && (i + 1 == *len || text[i + 1] != '\n'))
			text[i] = '\n';
	cmark_node *doc = *len <= MD_PARSE_MAX ? md_parse(text, *len) : NULL;
	if (doc) {
		md_hide(doc, text, *len); /* before anything reads the lines: code and math are no links */
		unsigned nlines;
		unsigned char *flags = md_line_flags(text, *len, doc, &nlines);
		extractor_markdown_lines(x, flags, nlines);
		size_t nlinks;
		struct md_link *links = md_links(doc, text, *len, &nlinks);
		extractor_markdown_links(x, links, nlinks);
		/* what links into it can name, from the same tree: read once */
		md_anchor_source(doc, &m->doc.anchors, ANCHORS_PER_DOCUMENT_MAX);
		cmark_node_free(doc);
	}
	return text;
}

static int read_lines(struct model *m, struct extractor *x, struct doc_input *in, enum doc_format f,
		      char *err, size_t errlen)
{
	size_t len = 0;
	bool failed = false;
	char *whole = f == FORMAT_MARKDOWN ? markdown_whole(m, x, in, &len, &failed, err, errlen) : NULL;
	struct doc_input copy;
	if (failed)
		return -1;
	if (whole && doc_input_memory(&copy, in->path, whole, len) < 0) {
		snprintf(err, errlen, "%s", copy.error);
		free(whole);
		return -1;
	}
	if (whole)
		in = &copy;
	struct doc_reader r;
	if (doc_reader_open(&r, in) < 0) {
		snprintf(err, errlen, "%s", r.error);
		if (whole) {
			doc_input_close(&copy);
			free(whole);
		}
		return -1;
	}
	int rc;
	if (f == FORMAT_ASCIIDOC)
		extractor_asciidoc(x);
	while ((rc = doc_reader_next(&r)) > 0)
		extractor_line(x, r.text, r.len, r.lineno);
	if (rc < 0) {
		snprintf(err, errlen, "%s", r.error);
	} else {
		m->doc.lines = r.lineno;
		m->doc.format = f == FORMAT_MARKDOWN	    ? "markdown"
				: rst_name(m->doc.path)	    ? "rst"
				: f == FORMAT_ASCIIDOC	    ? "asciidoc"
				: extractor_saw_markdown(x) ? "markdown"
							    : "text";
		reader_warnings(m, &r);
	}
	doc_reader_close(&r);
	if (whole) {
		doc_input_close(&copy);
		free(whole);
	}
	return rc < 0 ? -1 : 0;
}

static int read_html_doc(struct model *m, struct extractor *x, struct doc_input *in,
			 const struct read_options *o, char *err, size_t errlen)
{
	struct html_source src = {.what = m->doc.path, .base_url = o->base_url, .check_chrome = o->check_chrome};
	struct html_tally t = {0};
	extractor_structured(x);
	int rc = read_html(x, &src, doc_input_read, in, &t, err, errlen);
	if (rc < 0 && in->error[0])
		snprintf(err, errlen, "%s", in->error);
	m->doc.lines = t.lines;
	if (t.relative)
		problems_add(&m->problems, PROB_LINK_RELATIVE, t.first_relative_line, 0,
			     xasprintf("%u relative link%s (first: line %u) cannot be checked: the page has "
				       "no <base>; give its address with --base-url",
				       t.relative, t.relative == 1 ? "" : "s", t.first_relative_line),
			     NULL);
	return rc;
}

static void note_entry(const char *name, void *kind)
{
	zip_kind_note(kind, name, NULL);
}

/* DOCX, ODT or EPUB: which one the archive's entries and mimetype say. */
static int read_zip_doc(struct model *m, struct extractor *x, struct doc_input *in, enum doc_format f,
			char *err, size_t errlen)
{
	char *mem = NULL;
	size_t len = 0;
	if (!in->regular && doc_input_slurp(in, &mem, &len) < 0) {
		snprintf(err, errlen, "%s", in->error);
		return -1;
	}
	struct zip_doc z;
	struct zip_kind kind = {0};
	int rc = zip_open(&z, in->regular ? in->path : NULL, mem, len, in->regular ? in->size : len,
			  f == FORMAT_ZIP ? note_entry : NULL, &kind);
	if (rc == 0 && f == FORMAT_ZIP) {
		char *mime = NULL;
		size_t ml;
		if (zip_part_slurp(&z, "mimetype", &mime, &ml) < 0)
			rc = -1;
		zip_kind_note(&kind, "", mime);
		free(mime);
		f = zip_kind_format(&kind);
		if (rc == 0 && f == FORMAT_ZIP) {
			snprintf(z.error, sizeof z.error,
				 "this is a zip archive but not a DOCX, ODT or EPUB document (no word/document.xml, "
				 "content.xml or META-INF/container.xml)");
			rc = -1;
		}
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s", z.error);
	} else {
		extractor_structured(x);
		m->doc.unit = f == FORMAT_EPUB ? "line" : "paragraph";
		m->doc.format = doc_format_name(f);
		rc = f == FORMAT_DOCX  ? read_docx(x, m, &z, &m->doc.lines, err, errlen)
		     : f == FORMAT_ODT ? read_odt(x, m, &z, &m->doc.lines, err, errlen)
				       : read_epub(x, m, &z, &m->doc.lines, err, errlen);
	}
	m->doc.bytes = in->regular ? in->size : len;
	zip_close(&z);
	free(mem);
	return rc;
}

static int read_as(struct model *m, struct extractor *x, struct doc_input *in, enum doc_format f,
		   const struct read_options *o, char *err, size_t errlen)
{
	m->doc.format = doc_format_name(f);
	switch (f) {
	case FORMAT_HTML:
		return read_html_doc(m, x, in, o, err, errlen);
	case FORMAT_DOCX:
	case FORMAT_ODT:
	case FORMAT_EPUB:
	case FORMAT_ZIP:
		return read_zip_doc(m, x, in, f, err, errlen);
	case FORMAT_BIBTEX:
		return read_bibtex(m, x, in, err, errlen);
	case FORMAT_CSL_JSON:
		return read_csl_json(m, x, in, err, errlen);
	case FORMAT_PDF:
		return read_pdf(x, m, in, err, errlen);
	case FORMAT_XML:
		snprintf(err, errlen, "this is an XML document of a kind citecheck does not read "
				      "(it reads HTML, XHTML, DOCX, ODT and EPUB)");
		return -1;
	default:
		return read_lines(m, x, in, f, err, errlen);
	}
}

int read_document(struct model *m, const struct read_options *o, char *err, size_t errlen)
{
	struct doc_input in;
	if (doc_input_open(&in, o->file ? o->file : m->doc.path) < 0) {
		snprintf(err, errlen, "%s", in.error);
		return -1;
	}
	enum doc_format f = o->format != FORMAT_AUTO ? o->format : detect_format(in.head, in.head_len, m->doc.path);
	struct extractor *x = extractor_create(m, o->classify);
	int rc = read_as(m, x, &in, f, o, err, errlen);
	if (rc == 0) {
		extractor_finish(x);
		if (!m->doc.bytes)
			m->doc.bytes = in.bytes;
		if (m->doc.bytes == 0)
			problems_add(&m->problems, PROB_EMPTY_DOCUMENT, 0, 0, xstrdup("the document is empty"), NULL);
	}
	extractor_destroy(x);
	doc_input_close(&in);
	return rc;
}

void read_document_init(void)
{
	xmlInitParser();
	/* libarchive turns a zip entry's time into local time: the zone is
	 * read here once, not first by several readers at a time */
	tzset();
}
