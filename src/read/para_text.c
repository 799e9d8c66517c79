#include "read/para_text.h"

#include <stdlib.h>
#include <string.h>

#include "read/doc_reader.h"

void para_init(struct para *p)
{
	memset(p, 0, sizeof *p);
	buf_init(&p->text);
}

void para_finish(struct para *p)
{
	buf_finish(&p->text);
	free(p->places);
	p->places = NULL;
	p->nplaces = p->places_cap = 0;
	free(p->link_url);
	p->link_url = NULL;
}

void para_reset(struct para *p)
{
	buf_clear(&p->text);
	free(p->link_url);
	p->link_url = NULL;
	p->line = 0;
	p->space = false;
	p->cut = false;
	p->nplaces = 0;
	p->next_line = p->next_col = 0;
}

void para_place_next(struct para *p, unsigned line, unsigned col)
{
	p->next_line = line;
	p->next_col = col;
}

static void add_place(struct para *p, size_t at, unsigned line, unsigned col, bool fixed)
{
	if (!p->placed || !line)
		return;
	if (p->nplaces && p->places[p->nplaces - 1].at == at) {
		p->places[p->nplaces - 1] = (struct text_place){at, line, col, fixed};
		return;
	}
	if (p->nplaces >= PARA_PLACES_MAX)
		return;
	grow_array(&p->places, &p->places_cap, p->nplaces + 1, sizeof *p->places);
	p->places[p->nplaces++] = (struct text_place){at, line, col, fixed};
}

static bool room(struct para *p, size_t n)
{
	if (p->text.len + n <= DOC_LINE_CAP)
		return true;
	p->cut = true;
	return false;
}

/* A blank is owed, and the text does not just start or follow a line break. */
static bool owes_blank(const struct para *p)
{
	return p->space && p->text.len && p->text.data[p->text.len - 1] != '\n';
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A placed paragraph's text: the first word is where para_place_next
 * said; a word after a line break or a run of blanks, which the text
 * makes one blank, gets a place of its own, counted on from there. */
void para_text(struct para *p, const char *s, size_t n, unsigned line)
{
	unsigned at_line = p->next_line, at_col = p->next_col;
	bool first = true, moved = false;
	p->next_line = p->next_col = 0;
	for (size_t i = 0; i < n;) {
		if (blank(s[i])) {
			p->space = true;
			size_t b = i;
			while (i < n && blank(s[i])) {
				if (s[i] == '\n' && !first) {
					at_line += at_line > 0;
					at_col = 1;
				} else if (!first && at_col) {
					at_col++;
				}
				i++;
			}
			moved = moved || i - b > 1 || s[b] == '\n';
			continue;
		}
		size_t j = i;
		while (j < n && !blank(s[j]))
			j++;
		if (!p->line)
			p->line = line;
		if (owes_blank(p) && room(p, 1))
			buf_putc(&p->text, ' ');
		p->space = false;
		if (first || moved)
			add_place(p, p->text.len, at_line, at_col, false);
		first = moved = false;
		if (room(p, j - i))
			buf_append(&p->text, s + i, j - i);
		if (at_col)
			for (size_t k = i; k < j; k++)
				at_col += ((unsigned char)s[k] & 0xC0) != 0x80;
		i = j;
	}
}

void para_raw(struct para *p, const char *s)
{
	size_t n = strlen(s);
	if (owes_blank(p) && room(p, 1))
		buf_putc(&p->text, ' ');
	p->space = false;
	if (room(p, n))
		buf_append(&p->text, s, n);
}

void para_space(struct para *p)
{
	p->space = true;
}

void para_break(struct para *p)
{
	p->space = false;
	if (p->text.len && p->text.data[p->text.len - 1] != '\n' && room(p, 1))
		buf_putc(&p->text, '\n');
}

void para_link_begin(struct para *p, const char *url)
{
	if (p->link_url)
		para_link_end(p);
	if (owes_blank(p) && room(p, 1))
		buf_putc(&p->text, ' ');
	p->space = false;
	p->link_url = xstrdup(url);
	p->link_start = p->text.len;
	p->link_line = p->next_line;
	p->link_col = p->next_col;
	p->next_line = p->next_col = 0;
}

/* The URL inside <…>: only what would end it is escaped; a space stays, for
 * the URL checks to see as the author wrote it. */
static void put_url(struct para *p, const char *u)
{
	buf_putc(&p->text, '<');
	for (; *u; u++) {
		if (*u == '<')
			buf_append(&p->text, "%3C", 3);
		else if (*u == '>')
			buf_append(&p->text, "%3E", 3);
		else if ((unsigned char)*u >= ' ')
			buf_putc(&p->text, *u);
	}
	buf_putc(&p->text, '>');
}

/* The shown text names the target itself ("https://x.org/a" or "x.org/a"). */
static bool shows_url(const char *text, size_t n, const char *url)
{
	size_t ul = strlen(url);
	while (n && (text[n - 1] == ' ' || text[n - 1] == '/'))
		n--;
	while (ul && url[ul - 1] == '/')
		ul--;
	if (n == 0)
		return true;
	for (const char *u = url; u && *u; u = strstr(u, "//") ? strstr(u, "//") + 2 : NULL) {
		size_t rest = ul - (size_t)(u - url);
		if (rest == n && strncmp(u, text, n) == 0)
			return true;
		if (u != url)
			break;
	}
	return false;
}

void para_link_end(struct para *p)
{
	if (!p->link_url)
		return;
	size_t start = p->link_start < p->text.len ? p->link_start : p->text.len;
	size_t n = p->text.len - start;
	char *shown = xstrndup(p->text.data ? p->text.data + start : "", n);
	p->text.len = start;
	/* the text's own places go with it: the link is where its element is */
	while (p->nplaces && p->places[p->nplaces - 1].at >= start)
		p->nplaces--;
	add_place(p, start, p->link_line, p->link_col, true);
	if (p->text.data)
		p->text.data[start] = '\0';
	if (room(p, 2 * n + 3 * strlen(p->link_url) + 8)) {
		if (!shows_url(shown, n, p->link_url)) {
			buf_putc(&p->text, '[');
			for (size_t i = 0; i < n; i++) {
				if (shown[i] == '[' || shown[i] == ']' || shown[i] == '\\')
					buf_putc(&p->text, '\\');
				buf_putc(&p->text, shown[i]);
			}
			buf_append(&p->text, "](", 2);
			put_url(p, p->link_url);
			buf_putc(&p->text, ')');
		} else {
			put_url(p, p->link_url);
		}
	}
	free(shown);
	free(p->link_url);
	p->link_url = NULL;
}

void para_prefix(struct para *p, const char *prefix)
{
	size_t k = strlen(prefix);
	para_link_end(p);
	if (!p->text.len || !room(p, k))
		return;
	buf_append(&p->text, prefix, k); /* grows the buffer; the bytes move next */
	memmove(p->text.data + k, p->text.data, p->text.len - k);
	memcpy(p->text.data, prefix, k);
	for (size_t i = 0; i < p->nplaces; i++)
		p->places[i].at += k;
}

const char *para_get(struct para *p, size_t *n)
{
	para_link_end(p);
	while (p->text.len && p->text.data[p->text.len - 1] == '\n')
		p->text.data[--p->text.len] = '\0';
	*n = p->text.len;
	return p->text.data ? p->text.data : "";
}

bool para_empty(const struct para *p)
{
	return p->text.len == 0 && !p->link_url;
}
