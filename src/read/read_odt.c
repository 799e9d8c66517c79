/* read_odt.c — an OpenDocument text (ODT) into the extractor, from its
 * content.xml: text:p and text:h paragraphs, list items, text:a links, and
 * text:note footnotes and endnotes, which sit inside the body paragraph that
 * cites them, under the citation the note itself carries. Superscript text
 * (a span whose automatic style raises it) keeps hand-typed markers.
 * Locations are paragraph numbers: in the body, or within the note. */
#include "read/read_odt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/odt_lists.h"
#include "read/para_text.h"
#include "read/zip_markup.h"
#include "util/strmap.h"
#include "util/util.h"

#define LABEL_MAX 32
#define MAX_SPANS 16

struct odt {
	struct extractor *x;
	struct strmap raised; /* automatic styles that set text in superscript */
	char style[128];      /* the style:style being read */
	struct para body, note;
	unsigned paragraphs, note_paragraphs;
	unsigned p_depth;     /* text:p / text:h nesting in the body */
	int heading;
	bool list_item, note_list_item; /* the next paragraph is a list item's */
	struct odt_lists *lists;        /* list styles and the body's lists as they count */
	char item_label[ODT_LABEL_MAX]; /* what the body's list item shows before it */
	unsigned skip;        /* depth inside annotations and tracked changes */
	/* the note being read */
	bool in_note, in_citation, in_note_body;
	enum note_space space;
	char label[LABEL_MAX];
	size_t label_len;
	bool label_given;
	/* spans: whether each open one is raised */
	bool span_sup[MAX_SPANS];
	unsigned nspans;
};

static struct para *current(struct odt *o)
{
	return o->in_note_body ? &o->note : &o->body;
}

static bool skipped(const char *name)
{
	return strcmp(name, "annotation") == 0 || strcmp(name, "tracked-changes") == 0 ||
	       strcmp(name, "automatic-styles") == 0 || strcmp(name, "deletion") == 0;
}

static void body_paragraph_end(struct odt *o)
{
	size_t n;
	if (o->list_item && !o->heading)
		para_prefix(&o->body, o->item_label[0] ? o->item_label : "- ");
	const char *s = para_get(&o->body, &n);
	if (n && o->heading) {
		extractor_heading(o->x, o->heading, s, n, o->paragraphs);
	} else if (n) {
		extractor_block(o->x, s, n, o->paragraphs);
	}
	para_reset(&o->body);
	o->heading = 0;
	o->list_item = false;
}

static void note_paragraph_end(struct odt *o)
{
	size_t n;
	if (o->note_list_item)
		para_prefix(&o->note, "- ");
	const char *s = para_get(&o->note, &n);
	if (n)
		extractor_note_block(o->x, s, n, o->note_paragraphs);
	o->note_list_item = false;
	para_reset(&o->note);
}

/* The citation is complete: the body cites the note, and the note begins. */
static void note_cited(struct odt *o)
{
	size_t b = 0, e = o->label_len;
	while (b < e && o->label[b] == ' ')
		b++;
	while (e > b && o->label[e - 1] == ' ')
		e--;
	extractor_cite(o->x, o->space, o->label + b, e - b, o->paragraphs);
	extractor_note_begin(o->x, o->space, o->label + b, e - b, 1);
	o->note_paragraphs = 0;
}

static void style_start(struct odt *o, const char *name, const struct markup_attr *at, size_t n)
{
	if (strcmp(name, "style") == 0) {
		const char *sn = markup_attr(at, n, NULL, "name");
		snprintf(o->style, sizeof o->style, "%s", sn ? sn : "");
	} else if (strcmp(name, "text-properties") == 0 && o->style[0]) {
		const char *pos = markup_attr(at, n, NULL, "text-position");
		if (pos && (strncmp(pos, "super", 5) == 0 || (pos[0] >= '1' && pos[0] <= '9')))
			strmap_put(&o->raised, o->style, 1);
	}
}

static void on_start(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t n,
		     unsigned line, unsigned col)
{
	(void)col;
	(void)uri, (void)line;
	struct odt *o = u;
	if (o->skip) {
		o->skip++;
		if (strcmp(name, "style") == 0 || strcmp(name, "text-properties") == 0)
			style_start(o, name, at, n);
		odt_lists_style_start(o->lists, name, at, n);
		return;
	}
	if (skipped(name)) {
		o->skip = 1;
		return;
	}
	if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
		if (o->in_note_body) {
			o->note_paragraphs++;
		} else if (o->p_depth++ == 0) {
			o->paragraphs++;
			if (name[0] == 'h') {
				const char *lvl = markup_attr(at, n, NULL, "outline-level");
				o->heading = lvl ? (int)clamped_number(lvl) : 1;
				if (o->heading < 1 || o->heading > 9)
					o->heading = 1;
			}
		}
	} else if (strcmp(name, "list-item") == 0) {
		if (o->in_note_body) {
			o->note_list_item = true;
		} else {
			o->list_item = true;
			odt_lists_item(o->lists, at, n, false, o->item_label, sizeof o->item_label);
		}
	} else if (strcmp(name, "list") == 0 && !o->in_note_body) {
		odt_lists_open(o->lists, at, n);
	} else if (strcmp(name, "note") == 0 && !o->in_note) {
		const char *cls = markup_attr(at, n, NULL, "note-class");
		o->in_note = true;
		o->space = cls && strcmp(cls, "endnote") == 0 ? NOTES_END : NOTES_MARKED;
		o->label_len = 0;
		o->label_given = false;
	} else if (strcmp(name, "note-citation") == 0 && o->in_note) {
		const char *given = markup_attr(at, n, NULL, "label");
		o->in_citation = true;
		if (given) { /* a mark the author chose */
			o->label_len = strlen(given) < LABEL_MAX ? strlen(given) : LABEL_MAX - 1;
			memcpy(o->label, given, o->label_len);
			o->label_given = true;
		}
	} else if (strcmp(name, "note-body") == 0 && o->in_note) {
		o->in_note_body = true;
	} else if (strcmp(name, "a") == 0) {
		const char *href = markup_attr(at, n, NULL, "href");
		if (href && href[0] != '#' && strstr(href, "://"))
			para_link_begin(current(o), href);
	} else if (strcmp(name, "span") == 0) {
		const char *sn = markup_attr(at, n, NULL, "style-name");
		size_t v;
		bool sup = sn && strmap_get(&o->raised, sn, &v);
		if (o->nspans < MAX_SPANS)
			o->span_sup[o->nspans] = sup;
		o->nspans++;
		if (sup)
			para_raw(current(o), "<sup>");
	} else if (strcmp(name, "s") == 0 || strcmp(name, "tab") == 0) {
		para_space(current(o));
	} else if (strcmp(name, "line-break") == 0) {
		para_break(current(o));
	}
}

static void on_end(void *u, const char *uri, const char *name)
{
	(void)uri;
	struct odt *o = u;
	if (o->skip) {
		if (--o->skip == 0 && strcmp(name, "automatic-styles") == 0)
			o->style[0] = '\0';
		return;
	}
	if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
		if (o->in_note_body)
			note_paragraph_end(o);
		else if (o->p_depth && --o->p_depth == 0)
			body_paragraph_end(o);
	} else if (strcmp(name, "note-citation") == 0 && o->in_citation) {
		o->in_citation = false;
		note_cited(o);
	} else if (strcmp(name, "note-body") == 0) {
		o->in_note_body = false;
	} else if (strcmp(name, "note") == 0 && o->in_note) {
		note_paragraph_end(o);
		extractor_note_end(o->x);
		o->in_note = false;
	} else if (strcmp(name, "a") == 0) {
		para_link_end(current(o));
	} else if (strcmp(name, "span") == 0 && o->nspans) {
		o->nspans--;
		if (o->nspans < MAX_SPANS && o->span_sup[o->nspans])
			para_raw(current(o), "</sup>");
	} else if (strcmp(name, "list-item") == 0) {
		if (o->in_note_body)
			o->note_list_item = false;
		else
			o->list_item = false;
	} else if (strcmp(name, "list") == 0 && !o->in_note_body) {
		odt_lists_close(o->lists);
	}
}

static void on_text(void *u, const char *s, size_t n, unsigned line, unsigned col)
{
	(void)col;
	(void)line;
	struct odt *o = u;
	if (o->skip)
		return;
	if (o->in_citation) {
		if (!o->label_given)
			for (size_t i = 0; i < n && o->label_len < LABEL_MAX - 1; i++)
				o->label[o->label_len++] = s[i];
		return;
	}
	if (o->in_note && !o->in_note_body)
		return;
	struct para *p = current(o);
	para_text(p, s, n, o->in_note_body ? o->note_paragraphs : o->paragraphs);
}

static void on_style_start(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t n,
			   unsigned line, unsigned col)
{
	(void)uri, (void)line, (void)col;
	odt_lists_style_start(u, name, at, n);
}

static void on_style_end(void *u, const char *uri, const char *name)
{
	(void)u, (void)uri, (void)name;
}

static void on_no_text(void *u, const char *s, size_t n, unsigned line, unsigned col)
{
	(void)u, (void)s, (void)n, (void)line, (void)col;
}

int read_odt(struct extractor *x, struct model *m, struct zip_doc *z, unsigned *paragraphs, char *err,
	     size_t errlen)
{
	struct odt o = {.x = x, .lists = odt_lists_new()};
	strmap_init(&o.raised);
	para_init(&o.body);
	para_init(&o.note);
	extractor_set_part(x, model_part(m, "content.xml"), false);
	/* the list styles of styles.xml first: content.xml's lists name them */
	static const struct markup_events styles = {on_style_start, on_style_end, on_no_text, NULL};
	int rc = zip_markup_parse(z, "styles.xml", false, &styles, o.lists, err, errlen);
	static const struct markup_events ev = {on_start, on_end, on_text, NULL};
	if (rc >= 0)
		rc = zip_markup_parse(z, "content.xml", false, &ev, &o, err, errlen);
	if (rc == 0)
		snprintf(err, errlen, "the document has no content.xml");
	*paragraphs = o.paragraphs;
	para_finish(&o.body);
	para_finish(&o.note);
	strmap_finish(&o.raised);
	odt_lists_free(o.lists);
	return rc > 0 ? 0 : -1;
}
