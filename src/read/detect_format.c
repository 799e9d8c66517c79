#include "read/detect_format.h"

#include <string.h>
#include <strings.h>

#include "read/zip_archive.h"
#include "util/util.h"

static const char *const names[] = {
	[FORMAT_AUTO] = "auto",       [FORMAT_TEXT] = "text",         [FORMAT_MARKDOWN] = "markdown", [FORMAT_ASCIIDOC] = "asciidoc",
	[FORMAT_HTML] = "html",       [FORMAT_DOCX] = "docx",         [FORMAT_ODT] = "odt",
	[FORMAT_EPUB] = "epub",       [FORMAT_BIBTEX] = "bibtex",     [FORMAT_CSL_JSON] = "csl-json",
	[FORMAT_PDF] = "pdf",         [FORMAT_ZIP] = "zip",         [FORMAT_XML] = "xml",
};

bool doc_format_parse(const char *name, enum doc_format *out)
{
	for (int f = FORMAT_AUTO; f <= FORMAT_PDF; f++)
		if (strcmp(name, names[f]) == 0) {
			*out = (enum doc_format)f;
			return true;
		}
	return false;
}

const char *doc_format_name(enum doc_format f)
{
	return names[f];
}

static size_t skip_space(const unsigned char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i;
}

static bool has_ext(const char *path, const char *const *exts)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return false;
	for (; *exts; exts++)
		if (strcasecmp(dot, *exts) == 0)
			return true;
	return false;
}

/* "@article{" or "@misc (" after BibTeX's free comments. */
static bool bibtex_entry(const unsigned char *p, size_t n, size_t i)
{
	for (; i < n; i++) {
		if (p[i] == '%') { /* a comment line */
			while (i < n && p[i] != '\n')
				i++;
			continue;
		}
		if (p[i] != '@')
			continue;
		size_t j = i + 1;
		while (j < n && ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z')))
			j++;
		j = skip_space(p, n, j);
		return j > i + 1 && j < n && (p[j] == '{' || p[j] == '(');
	}
	return false;
}

/* A document that declares itself: a doctype or root of html, or an XML
 * declaration before another root. Markup at the start of a Markdown file
 * ("<a name=…>", "<div align=…>") is no such declaration. */
static enum doc_format markup(const unsigned char *p, size_t n, size_t i)
{
	const char *s = (const char *)p;
	bool declared = false;
	while (i < n && p[i] == '<') {
		if (ascii_ieq_prefix(s + i, n - i, "<!doctype html") || ascii_ieq_prefix(s + i, n - i, "<html") ||
		    ascii_ieq_prefix(s + i, n - i, "<head") || ascii_ieq_prefix(s + i, n - i, "<body"))
			return FORMAT_HTML;
		if (i + 1 < n && (p[i + 1] == '?' || p[i + 1] == '!')) {
			declared |= ascii_ieq_prefix(s + i, n - i, "<?xml");
			const char *end = memchr(s + i, '>', n - i);
			if (!end)
				break;
			i = skip_space(p, n, (size_t)(end - s) + 1);
			continue;
		}
		return declared ? FORMAT_XML : FORMAT_AUTO;
	}
	return FORMAT_AUTO;
}

enum doc_format detect_format(const unsigned char *p, size_t n, const char *path)
{
	if (zip_signature(p, n))
		return FORMAT_ZIP;
	if (n >= 5 && !memcmp(p, "%PDF-", 5))
		return FORMAT_PDF;
	size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	i = skip_space(p, n, i);
	if (i < n && p[i] == '<') {
		enum doc_format f = markup(p, n, i);
		if (f != FORMAT_AUTO)
			return f;
	}
	if (i < n && (p[i] == '[' || p[i] == '{')) {
		/* a JSON array of items or an object: Markdown never starts with '{' */
		size_t j = skip_space(p, n, i + 1);
		if (j >= n || p[j] == '{' || p[j] == '"' || p[j] == ']' || p[j] == '}')
			return FORMAT_CSL_JSON;
	}
	if (bibtex_entry(p, n, i))
		return FORMAT_BIBTEX;
	static const char *const md[] = {".md", ".markdown", ".mdown", ".mkd", ".mdx", NULL};
	static const char *const html[] = {".html", ".htm", ".xhtml", NULL};
	static const char *const adoc[] = {".adoc", ".asciidoc", ".asc", NULL};
	if (has_ext(path, html))
		return FORMAT_HTML;
	if (has_ext(path, adoc))
		return FORMAT_ASCIIDOC;
	return has_ext(path, md) ? FORMAT_MARKDOWN : FORMAT_TEXT;
}

void zip_kind_note(struct zip_kind *k, const char *name, const char *mimetype)
{
	if (strcmp(name, "word/document.xml") == 0)
		k->docx = true;
	else if (strcmp(name, "content.xml") == 0)
		k->odt_content = true;
	else if (strcmp(name, "META-INF/container.xml") == 0)
		k->epub_container = true;
	if (mimetype && strncmp(mimetype, "application/vnd.oasis.opendocument.text", 39) == 0)
		k->odt_mime = true;
	if (mimetype && strncmp(mimetype, "application/epub+zip", 20) == 0)
		k->epub_mime = true;
}

enum doc_format zip_kind_format(const struct zip_kind *k)
{
	if (k->epub_mime || (k->epub_container && !k->odt_content && !k->docx))
		return FORMAT_EPUB;
	if (k->odt_mime || (k->odt_content && !k->docx))
		return FORMAT_ODT;
	if (k->docx)
		return FORMAT_DOCX;
	return FORMAT_ZIP;
}
