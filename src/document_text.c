#include "document_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_text.h"
#include "util.h"
#include "zip_archive.h"

static char *pdf_words(const char *body, size_t len)
{
	struct pdf_doc d;
	if (pdf_open(&d, body, len) < 0)
		return NULL;
	struct buf out;
	buf_init(&out);
	for (int i = 0; i < d.pages; i++) {
		struct pdf_page p = {0};
		if (pdf_page_read(&d, i, &p) < 0) {
			pdf_page_finish(&p);
			break; /* the text cap: what was read is the document's start */
		}
		for (size_t k = 0; k < p.nlines; k++) {
			buf_append(&out, p.lines[k].text, p.lines[k].len);
			buf_putc(&out, '\n');
		}
		pdf_page_finish(&p);
	}
	pdf_close(&d);
	char *text = out.len ? xstrndup(out.data, out.len) : NULL;
	buf_finish(&out);
	return text;
}

/* The character data of a WordprocessingML or ODF body part, each paragraph
 * ending in '\n': tags dropped, the five XML entities undone. Enough for
 * words: the readers' full parse serves the extraction, not this. */
static char *xml_words(const char *x, size_t n)
{
	static const struct {
		const char *ent, *ch;
	} ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
	struct buf out;
	buf_init(&out);
	for (size_t i = 0; i < n;) {
		if (x[i] == '<') {
			const char *gt = memchr(x + i, '>', n - i);
			if (!gt)
				break;
			size_t tl = (size_t)(gt - x) - i;
			/* a paragraph's end, or a tab or break inside one: a word boundary */
			if ((tl >= 5 && !memcmp(x + i, "</w:p", 5)) || (tl >= 8 && !memcmp(x + i, "</text:", 7)) ||
			    (tl >= 6 && (!memcmp(x + i, "<w:tab", 6) || !memcmp(x + i, "<w:br", 5))))
				buf_putc(&out, '\n');
			i = (size_t)(gt - x) + 1;
			continue;
		}
		bool done = false;
		for (size_t k = 0; x[i] == '&' && k < sizeof ents / sizeof ents[0] && !done; k++) {
			size_t el = strlen(ents[k].ent);
			if (n - i >= el && !memcmp(x + i, ents[k].ent, el)) {
				buf_append(&out, ents[k].ch, 1);
				i += el;
				done = true;
			}
		}
		if (!done)
			buf_putc(&out, x[i++]);
	}
	char *text = out.len ? xstrndup(out.data, out.len) : NULL;
	buf_finish(&out);
	return text;
}

static char *zip_words(const char *body, size_t len)
{
	struct zip_doc z;
	if (zip_open(&z, NULL, body, len, len, NULL, NULL) < 0) {
		zip_close(&z);
		return NULL;
	}
	static const char *const parts[] = {"word/document.xml", "content.xml"};
	char *text = NULL;
	for (size_t k = 0; k < sizeof parts / sizeof parts[0] && !text; k++) {
		char *xml;
		size_t xl;
		if (zip_part_slurp(&z, parts[k], &xml, &xl) == 1) {
			text = xml_words(xml, xl);
			free(xml);
		}
	}
	zip_close(&z);
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
