#include "read/read_docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/docx_lists.h"
#include "read/para_text.h"
#include "read/zip_markup.h"
#include "util/strmap.h"
#include "util/util.h"

#define MAX_FIELDS 8
#define LABEL_MAX 32

/* Relationships of one part: id → target, for w:hyperlink r:id. */
struct rels {
	struct strmap index;
	char **targets;
	size_t n, cap;
};

struct field {
	struct buf instr;
	bool link; /* a HYPERLINK field whose result is being read */
};

/* What Word shows for one kind of note: format, first number, and the
 * number each note id got, in the order the body cites them. */
struct numbering {
	enum docx_format format;
	long start, next;
	struct strmap ids;
	char (*labels)[LABEL_MAX];
	size_t n, cap;
};

struct docx {
	struct extractor *x;
	struct rels rels;
	struct numbering notes[2]; /* footnotes, endnotes */
	/* the part being read */
	bool note_part;            /* footnotes.xml or endnotes.xml */
	int kind;                  /* 0 footnotes, 1 endnotes */
	bool in_note;              /* inside a note that is no separator */
	unsigned skip;             /* depth inside content not to read (mc:Fallback, separators) */
	unsigned paragraphs;       /* in the body, or in the current note */
	unsigned p_depth;          /* w:p nesting (text boxes) */
	struct para p;
	int heading;
	bool list_item;
	char num_id[16]; /* the paragraph's w:numId, "" when none given */
	int ilvl;        /* -1 when none given */
	char style[64];  /* the paragraph's w:pStyle */
	struct docx_lists *lists; /* word/numbering.xml; NULL: none */
	bool in_t, in_instr, run_sup, sup_open;
	char custom_mark_id[LABEL_MAX]; /* a note whose mark is the run's own text */
	int custom_mark_kind;
	struct field fields[MAX_FIELDS];
	unsigned nfields;
	/* settings.xml */
	int settings_kind; /* -1 outside w:footnotePr/w:endnotePr */
};

static void rels_init(struct rels *r)
{
	memset(r, 0, sizeof *r);
	strmap_init(&r->index);
}

static void rels_finish(struct rels *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->targets[i]);
	free(r->targets);
	strmap_finish(&r->index);
	memset(r, 0, sizeof *r);
}

static void on_rel(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t n,
		   unsigned line, unsigned col)
{
	(void)col;
	(void)uri, (void)line;
	struct rels *r = u;
	const char *id = markup_attr(at, n, NULL, "Id"), *target = markup_attr(at, n, NULL, "Target");
	if (strcmp(name, "Relationship") != 0 || !id || !target)
		return;
	grow_array(&r->targets, &r->cap, r->n + 1, sizeof *r->targets);
	r->targets[r->n] = xstrdup(target);
	if (strmap_put(&r->index, id, r->n) == r->n)
		r->n++;
	else
		free(r->targets[r->n]);
}

static void no_end(void *u, const char *uri, const char *name)
{
	(void)u, (void)uri, (void)name;
}

static void no_text(void *u, const char *s, size_t n, unsigned line, unsigned col)
{
	(void)col;
	(void)u, (void)s, (void)n, (void)line;
}

/* Loads the relationships of part ("word/document.xml" → "word/_rels/document.xml.rels"). */
static int load_rels(struct docx *d, struct zip_doc *z, const char *part, char *err, size_t errlen)
{
	rels_finish(&d->rels);
	rels_init(&d->rels);
	const char *slash = strrchr(part, '/');
	char *path = xasprintf("%.*s_rels/%s.rels", (int)(slash - part + 1), part, slash + 1);
	static const struct markup_events ev = {on_rel, no_end, no_text, NULL};
	int rc = zip_markup_parse_small(z, path, &ev, &d->rels, err, errlen);
	free(path);
	return rc < 0 ? -1 : 0;
}

static const char *rel_target(const struct docx *d, const char *id)
{
	size_t i;
	return id && strmap_get(&d->rels.index, id, &i) ? d->rels.targets[i] : NULL;
}

static void on_setting_start(void *u, const char *uri, const char *name, const struct markup_attr *at,
			     size_t n, unsigned line, unsigned col)
{
	(void)col;
	(void)uri, (void)line;
	struct docx *d = u;
	if (strcmp(name, "footnotePr") == 0 || strcmp(name, "endnotePr") == 0)
		d->settings_kind = name[0] == 'e';
	else if (d->settings_kind >= 0 && strcmp(name, "numFmt") == 0)
		d->notes[d->settings_kind].format = docx_format_named(markup_attr(at, n, NULL, "val"));
	else if (d->settings_kind >= 0 && strcmp(name, "numStart") == 0 && markup_attr(at, n, NULL, "val"))
		d->notes[d->settings_kind].start = clamped_number(markup_attr(at, n, NULL, "val"));
}

static void on_setting_end(void *u, const char *uri, const char *name)
{
	(void)uri;
	struct docx *d = u;
	if (strcmp(name, "footnotePr") == 0 || strcmp(name, "endnotePr") == 0)
		d->settings_kind = -1;
}

/* The label for note id, given the first time the body cites it. */
static const char *number_note(struct numbering *nb, const char *id)
{
	size_t i;
	if (!strmap_get(&nb->ids, id, &i)) {
		grow_array(&nb->labels, &nb->cap, nb->n + 1, sizeof *nb->labels);
		/* next starts at most at NUMBER_MAX: counting on cannot overflow */
		docx_format_number(nb->format, nb->next++, nb->labels[nb->n]);
		i = strmap_put(&nb->ids, id, nb->n++);
	}
	return nb->labels[i];
}

static const char *note_label(const struct numbering *nb, const char *id)
{
	size_t i;
	return strmap_get(&nb->ids, id, &i) ? nb->labels[i] : NULL;
}

/* A HYPERLINK field's target: its first argument that is not a switch's.
 * NULL for "\l" (a bookmark in the document) or any other field. */
static char *hyperlink_target(const char *instr)
{
	const char *s = instr;
	while (*s == ' ')
		s++;
	if (strncasecmp(s, "HYPERLINK", 9) != 0 || (s[9] != ' ' && s[9] != '"'))
		return NULL;
	s += 9;
	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			return NULL;
		if (*s == '\\') { /* a switch; \l, \o, \t take an argument */
			char sw = s[1];
			if (!sw)
				return NULL; /* a lone '\' ends the instruction */
			s += 2;
			while (*s == ' ')
				s++;
			if (sw == 'l')
				return NULL;
			if (*s == '"') {
				const char *e = strchr(s + 1, '"');
				s = e ? e + 1 : s + strlen(s);
			} else {
				while (*s && *s != ' ')
					s++;
			}
			continue;
		}
		const char *b = s, *e;
		if (*s == '"') {
			b = s + 1;
			e = strchr(b, '"');
			if (!e)
				e = b + strlen(b);
		} else {
			e = s;
			while (*e && *e != ' ')
				e++;
		}
		return e > b ? xstrndup(b, (size_t)(e - b)) : NULL;
	}
}

static void field_begin(struct docx *d)
{
	if (d->nfields < MAX_FIELDS) {
		buf_clear(&d->fields[d->nfields].instr);
		d->fields[d->nfields].link = false;
	}
	d->nfields++;
}

/* The instruction is complete: a HYPERLINK's result text is the link. */
static void field_separate(struct docx *d, const char *instr)
{
	if (!d->nfields || d->nfields > MAX_FIELDS)
		return;
	struct field *f = &d->fields[d->nfields - 1];
	char *url = hyperlink_target(instr ? instr : f->instr.data ? f->instr.data : "");
	if (url && !d->p.link_url) {
		para_link_begin(&d->p, url);
		f->link = true;
	}
	free(url);
}

static void field_end(struct docx *d)
{
	if (!d->nfields)
		return;
	if (d->nfields <= MAX_FIELDS && d->fields[d->nfields - 1].link)
		para_link_end(&d->p);
	d->nfields--;
}

static void paragraph_end(struct docx *d)
{
	size_t n;
	/* its style numbers it, unless it says which list itself */
	char style_num[16];
	int style_ilvl;
	if (!d->heading && !d->num_id[0] && docx_lists_style(d->lists, d->style, style_num, &style_ilvl)) {
		d->list_item = true;
		snprintf(d->num_id, sizeof d->num_id, "%s", style_num);
		if (d->ilvl < 0)
			d->ilvl = style_ilvl;
	}
	if (d->list_item && !d->heading && strcmp(d->num_id, "0") != 0) { /* the number Word shows, or a bullet */
		char shown[DOCX_LABEL_MAX * 2 + 2];
		docx_lists_next(d->lists, d->num_id, d->ilvl < 0 ? 0 : d->ilvl, shown, sizeof shown);
		para_prefix(&d->p, shown[0] ? shown : "- ");
	}
	const char *s = para_get(&d->p, &n);
	unsigned at = d->paragraphs;
	if (n == 0 || d->skip) {
		/* nothing to read */
	} else if (d->heading && !d->note_part) {
		extractor_heading(d->x, d->heading, s, n, at);
	} else if (d->note_part) {
		if (d->in_note)
			extractor_note_block(d->x, s, n, at);
	} else {
		extractor_block(d->x, s, n, at);
	}
	para_reset(&d->p);
	d->heading = 0;
	d->list_item = false;
	d->num_id[0] = '\0';
	d->ilvl = -1;
	d->style[0] = '\0';
	d->nfields = 0;
}

static void cite(struct docx *d, int kind, const char *label)
{
	extractor_cite(d->x, kind ? NOTES_END : NOTES_MARKED, label, strlen(label), d->paragraphs);
}

static void note_start(struct docx *d, const struct markup_attr *at, size_t n)
{
	const char *type = markup_attr(at, n, NULL, "type");
	const char *id = markup_attr(at, n, NULL, "id");
	if ((type && strcmp(type, "normal") != 0) || !id) {
		d->skip = 1; /* separators and continuation notices */
		return;
	}
	const char *label = note_label(&d->notes[d->kind], id);
	char fallback[LABEL_MAX + 8];
	if (!label) { /* a note no reference in the body points to: Word shows none */
		snprintf(fallback, sizeof fallback, "id %.30s", id);
		label = fallback;
	}
	d->in_note = true;
	d->paragraphs = 0;
	extractor_note_begin(d->x, d->kind ? NOTES_END : NOTES_MARKED, label, strlen(label), 1);
}

static void on_start(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t n,
		     unsigned line, unsigned col)
{
	(void)col;
	(void)uri, (void)line;
	struct docx *d = u;
	if (d->skip) {
		d->skip++;
		return;
	}
	if (strcmp(name, "Fallback") == 0 || strcmp(name, "delText") == 0) {
		d->skip = 1; /* mc:Fallback repeats mc:Choice */
	} else if (strcmp(name, "p") == 0) {
		if (d->p_depth++ == 0)
			d->paragraphs++;
	} else if (strcmp(name, "pStyle") == 0) {
		const char *v = markup_attr(at, n, NULL, "val");
		snprintf(d->style, sizeof d->style, "%s", v ? v : "");
		if (v && strncasecmp(v, "heading", 7) == 0 && v[7] >= '1' && v[7] <= '9')
			d->heading = v[7] - '0';
	} else if (strcmp(name, "outlineLvl") == 0) {
		const char *v = markup_attr(at, n, NULL, "val");
		if (v && v[0] >= '0' && v[0] <= '8')
			d->heading = v[0] - '0' + 1;
	} else if (strcmp(name, "numPr") == 0) {
		d->list_item = true;
	} else if (strcmp(name, "numId") == 0 && d->list_item) {
		const char *v = markup_attr(at, n, NULL, "val");
		snprintf(d->num_id, sizeof d->num_id, "%s", v ? v : "");
	} else if (strcmp(name, "ilvl") == 0 && d->list_item) {
		const char *v = markup_attr(at, n, NULL, "val");
		d->ilvl = v && v[0] >= '0' && v[0] <= '8' && !v[1] ? v[0] - '0' : -1;
	} else if (strcmp(name, "r") == 0) {
		d->run_sup = false;
	} else if (strcmp(name, "vertAlign") == 0) {
		const char *v = markup_attr(at, n, NULL, "val");
		d->run_sup = v && strcmp(v, "superscript") == 0;
	} else if (strcmp(name, "t") == 0) {
		d->in_t = true;
	} else if (strcmp(name, "instrText") == 0) {
		d->in_instr = true;
	} else if (strcmp(name, "tab") == 0) {
		para_space(&d->p);
	} else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
		para_break(&d->p);
	} else if (strcmp(name, "hyperlink") == 0) {
		const char *target = rel_target(d, markup_attr(at, n, NULL, "id"));
		if (target && !d->p.link_url)
			para_link_begin(&d->p, target);
	} else if (strcmp(name, "fldChar") == 0) {
		const char *t = markup_attr(at, n, NULL, "fldCharType");
		if (t && strcmp(t, "begin") == 0)
			field_begin(d);
		else if (t && strcmp(t, "separate") == 0)
			field_separate(d, NULL);
		else if (t && strcmp(t, "end") == 0)
			field_end(d);
	} else if (strcmp(name, "fldSimple") == 0) {
		field_begin(d);
		field_separate(d, markup_attr(at, n, NULL, "instr"));
	} else if (strcmp(name, "footnoteReference") == 0 || strcmp(name, "endnoteReference") == 0) {
		int kind = name[0] == 'e';
		const char *id = markup_attr(at, n, NULL, "id");
		const char *custom = markup_attr(at, n, NULL, "customMarkFollows");
		if (!id || d->note_part)
			return;
		if (custom && (strcmp(custom, "1") == 0 || strcmp(custom, "true") == 0)) {
			snprintf(d->custom_mark_id, sizeof d->custom_mark_id, "%s", id);
			d->custom_mark_kind = kind;
			return;
		}
		cite(d, kind, number_note(&d->notes[kind], id));
	} else if (d->note_part && (strcmp(name, "footnote") == 0 || strcmp(name, "endnote") == 0)) {
		note_start(d, at, n);
	}
}

static void on_end(void *u, const char *uri, const char *name)
{
	(void)uri;
	struct docx *d = u;
	if (d->skip) {
		if (--d->skip == 0 && d->note_part && (strcmp(name, "footnote") == 0 || strcmp(name, "endnote") == 0))
			d->in_note = false;
		return;
	}
	if (strcmp(name, "p") == 0) {
		if (d->p_depth && --d->p_depth == 0)
			paragraph_end(d);
	} else if (strcmp(name, "r") == 0) {
		if (d->sup_open)
			para_raw(&d->p, "</sup>");
		d->sup_open = d->run_sup = false;
	} else if (strcmp(name, "t") == 0) {
		d->in_t = false;
	} else if (strcmp(name, "instrText") == 0) {
		d->in_instr = false;
	} else if (strcmp(name, "hyperlink") == 0) {
		para_link_end(&d->p);
	} else if (strcmp(name, "fldSimple") == 0) {
		field_end(d);
	} else if (d->note_part && d->in_note && (strcmp(name, "footnote") == 0 || strcmp(name, "endnote") == 0)) {
		extractor_note_end(d->x);
		d->in_note = false;
	}
}

static void on_text(void *u, const char *s, size_t n, unsigned line, unsigned col)
{
	(void)col;
	(void)line;
	struct docx *d = u;
	if (d->skip)
		return;
	if (d->in_instr && d->nfields && d->nfields <= MAX_FIELDS) {
		buf_append(&d->fields[d->nfields - 1].instr, s, n < 4096 ? n : 4096);
		return;
	}
	if (!d->in_t)
		return;
	if (d->custom_mark_id[0]) { /* the mark as the author typed it */
		char label[LABEL_MAX];
		size_t k = n < LABEL_MAX - 1 ? n : LABEL_MAX - 1;
		memcpy(label, s, k);
		label[k] = '\0';
		cite(d, d->custom_mark_kind, label);
		d->custom_mark_id[0] = '\0';
		return;
	}
	if (d->run_sup && !d->sup_open) {
		para_raw(&d->p, "<sup>");
		d->sup_open = true;
	}
	para_text(&d->p, s, n, d->paragraphs);
}

static const struct markup_events events = {on_start, on_end, on_text, NULL};

/* One part of the document: its relationships, then its paragraphs. */
static int read_part(struct docx *d, struct zip_doc *z, struct model *m, const char *part, bool note_part,
		     int kind, char *err, size_t errlen)
{
	if (load_rels(d, z, part, err, errlen) < 0)
		return -1;
	extractor_set_part(d->x, model_part(m, part), false);
	d->note_part = note_part;
	d->kind = kind;
	d->paragraphs = 0;
	d->p_depth = d->skip = 0;
	d->in_note = false;
	para_reset(&d->p);
	int rc = zip_markup_parse(z, part, false, &events, d, err, errlen);
	extractor_finish(d->x);
	return rc;
}

int read_docx(struct extractor *x, struct model *m, struct zip_doc *z, unsigned *paragraphs, char *err,
	      size_t errlen)
{
	struct docx d = {.x = x, .settings_kind = -1, .ilvl = -1};
	rels_init(&d.rels);
	para_init(&d.p);
	for (int k = 0; k < 2; k++) {
		d.notes[k].format = k ? FMT_LOWER_ROMAN : FMT_DECIMAL; /* Word's defaults */
		d.notes[k].start = 1;
		strmap_init(&d.notes[k].ids);
	}
	for (int i = 0; i < MAX_FIELDS; i++)
		buf_init(&d.fields[i].instr);
	static const struct markup_events settings = {on_setting_start, on_setting_end, no_text, NULL};
	int rc = zip_markup_parse_small(z, "word/settings.xml", &settings, &d, err, errlen);
	if (rc >= 0)
		rc = docx_lists_load(z, &d.lists, err, errlen);
	for (int k = 0; k < 2; k++)
		d.notes[k].next = d.notes[k].start;
	m->notes.first = d.notes[0].start; /* numbering that starts at 3 has no gap before it */
	if (rc >= 0)
		rc = read_part(&d, z, m, "word/document.xml", false, 0, err, errlen);
	if (rc == 0) {
		snprintf(err, errlen, "the document has no word/document.xml");
		rc = -1;
	}
	*paragraphs = d.paragraphs;
	if (rc > 0)
		rc = read_part(&d, z, m, "word/footnotes.xml", true, 0, err, errlen);
	if (rc >= 0)
		rc = read_part(&d, z, m, "word/endnotes.xml", true, 1, err, errlen);
	for (int k = 0; k < 2; k++) {
		strmap_finish(&d.notes[k].ids);
		free(d.notes[k].labels);
	}
	for (int i = 0; i < MAX_FIELDS; i++)
		buf_finish(&d.fields[i].instr);
	para_finish(&d.p);
	rels_finish(&d.rels);
	docx_lists_free(d.lists);
	return rc < 0 ? -1 : 0;
}
