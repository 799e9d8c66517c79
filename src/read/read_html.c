#include "read/read_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/classify_url.h"
#include "extract/scan_links.h"
#include "read/para_text.h"
#include "util/strmap.h"
#include "util/util.h"

#define MAX_LISTS 32
#define LABEL_MAX 32
#define OWED_MAX 16

enum anchor { A_NONE, A_LINK, A_NOTEREF, A_INTERNAL };

struct walk {
	struct extractor *x;
	const struct html_source *src;
	struct html_tally *t;
	char *base; /* from <base href>, when no base URL was given */
	struct para p;
	unsigned depth, skip_depth; /* skip_depth: inside <script>, <style>, … */
	unsigned chrome_depth;      /* inside <nav>, <footer>, <head>, …: page chrome */
	unsigned code;              /* open <pre>, <code>, <samp>, <kbd>: their text is no citation */
	unsigned pre;               /* … of them <pre> */
	int heading;
	/* lists: ordered or not, and the number of the current item */
	bool ordered[MAX_LISTS];
	long item[MAX_LISTS];
	unsigned nlists;
	char item_prefix[32]; /* "- " or "12. ", owed to the item's first block */
	/* the note being read */
	unsigned note_depth; /* 0: none */
	bool note_begun, note_label_fixed;
	char note_label[LABEL_MAX];
	/* the <a> being read */
	enum anchor a;
	unsigned a_depth;
	char *a_target; /* a note reference's fragment; owned */
	struct buf a_text; /* the text of a note reference or a note's own label */
	unsigned sup_open;
	/* what each note reference showed, by the id it points at: a note is
	 * labelled as its marker printed it ("[note 1]", "[a]"), so a page's
	 * note groups stay apart from its numbered references */
	struct strmap shown_index;
	char **shown;
	size_t nshown, shown_cap;
	/* a section that is the page's own "Cite this page": its heading level */
	int own_citation;
	/* the last link's Robust Links snapshot (data-versionurl), owed to its
	 * paragraph unless the next link is that snapshot (as --fix writes a
	 * visible one after it); owned */
	char *version;
	/* URLs of attributes read inside an open <a> (an <img src> in a link),
	 * owed to the paragraph once the link ends; owned */
	struct owed_link {
		char *url;
		unsigned line, col;
	} owed[OWED_MAX];
	size_t nowed;
};

/* The snapshot a link's data-versionurl names, as a link of the paragraph. */
static void version_link(struct walk *w)
{
	if (!w->version)
		return;
	para_link_begin(&w->p, w->version);
	para_link_end(&w->p);
	free(w->version);
	w->version = NULL;
}

static bool is_block(const char *n)
{
	static const char *const blocks[] = {"p", "div", "li", "dd", "dt", "blockquote", "pre", "table",
					     "tr", "td", "th", "section", "article", "aside", "header",
					     "footer", "nav", "main", "figure", "figcaption", "caption",
					     "ul", "ol", "dl", "hr", "address", "details", "summary", "body",
					     "h1", "h2", "h3", "h4", "h5", "h6"};
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (strcmp(n, blocks[i]) == 0)
			return true;
	return false;
}

/* Elements whose text is code or a program's words (the HTML standard's
 * pre, code, samp, kbd): no citation, as a Markdown code span is none. */
static bool is_code(const char *n)
{
	return !strcmp(n, "pre") || !strcmp(n, "code") || !strcmp(n, "samp") || !strcmp(n, "kbd");
}

static bool is_skipped(const char *n)
{
	static const char *const skip[] = {"script", "style", "noscript", "template", "svg",
					   "math", "iframe", "object", "select", "title"};
	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (strcmp(n, skip[i]) == 0)
			return true;
	return false;
}

/* ARIA roles, classes and ids of a page's chrome (navigation, edit links,
 * footers, category and print-only boxes): its links are no citations. */
static bool has_word(const char *list, const char *word);

static bool is_chrome(const struct markup_attr *at, size_t nat)
{
	static const char *const roles[] = {"navigation", "contentinfo", "banner", "search"};
	static const char *const classes[] = {"printfooter", "mw-editsection", "navbox", "catlinks",
					      "mw-jump-link", "breadcrumb", "breadcrumbs", "site-footer",
					      "edit-link", "editsection", "footer", "navbar", "skip-link",
					      "sistersitebox"};
	static const char *const ids[] = {"footer", "mw-navigation", "mw-panel", "mw-head", "catlinks",
					  "siteSub", "contentSub", "jump-to-nav"};
	const char *role = markup_attr(at, nat, NULL, "role");
	const char *cls = markup_attr(at, nat, NULL, "class");
	const char *id = markup_attr(at, nat, NULL, "id");
	for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
		if (has_word(role, roles[i]))
			return true;
	for (size_t i = 0; cls && i < sizeof classes / sizeof classes[0]; i++)
		if (has_word(cls, classes[i]))
			return true;
	for (size_t i = 0; id && i < sizeof ids / sizeof ids[0]; i++)
		if (strcmp(id, ids[i]) == 0)
			return true;
	return false;
}

/* "…?title=X&action=edit" (a wiki's edit and history links): a link to
 * change the page. Not any "/edit" path: a cited Google Doc ends so. */
static bool edit_link(const char *href)
{
	return strstr(href, "action=edit") || strstr(href, "action=history");
}

/* "Cite this page", "How to cite this page", "Suggested citation": the
 * page's own citation, which is no source of the page. */
static bool own_citation_heading(const char *s, size_t n)
{
	static const char *const names[] = {"cite this page", "how to cite this page", "how to cite",
					    "suggested citation", "cite this article", "citation for this page"};
	while (n && (s[n - 1] == ' ' || s[n - 1] == ':'))
		n--;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && ascii_ieq_prefix(s, n, names[i]))
			return true;
	return false;
}

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p && (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* Ids that note lists give their notes: fn1 (pandoc), ftn1 and _ftn1 (Word),
 * sdfootnote1 (LibreOffice), edn1, footnote-1, endnote-1, note-1, cite_note-…
 * (Wikipedia) */
static bool note_id(const char *id)
{
	if (!id)
		return false;
	if (strncmp(id, "cite_note-", 10) == 0)
		return id[10] != '\0';
	static const char *const pre[] = {"sdfootnote", "sdendnote", "footnote", "endnote", "note",
					  "_ftn", "_edn", "ftn", "edn", "fn", "en"};
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
		size_t k = strlen(pre[i]);
		if (strncmp(id, pre[i], k) != 0)
			continue;
		const char *p = id + k;
		if (*p == '-' || *p == '_' || *p == ':')
			p++;
		if (*p < '0' || *p > '9')
			continue;
		while (*p >= '0' && *p <= '9')
			p++;
		return *p == '\0';
	}
	return false;
}

/* epub:type of a note, or its ARIA role (not "note", which any aside may have) */
static bool note_type(const char *type, const char *role)
{
	return (type && (has_word(type, "footnote") || has_word(type, "endnote") || has_word(type, "rearnote") ||
			 has_word(type, "note"))) ||
	       (role && (has_word(role, "doc-footnote") || has_word(role, "doc-endnote")));
}

static const char *fragment(const char *href)
{
	const char *h = strchr(href, '#');
	return h ? h + 1 : NULL;
}

/* A label as shown: "[12]" → "12", " 3 " → "3". */
static void clean_label(const char *s, size_t n, char out[LABEL_MAX])
{
	size_t b = 0, e = n;
	while (b < e && (s[b] == ' ' || s[b] == '[' || s[b] == '(' || s[b] == '^'))
		b++;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == ']' || s[e - 1] == ')'))
		e--;
	if (e - b >= LABEL_MAX)
		e = b + LABEL_MAX - 1;
	memcpy(out, s + b, e - b);
	out[e - b] = '\0';
}

static void begin_note(struct walk *w, unsigned line)
{
	if (w->note_begun)
		return;
	w->note_begun = true;
	extractor_note_begin(w->x, NOTES_MARKED, w->note_label, strlen(w->note_label), line);
}

static void flush(struct walk *w)
{
	size_t n;
	version_link(w);
	if (!w->heading && w->item_prefix[0] && !para_empty(&w->p)) {
		para_prefix(&w->p, w->item_prefix);
		w->item_prefix[0] = '\0';
	}
	const char *s = para_get(&w->p, &n);
	unsigned line = w->p.line;
	if (n == 0) {
		para_reset(&w->p);
		return;
	}
	if (w->p.nplaces)
		extractor_places(w->x, s, w->p.places, w->p.nplaces);
	if (w->chrome_depth) {
		extractor_chrome_block(w->x, s, n, line);
	} else if (w->heading) {
		if (w->own_citation && w->heading <= w->own_citation)
			w->own_citation = 0;
		if (own_citation_heading(s, n))
			w->own_citation = w->heading;
		extractor_heading(w->x, w->heading, s, n, line);
	} else if (w->own_citation) {
		/* the page's own citation: read by no one as a source */
	} else if (w->note_depth) {
		begin_note(w, line);
		extractor_note_block(w->x, s, n, line);
	} else {
		extractor_block(w->x, s, n, line);
	}
	extractor_places(w->x, NULL, NULL, 0); /* the text they name is gone next */
	para_reset(&w->p);
}

static void start_note(struct walk *w, const char *id)
{
	flush(w);
	w->note_depth = w->depth;
	w->note_begun = false;
	w->note_label_fixed = false;
	w->note_label[0] = '\0';
	size_t k;
	if (id && strmap_get(&w->shown_index, id, &k)) {
		snprintf(w->note_label, sizeof w->note_label, "%s", w->shown[k]);
		w->note_label_fixed = true;
	} else if (w->nlists && w->ordered[w->nlists - 1]) {
		snprintf(w->note_label, sizeof w->note_label, "%ld", w->item[w->nlists - 1]);
		w->note_label_fixed = true;
	} else if (id) {
		const char *d = id + strlen(id);
		while (d > id && d[-1] >= '0' && d[-1] <= '9')
			d--;
		snprintf(w->note_label, sizeof w->note_label, "%s", *d ? d : id);
	}
	w->item_prefix[0] = '\0';
}

static void end_note(struct walk *w, unsigned line)
{
	flush(w);
	begin_note(w, line);
	extractor_note_end(w->x);
	w->note_depth = 0;
}

static char *resolve(struct walk *w, const char *href, unsigned line)
{
	if (url_has_scheme(href))
		return xstrdup(href);
	const char *base = w->src->base_url ? w->src->base_url : w->base;
	if (!base && href[0] == '/' && href[1] == '/' && href[2] && href[2] != '/')
		return xasprintf("https:%s", href); /* "//hg.mozilla.org/": another site, whatever this page's scheme */
	if (!base) {
		if (!w->src->in_book && w->t->relative++ == 0)
			w->t->first_relative_line = line;
		return NULL;
	}
	return url_resolve(base, href);
}

static void start_anchor(struct walk *w, const struct markup_attr *at, size_t nat, unsigned line, unsigned col)
{
	const char *href = markup_attr(at, nat, NULL, "href");
	w->a = A_NONE;
	if (!href)
		return;
	while (*href == ' ')
		href++;
	const char *frag = fragment(href);
	bool local = href[0] == '#' || (w->src->in_book && !url_has_scheme(href));
	if (local) {
		const char *role = markup_attr(at, nat, NULL, "role");
		const char *type = markup_attr(at, nat, NULL, "epub:type");
		if (!type)
			type = markup_attr(at, nat, NULL, "type");
		const char *cls = markup_attr(at, nat, NULL, "class");
		bool ref = (role && has_word(role, "doc-noteref")) || (type && has_word(type, "noteref")) ||
			   (cls && (has_word(cls, "footnote-ref") || has_word(cls, "sdfootnoteanc") ||
				    has_word(cls, "sdendnoteanc"))) ||
			   (frag && note_id(frag));
		w->a = ref && !w->note_depth ? A_NOTEREF : A_INTERNAL;
		w->a_depth = w->depth;
		free(w->a_target);
		w->a_target = frag && *frag ? xstrdup(frag) : NULL;
		buf_clear(&w->a_text);
		return;
	}
	if (edit_link(href) || ascii_ieq_prefix(href, strlen(href), "javascript:") ||
	    ascii_ieq_prefix(href, strlen(href), "data:"))
		return; /* a script, inline data: no address */
	char *url = resolve(w, href, line);
	if (!url)
		return;
	if (w->version && !strcmp(w->version, url)) { /* the snapshot, shown: once is enough */
		free(w->version);
		w->version = NULL;
	}
	version_link(w);
	const char *version = markup_attr(at, nat, NULL, "data-versionurl");
	w->version = version && *version ? resolve(w, version, line) : NULL;
	w->a = A_LINK;
	w->a_depth = w->depth;
	para_place_next(&w->p, line, col);
	para_link_begin(&w->p, url);
	free(url);
}

static void link_here(struct walk *w, const char *url, unsigned line, unsigned col)
{
	para_place_next(&w->p, line, col);
	para_link_begin(&w->p, url);
	para_link_end(&w->p);
}

/* The links owed since an <a> opened, now that it is closed. */
static void pay_owed(struct walk *w)
{
	for (size_t i = 0; i < w->nowed; i++) {
		link_here(w, w->owed[i].url, w->owed[i].line, w->owed[i].col);
		free(w->owed[i].url);
	}
	w->nowed = 0;
}

static bool html_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The URL an attribute holds (the standard allows blanks around it), as a
 * link of the paragraph at its element's place. None for a place in this
 * page ("#top"), a script or inline data, which are no address to check;
 * nor, in an EPUB, for a file of the book (as its <a> links are not). */
static void attribute_link(struct walk *w, const char *v, size_t n, unsigned line, unsigned col)
{
	while (n && html_blank(*v))
		v++, n--;
	while (n && html_blank(v[n - 1]))
		n--;
	if (!n || *v == '#' || ascii_ieq_prefix(v, n, "javascript:") || ascii_ieq_prefix(v, n, "data:"))
		return;
	char *value = xstrndup(v, n);
	char *url = w->src->in_book && !url_has_scheme(value) ? NULL : resolve(w, value, line);
	free(value);
	if (!url)
		return;
	if (w->a != A_LINK) {
		link_here(w, url, line, col);
		free(url);
	} else if (w->nowed < OWED_MAX) { /* "[![logo](x)](y)": after the link, not inside it */
		w->owed[w->nowed++] = (struct owed_link){url, line, col};
	} else {
		free(url);
	}
}

/* srcset's image candidates, as the HTML standard splits them: a URL (its
 * trailing commas not its own), then descriptors up to a comma outside
 * parentheses. */
static void srcset_links(struct walk *w, const char *p, unsigned line, unsigned col)
{
	for (;;) {
		while (*p && (html_blank(*p) || *p == ','))
			p++;
		if (!*p)
			return;
		const char *b = p;
		while (*p && !html_blank(*p))
			p++;
		size_t n = (size_t)(p - b);
		bool ended = n && b[n - 1] == ',';
		while (n && b[n - 1] == ',')
			n--;
		attribute_link(w, b, n, line, col);
		for (int paren = 0; !ended && *p && (paren || *p != ',');) {
			paren += (*p == '(') - (*p == ')' && paren);
			p++;
		}
	}
}

/* The HTML standard's attributes that hold a URL, on whatever element they
 * are (a custom element's src too); an <a>'s href is start_anchor's, a
 * <base href> no link; data is a URL on <object> only. */
static void url_attributes(struct walk *w, const char *name, const struct markup_attr *at, size_t nat,
			   unsigned line, unsigned col)
{
	static const char *const names[] = {"href", "src", "cite", "action", "formaction", "poster", "data"};
	if (!strcmp(name, "base"))
		return;
	for (size_t i = 0; i < nat; i++) {
		if (at[i].uri)
			continue;
		if (!strcmp(at[i].name, "srcset")) {
			srcset_links(w, at[i].value, line, col);
			continue;
		}
		for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
			if (!strcmp(at[i].name, names[k]) && (k != 6 || !strcmp(name, "object")) &&
			    (k != 0 || strcmp(name, "a") != 0))
				attribute_link(w, at[i].value, strlen(at[i].value), line, col);
	}
}

/* The marker's label, kept under the id it points at (a_target). */
static void remember_shown(struct walk *w, const char *label)
{
	if (!w->a_target || w->nshown >= 100000)
		return;
	size_t k;
	if (strmap_get(&w->shown_index, w->a_target, &k))
		return;
	grow_array(&w->shown, &w->shown_cap, w->nshown + 1, sizeof *w->shown);
	w->shown[w->nshown] = xstrdup(label);
	strmap_put(&w->shown_index, w->a_target, w->nshown++);
}

static void end_anchor(struct walk *w, unsigned line)
{
	enum anchor a = w->a;
	w->a = A_NONE;
	if (a == A_LINK) {
		para_link_end(&w->p);
		pay_owed(w);
	} else if (a == A_NOTEREF) {
		char label[LABEL_MAX];
		clean_label(w->a_text.data ? w->a_text.data : "", w->a_text.len, label);
		if (label[0]) {
			extractor_cite(w->x, NOTES_MARKED, label, strlen(label), line);
			remember_shown(w, label);
		}
	} else if (a == A_INTERNAL && w->note_depth && !w->note_begun && !w->note_label_fixed &&
		   para_empty(&w->p)) {
		/* Word's "[1]" at the head of its note: the number as shown */
		char label[LABEL_MAX];
		clean_label(w->a_text.data ? w->a_text.data : "", w->a_text.len, label);
		if (label[0])
			snprintf(w->note_label, sizeof w->note_label, "%s", label);
		w->note_label_fixed = true;
	} else if (a == A_INTERNAL && !w->note_depth) {
		para_text(&w->p, w->a_text.data ? w->a_text.data : "", w->a_text.len, line);
	}
}

static void on_start(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t nat,
		     unsigned line, unsigned col)
{
	(void)col;
	(void)uri;
	struct walk *w = u;
	w->depth++;
	if (line > w->t->lines)
		w->t->lines = line;
	if (strcmp(name, "base") == 0 && !w->base) {
		const char *href = markup_attr(at, nat, NULL, "href");
		if (href && url_has_scheme(href))
			w->base = xstrdup(href);
	}
	if (w->skip_depth)
		return;
	if (!w->chrome_depth && !w->src->check_chrome &&
	    (strcmp(name, "head") == 0 || strcmp(name, "nav") == 0 || strcmp(name, "footer") == 0 ||
	     is_chrome(at, nat))) {
		flush(w);
		w->chrome_depth = w->depth;
	}
	if (is_skipped(name)) { /* its text is none of the page's; an <iframe src> is a link of it */
		url_attributes(w, name, at, nat, line, col);
		flush(w);
		w->skip_depth = w->depth;
		return;
	}
	if (is_block(name))
		flush(w);
	if (is_code(name)) {
		w->code++;
		w->pre += !strcmp(name, "pre");
	}
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
		w->heading = name[1] - '0';
	} else if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
		if (w->nlists < MAX_LISTS) {
			const char *start = markup_attr(at, nat, NULL, "start");
			w->ordered[w->nlists] = name[0] == 'o';
			w->item[w->nlists] = start ? clamped_number(start) - 1 : 0;
		}
		w->nlists++;
	} else if (strcmp(name, "li") == 0 && w->nlists && w->nlists <= MAX_LISTS) {
		unsigned k = w->nlists - 1;
		const char *value = markup_attr(at, nat, NULL, "value");
		/* clamped, so counting on from it cannot overflow */
		w->item[k] = value ? clamped_number(value) : w->item[k] + 1;
		if (w->ordered[k])
			snprintf(w->item_prefix, sizeof w->item_prefix, "%ld. ", w->item[k]);
		else
			snprintf(w->item_prefix, sizeof w->item_prefix, "- ");
	} else if (strcmp(name, "a") == 0 && w->a == A_NONE) {
		start_anchor(w, at, nat, line, col);
	} else if (strcmp(name, "sup") == 0 && w->a != A_NOTEREF) {
		para_raw(&w->p, "<sup>");
		w->sup_open++;
	} else if (strcmp(name, "br") == 0) {
		para_break(&w->p);
	}
	if (strcmp(name, "a") != 0)
		url_attributes(w, name, at, nat, line, col);
	if (!w->note_depth && !w->chrome_depth && w->a == A_NONE &&
	    (strcmp(name, "li") == 0 || strcmp(name, "aside") == 0 || strcmp(name, "div") == 0 ||
	     strcmp(name, "section") == 0 || strcmp(name, "p") == 0)) {
		const char *id = markup_attr(at, nat, NULL, "id");
		const char *type = markup_attr(at, nat, NULL, "epub:type");
		const char *role = markup_attr(at, nat, NULL, "role");
		bool container = type && (has_word(type, "footnotes") || has_word(type, "endnotes") ||
					  has_word(type, "rearnotes"));
		if (!container && (note_id(id) || note_type(type, role)))
			start_note(w, id);
	}
}

static void on_end(void *u, const char *uri, const char *name)
{
	(void)uri;
	struct walk *w = u;
	unsigned line = w->t->lines;
	if (w->skip_depth) {
		if (w->depth-- == w->skip_depth)
			w->skip_depth = 0;
		return;
	}
	if (w->a != A_NONE && w->depth == w->a_depth && strcmp(name, "a") == 0)
		end_anchor(w, line);
	if (strcmp(name, "sup") == 0 && w->sup_open && w->a != A_NOTEREF) {
		para_raw(&w->p, "</sup>");
		w->sup_open--;
	}
	if (is_code(name) && w->code) {
		w->code--;
		if (!strcmp(name, "pre") && w->pre)
			w->pre--;
	}
	if (is_block(name)) {
		flush(w);
		w->heading = 0;
	}
	if (w->chrome_depth == w->depth) {
		flush(w);
		w->chrome_depth = 0;
	}
	if ((strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) && w->nlists)
		w->nlists--;
	if (w->note_depth && w->depth <= w->note_depth)
		end_note(w, line);
	w->depth--;
}

/* <code>URL</code>, the element's whole text one web URL: the code span
 * "`URL`" it shows, for the extractor to judge as Markdown's (a link in a
 * note or reference entry, where authors write URLs as code; no citation
 * elsewhere). */
static bool url_code(struct walk *w, const char *s, size_t n, unsigned line, unsigned col)
{
	size_t b = 0, e = n;
	while (b < e && html_blank(s[b]))
		b++;
	while (e > b && html_blank(s[e - 1]))
		e--;
	if (w->pre || !scan_web_scheme(s, e, b))
		return false;
	for (size_t i = b; i < e; i++)
		if (html_blank(s[i]) || s[i] == '`')
			return false;
	para_raw(&w->p, "`");
	para_place_next(&w->p, line, col);
	para_text(&w->p, s + b, e - b, line);
	para_raw(&w->p, "`");
	return true;
}

static void on_text(void *u, const char *s, size_t n, unsigned line, unsigned col)
{
	struct walk *w = u;
	if (line > w->t->lines)
		w->t->lines = line;
	if (w->skip_depth)
		return;
	if (w->a == A_NOTEREF || w->a == A_INTERNAL) {
		if (w->a_text.len + n <= 4096)
			buf_append(&w->a_text, s, n);
		return;
	}
	if (w->code && w->a != A_LINK) {
		url_code(w, s, n, line, col);
		return; /* what code shows is no citation; a link in it is one */
	}
	para_place_next(&w->p, line, col);
	para_text(&w->p, s, n, line);
}

static void on_comment(void *u, const char *s, unsigned line)
{
	struct walk *w = u;
	extractor_comment(w->x, s, line);
}

int read_html(struct extractor *x, const struct html_source *src, markup_read_fn read, void *from,
	      struct html_tally *t, char *err, size_t errlen)
{
	struct walk w = {.x = x, .src = src, .t = t};
	strmap_init(&w.shown_index);
	para_init(&w.p);
	w.p.placed = true;
	buf_init(&w.a_text);
	static const struct markup_events ev = {on_start, on_end, on_text, on_comment};
	int rc = markup_parse(true, src->what, read, from, &ev, &w, err, errlen);
	flush(&w);
	if (w.note_depth)
		end_note(&w, t->lines);
	para_finish(&w.p);
	buf_finish(&w.a_text);
	free(w.base);
	free(w.a_target);
	free(w.version);
	for (size_t i = 0; i < w.nowed; i++)
		free(w.owed[i].url);
	for (size_t i = 0; i < w.nshown; i++)
		free(w.shown[i]);
	free(w.shown);
	strmap_finish(&w.shown_index);
	return rc;
}
