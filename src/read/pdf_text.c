#include "read/pdf_text.h"

#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int pdf_open(struct pdf_doc *d, const void *data, size_t len)
{
	memset(d, 0, sizeof *d);
	GError *e = NULL;
	GBytes *bytes = g_bytes_new_static(data, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &e);
	g_bytes_unref(bytes); /* the document keeps its own reference */
	if (!doc) {
		bool locked = e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED;
		snprintf(d->error, sizeof d->error, "%s%s",
			 locked ? "the PDF is encrypted: citecheck cannot read its text without the password"
				: "the PDF is damaged or not a PDF: ",
			 locked ? "" : e ? e->message : "poppler could not open it");
		if (e)
			g_error_free(e);
		return -1;
	}
	d->doc = doc;
	d->pages = poppler_document_get_n_pages(doc);
	if (d->pages > PDF_MAX_PAGES) {
		snprintf(d->error, sizeof d->error, "the PDF has %d pages: citecheck reads at most %d", d->pages,
			 PDF_MAX_PAGES);
		pdf_close(d);
		return -1;
	}
	return 0;
}

void pdf_close(struct pdf_doc *d)
{
	if (d->doc)
		g_object_unref(d->doc);
	d->doc = NULL;
}

/* The page's URI annotations: their targets, and their boxes turned to
 * the text layout's coordinates (from the top; annotations count from the
 * bottom). */
static PopplerRectangle *uri_areas(PopplerPage *page, struct pdf_page *p)
{
	GList *links = poppler_page_get_link_mapping(page);
	PopplerRectangle *areas = xcalloc(g_list_length(links) + 1, sizeof *areas);
	p->uris = xcalloc(g_list_length(links) + 1, sizeof *p->uris);
	for (GList *l = links; l; l = l->next) {
		PopplerLinkMapping *m = l->data;
		if (!m->action || m->action->type != POPPLER_ACTION_URI || !m->action->uri.uri)
			continue;
		PopplerRectangle r = m->area;
		areas[p->nuris] = (PopplerRectangle){r.x1, p->height - r.y2, r.x2, p->height - r.y1};
		p->uris[p->nuris++] = xstrdup(m->action->uri.uri);
	}
	poppler_page_free_link_mapping(links);
	return areas;
}

/* The annotation covering the glyph's centre, or -1. */
static long covering(const PopplerRectangle *areas, size_t n, const PopplerRectangle *g)
{
	double cx = (g->x1 + g->x2) / 2, cy = (g->y1 + g->y2) / 2;
	for (size_t i = 0; i < n; i++)
		if (cx >= areas[i].x1 && cx <= areas[i].x2 && cy >= areas[i].y1 && cy <= areas[i].y2)
			return (long)i;
	return -1;
}

/* Font sizes and monospacing by character index, from poppler's attribute ranges. */
static double *char_sizes(PopplerPage *page, size_t nchars, bool **mono)
{
	double *size = xcalloc(nchars + 1, sizeof *size);
	*mono = xcalloc(nchars + 1, sizeof **mono);
	GList *attrs = poppler_page_get_text_attributes(page);
	for (GList *l = attrs; l; l = l->next) {
		PopplerTextAttributes *a = l->data;
		bool m = pdf_font_mono(a->font_name);
		for (int k = a->start_index; k <= a->end_index && k >= 0 && (size_t)k < nchars; k++) {
			size[k] = a->font_size;
			(*mono)[k] = m;
		}
	}
	poppler_page_free_text_attributes(attrs);
	return size;
}

static void add_run(struct pdf_line *l, size_t *cap, size_t at, double size, bool mono)
{
	if (l->nruns && l->runs[l->nruns - 1].size == size && l->runs[l->nruns - 1].mono == mono) {
		l->runs[l->nruns - 1].end = at;
		return;
	}
	grow_array(&l->runs, cap, l->nruns + 1, sizeof *l->runs);
	l->runs[l->nruns++] = (struct pdf_run){at, at, size, mono};
}

static void add_link(struct pdf_line *l, size_t *cap, size_t start, size_t end, size_t uri)
{
	if (l->nlinks && l->links[l->nlinks - 1].uri == uri && l->links[l->nlinks - 1].end == start) {
		l->links[l->nlinks - 1].end = end;
		return;
	}
	grow_array(&l->links, cap, l->nlinks + 1, sizeof *l->links);
	l->links[l->nlinks++] = (struct pdf_link){start, end, uri};
}

int pdf_page_read(struct pdf_doc *d, int i, struct pdf_page *p)
{
	memset(p, 0, sizeof *p);
	PopplerPage *page = poppler_document_get_page(d->doc, i);
	if (!page) {
		d->missing++; /* a page poppler cannot give: no text */
		return 0;
	}
	double w;
	poppler_page_get_size(page, &w, &p->height);
	char *text = poppler_page_get_text(page);
	size_t bytes = text ? strlen(text) : 0;
	if (d->text_bytes + bytes > PDF_MAX_TEXT) {
		snprintf(d->error, sizeof d->error, "the PDF holds more than %zu MiB of text: citecheck stops there",
			 PDF_MAX_TEXT >> 20);
		g_free(text);
		g_object_unref(page);
		return -1;
	}
	d->text_bytes += bytes;
	PopplerRectangle *glyphs = NULL;
	guint nglyphs = 0;
	if (text && !poppler_page_get_text_layout(page, &glyphs, &nglyphs))
		nglyphs = 0;
	size_t nchars = text ? (size_t)g_utf8_strlen(text, -1) : 0;
	bool *mono;
	double *size = char_sizes(page, nchars, &mono);
	PopplerRectangle *areas = uri_areas(page, p);
	struct pdf_line cur = {0};
	size_t runs_cap = 0, links_cap = 0, start = 0, k = 0;
	for (size_t b = 0; text && b <= bytes; k++) {
		bool end = b == bytes || text[b] == '\n';
		const char *next = end ? text + b + 1 : g_utf8_next_char(text + b);
		size_t nb = (size_t)(next - text);
		if (end && b == bytes && start == bytes) /* the text ended with its newline */
			break;
		if (end) {
			cur.text = xstrndup(text + start, b - start);
			cur.len = b - start;
			grow_array(&p->lines, &p->lines_cap, p->nlines + 1, sizeof *p->lines);
			p->lines[p->nlines++] = cur;
			memset(&cur, 0, sizeof cur);
			runs_cap = links_cap = 0;
			start = nb;
			b = nb;
			continue;
		}
		const PopplerRectangle *g = k < nglyphs ? &glyphs[k] : NULL;
		if (g && b == start) {
			cur.top = g->y1;
			cur.bottom = g->y2;
			cur.left = g->x1;
		}
		if (g && g->x2 > cur.right)
			cur.right = g->x2;
		add_run(&cur, &runs_cap, b - start, k < nchars ? size[k] : 0, k < nchars && mono[k]);
		cur.runs[cur.nruns - 1].end = nb - start;
		long a = g ? covering(areas, p->nuris, g) : -1;
		if (a >= 0)
			add_link(&cur, &links_cap, b - start, nb - start, (size_t)a);
		b = nb;
	}
	g_free(glyphs);
	free(size);
	free(mono);
	free(areas);
	g_free(text);
	g_object_unref(page);
	return 0;
}

