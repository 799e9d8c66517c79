#include "read/document_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "read/pdf_isolate.h"
#include "read/pdf_text.h"
#include "read/zip_archive.h"
#include "read/zip_markup.h"
#include "util/util.h"

static char *pdf_words(const char *body, size_t len)
{
	struct pdf_page *pages;
	int n;
	char err[256];
	/* the text cap or the child's budget: what was read is not kept either,
	 * and the document goes by its digest */
	if (pdf_read_pages(body, len, &pages, &n, err, sizeof err) < 0)
		return NULL;
	struct buf out;
	buf_init(&out);
	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < pages[i].nlines; k++) {
			buf_append(&out, pages[i].lines[k].text, pages[i].lines[k].len);
			buf_putc(&out, '\n');
		}
		pdf_page_finish(&pages[i]);
	}
	free(pages);
	char *text = out.len ? xstrndup(out.data, out.len) : NULL;
	buf_finish(&out);
	return text;
}

/* The words of a WordprocessingML or ODF body part, streamed through the
 * markup parser (libxml2): its text, each paragraph, heading, tab and break
 * ending in '\n', up to as much text as a PDF may give. */
struct words_out {
	struct buf text;
};

static void on_text(void *u, const char *s, size_t n, unsigned line, unsigned col)
{
	(void)col;
	(void)line;
	struct words_out *w = u;
	if (w->text.len + n <= PDF_MAX_TEXT)
		buf_append(&w->text, s, n);
}

static void boundary(struct words_out *w, const char *name)
{
	/* w:p, w:tab, w:br (DOCX); text:p, text:h, text:tab, text:line-break (ODT) */
	static const char *const ends[] = {"p", "h", "tab", "br", "line-break"};
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
		if (strcmp(name, ends[i]) == 0 && w->text.len < PDF_MAX_TEXT) {
			buf_putc(&w->text, '\n');
			return;
		}
}

static void on_start(void *u, const char *uri, const char *name, const struct markup_attr *a, size_t na,
		     unsigned line, unsigned col)
{
	(void)col;
	(void)uri, (void)a, (void)na, (void)line;
	if (strcmp(name, "tab") == 0 || strcmp(name, "br") == 0 || strcmp(name, "line-break") == 0)
		boundary(u, name);
}

static void on_end(void *u, const char *uri, const char *name)
{
	(void)uri;
	if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)
		boundary(u, name);
}

static char *zip_words(const char *body, size_t len)
{
	static const struct markup_events ev = {on_start, on_end, on_text, NULL};
	static const char *const parts[] = {"word/document.xml", "content.xml"};
	struct zip_doc z;
	struct words_out w;
	buf_init(&w.text);
	char err[256];
	int rc = zip_open(&z, NULL, body, len, len, NULL, NULL);
	for (size_t k = 0; rc == 0 && k < sizeof parts / sizeof parts[0]; k++)
		rc = zip_markup_parse(&z, parts[k], false, &ev, &w, err, sizeof err);
	zip_close(&z);
	/* read whole, or not at all: a damaged document goes by its bytes */
	char *text = rc == 1 && w.text.len ? xstrndup(w.text.data, w.text.len) : NULL;
	buf_finish(&w.text);
	return text;
}

char *document_text(const char *body, size_t len)
{
	if (len >= 5 && !memcmp(body, "%PDF-", 5))
		return pdf_words(body, len);
	if (zip_signature((const unsigned char *)body, len))
		return zip_words(body, len);
	return NULL;
}
