/* test_formats.c — telling formats apart by content, and the paragraph
 * builder the structured readers share. */
#include <string.h>

#include "check.h"
#include "read/detect_format.h"
#include "read/para_text.h"
#include "read/odt_lists.h"
#include "read/pdf_wrap.h"

static enum doc_format of(const char *s, const char *name)
{
	return detect_format((const unsigned char *)s, strlen(s), name);
}

static void detection(void)
{
	CHECK_INT(of("PK\x03\x04rest", "report.txt"), FORMAT_ZIP);
	CHECK_INT(of("\xEF\xBB\xBF  <!DOCTYPE html>\n<html>", "x"), FORMAT_HTML);
	CHECK_INT(of("<?xml version=\"1.0\"?>\n<!-- c -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", "x"), FORMAT_HTML);
	CHECK_INT(of("<?xml version=\"1.0\"?>\n<svg/>", "x.svg"), FORMAT_XML);
	/* Markdown that opens with markup is still Markdown */
	CHECK_INT(of("<a name=\"top\"></a>\n# Title\n", "notes.md"), FORMAT_MARKDOWN);
	CHECK_INT(of("<div align=\"center\">\n", "README"), FORMAT_TEXT);
	CHECK_INT(of("<p>hello</p>", "page.htm"), FORMAT_HTML);
	CHECK_INT(of("[\n  {\"id\": \"a\"}]", "refs.txt"), FORMAT_CSL_JSON);
	CHECK_INT(of("{\"items\": []}", "x"), FORMAT_CSL_JSON);
	CHECK_INT(of("[]", "x"), FORMAT_CSL_JSON);
	CHECK_INT(of("[1] Smith, J. (2020). A book.", "refs.txt"), FORMAT_TEXT); /* a numbered note, not JSON */
	CHECK_INT(of("% exported\n@Article{key,\n", "refs.md"), FORMAT_BIBTEX);
	CHECK_INT(of("@misc (key,", "x"), FORMAT_BIBTEX);
	CHECK_INT(of("Follow @project88 on social media.", "x.txt"), FORMAT_TEXT);

	struct zip_kind k = {0};
	zip_kind_note(&k, "word/document.xml", NULL);
	CHECK_INT(zip_kind_format(&k), FORMAT_DOCX);
	struct zip_kind o = {0};
	zip_kind_note(&o, "content.xml", NULL);
	zip_kind_note(&o, "", "application/vnd.oasis.opendocument.text");
	CHECK_INT(zip_kind_format(&o), FORMAT_ODT);
	struct zip_kind e = {0};
	zip_kind_note(&e, "META-INF/container.xml", NULL);
	CHECK_INT(zip_kind_format(&e), FORMAT_EPUB);
	struct zip_kind z = {0};
	zip_kind_note(&z, "a.txt", NULL);
	CHECK_INT(zip_kind_format(&z), FORMAT_ZIP);

	enum doc_format f;
	CHECK(doc_format_parse("csl-json", &f) && f == FORMAT_CSL_JSON);
	CHECK(!doc_format_parse("zip", &f)); /* not a format one can ask for */
}

static void paragraphs(void)
{
	struct para p;
	size_t n;
	para_init(&p);
	para_text(&p, "  Smith,\n\t J. ", 14, 7);
	para_text(&p, "(2020).", 7, 8);
	CHECK_STR(para_get(&p, &n), "Smith, J. (2020).");
	CHECK_INT(p.line, 7); /* where its first word was */
	para_reset(&p);

	para_text(&p, "See ", 4, 1);
	para_link_begin(&p, "https://a.example/x");
	para_text(&p, "https://a.example/x/", 20, 1);
	para_link_end(&p);
	para_text(&p, " and ", 5, 1);
	para_link_begin(&p, "https://b.example/>");
	para_text(&p, "a [b] title", 11, 1);
	para_link_end(&p);
	CHECK_STR(para_get(&p, &n), "See <https://a.example/x> and [a \\[b\\] title](<https://b.example/%3E>)");
	para_reset(&p);

	para_prefix(&p, "- "); /* nothing to mark yet */
	para_text(&p, "Item text", 9, 1);
	para_prefix(&p, "12. ");
	CHECK_STR(para_get(&p, &n), "12. Item text");
	para_reset(&p);

	para_text(&p, "One.", 4, 1);
	para_break(&p);
	para_text(&p, " Two.", 5, 1);
	para_break(&p);
	CHECK_STR(para_get(&p, &n), "One.\nTwo.");
	para_finish(&p);
}

/* A PDF line of text set from left to right at 6 points a byte. */
static struct pdf_line line_of(const char *text, double left)
{
	size_t n = strlen(text);
	return (struct pdf_line){.text = (char *)text, .len = n, .left = left, .right = left + 6.0 * (double)n};
}

static enum pdf_wrap wrap(const char *url, double room, const char *next, size_t *tn)
{
	struct pdf_line l = line_of(next, 72);
	return pdf_wrap_of(url, strlen(url), room, false, &l, tn);
}

static void pdf_wraps(void)
{
	size_t tn;
	/* a path, a query, a file ending after a cut word: certain */
	CHECK_INT(wrap("https://a.example/Download", 0, "File?id=7 and more", &tn), PDF_WRAP_JOIN);
	CHECK_INT(tn, 9);
	CHECK_INT(wrap("https://a.example/docs/declaration.", 0, "pdf", &tn), PDF_WRAP_JOIN);
	CHECK_INT(wrap("https://a.example/reports/", 0, "annual-report-final/ is", &tn), PDF_WRAP_JOIN);
	CHECK_INT(wrap("https://a.example/news/bao-", 0, "dam-an-ninh", &tn), PDF_WRAP_JOIN);
	CHECK_INT(wrap("https://a.example", 0, ".vn/tin", &tn), PDF_WRAP_JOIN);
	/* an archive's address that stops at its inner scheme */
	CHECK_INT(wrap("https://web.archive.org/web/2024/https://", 0, "www.b.example/x", &tn), PDF_WRAP_JOIN);
	/* another URL, a word, or a word that would have fitted: the URL ends */
	CHECK_INT(wrap("https://a.example/x/", 0, "https://b.example/", &tn), PDF_WRAP_NONE);
	CHECK_INT(wrap("https://a.example/reports/", 0, "for those", &tn), PDF_WRAP_NONE);
	CHECK_INT(wrap("https://a.example/reports/", 0, "well-known tools", &tn), PDF_WRAP_NONE);
	CHECK_INT(wrap("https://a.example/x-", 200, "summary-final.pdf", &tn), PDF_WRAP_NONE);
	CHECK_INT(wrap("https://a.example/x.", 0, "Then", &tn), PDF_WRAP_NONE);
	/* a URL stopped where none ends, a plain word after: perhaps */
	CHECK_INT(wrap("https://a.example/page_", 0, "notesandcomments which", &tn), PDF_WRAP_UNSURE);
	CHECK_INT(tn, 16);

	/* two lines of code: the URL's line ends where its code ends */
	struct pdf_run mono = {0, 9, 10, true};
	struct pdf_line code = line_of("#d-i next", 90);
	code.runs = &mono;
	code.nruns = 1;
	CHECK_INT(pdf_wrap_of("http://a.example/key", 20, 0, true, &code, &tn), PDF_WRAP_NONE);
	CHECK_INT(pdf_wrap_of("http://a.example/key", 20, 0, false, &code, &tn), PDF_WRAP_JOIN);
	CHECK(pdf_font_mono("KTPWFC+LiberationMono"));
	CHECK(pdf_font_mono("BZUJDV+t1xtt"));
	CHECK(pdf_font_mono("Courier-Bold"));
	CHECK(pdf_font_mono("CMTT10"));
	CHECK(!pdf_font_mono("GKBWGE+FreeSerif"));
	CHECK(!pdf_font_mono("TeXGyreTermes-Regular"));
	CHECK(!pdf_font_mono(NULL));

	/* two columns: each line's edge is its column's; a heading across
	 * both (one line of the left column's seven) does not move it */
	struct pdf_line lines[10];
	lines[0] = line_of("A HEADING SET ACROSS BOTH OF THE COLUMNS OF THE PAGE", 72);
	for (int i = 1; i < 7; i++)
		lines[i] = line_of("left column text that ends", 72 + (i == 3 ? 12 : 0));
	lines[6].right -= 30; /* a paragraph's last line */
	for (int i = 7; i < 10; i++)
		lines[i] = line_of("right column text here", 330);
	struct pdf_page page = {.lines = lines, .nlines = 10};
	bool gone[10] = {0};
	double edge[10];
	pdf_column_edges(&page, gone, edge);
	CHECK(edge[1] == 72 + 6 * 26 + 12); /* the indented line reaches furthest */
	CHECK(edge[6] == edge[1]);
	CHECK(edge[0] == edge[1]);
	CHECK(edge[8] == 330 + 6 * 22);
}

#define ATTRS(...) ((const struct markup_attr[]){__VA_ARGS__})
#define A(name, value) {NULL, name, value}

static void odt_numbers(void)
{
	struct odt_lists *l = odt_lists_new();
	char out[ODT_LABEL_MAX];
	odt_lists_style_start(l, "list-style", ATTRS(A("name", "L1")), 1);
	odt_lists_style_start(l, "list-level-style-number",
			      ATTRS(A("level", "1"), A("num-format", "1"), A("num-prefix", "["), A("num-suffix", "]")), 4);
	odt_lists_style_start(l, "list-level-style-number",
			      ATTRS(A("level", "2"), A("num-format", "a"), A("num-suffix", "."), A("display-levels", "2")),
			      4);
	odt_lists_open(l, ATTRS(A("style-name", "L1"), A("id", "list7")), 2);
	odt_lists_item(l, NULL, 0, false, out, sizeof out);
	CHECK_STR(out, "[1] ");
	odt_lists_open(l, NULL, 0); /* a sublist: level 2, shown with its parent's number */
	odt_lists_item(l, NULL, 0, false, out, sizeof out);
	CHECK_STR(out, "1.a. ");
	odt_lists_item(l, NULL, 0, false, out, sizeof out);
	CHECK_STR(out, "1.b. ");
	odt_lists_close(l);
	odt_lists_item(l, NULL, 0, true, out, sizeof out); /* a header: no number */
	CHECK_STR(out, "");
	odt_lists_item(l, NULL, 0, false, out, sizeof out);
	CHECK_STR(out, "[2] ");
	odt_lists_close(l);
	/* a list of the same style starts again; one continuing list7 goes on */
	odt_lists_open(l, ATTRS(A("style-name", "L1")), 1);
	odt_lists_item(l, NULL, 0, false, out, sizeof out);
	CHECK_STR(out, "[1] ");
	odt_lists_close(l);
	odt_lists_open(l, ATTRS(A("continue-list", "list7")), 1);
	odt_lists_item(l, NULL, 0, false, out, sizeof out);
	CHECK_STR(out, "[3] ");
	odt_lists_item(l, ATTRS(A("start-value", "9")), 1, false, out, sizeof out);
	CHECK_STR(out, "[9] ");
	odt_lists_close(l);
	/* a style not known, or none: bullets */
	odt_lists_open(l, ATTRS(A("style-name", "L9")), 1);
	odt_lists_item(l, NULL, 0, false, out, sizeof out);
	CHECK_STR(out, "- ");
	odt_lists_close(l);
	odt_lists_close(l); /* one close too many: nothing happens */
	odt_lists_free(l);
}

int main(void)
{
	detection();
	paragraphs();
	pdf_wraps();
	odt_numbers();
	return check_done("formats");
}
