#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/adoc_syntax.h"
#include "extract/citation_meta.h"
#include "extract/local_key.h"
#include "extract/md_links.h"
#include "extract/md_syntax.h"
#include "extract/scan_dois.h"
#include "extract/scan_footnotes.h"
#include "extract/scan_links.h"
#include "util/strmap.h"
#include "util/util.h"

#define SETEXT_TEXT_MAX 200

struct extractor {
	struct model *m;
	struct classify_config cfg;
	const char *line; /* the line being read: columns are counted from it */
	const char *col_at; /* where the last column was counted, and its count */
	size_t col_chars;
	unsigned lineno;
	bool saw_markdown;

	bool in_fence;
	char fence_ch;
	size_t fence_len;

	bool in_refs;
	int refs_level;
	/* under a subheading of a reference section that names no references
	 * ("Alternatives à Anaconda" under "Références"): only what reads as a
	 * source is one; instructions with a link are not */
	bool refs_sub;
	enum def_style style; /* the numbering style of this reference section, set by its first entry */

	char *note; /* the footnote whose sources are being listed; owned */
	unsigned note_entries;

	bool open;     /* an entry is being built */
	bool prose;    /* … and it is prose that only counts if it holds a link */
	bool table_row; /* … and it is a table row: a source if it holds a link */
	bool body_def; /* … and it is a footnote definition outside any reference section */
	size_t ref;
	struct buf text;

	bool prev_blank, prev_hard_break;
	bool prev_ends_sentence; /* the line before ends with . ! ? : or ) */
	struct buf prev; /* the previous line, when short: a setext heading's text */

	/* structured documents (extractor_note_begin and the like) */
	bool no_columns;   /* locations are paragraphs: a column means nothing */
	const char *part;  /* the file inside the document, model-owned; NULL for one file */
	enum note_space note_space;

	/* Markdown as its parser read it (extractor_markdown_lines); NULL: the
	 * lines' own syntax decides */
	unsigned char *md_flags;
	unsigned md_lines;
	/* and its links (extractor_markdown_links); tree: given */
	struct md_link_set md;
	bool md_tree;
	const char *raw_line; /* the line as read, for where a parser's link is */

	/* AsciiDoc (extractor_asciidoc): footnotes are numbered in order of
	 * appearance; a named one keeps its number ("footnote:id[]" again) */
	bool asciidoc;
	unsigned adoc_notes;
	struct strmap adoc_ids;

	/* where the block being read is in the source (extractor_places);
	 * borrowed for one block */
	const char *place_base;
	const struct text_place *places;
	size_t nplaces;
};

struct extractor *extractor_create(struct model *m, const struct classify_config *cfg)
{
	struct extractor *x = xcalloc(1, sizeof *x);
	x->m = m;
	if (cfg)
		x->cfg = *cfg;
	x->prev_blank = true;
	buf_init(&x->text);
	buf_init(&x->prev);
	strmap_init(&x->adoc_ids);
	return x;
}

void extractor_destroy(struct extractor *x)
{
	if (!x)
		return;
	free(x->note);
	free(x->md_flags);
	md_link_set_finish(&x->md);
	buf_finish(&x->text);
	buf_finish(&x->prev);
	strmap_finish(&x->adoc_ids);
	free(x);
}

bool extractor_saw_markdown(const struct extractor *x)
{
	return x->saw_markdown;
}

static unsigned md_line(const struct extractor *x)
{
	return x->md_flags && x->lineno <= x->md_lines ? x->md_flags[x->lineno] : 0;
}

/* Whether "[label]: target" on this line may be a link definition. */
static bool no_definitions(const struct extractor *x)
{
	return x->md_flags && !(md_line(x) & MD_LINE_DEFINITION);
}

static void set_line(struct extractor *x, const char *s)
{
	x->line = x->col_at = s;
	x->col_chars = 0;
}

/* The place of the block's byte p (extractor_places); NULL: none given. */
static const struct text_place *place_of(const struct extractor *x, const char *p)
{
	if (!x->nplaces || p < x->place_base)
		return NULL;
	size_t at = (size_t)(p - x->place_base), lo = 0, hi = x->nplaces;
	if (x->places[0].at > at)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->places[mid].at <= at)
			lo = mid;
		else
			hi = mid;
	}
	return &x->places[lo];
}

static unsigned line_of(const struct extractor *x, const char *p)
{
	const struct text_place *t = place_of(x, p);
	return t ? t->line : x->lineno;
}

/* Counted on from the last column asked for on the line, not from its
 * start: a line of 10^5 links is counted once, not 10^5 times. */
static unsigned column_of(struct extractor *x, const char *p)
{
	const struct text_place *t = place_of(x, p);
	if (t)
		return t->fixed || !t->col ? t->col : t->col + (unsigned)utf8_count(x->place_base + t->at, (size_t)(p - x->place_base) - t->at);
	if (x->no_columns)
		return 0;
	if (p < x->col_at) {
		x->col_at = x->line;
		x->col_chars = 0;
	}
	x->col_chars += utf8_count(x->col_at, (size_t)(p - x->col_at));
	x->col_at = p;
	return (unsigned)x->col_chars + 1;
}

/* A reference whose text starts at at (NULL: the line's start, no column). */
static size_t new_reference(struct extractor *x, enum ref_where where, unsigned entry, const char *at)
{
	size_t ri = model_add_reference(x->m, where, where == WHERE_REFERENCES ? x->note : NULL, entry,
					at ? line_of(x, at) : x->lineno, at ? column_of(x, at) : 0);
	x->m->refs[ri].part = x->part;
	x->m->refs[ri].endnote = where == WHERE_REFERENCES && x->note && x->note_space == NOTES_END;
	return ri;
}

/* A relative link: in a document read from the web, a page beside it, to
 * check on the web; in a file, another file (check/check_local.h). */
static void local_link(struct extractor *x, struct link *l)
{
	const char *doc = x->m->doc.path;
	if (!url_has_scheme(doc)) {
		struct local_base base = {x->m->doc.root, x->m->doc.site_root, x->m->doc.site_base};
		l->normalized = local_key(doc, &base, l->url);
		return;
	}
	char *abs = url_resolve(doc, l->url);
	if (!abs)
		return;
	free(l->url);
	l->url = abs;
	classify_link(l, &x->cfg);
}

/* "[https://court.gov/j/12](https://perma.cc/7QXH-2KLM)": the reader sees
 * the original, the link opens its copy on perma.cc, archive.today, …: the
 * copy keeps the original it shows, and the original is checked too. */
static void shown_original(struct link *l, const char *s, const struct link_hit *hit)
{
	if (link_extra(l)->original) {
		struct link_extra *x = link_extra_make(l);
		free(x->original);
		x->original = NULL;
	}
	if (hit->syntax != SYNTAX_INLINE || !hit->text_len)
		return;
	size_t b = hit->text, e = hit->text + hit->text_len;
	while (b < e && (s[b] == ' ' || s[b] == '<'))
		b++;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '>'))
		e--;
	if (!scan_web_scheme(s + b, e - b, 0) || memchr(s + b, ' ', e - b))
		return;
	char *shown = md_unescape(s + b, e - b);
	if (strcmp(shown, l->url) != 0)
		link_extra_make(l)->original = shown;
	else
		free(shown);
}

static void add_link(struct extractor *x, size_t ri, const char *s, struct link_hit *hit)
{
	unsigned col = column_of(x, s + hit->start);
	if (hit->syntax != SYNTAX_BARE)
		x->saw_markdown = true;
	if (!hit->url) {
		struct problem_list *pl = ri == (size_t)-1 ? &x->m->problems : &x->m->refs[ri].problems;
		problems_add(pl, PROB_LINK_EMPTY, x->lineno, col,
			     xasprintf("the link \"%.*s\" has an empty target", (int)hit->text_len,
				       s + hit->text),
			     NULL);
		return;
	}
	struct reference *r = &x->m->refs[ri];
	if (r->nlinks >= LINKS_PER_REFERENCE_MAX) {
		if (r->links_omitted < UINT32_MAX && r->links_omitted++ == 0)
			problems_add(&r->problems, PROB_TOO_MANY_LINKS, x->lineno, col,
				     xasprintf("this source holds more than %d links: the rest are not checked",
					       LINKS_PER_REFERENCE_MAX),
				     NULL);
		free(hit->url);
		return;
	}
	size_t li = model_add_link(x->m, ri, hit->url, hit->syntax, line_of(x, s + hit->start), col);
	struct link *l = &x->m->refs[ri].links[li];
	/* CommonMark undoes no escape in an autolink, and plain text none at all */
	if (!x->no_columns && (hit->syntax == SYNTAX_AUTOLINK || hit->syntax == SYNTAX_BARE) &&
	    (hit->end - hit->start != strlen(l->url) || memcmp(s + hit->start, l->url, hit->end - hit->start)))
		link_extra_make(l)->written = xstrndup(s + hit->start, hit->end - hit->start);
	if (!model_copy_classification(x->m, l)) {
		classify_link(l, &x->cfg);
		if (l->kind == LINK_LOCAL)
			local_link(x, l);
	}
	if (l->kind == LINK_ARCHIVE_OTHER)
		shown_original(l, s, hit);
	model_bind_target(x->m, ri, li);
}

/* Whether the Markdown parser takes the scanner's hit, on the line s is
 * in, for a link: an inline link only where the parser has one to the same
 * target in the same block (claimed, so that it is not added again; an
 * autolink claims its own). A target with a space stays, to be reported
 * (url-space): the parser takes it for no link, as the page shows it. */
static bool parser_agrees(struct extractor *x, const char *s, struct link_hit *hit)
{
	if (!x->md_tree || !hit->url || (!hit->markdown && hit->syntax != SYNTAX_AUTOLINK))
		return true;
	size_t offset = x->raw_line && s >= x->raw_line ? (size_t)(s - x->raw_line) + hit->start : hit->start;
	if (md_link_claim(&x->md, x->lineno, offset, hit->url) || !hit->markdown || strpbrk(hit->url, " \t"))
		return true;
	free(hit->url);
	return false;
}

/* A parser's link whose target is written on this line and that the
 * scanner did not see (its text or target wrapped from the line before;
 * the inner link of "[a [b](x)](y)"), as a hit on the line as read. */
static bool unseen_link(struct extractor *x, size_t *i, const char **line, struct link_hit *hit, char **text)
{
	struct md_link *l = x->md_tree && x->raw_line ? md_link_unseen(&x->md, x->lineno, i) : NULL;
	if (!l)
		return false;
	*line = x->raw_line;
	if (x->raw_line + l->offset < x->line)
		set_line(x, x->raw_line); /* columns count from where the line starts */
	memset(hit, 0, sizeof *hit);
	hit->start = l->offset;
	hit->end = hit->after = l->offset + strlen(l->url);
	hit->syntax = SYNTAX_INLINE;
	hit->markdown = true;
	hit->url = xstrdup(l->url);
	*text = l->text;
	return true;
}

/* Whether reference ri cites this DOI already (as a doi.org link, say). */
static bool cites_doi(const struct reference *r, const char *url)
{
	const char *doi = url + 4; /* after "doi:" */
	for (size_t k = 0; k < r->nlinks; k++)
		if (link_extra(&r->links[k])->doi && !strcasecmp(link_extra(&r->links[k])->doi, doi))
			return true;
	return false;
}

/* DOIs printed bare in an entry ("doi:10.…", "DOI: 10.…"): links to
 * check at the resolver like a doi.org link. */
static void bare_dois(struct extractor *x, const char *s, size_t n)
{
	size_t pos = 0;
	struct link_hit hit;
	while (scan_next_doi(s, n, &pos, &hit)) {
		if (cites_doi(&x->m->refs[x->ref], hit.url))
			free(hit.url);
		else
			add_link(x, x->ref, s, &hit);
	}
}

static void scan_into_entry(struct extractor *x, const char *s, size_t n)
{
	size_t pos = 0;
	struct link_hit hit;
	struct line_memo lm = {.code_urls = true, .asciidoc = x->asciidoc, .no_definitions = no_definitions(x),
			       .html_attrs = x->md_flags != NULL};
	while (scan_next_link(s, n, &pos, &hit, &lm))
		if (parser_agrees(x, s, &hit))
			add_link(x, x->ref, s, &hit);
	line_memo_finish(&lm);
	const char *line;
	char *text;
	for (size_t i = 0; unseen_link(x, &i, &line, &hit, &text);)
		add_link(x, x->ref, line, &hit);
	bare_dois(x, s, n);
}

static void append_text(struct extractor *x, const char *s, size_t n)
{
	size_t b = md_skip_blanks(s, n, 0), e = n;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (b == e)
		return;
	if (x->text.len)
		buf_putc(&x->text, ' ');
	buf_append(&x->text, s + b, e - b);
}

static void close_note(struct extractor *x)
{
	free(x->note);
	x->note = NULL;
	x->note_entries = 0;
}

/* An author-date key's year, "Zaman 2021": the publication year a source
 * whose text gives none is cited under. */
static struct date key_year(const char *key)
{
	size_t n = key ? strlen(key) : 0;
	struct date d = {0, 0, 0};
	if (n < 6 || key[n - 5] != ' ')
		return d;
	for (size_t k = n - 4; k < n; k++)
		if (key[k] < '0' || key[k] > '9')
			return d;
	d.year = atoi(key + n - 4);
	return date_valid(d) ? d : (struct date){0, 0, 0};
}

static void finish_entry(struct extractor *x)
{
	if (!x->open)
		return;
	x->open = false;
	struct reference *r = &x->m->refs[x->ref];
	if ((x->prose || x->table_row) && r->nlinks == 0 && problems_len(&r->problems) == 0) {
		model_drop_last_reference(x->m);
		if (x->note)
			x->note_entries--;
		return;
	}
	r->text = xstrndup(x->text.data ? x->text.data : "", x->text.len);
	if (x->prose && x->refs_sub) {
		/* instructions under a reference section: links of the text, no source */
		r->where = WHERE_BODY;
		if (r->details->footnote) {
			struct ref_details *d = ref_details_make(r);
			free(d->footnote);
			d->footnote = NULL;
		}
	}
	struct citation_meta cm;
	citation_parse(r->text, x->text.len, &cm);
	/* prose that holds a link is no citation: no author or dates to read —
	 * unless it says when its source was accessed, which only a citation
	 * says (a title-first source: "New peaceful evolution … (2018, April
	 * 2). … Retrieved Feb. 29, 2024, from …") */
	if (x->prose && !cm.accessed.year) {
		free(cm.authors);
		free(cm.title);
		return;
	}
	struct date published = cm.published;
	if (!published.year)
		published = key_year(r->details->key ? r->details->key : r->details->footnote);
	if (cm.authors || cm.title || date_known(published) || date_known(cm.accessed)) {
		struct ref_details *d = ref_details_make(r);
		d->authors = cm.authors;
		d->title = cm.title;
		d->published = published;
		d->accessed = cm.accessed;
	}
}

/* A new entry whose text starts at s[0..n): a further source of the open
 * footnote, or a source of its own. */
static void start_entry(struct extractor *x, const char *s, size_t n, bool prose, bool body_def)
{
	finish_entry(x);
	x->table_row = false;
	size_t b = md_skip_blanks(s, n, 0);
	unsigned entry = x->note ? ++x->note_entries : 1;
	x->ref = new_reference(x, WHERE_REFERENCES, entry, s + b);
	x->open = true;
	x->prose = prose;
	x->body_def = body_def;
	buf_clear(&x->text);
	append_text(x, s, n);
	scan_into_entry(x, s, n);
}

static void continue_entry(struct extractor *x, const char *s, size_t n)
{
	append_text(x, s, n);
	scan_into_entry(x, s, n);
}

static void start_definition(struct extractor *x, const char *s, size_t n, const struct footnote_def *d)
{
	finish_entry(x);
	close_note(x);
	footnotes_define(&x->m->notes, d->style == DEF_CARET ? NOTES_CARET : NOTES_MARKED, s + d->label, d->label_len, x->lineno,
			 column_of(x, s + d->label));
	if (d->style == DEF_CARET)
		x->saw_markdown = true;
	if (x->in_refs && x->style == DEF_NONE && d->style != DEF_CARET && d->style != DEF_REST)
		x->style = d->style;
	x->note = xstrndup(s + d->label, d->label_len);
	x->note_space = NOTES_MARKED;
	start_entry(x, s + d->text, n - d->text, false, !x->in_refs);
}

/* A keyed source (pandoc's "[@key]: url", AsciiDoc's "* [[[key]]] …"):
 * defined in its key space, the line from text on its entry, the key kept. */
static void keyed_entry(struct extractor *x, enum note_space space, const char *s, size_t n, size_t key,
			size_t len, size_t text)
{
	finish_entry(x);
	close_note(x);
	footnotes_define(&x->m->notes, space, s + key, len, x->lineno, column_of(x, s + key));
	x->note = xstrndup(s + key, len);
	x->note_space = space;
	start_entry(x, s + text, n - text, false, false);
	ref_details_make(&x->m->refs[x->ref])->key = xstrndup(s + key, len);
}

/* "[@key]: https://…": the source of pandoc's citation key, a reference of
 * its own wherever it stands. */
static bool key_definition(struct extractor *x, const char *s, size_t n)
{
	size_t key, len, text;
	if (!scan_citekey_def(s, n, &key, &len, &text))
		return false;
	keyed_entry(x, NOTES_KEY, s, n, key, len, text);
	return true;
}

/* "* [[[key]]] …": a bibliography entry, its key cited as <<key>>. */
static bool adoc_bib_definition(struct extractor *x, const char *s, size_t n)
{
	size_t key, len, text;
	if (!x->asciidoc || !adoc_bib_entry(s, n, &key, &len, &text))
		return false;
	keyed_entry(x, NOTES_XREF, s, n, key, len, text);
	return true;
}

static void heading(struct extractor *x, int level, const char *s, size_t n)
{
	finish_entry(x);
	close_note(x);
	if (md_is_reference_heading(s, n)) {
		x->in_refs = true;
		x->refs_level = level;
		x->refs_sub = false;
		x->style = DEF_NONE;
	} else if (x->in_refs && level <= x->refs_level) {
		x->in_refs = false;
	} else if (x->in_refs) {
		x->refs_sub = true;
	}
}

/* "<a name="x"></a>" before a NIST-style entry: an anchor, not text. */
static size_t skip_anchor(const char *s, size_t n)
{
	size_t i = md_skip_blanks(s, n, 0);
	if (!ascii_ieq_prefix(s + i, n - i, "<a ") || n - i > 100000)
		return 0;
	const char *end = memmem(s + i, n - i < 300 ? n - i : 300, "</a>", 4);
	if (!end || memmem(s + i, (size_t)(end - s) - i, "href", 4))
		return 0;
	return (size_t)(end - s) + 4;
}

static bool table_separator(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("|:- \t", s[i]))
			return false;
	return true;
}

/* After a source with a URL, what still belongs to it: its own tail
 * ("Retrieved …", "from <url>", a wrapped lower-case line) or a URL. */
static bool continues_entry(const char *s, size_t n)
{
	static const char *const lead[] = {"<http", "[http", "http"};
	size_t i = md_skip_blanks(s, n, 0);
	if (i < n && s[i] >= 'a' && s[i] <= 'z')
		return true;
	for (size_t k = 0; k < sizeof lead / sizeof lead[0]; k++)
		if (ascii_ieq_prefix(s + i, n - i, lead[k]))
			return true;
	return citation_tail(s + i, n - i);
}

/* "|[[Zaman 2021]](https://…)|…": a row's author-date key, from its first
 * cell's bracketed label, kept as the reference's key. */
static void row_key(struct extractor *x, const char *s, size_t n)
{
	size_t i = md_skip_blanks(s, n, 0);
	if (i + 1 < n && s[i] == '[' && s[i + 1] == '[')
		i++;
	if (i >= n || s[i] != '[')
		return;
	const char *close = memchr(s + i, ']', n - i < 120 ? n - i : 120);
	if (!close || close == s + i + 1 || memchr(s + i + 1, '[', (size_t)(close - s) - i - 1))
		return;
	struct reference *r = &x->m->refs[x->ref];
	struct ref_details *d = ref_details_make(r);
	free(d->key);
	d->key = xstrndup(s + i + 1, (size_t)(close - s) - i - 1);
}

/* A section whose first entry has no number lists sources without numbers:
 * a numbered list further down (how-to steps) holds no footnotes. */
static void unnumbered_list(struct extractor *x)
{
	if (x->style == DEF_NONE && !x->note)
		x->style = DEF_UNNUMBERED;
}

static bool style_fits(const struct extractor *x, enum def_style st)
{
	return st == DEF_CARET || st == DEF_REST || x->style == DEF_NONE || x->style == st;
}

/* Whether the entry being built ended its sentence (or its URL): a line
 * wrapped in mid-sentence, as a PDF's are, goes on with it even when it
 * holds the source's "(2023, Dec. 22)". */
static bool entry_closed(const struct extractor *x)
{
	const struct buf *t = &x->text;
	if (!t->len || strchr(".)]>*_", t->data[t->len - 1]))
		return true;
	size_t w = t->len; /* a bare URL at its end, as a PDF with no annotations prints it */
	while (w && t->data[w - 1] != ' ')
		w--;
	return ascii_ieq_prefix(t->data + w, t->len - w, "http://") ||
	       ascii_ieq_prefix(t->data + w, t->len - w, "https://");
}

/* In a list of sources without numbers (ABNT, APA paragraphs), a paragraph
 * that reads as a source is one, even when the source before has no URL —
 * unless that one stopped mid-sentence (a title wrapped over a blank line).
 * Inside a numbered note, further sources keep to the author-date shape:
 * what follows a note list is too often the report's own colophon. */
static bool new_unnumbered_source(const struct extractor *x, const char *s, size_t n)
{
	return !x->note && citation_like(s, n) && (!x->open || entry_closed(x));
}

/* ":   Smith, J. (2020). …" under a line "Smith 2020": a definition list
 * (pandoc, PHP Markdown Extra), each term the label of the source its
 * definition gives. The term was read as text of the entry before (or as
 * an entry of its own): it is taken back from there. */
static bool definition_item(struct extractor *x, const char *s, size_t n)
{
	size_t i = md_skip_blanks(s, n, 0);
	if (i > 3 || i + 1 >= n || s[i] != ':' || (s[i + 1] != ' ' && s[i + 1] != '\t') || x->prev_blank ||
	    !x->prev.len || !x->open)
		return false;
	size_t tb = md_skip_blanks(x->prev.data, x->prev.len, 0), te = x->prev.len;
	while (te > tb && (x->prev.data[te - 1] == ' ' || x->prev.data[te - 1] == '\t'))
		te--;
	const char *term = x->prev.data + tb;
	size_t tl = te - tb;
	struct buf *t = &x->text;
	if (!tl || t->len < tl || memcmp(t->data + t->len - tl, term, tl) != 0)
		return false;
	char *key = xstrndup(term, tl);
	t->len -= tl;
	while (t->len && t->data[t->len - 1] == ' ')
		t->len--;
	if (!t->len && x->m->refs[x->ref].nlinks == 0) { /* the term was an entry of its own */
		x->open = false;
		model_drop_last_reference(x->m);
		if (x->note)
			x->note_entries--;
	}
	start_entry(x, s + i + 2, n - i - 2, false, false);
	ref_details_make(&x->m->refs[x->ref])->key = key;
	return true;
}

/* Returns false when the line separates like a blank line. */
static bool refs_line(struct extractor *x, const char *s, size_t n)
{
	size_t a = skip_anchor(s, n);
	s += a;
	n -= a;
	size_t i = md_skip_blanks(s, n, 0);
	if (i < n && s[i] == '|') { /* a table of references: one row, one source */
		if (!table_separator(s, n)) {
			start_entry(x, s, n, false, false);
			x->table_row = true;
			row_key(x, s + i + 1, n - i - 1);
		}
		return true;
	}
	if (key_definition(x, s, n) || adoc_bib_definition(x, s, n) || definition_item(x, s, n))
		return true;
	struct footnote_def d;
	if (scan_footnote_def(s, n, true, &d) && style_fits(x, d.style)) {
		start_definition(x, s, n, &d);
		return true;
	}
	size_t b = md_bullet(s, n);
	if (b == n) /* an empty bullet: "- ⏎- <sup>57</sup>" */
		return false;
	if (b) {
		unnumbered_list(x);
		bool prose = x->refs_sub && !citation_starts(s + b, n - b) && !citation_like(s + b, n - b);
		start_entry(x, s + b, n - b, prose, false);
		return true;
	}
	if (x->prev_blank || !x->open) {
		if (citation_starts(s, n) || new_unnumbered_source(x, s, n)) {
			unnumbered_list(x);
			start_entry(x, s, n, false, false);
		} else if (x->open && (x->m->refs[x->ref].nlinks == 0 || continues_entry(s, n))) {
			continue_entry(x, s, n);
		} else {
			/* prose between sources ends the footnote's list */
			finish_entry(x);
			close_note(x);
			start_entry(x, s, n, true, false);
		}
		return true;
	}
	/* "…24-CT/TW.  ⏎ Bộ Công An (2023, …", and after a source's URL a line
	 * that is not its tail: a title-first source ("New peaceful evolution
	 * … (2018, April 2).") after a PDF note's line that ended short */
	if (x->prev_hard_break &&
	    (citation_starts(s, n) || (x->m->refs[x->ref].nlinks > 0 && !continues_entry(s, n))))
		start_entry(x, s, n, false, false);
	else
		continue_entry(x, s, n);
	return true;
}

static void cite_markers(struct extractor *x, const char *s, size_t n)
{
	size_t pos = 0;
	struct footnote_marker mk;
	struct line_memo lm = {0};
	while (scan_next_marker(s, n, &pos, &mk, &lm)) {
		unsigned col = column_of(x, s + mk.start);
		if (mk.superscript) {
			char digits[64];
			size_t k = superscript_digits(s + mk.label, mk.label_len < 120 ? mk.label_len : 120, digits);
			footnotes_cite(&x->m->notes, NOTES_MARKED, digits, k, x->lineno, col);
		} else {
			bool caret = mk.label > 0 && s[mk.label - 1] == '^';
			footnotes_cite(&x->m->notes, caret ? NOTES_CARET : NOTES_MARKED, s + mk.label,
				       mk.label_len, x->lineno, col);
		}
	}
	line_memo_finish(&lm);
	size_t key, len;
	for (pos = 0; scan_next_citekey(s, n, &pos, &key, &len);)
		footnotes_cite(&x->m->notes, NOTES_KEY, s + key, len, x->lineno, column_of(x, s + key - 1));
	for (pos = 0; x->asciidoc && adoc_next_xref(s, n, &pos, &key, &len);)
		footnotes_cite(&x->m->notes, NOTES_XREF, s + key, len, x->lineno, column_of(x, s + key - 2));
}

/* AsciiDoc's inline footnotes: each a note defined and cited where it
 * stands. Their bytes are blanked in line (a copy of s) so that the body's
 * scan does not take their links for running text; columns stay. */
static void adoc_footnotes(struct extractor *x, const char *s, size_t n, char *line)
{
	size_t pos = 0;
	struct adoc_footnote f;
	while (adoc_next_footnote(s, n, &pos, &f)) {
		char label[16], *id = f.id_len ? xstrndup(s + f.id, f.id_len) : NULL;
		size_t num;
		if (!id || !strmap_get(&x->adoc_ids, id, &num)) {
			num = ++x->adoc_notes;
			if (id)
				strmap_put(&x->adoc_ids, id, num);
		}
		free(id);
		int ll = snprintf(label, sizeof label, "%zu", num);
		unsigned col = column_of(x, s + f.start);
		footnotes_cite(&x->m->notes, NOTES_MARKED, label, (size_t)ll, x->lineno, col);
		memset(line + f.start, ' ', f.end - f.start);
		if (!f.text_len)
			continue; /* "footnote:id[]": the note again, cited */
		footnotes_define(&x->m->notes, NOTES_MARKED, label, (size_t)ll, x->lineno, col);
		x->note = xstrndup(label, (size_t)ll);
		x->note_space = NOTES_MARKED;
		start_entry(x, s + f.text, f.text_len, false, false);
		finish_entry(x);
		close_note(x);
	}
}


static void body_links(struct extractor *x, const char *s, size_t n, enum ref_where where)
{
	size_t pos = 0;
	struct link_hit hit;
	struct line_memo lm = {.asciidoc = x->asciidoc, .no_definitions = no_definitions(x),
			       .html_attrs = x->md_flags != NULL};
	while (scan_next_link(s, n, &pos, &hit, &lm)) {
		if (!hit.url) {
			add_link(x, (size_t)-1, s, &hit);
			continue;
		}
		if (!parser_agrees(x, s, &hit))
			continue;
		size_t ri = new_reference(x, where, 1, s + hit.start);
		struct reference *r = &x->m->refs[ri];
		r->text = hit.text_len ? md_unescape(s + hit.text, hit.text_len) : xstrdup(hit.url);
		add_link(x, ri, s, &hit);
	}
	line_memo_finish(&lm);
	const char *line;
	char *text;
	for (size_t i = 0; unseen_link(x, &i, &line, &hit, &text);) {
		size_t ri = new_reference(x, where, 1, line + hit.start);
		x->m->refs[ri].text = xstrdup(*text ? text : hit.url);
		add_link(x, ri, line, &hit);
	}
}

static void note_piece(struct extractor *x, const char *s, size_t n, bool after_break, bool new_para)
{
	set_line(x, s);
	if (md_is_blank(s, n))
		return;
	size_t b = md_bullet(s, n);
	if (after_break && x->open) {
		/* "…24-CT/TW.⏎Bộ Công An (2023, …": a source of its own; and after
		 * a source's URL, a line that is not its tail (a title-first
		 * source after a PDF note's line that ended short) */
		if (citation_starts(s, n) || (x->m->refs[x->ref].nlinks > 0 && !continues_entry(s, n)))
			start_entry(x, s, n, false, x->body_def);
		else
			continue_entry(x, s, n);
	} else if (!x->open || (b && b < n) || (citation_starts(s, n) && (new_para || entry_closed(x)))) {
		start_entry(x, s + b, n - b, false, x->body_def);
	} else if (x->m->refs[x->ref].nlinks == 0 || continues_entry(s, n)) {
		continue_entry(x, s, n);
	} else {
		start_entry(x, s, n, true, x->body_def); /* commentary: kept only if it holds a link */
	}
}

static void body_line(struct extractor *x, const char *s, size_t n)
{
	struct footnote_def d;
	bool def = scan_footnote_def(s, n, false, &d);
	if (x->open && x->body_def && !def) {
		bool indented = n && (s[0] == ' ' || s[0] == '\t');
		size_t b = md_skip_blanks(s, n, 0);
		if (indented && x->prev_blank) { /* a further paragraph of the note */
			note_piece(x, s + b, n - b, false, true);
			return;
		}
		if (!x->prev_blank) {
			note_piece(x, s + b, n - b, x->prev_hard_break, false);
			return;
		}
	}
	if (key_definition(x, s, n) || adoc_bib_definition(x, s, n))
		return;
	finish_entry(x);
	if (def) {
		start_definition(x, s, n, &d);
		return;
	}
	close_note(x);
	cite_markers(x, s, n);
	if (x->asciidoc && memmem(s, n, "footnote:", 9)) {
		char *line = xstrndup(s, n);
		adoc_footnotes(x, s, n, line);
		set_line(x, line);
		body_links(x, line, n, WHERE_BODY);
		free(line);
		return;
	}
	body_links(x, s, n, WHERE_BODY);
}

static bool hard_break(const char *s, size_t n)
{
	return (n >= 2 && s[n - 1] == ' ' && s[n - 2] == ' ') || (n && s[n - 1] == '\\');
}

/* "References" on a line of its own straight after a paragraph, as a PDF
 * or a text export sets a heading with no blank line before it: the line
 * before ends a sentence, this one is short and capitalised. Not in
 * Markdown, where such a line goes on the paragraph. */
static bool heading_after_text(const struct extractor *x, const char *s, size_t n)
{
	size_t b = md_skip_blanks(s, n, 0);
	return !x->md_flags && x->prev_ends_sentence && n - b <= 40 && b < n &&
	       ((s[b] >= 'A' && s[b] <= 'Z') || (s[b] >= '0' && s[b] <= '9') || (unsigned char)s[b] >= 0xC0);
}

static void remember(struct extractor *x, const char *s, size_t n, bool blank)
{
	x->prev_blank = blank;
	x->prev_hard_break = !blank && hard_break(s, n);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	x->prev_ends_sentence = !blank && n && strchr(".!?:)", s[n - 1]);
	buf_clear(&x->prev);
	if (!blank && n <= SETEXT_TEXT_MAX)
		buf_append(&x->prev, s, n);
}

/* <!-- citecheck-ignore --> (Markdown, HTML in it) or ".. citecheck-ignore"
 * (reST): this line's findings and links are left alone; with -next-line,
 * the next line's. */
/* Marks the line a citecheck-ignore comment names: its own (lineno), or
 * with -next-line the next. c points at "citecheck-ignore", rest bytes on. */
static void ignore_at(struct extractor *x, const char *c, size_t rest, unsigned lineno)
{
	struct line_set *set = &x->m->doc.ignore;
	if (set->n >= 100000)
		return; /* a document of nothing else: enough */
	unsigned line = rest >= 26 && !memcmp(c, "citecheck-ignore-next-line", 26) ? lineno + 1 : lineno;
	grow_array(&set->v, &set->cap, set->n + 1, sizeof *set->v);
	set->v[set->n++] = line;
}

static void ignore_comment(struct extractor *x, const char *s, size_t n, unsigned lineno)
{
	const char *c = memmem(s, n, "citecheck-ignore", 16);
	if (c && (memmem(s, n, "<!--", 4) || memmem(s, n, "..", 2)))
		ignore_at(x, c, n - (size_t)(c - s), lineno);
}

void extractor_comment(struct extractor *x, const char *text, unsigned line)
{
	size_t n = strlen(text);
	const char *c = memmem(text, n, "citecheck-ignore", 16);
	if (c)
		ignore_at(x, c, n - (size_t)(c - text), line);
}

void extractor_markdown_lines(struct extractor *x, unsigned char *flags, unsigned nlines)
{
	free(x->md_flags);
	x->md_flags = flags;
	x->md_lines = nlines;
}

void extractor_markdown_links(struct extractor *x, struct md_link *links, size_t n)
{
	md_link_set_take(&x->md, links, n);
	x->md_tree = true;
}

void extractor_line(struct extractor *x, const char *s, size_t n, unsigned lineno)
{
	set_line(x, s);
	x->raw_line = s;
	x->lineno = lineno;
	ignore_comment(x, s, n, lineno);
	if (x->md_flags) { /* the parser knows where code is, nested or indented */
		if (md_line(x) & MD_LINE_CODE) {
			x->saw_markdown = true;
			remember(x, s, 0, true);
			return;
		}
	} else if (x->in_fence) {
		if (md_fence_closes(s, n, x->fence_ch, x->fence_len))
			x->in_fence = false;
		remember(x, s, 0, true);
		return;
	}
	if (!x->md_flags && md_fence(s, n, &x->fence_ch, &x->fence_len)) {
		x->in_fence = true;
		x->saw_markdown = true;
		remember(x, s, 0, true);
		return;
	}
	if (md_is_blank(s, n)) {
		remember(x, s, 0, true);
		return;
	}
	int level;
	size_t ht, hl;
	if (!x->prev_blank && x->prev.len && (level = md_setext_underline(s, n))) {
		heading(x, level, x->prev.data, x->prev.len);
		remember(x, s, 0, true);
		return;
	}
	if (md_thematic_break(s, n)) {
		remember(x, s, 0, true);
		return;
	}
	if (x->asciidoc && (level = adoc_heading(s, n, &ht, &hl))) {
		heading(x, level, s + ht, hl);
		remember(x, s, 0, true);
		return;
	}
	if ((level = md_atx_heading(s, n, &ht, &hl))) {
		x->saw_markdown = true;
		heading(x, level, s + ht, hl);
		body_links(x, s + ht, hl, WHERE_BODY); /* "## [Code Freeze](…)": a link of the page like any */
		remember(x, s, 0, true);
		return;
	}
	if ((x->prev_blank || heading_after_text(x, s, n)) && n <= 120 && md_is_reference_heading(s, n)) {
		heading(x, x->in_refs ? x->refs_level : 1, s, n);
		remember(x, s, 0, true);
		return;
	}
	bool text = true;
	if (x->in_refs)
		text = refs_line(x, s, n);
	else
		body_line(x, s, n);
	remember(x, s, n, !text);
}

void extractor_finish(struct extractor *x)
{
	finish_entry(x);
	close_note(x);
}

void extractor_asciidoc(struct extractor *x)
{
	x->asciidoc = true;
}

void extractor_structured(struct extractor *x)
{
	x->no_columns = true;
}

void extractor_set_part(struct extractor *x, const char *part, bool own_notes)
{
	x->m->notes.scope = own_notes ? part : NULL;
	extractor_finish(x);
	x->in_fence = false;
	x->in_refs = false;
	x->prev_blank = true;
	x->part = part;
}

/* Lines of a block after a line break: a hard break, as "  " ends a line in Markdown. */
void extractor_block(struct extractor *x, const char *s, size_t n, unsigned line)
{
	const char *end = s + n;
	for (;;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		extractor_line(x, s, nl ? (size_t)(nl - s) : (size_t)(end - s), line);
		if (!nl)
			break;
		x->prev_hard_break = true;
		s = nl + 1;
	}
	extractor_line(x, "", 0, line);
	x->nplaces = 0;
}

void extractor_places(struct extractor *x, const char *s, const struct text_place *v, size_t n)
{
	x->place_base = s;
	x->places = v;
	x->nplaces = n;
}

void extractor_chrome_block(struct extractor *x, const char *s, size_t n, unsigned line)
{
	const char *end = s + n;
	finish_entry(x); /* the chrome's references come after the entry it interrupts */
	x->lineno = line;
	for (;;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		set_line(x, s);
		body_links(x, s, nl ? (size_t)(nl - s) : (size_t)(end - s), WHERE_CHROME);
		if (!nl)
			break;
		s = nl + 1;
	}
	x->nplaces = 0;
}

void extractor_heading(struct extractor *x, int level, const char *s, size_t n, unsigned line)
{
	set_line(x, s);
	x->lineno = line;
	heading(x, level, s, n);
	remember(x, s, 0, true);
}

void extractor_cite(struct extractor *x, enum note_space space, const char *label, size_t len, unsigned line)
{
	footnotes_cite(&x->m->notes, space, label, len, line, 0);
}

void extractor_note_begin(struct extractor *x, enum note_space space, const char *label, size_t len,
			  unsigned line)
{
	finish_entry(x);
	close_note(x);
	footnotes_define(&x->m->notes, space, label, len, line, 0);
	x->note = xstrndup(label, len);
	x->note_space = space;
}

/* A paragraph of an open note: the first is its first source; later ones are
 * further sources, or the tail of the one before, as in a reference list. */
void extractor_note_block(struct extractor *x, const char *s, size_t n, unsigned line)
{
	x->lineno = line;
	const char *end = s + n;
	for (bool after_break = false;; after_break = true) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		note_piece(x, s, nl ? (size_t)(nl - s) : (size_t)(end - s), after_break, !after_break);
		if (!nl)
			break;
		s = nl + 1;
	}
	x->nplaces = 0;
}

void extractor_note_end(struct extractor *x)
{
	finish_entry(x);
	close_note(x);
	x->prev_blank = true;
}

void extractor_record(struct extractor *x, const struct source_record *rec)
{
	finish_entry(x);
	close_note(x);
	x->lineno = rec->line;
	size_t ri = new_reference(x, WHERE_REFERENCES, 1, NULL);
	struct reference *r = &x->m->refs[ri];
	struct ref_details d = {NULL, rec->key ? xstrdup(rec->key) : NULL, rec->authors ? xstrdup(rec->authors) : NULL,
				rec->title ? xstrdup(rec->title) : NULL, rec->published, rec->accessed};
	ref_details_take(r, &d);
	r->text = xstrdup(rec->text ? rec->text : "");
	for (size_t i = 0; i < rec->nurls && i < RECORD_MAX_URLS; i++) {
		size_t li = model_add_link(x->m, ri, xstrdup(rec->urls[i]), SYNTAX_FIELD, rec->url_lines[i], 0);
		struct link *l = &x->m->refs[ri].links[li];
		if (!model_copy_classification(x->m, l))
			classify_link(l, &x->cfg);
		model_bind_target(x->m, ri, li);
	}
}

void extractor_flow_part(struct extractor *x, const char *part)
{
	x->part = part;
}
