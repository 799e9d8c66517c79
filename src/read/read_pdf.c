#include "read/read_pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/pdf_isolate.h"
#include "read/pdf_text.h"
#include "util/util.h"

/* A glyph this much smaller than the body's is a superscript note number. */
#define NOTE_SIZE_RATIO 0.8

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The body text's font size: the size most bytes are set in. */
static double body_size(const struct pdf_page *pages, size_t n)
{
	double best = 0, sizes[64];
	size_t weight[64], ns = 0, top = 0;
	for (size_t p = 0; p < n; p++)
		for (size_t i = 0; i < pages[p].nlines; i++)
			for (size_t r = 0; r < pages[p].lines[i].nruns; r++) {
				const struct pdf_run *run = &pages[p].lines[i].runs[r];
				double s = (double)(long)(run->size * 2 + 0.5) / 2; /* half points */
				size_t k = 0;
				while (k < ns && sizes[k] != s)
					k++;
				if (k == ns && ns < 64) {
					sizes[ns] = s;
					weight[ns++] = 0;
				}
				if (k < ns)
					weight[k] += run->end - run->start;
			}
	for (size_t k = 0; k < ns; k++)
		if (weight[k] > top) {
			top = weight[k];
			best = sizes[k];
		}
	return best;
}

/* Digits set smaller than the body at [at, *end): a note number. */
static bool small_number(const struct pdf_line *l, size_t at, double body, size_t *end)
{
	size_t e = at;
	while (e < l->len && e - at < 4 && is_digit(l->text[e]))
		e++;
	if (e == at || (e < l->len && is_digit(l->text[e])))
		return false;
	double s = pdf_line_size_at(l, at);
	if (!(s > 0 && body > 0 && s < body * NOTE_SIZE_RATIO))
		return false;
	*end = e;
	return true;
}

/* poppler may give a footnote's number as a line of its own, after the
 * note's text: it joins the line it stands beside, on its right. */
static void join_orphan_numbers(struct pdf_page *p, double body, bool *gone)
{
	for (size_t i = 0; i < p->nlines; i++) {
		struct pdf_line *o = &p->lines[i];
		size_t e;
		if (!small_number(o, 0, body, &e) || e != o->len)
			continue;
		double mid = (o->top + o->bottom) / 2;
		for (size_t j = 0; j < p->nlines; j++) {
			struct pdf_line *t = &p->lines[j];
			if (j == i || gone[j] || mid < t->top || mid > t->bottom || t->left < o->left || t->left > o->left + 30)
				continue;
			char *joined = xasprintf("%.*s %s", (int)o->len, o->text, t->text);
			size_t shift = o->len + 1;
			free(t->text);
			t->text = joined;
			t->len += shift;
			for (size_t r = 0; r < t->nruns; r++)
				t->runs[r].start += shift, t->runs[r].end += shift;
			for (size_t k = 0; k < t->nlinks; k++)
				t->links[k].start += shift, t->links[k].end += shift;
			/* the number keeps its small size: a run of its own in front */
			t->runs = xrealloc(t->runs, (t->nruns + 1) * sizeof *t->runs);
			memmove(t->runs + 1, t->runs, t->nruns * sizeof *t->runs);
			t->runs[0] = (struct pdf_run){0, o->len, o->nruns ? o->runs[0].size : 0};
			t->nruns++;
			gone[i] = true;
			break;
		}
	}
}

static bool looks_like_url(const char *s, size_t n)
{
	return (n >= 7 && !strncmp(s, "http://", 7)) || (n >= 8 && !strncmp(s, "https://", 8)) ||
	       (n >= 4 && !strncmp(s, "www.", 4));
}

/* One line as the extractor reads it: note numbers as [^N] (a line that
 * starts with one begins the note, "[^N]: "), annotated spans as links. */
/* Whether the text a link annotation covers says the same as its URI: the
 * whole URI, or its start when the URL wraps on to the next line (a
 * hyphen the wrap added aside), %-escapes in either case. */
static bool shows_uri(const char *vis, size_t vn, const char *uri)
{
	while (vn && (vis[vn - 1] == ' ' || vis[vn - 1] == '-'))
		vn--;
	size_t un = strlen(uri);
	if (vn > un)
		return false;
	for (size_t i = 0; i < vn; i++)
		if (vis[i] != uri[i] && !(i && ascii_lower((unsigned char)vis[i]) == ascii_lower((unsigned char)uri[i])))
			return false;
	return true;
}

/* url-from-annotation: what the reader sees and what the link opens. */
static void said_otherwise(struct problem_list *pl, int page, unsigned line, const char *vis, size_t vn,
			   const char *uri)
{
	problems_add(pl, PROB_URL_FROM_ANNOTATION, line, 0,
		     xasprintf("page %d: the text shows \"%.*s\", the link's annotation \"%s\": the annotation's is "
			       "the URL extracted and checked",
			       page, (int)(vn > 300 ? 300 : vn), vis, uri),
		     NULL);
}

struct line_place {
	struct problem_list *problems; /* the document's, for url-from-annotation */
	int page;
	unsigned line;
};

static void line_text(const struct pdf_page *p, const struct pdf_line *l, double body, char **last_uri,
		      const struct line_place *at, struct buf *out)
{
	buf_clear(out);
	size_t i = 0, e;
	if (small_number(l, 0, body, &e)) {
		buf_append(out, "[^", 2);
		buf_append(out, l->text, e);
		buf_append(out, "]: ", 3);
		i = e;
		while (i < l->len && l->text[i] == ' ')
			i++;
	}
	if (l->len - i >= 3 && !memcmp(l->text + i, "\xE2\x80\xA2", 3)) { /* "•": a list item */
		buf_append(out, "- ", 2);
		i += 3;
		while (i < l->len && l->text[i] == ' ')
			i++;
	}
	size_t k = 0;
	while (i < l->len) {
		while (k < l->nlinks && l->links[k].end <= i)
			k++;
		if (k < l->nlinks && l->links[k].start <= i) {
			const struct pdf_link *a = &l->links[k];
			const char *uri = p->uris[a->uri];
			const char *vis = l->text + a->start;
			size_t vn = a->end - a->start;
			if (*last_uri && !strcmp(*last_uri, uri) && a->start == 0) {
				/* the rest of a URL wrapped from the line before: written there */
			} else if (looks_like_url(vis, vn)) {
				if (!shows_uri(vis, vn, uri))
					said_otherwise(at->problems, at->page, at->line, vis, vn, uri);
				buf_putc(out, '<');
				buf_append(out, uri, strlen(uri));
				buf_putc(out, '>');
			} else {
				buf_putc(out, '[');
				buf_append(out, vis, vn);
				buf_append(out, "](<", 3);
				buf_append(out, uri, strlen(uri));
				buf_append(out, ">)", 2);
			}
			free(*last_uri);
			*last_uri = a->end == l->len ? xstrdup(uri) : NULL;
			i = a->end;
			continue;
		}
		if (i > 0 && is_digit(l->text[i]) && !is_digit(l->text[i - 1]) && small_number(l, i, body, &e)) {
			buf_append(out, "[^", 2);
			buf_append(out, l->text + i, e - i);
			buf_putc(out, ']');
			i = e;
			continue;
		}
		buf_putc(out, l->text[i++]);
	}
	if (!l->nlinks || l->links[l->nlinks - 1].end != l->len) {
		free(*last_uri);
		*last_uri = NULL;
	}
	if (!out->data)
		buf_append(out, "", 0);
}


/* The dominant font size of a line: the one most of its bytes are set in. */
static double line_size(const struct pdf_line *l)
{
	double best = 0;
	size_t top = 0;
	for (size_t r = 0; r < l->nruns; r++)
		if (l->runs[r].end - l->runs[r].start > top) {
			top = l->runs[r].end - l->runs[r].start;
			best = l->runs[r].size;
		}
	return best;
}

/* Whether line l is set smaller than the body (a note's text, not only its
 * number; a little under the body's size, for fonts of uneven metrics). */
static bool set_small(const struct pdf_line *l, double body)
{
	return line_size(l) < body * 0.92;
}

/* The usual distance between the tops of two lines that follow each other. */
static double line_spacing(const struct pdf_page *p, const bool *gone)
{
	double d[256];
	size_t n = 0;
	double prev = -1;
	for (size_t i = 0; i < p->nlines && n < 256; i++) {
		if (gone[i])
			continue;
		double gap = p->lines[i].top - prev;
		if (prev >= 0 && gap > 1 && gap < 60)
			d[n++] = gap;
		prev = p->lines[i].top;
	}
	for (size_t i = 1; i < n; i++) /* insertion sort: a page has a few dozen lines */
		for (size_t j = i; j > 0 && d[j - 1] > d[j]; j--) {
			double t = d[j];
			d[j] = d[j - 1];
			d[j - 1] = t;
		}
	return n ? d[n / 2] : 0;
}

/* Where a page's notes begin (p->nlines: none). poppler gives the notes
 * after the body: they begin at the first line that starts with a note
 * number, or earlier, after a gap wider than the page's paragraphs leave,
 * with the note the page before ended in; a page set wholly in a smaller
 * size is notes. */
/* A line as sources write them: an address, an access clause, or an
 * author-date "(2023, Dec. 21)". */
static bool source_line(const struct pdf_line *l)
{
	if (memmem(l->text, l->len, "http", 4) || memmem(l->text, l->len, "Retrieved", 9))
		return true;
	for (size_t i = 0; i + 5 < l->len; i++)
		if (l->text[i] == '(' && is_digit(l->text[i + 1]) && is_digit(l->text[i + 2]) &&
		    is_digit(l->text[i + 3]) && is_digit(l->text[i + 4]) && (l->text[i + 5] == ',' || l->text[i + 5] == ')'))
			return true;
	return false;
}

/* A page that goes on with a note from the page before, set in the body's
 * size (LibreOffice does so for a note longer than a page): a third or more
 * of its lines above the first note number are sources' lines, as a body's
 * prose is not. */
static bool sources_above(const struct pdf_page *p, const bool *gone, size_t first_number)
{
	size_t lines = 0, sources = 0;
	for (size_t i = 0; i < first_number && i < p->nlines; i++)
		if (!gone[i]) {
			lines++;
			sources += source_line(&p->lines[i]);
		}
	return lines >= 4 && sources * 3 >= lines;
}

static size_t notes_start(const struct pdf_page *p, const bool *gone, double body, bool continued,
			  bool after_notes, bool small_notes)
{
	size_t first_number = p->nlines, e;
	bool all_small = true, any = false;
	for (size_t i = 0; i < p->nlines; i++) {
		if (gone[i])
			continue;
		any = true;
		all_small = all_small && set_small(&p->lines[i], body);
		if (first_number == p->nlines && small_number(&p->lines[i], 0, body, &e))
			first_number = i;
	}
	if (continued && any && all_small)
		return 0;
	if (!continued && first_number == p->nlines)
		return p->nlines;
	double spacing = line_spacing(p, gone), prev = -1;
	size_t gap_at = p->nlines;
	for (size_t i = 0; i < first_number && i < p->nlines; i++) {
		if (gone[i])
			continue;
		if (prev >= 0 && spacing > 0 && p->lines[i].top - prev > 1.9 * spacing)
			gap_at = i;
		prev = p->lines[i].top;
	}
	/* no gap parts a body from the note going on: all of it is notes — when
	 * the notes are set in the body's size (LibreOffice's long notes), not
	 * when they are set small and this text is not */
	if (gap_at >= first_number && (continued || after_notes) && !small_notes && any &&
	    sources_above(p, gone, first_number))
		return 0;
	/* notes set small (not only their numbers: these, or the note going on
	 * from the page before) begin after the last wide gap only when what
	 * lies between it and the first numbered note, if any, is set small too
	 * (the rest of a note from the page before): a gap above text in the
	 * body's size is a heading's (Sphinx's rule above its notes is narrower
	 * than the gap above a heading) */
	bool small = small_notes || (first_number < p->nlines && set_small(&p->lines[first_number], body));
	if (gap_at < first_number && small)
		for (size_t i = gap_at; i < first_number && i < p->nlines; i++)
			if (!gone[i] && !set_small(&p->lines[i], body))
				return first_number;
	return gap_at < first_number ? gap_at : first_number;
}

/* Note lines held back until the note they belong to is known to be
 * complete: a note that runs on to the next page continues there after
 * that page's body, and the extractor must read its lines together. */
struct held {
	const char **part;
	unsigned *line;
	char **text;
	size_t n, cap;
	bool after_notes; /* the page before ended in notes */
	bool small;       /* its last note line was set smaller than the body */
};

/* A "<http…" autolink that its line does not close: the text wrapped it,
 * and the next line holds the rest up to its ">". Joining them is certain;
 * only the space the wrap may have eaten is not, and a URL joined with one
 * keeps it, to be reported (url-space) rather than guessed away. */
#define WRAP_JOIN_MAX 2048

static bool open_autolink(const char *s, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		if (s[i] == '>')
			return false;
		if (s[i] == '<' && n - i > 4 && !strncmp(s + i + 1, "http", 4))
			return n < WRAP_JOIN_MAX;
	}
	return false;
}

/* prev and next, joined where the text wrapped a URL. */
static char *join_wrapped(const char *prev, const char *next)
{
	size_t n = strlen(prev);
	char last = n ? prev[n - 1] : ' ';
	bool tight = strchr("-/._=?&#%~", last) || strchr("/.-", next[0]);
	return xasprintf("%s%s%s", prev, tight ? "" : " ", next);
}

static void hold(struct held *h, const char *part, unsigned line, const struct buf *text)
{
	if (h->n && open_autolink(h->text[h->n - 1], strlen(h->text[h->n - 1]))) {
		char *joined = join_wrapped(h->text[h->n - 1], text->data);
		free(h->text[h->n - 1]);
		h->text[h->n - 1] = joined;
		return;
	}
	size_t cap = h->cap;
	grow_array(&h->text, &h->cap, h->n + 1, sizeof *h->text);
	if (h->cap != cap) {
		h->part = xrealloc(h->part, h->cap * sizeof *h->part);
		h->line = xrealloc(h->line, h->cap * sizeof *h->line);
	}
	h->part[h->n] = part;
	h->line[h->n] = line;
	h->text[h->n++] = xstrndup(text->data, text->len);
}

/* The held notes into the extractor, after a blank line that ends the body's paragraph. */
static void release(struct held *h, struct extractor *x)
{
	if (!h->n)
		return;
	extractor_line(x, "", 0, h->line[0]);
	for (size_t i = 0; i < h->n; i++) {
		extractor_flow_part(x, h->part[i]);
		extractor_line(x, h->text[i], strlen(h->text[i]), h->line[i]);
		free(h->text[i]);
	}
	extractor_line(x, "", 0, h->line[h->n - 1] + 1);
	h->n = 0;
}

static void held_finish(struct held *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->text[i]);
	free(h->text);
	free(h->part);
	free(h->line);
}

/* Whether line l is a bare page number. */
static bool page_number(const struct pdf_line *l)
{
	size_t i = 0;
	while (i < l->len && l->text[i] == ' ')
		i++;
	size_t d = i;
	while (d < l->len && is_digit(l->text[d]))
		d++;
	size_t e = d;
	while (e < l->len && l->text[e] == ' ')
		e++;
	return d > i && d - i <= 4 && e == l->len;
}

/* Page furniture: the running footer (or header) at the page's lowest (or
 * highest) baseline, told by a bare page number on it — "19" beside
 * "4.5. The Developers Database". It is neither body nor notes: a note
 * above it would otherwise go on through it. */
static void drop_furniture(const struct pdf_page *p, bool *gone)
{
	double lowest = -1, highest = -1;
	for (size_t i = 0; i < p->nlines; i++) {
		if (gone[i])
			continue;
		if (lowest < 0 || p->lines[i].top > lowest)
			lowest = p->lines[i].top;
		if (highest < 0 || p->lines[i].top < highest)
			highest = p->lines[i].top;
	}
	double edges[2] = {lowest, highest};
	for (int k = 0; k < 2 && lowest >= 0 && lowest != highest; k++) {
		bool numbered = false;
		for (size_t i = 0; i < p->nlines && !numbered; i++)
			numbered = !gone[i] && fabs(p->lines[i].top - edges[k]) < 1 && page_number(&p->lines[i]);
		for (size_t i = 0; numbered && i < p->nlines; i++)
			if (fabs(p->lines[i].top - edges[k]) < 1)
				gone[i] = true;
	}
}

/* ---- bare URLs wrapped by the text, with no annotation to say so ---- */

enum bare_wrap { WRAP_NONE, WRAP_JOIN, WRAP_UNSURE };

static bool url_char(unsigned char c)
{
	return isalnum_ascii(c) || (c && strchr("-._~:/?#[]@!$&'()*+,;=%", c));
}

/* The bare URL line l ends with (one no annotation covers), or NULL. */
static const char *trailing_bare_url(const struct pdf_line *l, size_t *un)
{
	if (l->nlinks && l->links[l->nlinks - 1].end == l->len)
		return NULL;
	size_t i = l->len;
	while (i && l->text[i - 1] != ' ')
		i--;
	*un = l->len - i;
	const char *u = l->text + i;
	return looks_like_url(u, *un) || (*un >= 6 && !strncmp(u, "ftp://", 6)) ? u : NULL;
}

static bool has_any(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (strchr(set, s[i]))
			return true;
	return false;
}

static bool ends_with(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);
	return n > t && !strncmp(s + n - t, tail, t);
}

/* Whether line l, ending with the bare URL url, goes on at the start of
 * line next: the next line's first word (tn bytes) would have fitted where
 * l stops short of the right edge, so the text did not wrap there; it must
 * be made only of URL characters, and look like a URL's rest — with a
 * slash, "=", "&", "%", "?", "#" or a file ending, certainly; with a "-" or
 * "_" after a URL that stopped at one, certainly too; after a URL that
 * stops where none ends ("-", "_", "=", "?", "&", "%", "~"), perhaps. */
static enum bare_wrap bare_wrap_of(const struct pdf_line *l, const char *url, size_t un, const struct pdf_line *next,
				   double right_edge, size_t *tn)
{
	*tn = 0;
	if (!next->len || next->text[0] == ' ' || (next->nlinks && next->links[0].start == 0))
		return WRAP_NONE; /* an annotation says where its link starts */
	size_t n = 0;
	while (n < next->len && next->text[n] != ' ')
		n++;
	for (size_t i = 0; i < n; i++)
		if (!url_char((unsigned char)next->text[i]))
			return WRAP_NONE;
	if (looks_like_url(next->text, n))
		return WRAP_NONE; /* a URL of its own */
	double glyph = next->right > next->left && next->len ? (next->right - next->left) / (double)next->len : 0;
	if (right_edge - l->right > glyph * (double)(n + 1))
		return WRAP_NONE; /* the word would have fitted: the line ended there */
	size_t core = n; /* without the sentence's punctuation */
	while (core && strchr(".,;:)]'\"", next->text[core - 1]))
		core--;
	if (!core)
		return WRAP_NONE;
	*tn = n;
	const char *t = next->text;
	char last = url[un - 1];
	static const char *const files[] = {".htm", ".html", ".pdf", ".php", ".asp", ".aspx", ".jsp", ".doc", ".docx"};
	bool strong = has_any(t, core, "/=&%?#");
	for (size_t i = 0; !strong && i < sizeof files / sizeof files[0]; i++)
		strong = ends_with(t, core, files[i]);
	if (strong || (strchr("-_", last) && has_any(t, core, "-_0123456789")))
		return WRAP_JOIN;
	return strchr("-_=?&%~", last) ? WRAP_UNSURE : WRAP_NONE;
}

/* url-wrap-unsure: the reader is asked to look. */
static void wrap_unsure(struct problem_list *pl, int page, unsigned line, const char *url, size_t un,
			const char *t, size_t tn)
{
	problems_add(pl, PROB_URL_WRAP_UNSURE, line, 0,
		     xasprintf("page %d: the URL \"%.*s\" ends its line and the next begins \"%.*s\": the text may "
			       "have wrapped the URL there, which the PDF does not say (no link annotation); read as "
			       "it ends on its line",
			       page, (int)(un > 300 ? 300 : un), url, (int)(tn > 100 ? 100 : tn), t),
		     xasprintf("%.*s%.*s", (int)un, url, (int)tn, t));
}

/* One page: its body to the extractor, its notes held (those that go on
 * from the page before join theirs). */
static size_t read_page(struct extractor *x, struct model *m, struct pdf_page *p, int pi, double body,
			struct held *notes_held, char **uri_body, char **uri_notes, size_t *text)
{
	bool *gone = xcalloc(p->nlines + 1, sizeof *gone);
	join_orphan_numbers(p, body, gone);
	drop_furniture(p, gone);
	char name[32];
	snprintf(name, sizeof name, "page %d", pi + 1);
	const char *part = model_part(m, name);
	extractor_flow_part(x, part);
	size_t notes = notes_start(p, gone, body, notes_held->n > 0, notes_held->after_notes, notes_held->small);
	notes_held->after_notes = notes < p->nlines;
	double right_edge = 0;
	for (size_t i = 0; i < p->nlines; i++)
		if (p->lines[i].right > right_edge)
			right_edge = p->lines[i].right;
	struct buf line;
	buf_init(&line);
	size_t skip = 0; /* bytes of this line the line before took: the rest of its URL */
	unsigned n = 0, wrapped_at = 0;
	bool body_open = false;
	char *wrapped = NULL; /* a body line that ended inside an autolink */
	for (size_t i = 0; i < p->nlines; i++) {
		if (gone[i])
			continue;
		bool note = i >= notes;
		size_t e;
		if (note && small_number(&p->lines[i], 0, body, &e)) {
			if (body_open) /* the page's body ends before its notes */
				extractor_line(x, "", 0, n + 1);
			body_open = false;
			release(notes_held, x);
			extractor_flow_part(x, part);
		}
		struct line_place at = {&m->problems, pi + 1, n + 1};
		line_text(p, &p->lines[i], body, note ? uri_notes : uri_body, &at, &line);
		*text += p->lines[i].len;
		n++;
		if (skip) { /* the start of this line went to the URL on the line before */
			while (skip < line.len && line.data[skip] == ' ')
				skip++;
			memmove(line.data, line.data + skip, line.len - skip + 1);
			line.len -= skip;
			skip = 0;
		}
		size_t un, j = i + 1;
		const char *url = trailing_bare_url(&p->lines[i], &un);
		while (url && j < p->nlines && gone[j])
			j++;
		if (url && j < p->nlines && (j >= notes) == note && !small_number(&p->lines[j], 0, body, &e)) {
			size_t tn;
			switch (bare_wrap_of(&p->lines[i], url, un, &p->lines[j], right_edge, &tn)) {
			case WRAP_JOIN: /* certain: the URL goes on, its rest taken from the next line */
				buf_append(&line, p->lines[j].text, tn);
				skip = tn;
				break;
			case WRAP_UNSURE:
				wrap_unsure(&m->problems, pi + 1, n, url, un, p->lines[j].text, tn);
				break;
			case WRAP_NONE:
				break;
			}
		}
		if (!line.len && p->lines[i].len)
			continue; /* the rest of a wrapped URL, written on the line before */
		if (note) {
			/* a note's line that stops well short of the others ends its
			 * paragraph: the next source starts on the next line */
			if (p->lines[i].right < right_edge - 0.15 * (right_edge - p->lines[i].left) &&
			    !open_autolink(line.data, line.len))
				buf_append(&line, "  ", 2);
			hold(notes_held, part, n, &line);
			notes_held->small = set_small(&p->lines[i], body);
			continue;
		}
		if (wrapped) { /* the line before ended inside an autolink */
			char *joined = join_wrapped(wrapped, line.data);
			free(wrapped);
			wrapped = NULL;
			buf_clear(&line);
			buf_append(&line, joined, strlen(joined));
			free(joined);
		}
		if (open_autolink(line.data, line.len)) {
			wrapped = xstrdup(line.data);
			wrapped_at = n;
			continue;
		}
		extractor_line(x, line.data, line.len, wrapped_at ? wrapped_at : n);
		wrapped_at = 0;
		body_open = true;
	}
	if (wrapped) /* never closed: as it was */
		extractor_line(x, wrapped, strlen(wrapped), wrapped_at);
	if (body_open || wrapped)
		extractor_line(x, "", 0, n + 1);
	free(wrapped);
	buf_finish(&line);
	free(gone);
	return n;
}

int read_pdf(struct extractor *x, struct model *m, struct doc_input *in, char *err, size_t errlen)
{
	char *data = NULL;
	size_t len = 0;
	if (doc_input_slurp(in, &data, &len) < 0) {
		snprintf(err, errlen, "%s", in->error);
		return -1;
	}
	struct pdf_page *pages;
	int npages;
	int rc = pdf_read_pages(data, len, &pages, &npages, err, errlen);
	double body = rc == 0 ? body_size(pages, (size_t)npages) : 0;
	size_t text = 0, lines = 0;
	extractor_structured(x);
	struct held notes = {0};
	/* the link a line ended in, in the body and in the notes: a URL wrapped on to the next line or page */
	char *uri_body = NULL, *uri_notes = NULL;
	for (int pi = 0; rc == 0 && pi < npages; pi++)
		lines += read_page(x, m, &pages[pi], pi, body, &notes, &uri_body, &uri_notes, &text);
	release(&notes, x);
	held_finish(&notes);
	if (rc == 0 && text == 0) {
		snprintf(err, errlen, "the PDF has no text layer (%d page%s of images, e.g. a scan): run OCR on it first",
			 npages, npages == 1 ? "" : "s");
		rc = -1;
	}
	free(uri_body);
	free(uri_notes);
	m->doc.lines = (unsigned)lines;
	m->doc.bytes = len;
	for (int pi = 0; pi < npages; pi++)
		pdf_page_finish(&pages[pi]);
	free(pages);
	free(data);
	return rc;
}
