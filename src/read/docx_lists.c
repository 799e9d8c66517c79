#include "read/docx_lists.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/zip_markup.h"
#include "util/util.h"

#define LEVELS 9
#define LISTS_MAX 4096 /* abstract lists and list instances: Word makes a few dozen */

struct level {
	long start;
	enum docx_format format;
	char text[DOCX_LABEL_MAX]; /* w:lvlText: "%1.", "[%1]", "%1.%2." */
};

struct abstract {
	char id[16];
	struct level lvl[LEVELS];
	long count[LEVELS]; /* shared by the lists drawn from it */
	bool counted[LEVELS];
};

struct list {
	char id[16];
	size_t abstract; /* index, or LISTS_MAX + 1 when not found */
	char abstract_id[16];
	long start_override[LEVELS]; /* -1: none */
	bool restarted;              /* its overrides are applied: counted anew once */
};

/* A paragraph style of word/styles.xml that numbers its paragraphs (Word's
 * "List Number", or a "Bibliography" style a template numbers): the
 * paragraphs name only the style. */
struct style {
	char id[64], based_on[64];
	char num_id[16]; /* "" when it names none (its base may) */
	int ilvl;        /* -1 when it names none */
};

struct docx_lists {
	struct abstract *a;
	size_t na, acap;
	struct list *l;
	size_t nl, lcap;
	struct style *s;
	size_t ns, scap;
	/* reading: where in numbering.xml */
	int level;     /* w:lvl being read, -1 none */
	int override;  /* w:lvlOverride's level, -1 none */
	bool in_num;   /* inside w:num */
};

enum docx_format docx_format_named(const char *v)
{
	static const struct {
		const char *name;
		enum docx_format f;
	} fmts[] = {{"lowerRoman", FMT_LOWER_ROMAN}, {"upperRoman", FMT_UPPER_ROMAN}, {"lowerLetter", FMT_LOWER_LETTER},
		    {"upperLetter", FMT_UPPER_LETTER}, {"chicago", FMT_CHICAGO},	   {"bullet", FMT_BULLET},
		    {"none", FMT_NONE}};
	for (size_t i = 0; v && i < sizeof fmts / sizeof fmts[0]; i++)
		if (strcmp(v, fmts[i].name) == 0)
			return fmts[i].f;
	return FMT_DECIMAL;
}

void docx_format_number(enum docx_format f, long k, char out[DOCX_LABEL_MAX])
{
	static const char *const sym[] = {"*", "†", "‡", "§"};
	if (f == FMT_BULLET || f == FMT_NONE) {
		out[0] = '\0';
	} else if (k < 1 || k > 3999 || f == FMT_DECIMAL) {
		snprintf(out, DOCX_LABEL_MAX, "%ld", k);
	} else if (f == FMT_LOWER_ROMAN || f == FMT_UPPER_ROMAN) {
		static const struct {
			int v;
			const char *lo, *up;
		} r[] = {{1000, "m", "M"}, {900, "cm", "CM"}, {500, "d", "D"}, {400, "cd", "CD"}, {100, "c", "C"},
			 {90, "xc", "XC"},  {50, "l", "L"},    {40, "xl", "XL"}, {10, "x", "X"},    {9, "ix", "IX"},
			 {5, "v", "V"},     {4, "iv", "IV"},   {1, "i", "I"}};
		out[0] = '\0';
		for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
			for (; k >= r[i].v; k -= r[i].v)
				strcat(out, f == FMT_LOWER_ROMAN ? r[i].lo : r[i].up);
	} else if (f == FMT_CHICAGO) {
		/* *, †, ‡, §, then doubled: **, ††, … */
		out[0] = '\0';
		for (long rep = (k - 1) / 4 + 1; rep > 0 && strlen(out) + 4 < DOCX_LABEL_MAX; rep--)
			strcat(out, sym[(k - 1) % 4]);
	} else {
		/* a … z, then aa … zz */
		int rep = (int)((k - 1) / 26 + 1);
		char c = (char)((f == FMT_LOWER_LETTER ? 'a' : 'A') + (k - 1) % 26);
		int i;
		for (i = 0; i < rep && i < DOCX_LABEL_MAX - 1; i++)
			out[i] = c;
		out[i] = '\0';
	}
}

static int level_of(const char *v)
{
	return v && v[0] >= '0' && v[0] <= '8' && !v[1] ? v[0] - '0' : -1;
}

static void on_start(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t n,
		     unsigned line, unsigned col)
{
	(void)uri, (void)line, (void)col;
	struct docx_lists *l = u;
	const char *val = markup_attr(at, n, NULL, "val");
	if (!strcmp(name, "abstractNum") && l->na < LISTS_MAX) {
		grow_array(&l->a, &l->acap, l->na + 1, sizeof *l->a);
		struct abstract *a = &l->a[l->na++];
		memset(a, 0, sizeof *a);
		snprintf(a->id, sizeof a->id, "%s", markup_attr(at, n, NULL, "abstractNumId") ? markup_attr(at, n, NULL, "abstractNumId") : "");
		for (int k = 0; k < LEVELS; k++) {
			a->lvl[k].start = 1;
			snprintf(a->lvl[k].text, sizeof a->lvl[k].text, "%%%d.", k + 1);
		}
		l->in_num = false;
	} else if (!strcmp(name, "num") && l->nl < LISTS_MAX) {
		grow_array(&l->l, &l->lcap, l->nl + 1, sizeof *l->l);
		struct list *li = &l->l[l->nl++];
		memset(li, 0, sizeof *li);
		snprintf(li->id, sizeof li->id, "%s", markup_attr(at, n, NULL, "numId") ? markup_attr(at, n, NULL, "numId") : "");
		for (int k = 0; k < LEVELS; k++)
			li->start_override[k] = -1;
		l->in_num = true;
	} else if (!strcmp(name, "abstractNumId") && l->in_num && l->nl) {
		snprintf(l->l[l->nl - 1].abstract_id, sizeof l->l[l->nl - 1].abstract_id, "%s", val ? val : "");
	} else if (!strcmp(name, "lvlOverride") && l->in_num) {
		l->override = level_of(markup_attr(at, n, NULL, "ilvl"));
	} else if (!strcmp(name, "startOverride") && l->in_num && l->override >= 0 && l->nl && val) {
		l->l[l->nl - 1].start_override[l->override] = clamped_number(val);
	} else if (!strcmp(name, "lvl") && !l->in_num) {
		l->level = level_of(markup_attr(at, n, NULL, "ilvl"));
	} else if (l->level >= 0 && !l->in_num && l->na) {
		struct level *lv = &l->a[l->na - 1].lvl[l->level];
		if (!strcmp(name, "start") && val)
			lv->start = clamped_number(val);
		else if (!strcmp(name, "numFmt"))
			lv->format = docx_format_named(val);
		else if (!strcmp(name, "lvlText"))
			snprintf(lv->text, sizeof lv->text, "%s", val ? val : "");
	}
}

static void on_end(void *u, const char *uri, const char *name)
{
	(void)uri;
	struct docx_lists *l = u;
	if (!strcmp(name, "lvl"))
		l->level = -1;
	else if (!strcmp(name, "lvlOverride"))
		l->override = -1;
	else if (!strcmp(name, "num"))
		l->in_num = false;
}

static void on_style_start(void *u, const char *uri, const char *name, const struct markup_attr *at, size_t n,
			   unsigned line, unsigned col)
{
	(void)uri, (void)line, (void)col;
	struct docx_lists *l = u;
	const char *val = markup_attr(at, n, NULL, "val");
	if (!strcmp(name, "style")) {
		const char *type = markup_attr(at, n, NULL, "type"), *id = markup_attr(at, n, NULL, "styleId");
		l->in_num = type && id && !strcmp(type, "paragraph") && l->ns < LISTS_MAX;
		if (!l->in_num)
			return;
		grow_array(&l->s, &l->scap, l->ns + 1, sizeof *l->s);
		struct style *st = &l->s[l->ns++];
		memset(st, 0, sizeof *st);
		snprintf(st->id, sizeof st->id, "%s", id);
		st->ilvl = -1;
	} else if (l->in_num && val) {
		struct style *st = &l->s[l->ns - 1];
		if (!strcmp(name, "basedOn"))
			snprintf(st->based_on, sizeof st->based_on, "%s", val);
		else if (!strcmp(name, "numId"))
			snprintf(st->num_id, sizeof st->num_id, "%s", val);
		else if (!strcmp(name, "ilvl"))
			st->ilvl = level_of(val);
	}
}

static void on_style_end(void *u, const char *uri, const char *name)
{
	(void)uri;
	if (!strcmp(name, "style"))
		((struct docx_lists *)u)->in_num = false;
}

static void no_text(void *u, const char *s, size_t n, unsigned line, unsigned col)
{
	(void)u, (void)s, (void)n, (void)line, (void)col;
}

int docx_lists_load(struct zip_doc *z, struct docx_lists **out, char *err, size_t errlen)
{
	struct docx_lists *l = xcalloc(1, sizeof *l);
	l->level = l->override = -1;
	static const struct markup_events ev = {on_start, on_end, no_text, NULL};
	int rc = zip_markup_parse_small(z, "word/numbering.xml", &ev, l, err, errlen);
	for (size_t i = 0; i < l->nl; i++) {
		l->l[i].abstract = LISTS_MAX + 1;
		for (size_t k = 0; k < l->na; k++)
			if (!strcmp(l->a[k].id, l->l[i].abstract_id))
				l->l[i].abstract = k;
	}
	if (rc > 0 && l->nl) { /* the styles that number paragraphs, when there are lists to number them */
		static const struct markup_events styles = {on_style_start, on_style_end, no_text, NULL};
		l->in_num = false;
		int src = zip_markup_parse_small(z, "word/styles.xml", &styles, l, err, errlen);
		rc = src < 0 ? src : rc;
	}
	if (rc <= 0 || !l->nl) {
		docx_lists_free(l);
		l = NULL;
	}
	*out = l;
	return rc < 0 ? -1 : 0;
}

void docx_lists_free(struct docx_lists *l)
{
	if (!l)
		return;
	free(l->a);
	free(l->l);
	free(l->s);
	free(l);
}

/* lvlText with each %k made level k's number as it stands. */
static void render(const struct abstract *a, int ilvl, char *out, size_t outlen)
{
	const char *t = a->lvl[ilvl].text;
	size_t o = 0;
	for (; *t && o + 1 < outlen; t++) {
		int k = t[0] == '%' && t[1] >= '1' && t[1] <= '9' ? t[1] - '1' : -1;
		if (k < 0) {
			out[o++] = *t;
			continue;
		}
		char num[DOCX_LABEL_MAX];
		docx_format_number(a->lvl[k].format, a->counted[k] ? a->count[k] : a->lvl[k].start, num);
		size_t len = strlen(num);
		if (o + len + 1 >= outlen)
			break;
		memcpy(out + o, num, len);
		o += len;
		t++;
	}
	out[o] = '\0';
}

void docx_lists_next(struct docx_lists *l, const char *num_id, int ilvl, char *out, size_t outlen)
{
	out[0] = '\0';
	if (!l || !num_id || ilvl < 0 || ilvl >= LEVELS || !strcmp(num_id, "0"))
		return;
	struct list *li = NULL;
	for (size_t i = 0; i < l->nl && !li; i++)
		if (!strcmp(l->l[i].id, num_id))
			li = &l->l[i];
	if (!li || li->abstract >= l->na)
		return;
	struct abstract *a = &l->a[li->abstract];
	const struct level *lv = &a->lvl[ilvl];
	if (lv->format == FMT_NONE)
		return;
	if (lv->format == FMT_BULLET) {
		snprintf(out, outlen, "- ");
		return;
	}
	if (!li->restarted) { /* a list that starts over (w:startOverride) does so at its first item */
		li->restarted = true;
		for (int k = 0; k < LEVELS; k++)
			if (li->start_override[k] >= 0) {
				a->count[k] = li->start_override[k] - 1;
				a->counted[k] = true;
			}
	}
	/* counts stay under NUMBER_MAX: clamped_number caps what starts them */
	a->count[ilvl] = a->counted[ilvl] ? a->count[ilvl] + 1 : lv->start;
	a->counted[ilvl] = true;
	for (int k = ilvl + 1; k < LEVELS; k++)
		a->counted[k] = false;
	char shown[DOCX_LABEL_MAX * 2];
	render(a, ilvl, shown, sizeof shown);
	snprintf(out, outlen, "%s ", shown);
}

/* Styles are followed through w:basedOn this deep at most (a loop of
 * styles ends there). */
#define STYLE_DEPTH 16

bool docx_lists_style(const struct docx_lists *l, const char *style, char num_id[16], int *ilvl)
{
	*ilvl = -1;
	num_id[0] = '\0';
	for (int depth = 0; l && style && style[0] && depth < STYLE_DEPTH; depth++) {
		const struct style *st = NULL;
		for (size_t i = 0; i < l->ns && !st; i++)
			if (!strcmp(l->s[i].id, style))
				st = &l->s[i];
		if (!st)
			break;
		if (*ilvl < 0)
			*ilvl = st->ilvl;
		if (st->num_id[0]) {
			snprintf(num_id, 16, "%s", st->num_id);
			break;
		}
		style = st->based_on;
	}
	if (*ilvl < 0)
		*ilvl = 0;
	return num_id[0] && strcmp(num_id, "0") != 0;
}
