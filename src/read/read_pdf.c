#include "read/read_pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/pdf_furniture.h"
#include "read/pdf_isolate.h"
#include "read/pdf_text.h"
#include "read/pdf_wrap.h"
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
			t->runs[0] = (struct pdf_run){0, o->len, o->nruns ? o->runs[0].size : 0, false};
			t->nruns++;
			gone[i] = true;
			break;
		}
	}
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
			} else if (pdf_looks_like_url(vis, vn)) {
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
/* Whether line l begins as a sentence or heading does: an upper-case
 * letter (one outside ASCII counts: its case is not told here). */
static bool starts_capital(const struct pdf_line *l)
{
	unsigned char c = l->len ? (unsigned char)l->text[0] : 0;
	return (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

/* Whether a third or more of lines [from, to) are sources' lines. */
static bool sources_in(const struct pdf_page *p, const bool *gone, size_t from, size_t to)
{
	size_t lines = 0, sources = 0;
	for (size_t i = from; i < to && i < p->nlines; i++)
		if (!gone[i]) {
			lines++;
			sources += source_line(&p->lines[i]);
		}
	return lines && sources * 3 >= lines;
}

static bool sources_above(const struct pdf_page *p, const bool *gone, size_t first_number)
{
	size_t lines = 0;
	for (size_t i = 0; i < first_number && i < p->nlines; i++)
		lines += !gone[i];
	return lines >= 4 && sources_in(p, gone, 0, first_number);
}

/* Where sources begin on a page whose notes go on in the body's size: the
 * first block (after a gap wider than a line's) from which a third of the
 * lines up to first_number are sources' lines, when no line above it is
 * one: the page's own body stands above the note going on, as LibreOffice
 * sets it, with no wider gap than a paragraph's. 0 (all notes) when the
 * sources begin at the top. */
static size_t sources_begin(const struct pdf_page *p, const bool *gone, size_t first_number, double spacing)
{
	double prev = -1;
	for (size_t k = 0; k < first_number && k < p->nlines; k++) {
		if (gone[k])
			continue;
		bool block = prev >= 0 && spacing > 0 && p->lines[k].top - prev > 1.4 * spacing;
		prev = p->lines[k].top;
		if (block && sources_in(p, gone, k, first_number))
			return k;
		if (source_line(&p->lines[k]))
			return 0; /* a source above: the note goes on from the top */
	}
	return 0;
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
		return sources_begin(p, gone, first_number, spacing);
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
	/* notes in the body's size: a wide gap is as often a heading's; what
	 * lies below it is the rest of a note when it reads as sources, or
	 * goes on mid-sentence (or mid-URL), not when it starts a capitalised
	 * paragraph or heading of its own */
	if (gap_at < first_number && !small && first_number < p->nlines && !sources_in(p, gone, gap_at, first_number) &&
	    starts_capital(&p->lines[gap_at]))
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

/* ---- bare URLs wrapped by the text, with no annotation to say so ---- */

/* url-wrap-unsure: the reader is asked to look. */
static void wrap_unsure(struct problem_list *pl, int page, unsigned line, const struct buf *url, const char *t,
			size_t tn)
{
	problems_add(pl, PROB_URL_WRAP_UNSURE, line, 0,
		     xasprintf("page %d: the URL \"%.*s\" ends its line and the next begins \"%.*s\": the text may "
			       "have wrapped the URL there, which the PDF does not say (no link annotation); read as "
			       "it ends on its line",
			       page, (int)(url->len > 300 ? 300 : url->len), url->data, (int)(tn > 100 ? 100 : tn), t),
		     xasprintf("%.*s%.*s", (int)url->len, url->data, (int)tn, t));
}

#define NO_LINE ((size_t)-1)

/* A bare URL a page's notes ended with at its column's edge: it may go on
 * at the next page's first line of notes. */
struct url_tail {
	struct buf url; /* empty: none */
	double room;    /* points left after it on its line */
	bool code;      /* its line is all monospaced */
	int page;
	unsigned line;
};

/* The line the URL a note left open at the foot of the page before goes
 * on at: the first line after a gap, before any note's number, that
 * pdf_wrap_of joins to it; else NO_LINE. Notes set in the body's size
 * leave no wider gap above them than a paragraph does; this line says
 * where they begin. */
static size_t tail_goes_on(const struct pdf_page *p, const bool *gone, const struct url_tail *t, double body)
{
	if (!t->url.len)
		return NO_LINE;
	double spacing = line_spacing(p, gone), prev = -1;
	size_t e, tn;
	for (size_t k = 0; k < p->nlines; k++) {
		if (gone[k])
			continue;
		if (small_number(&p->lines[k], 0, body, &e))
			break;
		bool after_gap = prev >= 0 && p->lines[k].top - prev > 1.4 * spacing;
		prev = p->lines[k].top;
		if (after_gap && pdf_wrap_of(t->url.data, t->url.len, t->room, t->code, &p->lines[k], &tn) == PDF_WRAP_JOIN)
			return k;
	}
	return NO_LINE;
}

/* What one page hands the next. */
struct pdf_flow {
	struct held notes;
	/* the link a line ended in, in the body and in the notes: a URL wrapped on to the next line or page */
	char *uri_body, *uri_notes;
	struct url_tail notes_tail;
	size_t carry_line, carry; /* the next page's line whose first bytes the body's last URL took */
	size_t text;              /* bytes of text read */
};

/* One page as the wrap of bare URLs walks it. */
struct page_walk {
	const struct pdf_page *p;
	const bool *gone;
	size_t notes;       /* where its notes begin */
	const double *edge; /* each line's column edge */
	size_t *skip;       /* bytes of each line a URL from the line before took */
	double body;
	struct problem_list *problems;
	int page;
	const struct pdf_page *next; /* the next page, NULL on the last */
	const bool *next_gone;
	struct pdf_flow *flow;
};


/* The line after j in the same flow (body or notes), or NO_LINE, with
 * *ends_page set when the flow goes on past the page rather than ending
 * (a note's number starts another note). */
static size_t next_in_flow(const struct page_walk *w, size_t j, bool *ends_page)
{
	bool note = j >= w->notes;
	size_t e;
	*ends_page = false;
	for (size_t k = j + 1; k < w->p->nlines; k++) {
		if (w->gone[k])
			continue;
		if ((k >= w->notes) != note) {
			*ends_page = !note;
			return NO_LINE;
		}
		return small_number(&w->p->lines[k], 0, w->body, &e) ? NO_LINE : k;
	}
	*ends_page = true;
	return NO_LINE;
}

/* The first line of page p, when it can go on with what the page before
 * ended with (it starts no note), else NO_LINE; lines from notes on are
 * notes (p->nlines: none known). */
static size_t first_line(const struct pdf_page *p, const bool *gone, size_t notes, bool note, double body)
{
	size_t e;
	for (size_t k = note ? notes : 0; k < p->nlines; k++)
		if (!gone[k])
			return (k >= notes) != note || small_number(&p->lines[k], 0, body, &e) ? NO_LINE : k;
	return NO_LINE;
}

/* Whether the URL u goes on at the start of l: when it does, the *tn
 * bytes it takes are appended to out; when it may, the reader is asked
 * (url-wrap-unsure, at the URL's line). */
static bool wrap_step(struct page_walk *w, const struct url_tail *u, const struct pdf_line *l, unsigned line,
		      struct buf *out, size_t *tn)
{
	switch (pdf_wrap_of(u->url.data, u->url.len, u->room, u->code, l, tn)) {
	case PDF_WRAP_JOIN:
		buf_append(out, l->text, *tn);
		return true;
	case PDF_WRAP_UNSURE:
		wrap_unsure(w->problems, w->page, line, &u->url, l->text, *tn);
		return false;
	case PDF_WRAP_NONE:
		break;
	}
	return false;
}

/* Follows the bare URL u (u->room: the points its line leaves short of the
 * column's edge) over the lines from k on while the geometry and the words
 * say it goes on: each line's start it takes is appended to out and to the
 * URL, and marked in skip; *last gets the last line it took. Returns
 * whether it may still go on past the page (u then says where it stands). */
static bool follow_url(struct page_walk *w, struct url_tail *u, size_t k, bool ends_page, struct buf *out,
		       unsigned line, size_t *last)
{
	while (k != NO_LINE) {
		const struct pdf_line *l = &w->p->lines[k];
		size_t tn;
		if (!wrap_step(w, u, l, line, out, &tn))
			return false;
		buf_append(&u->url, l->text, tn);
		w->skip[k] = tn;
		*last = k;
		if (tn < l->len)
			return false;
		u->room = w->edge[k] - l->right;
		u->code = pdf_line_mono(l);
		k = next_in_flow(w, k, &ends_page);
	}
	return ends_page;
}

/* The URL the page before's notes ended with, followed on to this page's
 * first line of notes: what it takes appended to out. */
static void follow_tail(struct page_walk *w, struct url_tail *t, struct buf *out)
{
	if (!t->url.len)
		return;
	struct page_walk there = *w;
	there.page = t->page;
	size_t last;
	follow_url(&there, t, first_line(w->p, w->gone, w->notes, true, w->body), false, out, t->line, &last);
	buf_clear(&t->url);
}

/* A body's URL at the foot of a page, on to the next page's first line
 * (the body goes on there, whatever notes come between): what it takes
 * appended to out, and the next page told to skip it. */
static void follow_over_page(struct page_walk *w, const struct url_tail *u, struct buf *out, unsigned line)
{
	if (!w->next)
		return;
	size_t k = first_line(w->next, w->next_gone, w->next->nlines, false, w->body), tn;
	if (k != NO_LINE && wrap_step(w, u, &w->next->lines[k], line, out, &tn)) {
		w->flow->carry_line = k;
		w->flow->carry = tn;
	}
}

/* Line i's text in out, with the rest of the bare URL it ends with taken
 * from the lines after; a note's URL that may go on past the page is kept
 * in t. Returns the line the text now ends on. */
static size_t wrap_line_end(struct page_walk *w, size_t i, struct buf *out, unsigned line, struct url_tail *t)
{
	size_t un, last = i;
	const char *u = pdf_trailing_url(&w->p->lines[i], w->skip[i], &un);
	if (!u)
		return i;
	struct url_tail at = {.room = w->edge[i] - w->p->lines[i].right,
			      .code = pdf_line_mono(&w->p->lines[i]),
			      .page = w->page,
			      .line = line};
	buf_init(&at.url);
	buf_append(&at.url, u, un);
	bool ends_page;
	size_t k = next_in_flow(w, i, &ends_page);
	bool open = follow_url(w, &at, k, ends_page, out, line, &last);
	if (open && i < w->notes) {
		follow_over_page(w, &at, out, line);
	} else if (open) { /* kept for the next page: t's buffer takes at's */
		buf_finish(&t->url);
		*t = at;
		return last;
	}
	buf_finish(&at.url);
	return last;
}

static void held_append(struct held *h, const struct buf *more)
{
	if (!h->n || !more->len)
		return;
	char *joined = xasprintf("%s%.*s", h->text[h->n - 1], (int)more->len, more->data);
	free(h->text[h->n - 1]);
	h->text[h->n - 1] = joined;
}

/* One page: its body to the extractor, its notes held (those that go on
 * from the page before join theirs). */
static size_t read_page(struct extractor *x, struct model *m, struct pdf_page *pages, bool **gones, int npages,
			int pi, double body, struct pdf_flow *f)
{
	struct pdf_page *p = &pages[pi];
	const bool *gone = gones[pi];
	size_t notes = notes_start(p, gone, body, f->notes.n > 0, f->notes.after_notes, f->notes.small);
	size_t goes_on = tail_goes_on(p, gone, &f->notes_tail, body);
	if (goes_on != NO_LINE)
		notes = goes_on;
	f->notes.after_notes = notes < p->nlines;
	double *edge = xcalloc(p->nlines + 1, sizeof *edge);
	pdf_column_edges(p, gone, edge);
	struct page_walk w = {p, gone, notes, edge, xcalloc(p->nlines + 1, sizeof *w.skip), body, &m->problems, pi + 1,
			      pi + 1 < npages ? &pages[pi + 1] : NULL, pi + 1 < npages ? gones[pi + 1] : NULL, f};
	if (f->carry && f->carry_line < p->nlines) /* the body's URL on the page before took this much */
		w.skip[f->carry_line] = f->carry;
	f->carry = 0;
	struct buf line;
	buf_init(&line);
	/* a note the page before left with an open URL goes on here */
	follow_tail(&w, &f->notes_tail, &line);
	held_append(&f->notes, &line);
	char name[32];
	snprintf(name, sizeof name, "page %d", pi + 1);
	const char *part = model_part(m, name);
	extractor_flow_part(x, part);
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
			release(&f->notes, x);
			extractor_flow_part(x, part);
		}
		struct line_place at = {&m->problems, pi + 1, n + 1};
		line_text(p, &p->lines[i], body, note ? &f->uri_notes : &f->uri_body, &at, &line);
		f->text += p->lines[i].len;
		n++;
		size_t skip = w.skip[i]; /* the start of this line went to the URL on the line before */
		if (skip) {
			while (skip < line.len && line.data[skip] == ' ')
				skip++;
			memmove(line.data, line.data + skip, line.len - skip + 1);
			line.len -= skip;
		}
		if (!line.len && p->lines[i].len)
			continue; /* the rest of a wrapped URL, written on the line before */
		size_t end = wrap_line_end(&w, i, &line, n, &f->notes_tail);
		if (note) {
			/* a note's line that stops well short of the others ends its
			 * paragraph: the next source starts on the next line */
			const struct pdf_line *l = &p->lines[end];
			if (l->right < edge[end] - 0.15 * (edge[end] - l->left) &&
			    !open_autolink(line.data, line.len))
				buf_append(&line, "  ", 2);
			hold(&f->notes, part, n, &line);
			f->notes.small = set_small(&p->lines[i], body);
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
	free(w.skip);
	free(edge);
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
	size_t lines = 0;
	extractor_structured(x);
	struct pdf_flow f = {0};
	buf_init(&f.notes_tail.url);
	/* furniture and notes' numbers first, on every page: a URL at a page's
	 * foot looks at the next page's first line */
	bool **gone = xcalloc((size_t)npages + 1, sizeof *gone);
	for (int pi = 0; rc == 0 && pi < npages; pi++) {
		gone[pi] = xcalloc(pages[pi].nlines + 1, sizeof *gone[pi]);
		join_orphan_numbers(&pages[pi], body, gone[pi]);
	}
	if (rc == 0)
		pdf_drop_furniture(pages, (size_t)npages, gone);
	for (int pi = 0; rc == 0 && pi < npages; pi++)
		lines += read_page(x, m, pages, gone, npages, pi, body, &f);
	release(&f.notes, x);
	held_finish(&f.notes);
	buf_finish(&f.notes_tail.url);
	for (int pi = 0; pi < npages; pi++)
		free(gone[pi]);
	free(gone);
	if (rc == 0 && f.text == 0) {
		snprintf(err, errlen, "the PDF has no text layer (%d page%s of images, e.g. a scan): run OCR on it first",
			 npages, npages == 1 ? "" : "s");
		rc = -1;
	}
	free(f.uri_body);
	free(f.uri_notes);
	m->doc.lines = (unsigned)lines;
	m->doc.bytes = len;
	for (int pi = 0; pi < npages; pi++)
		pdf_page_finish(&pages[pi]);
	free(pages);
	free(data);
	return rc;
}
