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

void para_text(struct para *p, const char *s, size_t n, unsigned line)
{
	for (size_t i = 0; i < n;) {
		if (blank(s[i])) {
			p->space = true;
			while (i < n && blank(s[i]))
				i++;
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
		if (room(p, j - i))
			buf_append(&p->text, s + i, j - i);
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
