/* pdf_page.h — a PDF page's text as citecheck keeps it: its lines in
 * reading order, each with its glyphs' font sizes, its place on the page
 * and the spans its URI annotations cover. Filled by pdf_text.h (poppler)
 * in the PDF reader program and sent to citecheck over a pipe
 * (pdf_isolate.h), so that citecheck itself never loads poppler. */
#ifndef CITECHECK_PDF_PAGE_H
#define CITECHECK_PDF_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#define PDF_MAX_PAGES 10000
#define PDF_MAX_TEXT ((size_t)64 << 20) /* bytes of text over the whole document */

/* Bytes [start, end) of a line in one font size, and whether its font is
 * monospaced (code, or a URL LaTeX sets in typewriter). */
struct pdf_run {
	size_t start, end;
	double size;
	bool mono;
};

/* Bytes [start, end) of a line under a URI annotation. */
struct pdf_link {
	size_t start, end;
	size_t uri; /* index into the page's uris */
};

struct pdf_line {
	char *text; /* UTF-8, without its newline */
	size_t len;
	double top, bottom, left; /* its first glyph's box, from the page's top left, in points */
	double right;             /* where its rightmost glyph ends */
	struct pdf_run *runs;
	size_t nruns;
	struct pdf_link *links;
	size_t nlinks;
};

struct pdf_page {
	struct pdf_line *lines;
	size_t nlines, lines_cap;
	char **uris; /* the page's URI annotations' targets, owned */
	size_t nuris;
	double height;
};

void pdf_page_finish(struct pdf_page *p);

/* The font size of the line's glyph at byte offset at (0 when not known). */
double pdf_line_size_at(const struct pdf_line *l, size_t at);
/* Whether every glyph of the line is set in a monospaced font: a line of
 * code, which ends where its code ends, not at the column's edge. */
bool pdf_line_mono(const struct pdf_line *l);
/* Whether a font's name (its subset prefix "ABCDEF+" aside) is one of a
 * monospaced family: Courier, FreeMono, Liberation and DejaVu Mono, TeX's
 * typewriter faces (cmtt, lmtt, t1xtt, …), Consolas, Menlo, … */
bool pdf_font_mono(const char *name);

#endif
