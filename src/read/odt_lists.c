#include "read/odt_lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/docx_lists.h"
#include "util/util.h"

#define LEVELS 10      /* ODF's list levels */
#define STYLES_MAX 4096 /* list styles: LibreOffice writes a few dozen */
#define IDS_MAX 256     /* lists named by xml:id, for text:continue-list */

struct level {
	enum docx_format format; /* FMT_BULLET for a bullet level, FMT_NONE for none */
	char prefix[16], suffix[16];
	long start;
	int display; /* levels shown: 2 shows "1.2" */
};

struct style {
	char name[128];
	struct level lvl[LEVELS];
};

/* A list as it counts: its style and each level's last number. */
struct counter {
	size_t style; /* index, or STYLES_MAX when its style is not known */
	long count[LEVELS];
	bool counted[LEVELS];
};

struct odt_lists {
	struct style *s;
	size_t ns, scap;
	int reading; /* the level of the style being read, -1 none */
	/* the body's open lists: depth 1 is a top list, deeper ones its sublists */
	int depth;
	struct counter top, last; /* the open top list; the last one closed */
	char last_id[IDS_MAX][64];
	struct counter by_id[IDS_MAX];
	size_t nids;
	char open_id[64]; /* the open top list's xml:id */
};

struct odt_lists *odt_lists_new(void)
{
	struct odt_lists *l = xcalloc(1, sizeof *l);
	l->reading = -1;
	l->top.style = l->last.style = STYLES_MAX;
	return l;
}

void odt_lists_free(struct odt_lists *l)
{
	if (!l)
		return;
	free(l->s);
	free(l);
}

static enum docx_format format_of(const char *v)
{
	if (!v || !v[0])
		return FMT_NONE;
	switch (v[0]) {
	case 'a':
		return FMT_LOWER_LETTER;
	case 'A':
		return FMT_UPPER_LETTER;
	case 'i':
		return FMT_LOWER_ROMAN;
	case 'I':
		return FMT_UPPER_ROMAN;
	default:
		return FMT_DECIMAL;
	}
}

static int level_of(const char *v)
{
	long k = v ? clamped_number(v) : 1;
	return k >= 1 && k <= LEVELS ? (int)k - 1 : -1;
}

void odt_lists_style_start(struct odt_lists *l, const char *name, const struct markup_attr *at, size_t n)
{
	if (!strcmp(name, "list-style")) {
		const char *sn = markup_attr(at, n, NULL, "name");
		if (!sn || l->ns >= STYLES_MAX)
			return;
		grow_array(&l->s, &l->scap, l->ns + 1, sizeof *l->s);
		struct style *st = &l->s[l->ns++];
		memset(st, 0, sizeof *st);
		snprintf(st->name, sizeof st->name, "%s", sn);
		for (int k = 0; k < LEVELS; k++)
			st->lvl[k] = (struct level){.format = FMT_BULLET, .start = 1, .display = 1};
		return;
	}
	bool number = !strcmp(name, "list-level-style-number");
	if (!l->ns || (!number && strcmp(name, "list-level-style-bullet") && strcmp(name, "list-level-style-image")))
		return;
	int k = level_of(markup_attr(at, n, NULL, "level"));
	if (k < 0)
		return;
	struct level *lv = &l->s[l->ns - 1].lvl[k];
	const char *v;
	lv->format = number ? format_of(markup_attr(at, n, NULL, "num-format")) : FMT_BULLET;
	snprintf(lv->prefix, sizeof lv->prefix, "%s", (v = markup_attr(at, n, NULL, "num-prefix")) ? v : "");
	snprintf(lv->suffix, sizeof lv->suffix, "%s", (v = markup_attr(at, n, NULL, "num-suffix")) ? v : "");
	lv->start = (v = markup_attr(at, n, NULL, "start-value")) ? clamped_number(v) : 1;
	lv->display = (v = markup_attr(at, n, NULL, "display-levels")) ? (int)clamped_number(v) : 1;
	if (lv->display < 1 || lv->display > k + 1)
		lv->display = lv->display < 1 ? 1 : k + 1;
}

static size_t style_named(const struct odt_lists *l, const char *name)
{
	for (size_t i = 0; name && i < l->ns; i++)
		if (!strcmp(l->s[i].name, name))
			return i;
	return STYLES_MAX;
}

void odt_lists_open(struct odt_lists *l, const struct markup_attr *at, size_t n)
{
	if (l->depth++ > 0)
		return; /* a sublist: a level of the list it is in */
	const char *id = markup_attr(at, n, NULL, "id");
	const char *cont = markup_attr(at, n, NULL, "continue-list");
	const char *numbering = markup_attr(at, n, NULL, "continue-numbering");
	l->top = (struct counter){.style = style_named(l, markup_attr(at, n, NULL, "style-name"))};
	if (cont) { /* goes on from the list with that xml:id */
		for (size_t i = 0; i < l->nids; i++)
			if (!strcmp(l->last_id[i], cont))
				l->top = l->by_id[i];
	} else if (numbering && !strcmp(numbering, "true")) {
		l->top = l->last;
	}
	if (l->top.style == STYLES_MAX) /* named by neither: the one it continues names it */
		l->top.style = style_named(l, markup_attr(at, n, NULL, "style-name"));
	snprintf(l->open_id, sizeof l->open_id, "%s", id ? id : "");
}

void odt_lists_close(struct odt_lists *l)
{
	if (l->depth <= 0 || --l->depth > 0)
		return;
	l->last = l->top;
	if (!l->open_id[0])
		return;
	size_t i = 0;
	while (i < l->nids && strcmp(l->last_id[i], l->open_id))
		i++;
	if (i == l->nids && l->nids < IDS_MAX)
		snprintf(l->last_id[l->nids++], sizeof l->last_id[0], "%s", l->open_id);
	if (i < l->nids)
		l->by_id[i] = l->top;
}

void odt_lists_item(struct odt_lists *l, const struct markup_attr *at, size_t n, bool header, char *out,
		    size_t outlen)
{
	out[0] = '\0';
	int k = l->depth - 1;
	if (k < 0 || k >= LEVELS || header)
		return;
	if (l->top.style >= l->ns) {
		snprintf(out, outlen, "- ");
		return;
	}
	const struct style *st = &l->s[l->top.style];
	const struct level *lv = &st->lvl[k];
	if (lv->format == FMT_BULLET) {
		snprintf(out, outlen, "- ");
		return;
	}
	const char *restart = markup_attr(at, n, NULL, "start-value");
	struct counter *c = &l->top;
	c->count[k] = restart ? clamped_number(restart) : c->counted[k] ? c->count[k] + 1 : lv->start;
	c->counted[k] = true;
	for (int d = k + 1; d < LEVELS; d++)
		c->counted[d] = false;
	if (lv->format == FMT_NONE)
		return;
	char shown[ODT_LABEL_MAX] = "";
	for (int d = k - lv->display + 1; d <= k; d++) {
		char num[DOCX_LABEL_MAX];
		docx_format_number(st->lvl[d].format == FMT_NONE || st->lvl[d].format == FMT_BULLET ? FMT_DECIMAL
												      : st->lvl[d].format,
				   c->counted[d] ? c->count[d] : st->lvl[d].start, num);
		size_t used = strlen(shown);
		snprintf(shown + used, sizeof shown - used, "%s%s", d > k - lv->display + 1 ? "." : "", num);
	}
	snprintf(out, outlen, "%s%s%s ", lv->prefix, shown, lv->suffix);
}
