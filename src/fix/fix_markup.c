#include "fix/fix_markup.h"

#include <stdlib.h>
#include <string.h>

static bool name_byte(unsigned char c)
{
	return c > ' ' && c != '>' && c != '/' && c != '=' && c != '"' && c != '\'' && c != '<';
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Past the end of what starts at s[i] with open and ends with close. */
static size_t skip_to(const char *s, size_t n, size_t i, const char *close)
{
	size_t cl = strlen(close);
	for (; i + cl <= n; i++)
		if (!memcmp(s + i, close, cl))
			return i + cl;
	return n;
}

static size_t skip_raw_text(const char *s, size_t n, size_t i, const char *name)
{
	size_t nl = strlen(name);
	for (; i + 2 + nl <= n; i++)
		if (s[i] == '<' && s[i + 1] == '/' && ascii_ieq_prefix(s + i + 2, n - i - 2, name))
			return i;
	return n;
}

static void parse_attrs(const char *s, size_t n, size_t i, struct tag *t)
{
	t->nattrs = 0;
	while (i < n && s[i] != '>') {
		while (i < n && space(s[i]))
			i++;
		if (i < n && s[i] == '/') {
			t->self_closing = i + 1 < n && s[i + 1] == '>';
			i++;
			continue;
		}
		if (i >= n || s[i] == '>')
			break;
		struct tag_attr a = {i, 0, 0, 0, 0};
		while (i < n && name_byte((unsigned char)s[i]))
			i++;
		a.name_len = i - a.name;
		if (!a.name_len) { /* a stray byte: not an attribute */
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && space(s[j]))
			j++;
		if (j < n && s[j] == '=') {
			j++;
			while (j < n && space(s[j]))
				j++;
			if (j < n && (s[j] == '"' || s[j] == '\'')) {
				a.quote = s[j];
				const char *q = memchr(s + j + 1, a.quote, n - j - 1);
				a.value = j + 1;
				a.value_len = q ? (size_t)(q - s) - a.value : n - a.value;
				i = q ? (size_t)(q - s) + 1 : n;
			} else {
				a.value = j;
				while (j < n && !space(s[j]) && s[j] != '>')
					j++;
				a.value_len = j - a.value;
				i = j;
			}
		}
		if (t->nattrs < TAG_ATTRS_MAX)
			t->attrs[t->nattrs++] = a;
	}
	t->end = i < n ? i + 1 : n;
}

bool tag_next(const char *s, size_t n, size_t *pos, bool html, struct tag *t)
{
	size_t i = *pos;
	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i);
		if (!lt)
			break;
		i = (size_t)(lt - s);
		if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
			i = skip_to(s, n, i + 4, "-->");
			continue;
		}
		if (i + 9 <= n && !memcmp(s + i, "<![CDATA[", 9)) {
			i = skip_to(s, n, i + 9, "]]>");
			continue;
		}
		if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
			i = skip_to(s, n, i + 2, ">");
			continue;
		}
		bool closing = i + 1 < n && s[i + 1] == '/';
		size_t nb = i + 1 + closing, ne = nb;
		while (ne < n && name_byte((unsigned char)s[ne]))
			ne++;
		if (ne == nb) {
			i++;
			continue; /* a "<" of the text */
		}
		memset(t, 0, sizeof *t);
		t->start = i;
		t->name = nb;
		t->name_len = ne - nb;
		t->closing = closing;
		parse_attrs(s, n, ne, t);
		*pos = t->end;
		if (html && !closing && (tag_is(s, t, "script") || tag_is(s, t, "style")))
			*pos = skip_raw_text(s, n, t->end, tag_is(s, t, "script") ? "script" : "style");
		return true;
	}
	*pos = n;
	return false;
}

bool tag_is(const char *s, const struct tag *t, const char *name)
{
	size_t len = strlen(name);
	return t->name_len == len && ascii_ieq_prefix(s + t->name, len, name);
}

const struct tag_attr *tag_attr(const char *s, const struct tag *t, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < t->nattrs; i++)
		if (t->attrs[i].name_len == len && ascii_ieq_prefix(s + t->attrs[i].name, len, name))
			return &t->attrs[i];
	return NULL;
}

/* One character reference at s (after '&'): its UTF-8 into b; returns the
 * bytes it took, 0 when it is not one. */
static size_t reference(const char *s, size_t n, struct buf *b)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
	for (size_t k = 0; k < sizeof named / sizeof *named; k++)
		if (ascii_ieq_prefix(s, n, named[k].name)) {
			buf_putc(b, named[k].c);
			return strlen(named[k].name);
		}
	if (n < 3 || s[0] != '#')
		return 0;
	bool hex = s[1] == 'x' || s[1] == 'X';
	char *end;
	unsigned long cp = strtoul(s + 1 + hex, &end, hex ? 16 : 10);
	if (end == s + 1 + hex || (size_t)(end - s) >= n || *end != ';' || cp == 0 || cp > 0x10FFFF)
		return 0;
	char u[4];
	size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	if (len == 1)
		u[0] = (char)cp;
	else {
		for (size_t k = len - 1; k > 0; k--, cp >>= 6)
			u[k] = (char)(0x80 | (cp & 0x3F));
		u[0] = (char)((len == 2 ? 0xC0 : len == 3 ? 0xE0 : 0xF0) | cp);
	}
	buf_append(b, u, len);
	return (size_t)(end - s) + 1;
}

char *tag_attr_value(const char *s, const struct tag_attr *a)
{
	struct buf b;
	buf_init(&b);
	const char *v = s + a->value;
	for (size_t i = 0; i < a->value_len; i++) {
		size_t used = v[i] == '&' ? reference(v + i + 1, a->value_len - i - 1, &b) : 0;
		if (used)
			i += used;
		else
			buf_putc(&b, v[i]);
	}
	if (!b.data)
		buf_append(&b, "", 0);
	return buf_steal(&b);
}

static bool same_name(const char *s, const struct tag *a, const struct tag *b, bool html)
{
	if (a->name_len != b->name_len)
		return false;
	for (size_t i = 0; i < a->name_len; i++) {
		char x = s[a->name + i], y = s[b->name + i];
		if (html ? ascii_lower((unsigned char)x) != ascii_lower((unsigned char)y) : x != y)
			return false;
	}
	return true;
}

size_t tag_close(const char *s, size_t n, const struct tag *t, bool html)
{
	size_t pos = t->end;
	struct tag u;
	while (tag_next(s, n, &pos, html, &u))
		if (u.closing && same_name(s, &u, t, html))
			return u.start;
	return n;
}

bool markup_in_text(const char *s, size_t at)
{
	for (size_t i = at; i-- > 0;) {
		if (s[i] == '>')
			return true;
		if (s[i] == '<')
			return false;
	}
	return true;
}

void markup_escape(struct buf *b, const char *s, char quote)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_append(b, "&amp;", 5);
		else if (*s == '<')
			buf_append(b, "&lt;", 4);
		else if (*s == '>' && !quote)
			buf_append(b, "&gt;", 4);
		else if (*s == '"' && quote != '\'')
			buf_append(b, "&quot;", 6);
		else if (*s == '\'' && quote == '\'')
			buf_append(b, "&#39;", 5);
		else
			buf_putc(b, *s);
	}
}
