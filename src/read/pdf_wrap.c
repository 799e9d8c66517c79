#include "read/pdf_wrap.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

bool pdf_looks_like_url(const char *s, size_t n)
{
	return (n >= 7 && !strncmp(s, "http://", 7)) || (n >= 8 && !strncmp(s, "https://", 8)) ||
	       (n >= 4 && !strncmp(s, "www.", 4));
}

static bool url_char(unsigned char c)
{
	/* a backslash the text escapes "_" with, as Markdown turned into a
	 * document keeps it; bytes of UTF-8, as an address may show them */
	return isalnum_ascii(c) || c >= 0x80 || (c && strchr("-._~:/?#[]@!$&'()*+,;=%\\", c));
}

const char *pdf_trailing_url(const struct pdf_line *l, size_t from, size_t *un)
{
	if (l->nlinks && l->links[l->nlinks - 1].end == l->len)
		return NULL; /* an annotation says where its link goes */
	size_t i = l->len;
	while (i > from && l->text[i - 1] != ' ')
		i--;
	*un = l->len - i;
	const char *u = l->text + i;
	return pdf_looks_like_url(u, *un) || (*un >= 6 && !strncmp(u, "ftp://", 6)) ? u : NULL;
}

static size_t count_of(const char *s, size_t n, const char *set)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += strchr(set, s[i]) != NULL;
	return c;
}

static bool ends_with(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);
	return n >= t && !strncmp(s + n - t, tail, t);
}

/* The file endings a URL's last segment has, without their dot. */
static const char *const endings[] = {"htm", "html", "shtml", "pdf", "php", "asp", "aspx", "jsp", "cgi", "doc",
				      "docx", "xls", "xlsx", "ppt", "pptx", "odt", "csv", "txt", "xml", "json",
				      "zip", "rtf", "epub"};

static bool file_ending(const char *s, size_t n, bool dotted)
{
	for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
		size_t e = strlen(endings[i]);
		if (dotted ? n > e + 1 && s[n - e - 1] == '.' && ends_with(s, n, endings[i])
			   : n == e && !strncmp(s, endings[i], e))
			return true;
	}
	return false;
}

/* A path segment's slug: words joined by two or more "-" or "_" (prose
 * breaks a line after a URL at one compound word, not at a slug), or
 * letters and digits around one. */
static bool slug(const char *s, size_t n)
{
	size_t seps = count_of(s, n, "-_"), digits = count_of(s, n, "0123456789");
	return seps >= 2 || (seps && digits && digits < n - seps);
}

enum pdf_wrap pdf_wrap_of(const char *url, size_t un, double room, bool code, const struct pdf_line *next,
			  size_t *tn)
{
	*tn = 0;
	if (!un || !next->len || next->text[0] == ' ' || (next->nlinks && next->links[0].start == 0))
		return PDF_WRAP_NONE; /* an annotation says where its link starts */
	if (code && pdf_line_mono(next))
		return PDF_WRAP_NONE;
	size_t n = 0;
	while (n < next->len && next->text[n] != ' ')
		n++;
	for (size_t i = 0; i < n; i++)
		if (!url_char((unsigned char)next->text[i]))
			return PDF_WRAP_NONE;
	/* a URL of its own, unless the one before stopped at its scheme's "//"
	 * (an archive's address ends there before the address it holds) */
	if (pdf_looks_like_url(next->text, n) && !ends_with(url, un, "://"))
		return PDF_WRAP_NONE;
	double glyph = next->right > next->left && next->len ? (next->right - next->left) / (double)next->len : 0;
	if (room > glyph * (double)(n + 1))
		return PDF_WRAP_NONE; /* the word would have fitted: the line ended there */
	size_t core = n; /* without the sentence's punctuation */
	while (core && strchr(".,;:)]'\"", next->text[core - 1]))
		core--;
	if (!core)
		return PDF_WRAP_NONE;
	*tn = n;
	const char *t = next->text;
	char last = url[un - 1];
	/* certain: a query, path or escape goes on; a file ending closes it; a
	 * word-joining mark on either side of the break; a slug after a slash */
	if (count_of(t, core, "/=&%?#") || file_ending(t, core, true) || ends_with(url, un, "://"))
		return PDF_WRAP_JOIN;
	if (strchr("-_", last) && count_of(t, core, "-_0123456789"))
		return PDF_WRAP_JOIN;
	if (strchr("-_.", t[0]) && core > 1 && isalnum_ascii((unsigned char)t[1]))
		return PDF_WRAP_JOIN;
	if (last == '/' && slug(t, core))
		return PDF_WRAP_JOIN;
	if (last == '.' && file_ending(t, core, false))
		return PDF_WRAP_JOIN;
	return strchr("-_=?&%~", last) ? PDF_WRAP_UNSURE : PDF_WRAP_NONE;
}

static int by_left(const void *a, const void *b, void *arg)
{
	const struct pdf_line *l = arg;
	double x = l[*(const size_t *)a].left, y = l[*(const size_t *)b].left;
	return x < y ? -1 : x > y;
}

static int by_right_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x > y ? -1 : x < y;
}

/* Lines whose starts follow each other within this much are one column
 * (a hanging indent, a note's number before its text). */
#define COLUMN_STEP 20.0
/* A column's edge is where this share of its lines end, within EDGE_SLACK:
 * a heading or abstract set across two columns does not move it. */
#define EDGE_SHARE 0.3
#define EDGE_SLACK 15.0

void pdf_column_edges(const struct pdf_page *p, const bool *gone, double *edge)
{
	size_t *order = xcalloc(p->nlines + 1, sizeof *order), n = 0;
	double *rights = xcalloc(p->nlines + 1, sizeof *rights);
	for (size_t i = 0; i < p->nlines; i++) {
		edge[i] = p->lines[i].right;
		if (!gone[i] && p->lines[i].len)
			order[n++] = i;
	}
	qsort_r(order, n, sizeof *order, by_left, p->lines);
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;
		while (b < n && p->lines[order[b]].left - p->lines[order[b - 1]].left <= COLUMN_STEP)
			b++;
		for (size_t k = a; k < b; k++)
			rights[k - a] = p->lines[order[k]].right;
		size_t size = b - a, need = (size_t)((double)size * EDGE_SHARE + 0.999), reach = 0;
		qsort(rights, size, sizeof *rights, by_right_desc);
		double at = rights[0];
		for (size_t k = 0; k < size; k++) {
			while (reach < size && rights[reach] >= rights[k] - EDGE_SLACK)
				reach++;
			if (reach >= need) {
				at = rights[k];
				break;
			}
		}
		for (size_t k = a; k < b; k++)
			edge[order[k]] = at;
		a = b;
	}
	free(rights);
	free(order);
}
