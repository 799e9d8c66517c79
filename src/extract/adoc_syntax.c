#include "extract/adoc_syntax.h"

#include <string.h>

#include "extract/md_syntax.h"
#include "util/util.h"

int adoc_heading(const char *s, size_t n, size_t *text, size_t *len)
{
	size_t k = 0;
	while (k < n && s[k] == '=')
		k++;
	if (k == 0 || k > 6 || k + 1 >= n || s[k] != ' ')
		return 0;
	size_t b = md_skip_blanks(s, n, k), e = n;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (b == e)
		return 0;
	*text = b;
	*len = e - b;
	return (int)k;
}

static bool id_char(char c)
{
	return isalnum_ascii((unsigned char)c) || c == '_' || c == '-' || c == ':' || c == '.';
}

/* The ']' closing the '[' at i, nested brackets counted, on this line; n if none. */
static size_t close_bracket(const char *s, size_t n, size_t i)
{
	int depth = 0;
	for (size_t j = i; j < n; j++) {
		if (s[j] == '\\')
			j++;
		else if (s[j] == '[')
			depth++;
		else if (s[j] == ']' && --depth == 0)
			return j;
	}
	return n;
}

bool adoc_next_footnote(const char *s, size_t n, size_t *pos, struct adoc_footnote *out)
{
	for (size_t i = *pos; i + 9 < n;) {
		const char *f = memmem(s + i, n - i, "footnote:", 9);
		if (!f)
			break;
		size_t b = (size_t)(f - s), j = b + 9;
		i = j;
		if (b && isalnum_ascii((unsigned char)s[b - 1]))
			continue;
		size_t id = j;
		while (j < n && id_char(s[j]) && j - id < 100)
			j++;
		if (j >= n || s[j] != '[')
			continue;
		size_t close = close_bracket(s, n, j);
		if (close == n)
			continue;
		*out = (struct adoc_footnote){b, close + 1, id, j - id, j + 1, close - j - 1};
		*pos = close + 1;
		return true;
	}
	*pos = n;
	return false;
}

bool adoc_bib_entry(const char *s, size_t n, size_t *key, size_t *len, size_t *text)
{
	size_t i = md_bullet(s, n);
	if (!i || i + 6 >= n || memcmp(s + i, "[[[", 3) != 0)
		return false;
	const char *end = memmem(s + i + 3, n - i - 3, "]]]", 3);
	if (!end)
		return false;
	size_t k = i + 3, e = k;
	while (s + e < end && s[e] != ',')
		e++;
	if (e == k)
		return false;
	*key = k;
	*len = e - k;
	*text = md_skip_blanks(s, n, (size_t)(end - s) + 3);
	return true;
}

bool adoc_next_xref(const char *s, size_t n, size_t *pos, size_t *key, size_t *len)
{
	for (size_t i = *pos; i + 4 < n;) {
		const char *o = memmem(s + i, n - i, "<<", 2);
		if (!o)
			break;
		size_t k = (size_t)(o - s) + 2, e = k;
		while (e < n && id_char(s[e]) && e - k < 100)
			e++;
		i = k;
		if (e == k || e + 1 >= n || !(s[e] == ',' || (s[e] == '>' && s[e + 1] == '>')))
			continue;
		*key = k;
		*len = e - k;
		*pos = e;
		return true;
	}
	*pos = n;
	return false;
}
