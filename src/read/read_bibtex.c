/* read_bibtex.c — a BibTeX or BibLaTeX file: each entry becomes a source with
 * its url (and \url{…} in howpublished or note), its doi as a doi.org link,
 * urldate as the access date and date, or year and month, as the publication
 * date, exactly as recorded. @string macros are expanded; @comment and
 * @preamble are skipped. Locations are lines. */
#include "read/read_bibtex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/citation_meta.h"
#include "util/strmap.h"
#include "util/util.h"

#define MAX_FIELDS 64
/* @string macros can double a value at every level (a1 = a0 # a0, …): a
 * 600-byte file would expand to a gigabyte. Values and the bytes copied out
 * of macros are capped, as the XML readers refuse entity declarations. */
#define MAX_VALUE (1u << 20)
#define MAX_EXPANDED (64u << 20)

struct field {
	char name[32];
	char *value; /* macros expanded, concatenations joined; owned */
	unsigned line;
};

struct bib {
	const char *s;
	size_t n, pos;
	unsigned line;
	struct strmap macros; /* name → index into macro_values */
	char **macro_values;
	size_t nmacros, macros_cap;
	size_t expanded; /* bytes copied out of macros so far */
	char error[200];
};

static void advance(struct bib *b)
{
	if (b->s[b->pos] == '\n')
		b->line++;
	b->pos++;
}

static void skip_space(struct bib *b)
{
	while (b->pos < b->n && strchr(" \t\r\n", b->s[b->pos]))
		advance(b);
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("_-:.+/'", c);
}

static size_t read_name(struct bib *b, char *out, size_t cap)
{
	size_t k = 0;
	while (b->pos < b->n && name_char(b->s[b->pos])) {
		if (k + 1 < cap)
			out[k++] = b->s[b->pos];
		advance(b);
	}
	out[k] = '\0';
	return k;
}

/* A {…} or "…" value, braces balanced; appended to v without its delimiters. */
static bool read_delimited(struct bib *b, struct buf *v)
{
	char open = b->s[b->pos];
	int depth = 0;
	unsigned start = b->line;
	advance(b);
	while (b->pos < b->n) {
		char c = b->s[b->pos];
		if (c == '{')
			depth++;
		else if (c == '}' && depth == 0 && open == '{')
			break;
		else if (c == '}')
			depth--;
		else if (c == '"' && depth == 0 && open == '"')
			break;
		buf_putc(v, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
		advance(b);
	}
	if (b->pos >= b->n) {
		snprintf(b->error, sizeof b->error, "a value opened on line %u is never closed", start);
		return false;
	}
	advance(b);
	return true;
}

static const char *const month_macros[] = {"jan", "feb", "mar", "apr", "may", "jun",
					   "jul", "aug", "sep", "oct", "nov", "dec"};

/* value = part ("#" part)*, where a part is {…}, "…", a number or a macro. */
static bool read_value(struct bib *b, struct buf *v)
{
	for (;;) {
		skip_space(b);
		if (b->pos >= b->n)
			break;
		char c = b->s[b->pos];
		if (c == '{' || c == '"') {
			if (!read_delimited(b, v))
				return false;
		} else {
			char name[64];
			if (!read_name(b, name, sizeof name)) {
				snprintf(b->error, sizeof b->error, "line %u: a field value was expected", b->line);
				return false;
			}
			size_t i;
			bool digits = strspn(name, "0123456789") == strlen(name);
			if (digits) {
				buf_append(v, name, strlen(name));
			} else if (strmap_get(&b->macros, name, &i)) {
				size_t k = strlen(b->macro_values[i]);
				b->expanded += k;
				if (b->expanded > MAX_EXPANDED) {
					snprintf(b->error, sizeof b->error,
						 "line %u: @string macros expand to over %u MiB in all "
						 "(an expansion bomb?)", b->line, MAX_EXPANDED >> 20);
					return false;
				}
				buf_append(v, b->macro_values[i], k);
			} else {
				for (i = 0; i < 12; i++)
					if (strcasecmp(name, month_macros[i]) == 0)
						break;
				char num[4];
				snprintf(num, sizeof num, "%zu", i + 1);
				buf_append(v, i < 12 ? num : name, strlen(i < 12 ? num : name));
			}
		}
		if (v->len > MAX_VALUE) {
			snprintf(b->error, sizeof b->error, "line %u: a field value is over %u MiB long",
				 b->line, MAX_VALUE >> 20);
			return false;
		}
		skip_space(b);
		if (b->pos < b->n && b->s[b->pos] == '#') {
			advance(b);
			continue;
		}
		return true;
	}
	snprintf(b->error, sizeof b->error, "the file ends inside a field value");
	return false;
}

/* LaTeX's accent commands on a letter, as UTF-8: {\"u}, \'e, \c{c}. */
static const struct {
	char accent, letter;
	const char *utf8;
} accents[] = {
	{'"', 'a', "\xC3\xA4"}, {'"', 'o', "\xC3\xB6"}, {'"', 'u', "\xC3\xBC"}, {'"', 'A', "\xC3\x84"},
	{'"', 'O', "\xC3\x96"}, {'"', 'U', "\xC3\x9C"}, {'"', 'e', "\xC3\xAB"}, {'"', 'i', "\xC3\xAF"},
	{'\'', 'a', "\xC3\xA1"}, {'\'', 'e', "\xC3\xA9"}, {'\'', 'i', "\xC3\xAD"}, {'\'', 'o', "\xC3\xB3"},
	{'\'', 'u', "\xC3\xBA"}, {'\'', 'E', "\xC3\x89"}, {'`', 'a', "\xC3\xA0"}, {'`', 'e', "\xC3\xA8"},
	{'`', 'i', "\xC3\xAC"}, {'`', 'o', "\xC3\xB2"}, {'`', 'u', "\xC3\xB9"}, {'^', 'a', "\xC3\xA2"},
	{'^', 'e', "\xC3\xAA"}, {'^', 'i', "\xC3\xAE"}, {'^', 'o', "\xC3\xB4"}, {'^', 'u', "\xC3\xBB"},
	{'~', 'n', "\xC3\xB1"}, {'~', 'a', "\xC3\xA3"}, {'~', 'o', "\xC3\xB5"}, {'~', 'N', "\xC3\x91"},
	{'c', 'c', "\xC3\xA7"}, {'c', 'C', "\xC3\x87"},
};

/* An accent command at s ("\"u", "\\'{e}", "\c{c}"): its bytes in *len and
 * the letter it makes, or NULL. */
static const char *accent_at(const char *s, size_t *len)
{
	if (s[0] != '\\' || !s[1])
		return NULL;
	size_t i = 2;
	if (s[1] == 'c' && s[2] == ' ')
		i = 3;
	bool brace = s[i] == '{';
	char letter = s[i + brace];
	if (!letter || (brace && s[i + 2] != '}'))
		return NULL;
	for (size_t k = 0; k < sizeof accents / sizeof accents[0]; k++)
		if (accents[k].accent == s[1] && accents[k].letter == letter) {
			*len = i + 1 + 2 * brace;
			return accents[k].utf8;
		}
	return NULL;
}

/* Braces gone, the usual escapes undone: what a reader of the entry sees.
 * "\-" is a place the line may break, not a hyphen: it goes. */
static char *plain(const char *s)
{
	struct buf o;
	buf_init(&o);
	for (; *s; s++) {
		size_t alen;
		const char *acc;
		if (*s == '{' || *s == '}')
			continue;
		if (*s == '\\' && s[1] && strchr("&%_#$~{}", s[1])) {
			buf_putc(&o, s[1]);
			s++;
			continue;
		}
		if (*s == '\\' && s[1] == '-') {
			s++;
			continue;
		}
		if ((acc = accent_at(s, &alen)) != NULL) {
			buf_append(&o, acc, strlen(acc));
			s += alen - 1;
			continue;
		}
		if (*s == ' ' && o.len && o.data[o.len - 1] == ' ')
			continue;
		buf_putc(&o, *s);
	}
	size_t b = 0;
	while (b < o.len && o.data[b] == ' ')
		b++;
	while (o.len > b && o.data[o.len - 1] == ' ')
		o.len--;
	char *r = xstrndup(o.data ? o.data + b : "", o.len - b);
	buf_finish(&o);
	return r;
}

/* A doi field as a link: "10.1787/x", "doi:10.1787/x" or a doi.org URL. */
static char *doi_link(const char *value)
{
	char *d = plain(value);
	if (strncasecmp(d, "http", 4) == 0)
		return d;
	const char *p = strncasecmp(d, "doi:", 4) == 0 ? d + 4 : d;
	while (*p == ' ')
		p++;
	char *u = xasprintf("https://doi.org/%s", p);
	free(d);
	return u;
}

static const struct field *find(const struct field *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(f[i].name, name) == 0)
			return &f[i];
	return NULL;
}

static struct date field_date(const struct field *f)
{
	struct date d = {0};
	size_t used;
	if (f) {
		char *p = plain(f->value);
		if (!date_parse(p, strlen(p), &d, &used))
			d = (struct date){0};
		free(p);
	}
	return d;
}

/* date, else year with month (a number or a name). */
static struct date published(const struct field *f, size_t n)
{
	struct date d = field_date(find(f, n, "date"));
	const struct field *y = find(f, n, "year"), *m = find(f, n, "month");
	if (d.year || !y)
		return d;
	char *yp = plain(y->value);
	int year = (int)clamped_number(yp), month = 0;
	free(yp);
	if (m) {
		char *mp = plain(m->value);
		size_t used;
		month = (int)clamped_number(mp);
		if (!month)
			month = month_parse(mp, strlen(mp), &used);
		free(mp);
	}
	if (year > 0 && year < 10000)
		d = (struct date){year, month >= 1 && month <= 12 ? month : 0, 0};
	return d;
}

/* The URLs inside \url{…} of a free-text field. */
static void urls_in(const struct field *f, struct source_record *r, char **owned, size_t *nowned)
{
	if (!f)
		return;
	for (const char *p = f->value; (p = strstr(p, "\\url{")) != NULL && r->nurls < RECORD_MAX_URLS;) {
		p += 5;
		const char *e = strchr(p, '}');
		if (!e)
			break;
		char *raw = xstrndup(p, (size_t)(e - p));
		owned[(*nowned)++] = plain(raw); /* \url{} takes \% and \# for % and # */
		free(raw);
		r->urls[r->nurls] = owned[*nowned - 1];
		r->url_lines[r->nurls++] = f->line;
		p = e;
	}
}

/* "note = {Accessed 30 January 2024}": the access date biblatex has no
 * urldate for, read as in a citation's text. */
static struct date note_accessed(const struct field *note)
{
	struct date d = {0};
	if (!note)
		return d;
	char *p = plain(note->value);
	struct citation_meta cm;
	citation_parse(p, strlen(p), &cm);
	free(cm.authors);
	free(cm.title);
	free(p);
	return cm.accessed;
}

static void emit(struct extractor *x, const char *key, unsigned line, const struct field *f, size_t n)
{
	struct source_record r = {.key = key, .line = line};
	char *owned[RECORD_MAX_URLS + 4];
	size_t nowned = 0;
	const struct field *url = find(f, n, "url"), *doi = find(f, n, "doi");
	const struct field *author = find(f, n, "author"), *title = find(f, n, "title");
	if (!author)
		author = find(f, n, "editor");
	char *authors = author ? plain(author->value) : NULL;
	char *ttl = title ? plain(title->value) : NULL;
	r.authors = authors;
	r.title = ttl;
	r.published = published(f, n);
	r.accessed = field_date(find(f, n, "urldate"));
	if (url) {
		owned[nowned++] = plain(url->value);
		r.urls[r.nurls] = owned[nowned - 1];
		r.url_lines[r.nurls++] = url->line;
	}
	if (doi) {
		owned[nowned++] = doi_link(doi->value);
		r.urls[r.nurls] = owned[nowned - 1];
		r.url_lines[r.nurls++] = doi->line;
	}
	urls_in(find(f, n, "howpublished"), &r, owned, &nowned);
	urls_in(find(f, n, "note"), &r, owned, &nowned);
	if (!r.accessed.year)
		r.accessed = note_accessed(find(f, n, "note"));
	char date[11] = "n.d.";
	if (r.published.year)
		date_format(r.published, date);
	char *text = xasprintf("%s (%s). %s.", authors ? authors : key, date, ttl ? ttl : "");
	r.text = text;
	extractor_record(x, &r);
	free(text);
	free(authors);
	free(ttl);
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
}

static void fields_free(struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i].value);
}

/* After "@type{" or "@type(": key, then fields, to the closing delimiter. */
static bool read_entry(struct bib *b, struct extractor *x, const char *type, char close, unsigned line)
{
	struct field f[MAX_FIELDS];
	size_t n = 0;
	char key[256] = "";
	bool is_string = strcasecmp(type, "string") == 0;
	skip_space(b);
	if (!is_string) {
		size_t k = 0;
		while (b->pos < b->n && !strchr(",}) \t\r\n", b->s[b->pos])) {
			if (k + 1 < sizeof key)
				key[k++] = b->s[b->pos];
			advance(b);
		}
		key[k] = '\0';
		skip_space(b);
		if (b->pos < b->n && b->s[b->pos] == ',')
			advance(b);
	}
	bool ok = true;
	for (;;) {
		skip_space(b);
		if (b->pos >= b->n) {
			snprintf(b->error, sizeof b->error, "the entry that starts on line %u is never closed", line);
			ok = false;
			break;
		}
		if (b->s[b->pos] == close) {
			advance(b);
			break;
		}
		struct field fl = {.line = b->line};
		if (!read_name(b, fl.name, sizeof fl.name)) {
			snprintf(b->error, sizeof b->error, "line %u: a field name was expected in entry %s", b->line,
				 key[0] ? key : type);
			ok = false;
			break;
		}
		skip_space(b);
		if (b->pos >= b->n || b->s[b->pos] != '=') {
			snprintf(b->error, sizeof b->error, "line %u: \"=\" was expected after %s", b->line, fl.name);
			ok = false;
			break;
		}
		advance(b);
		struct buf v;
		buf_init(&v);
		if (!read_value(b, &v)) {
			buf_finish(&v);
			ok = false;
			break;
		}
		fl.value = v.data ? buf_steal(&v) : xstrdup("");
		if (n < MAX_FIELDS)
			f[n++] = fl;
		else
			free(fl.value);
		skip_space(b);
		if (b->pos < b->n && b->s[b->pos] == ',')
			advance(b);
	}
	if (ok && is_string) {
		for (size_t i = 0; i < n; i++) {
			grow_array(&b->macro_values, &b->macros_cap, b->nmacros + 1, sizeof *b->macro_values);
			b->macro_values[b->nmacros] = xstrdup(f[i].value);
			if (strmap_put(&b->macros, f[i].name, b->nmacros) == b->nmacros)
				b->nmacros++;
			else
				free(b->macro_values[b->nmacros]);
		}
	} else if (ok) {
		emit(x, key, line, f, n);
	}
	fields_free(f, n);
	return ok;
}

/* @comment{…} and @preamble{…}: skipped whole. */
static bool skip_block(struct bib *b)
{
	struct buf v;
	buf_init(&v);
	bool ok = read_delimited(b, &v);
	buf_finish(&v);
	return ok;
}

static bool parse(struct bib *b, struct extractor *x)
{
	while (b->pos < b->n) {
		if (b->s[b->pos] != '@') {
			advance(b);
			continue;
		}
		unsigned line = b->line;
		advance(b);
		char type[32];
		read_name(b, type, sizeof type);
		skip_space(b);
		if (b->pos >= b->n || (b->s[b->pos] != '{' && b->s[b->pos] != '('))
			continue; /* an "@" in free text between entries */
		char close = b->s[b->pos] == '{' ? '}' : ')';
		if (strcasecmp(type, "comment") == 0 || strcasecmp(type, "preamble") == 0) {
			if (!skip_block(b))
				return false;
			continue;
		}
		advance(b);
		if (!read_entry(b, x, type, close, line))
			return false;
	}
	return true;
}

int read_bibtex(struct model *m, struct extractor *x, struct doc_input *in, char *err, size_t errlen)
{
	char *data;
	size_t len;
	if (doc_input_slurp(in, &data, &len) < 0) {
		snprintf(err, errlen, "%s", in->error);
		return -1;
	}
	struct bib b = {.s = data, .n = len, .line = 1};
	strmap_init(&b.macros);
	bool ok = parse(&b, x);
	if (!ok)
		snprintf(err, errlen, "not valid BibTeX: %s", b.error);
	m->doc.lines = b.line;
	m->doc.bytes = len;
	for (size_t i = 0; i < b.nmacros; i++)
		free(b.macro_values[i]);
	free(b.macro_values);
	strmap_finish(&b.macros);
	free(data);
	return ok ? 0 : -1;
}
