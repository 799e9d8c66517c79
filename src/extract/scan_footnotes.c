#include "extract/scan_footnotes.h"

#include <string.h>

#include "extract/md_syntax.h"
#include "util/util.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits(const char *s, size_t n, size_t i)
{
	size_t k = 0;
	while (i + k < n && is_digit(s[i + k]))
		k++;
	return k;
}

/* The end of the tag opening at s[i] ("<a href=…>"), bounded; 0 if none. */
static size_t tag_end(const char *s, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n && j < i + 300; j++)
		if (s[j] == '>')
			return j + 1;
		else if (s[j] == '<')
			return 0;
	return 0;
}

/* "<sup>123</sup>" at i, or the HTML footnote marker of Markdown written by
 * hand or by a converter, "<sup id=…><a href="#fn1">1</a></sup>": sets the
 * label span, returns the offset past it, 0 if not. */
static size_t sup_number(const char *s, size_t n, size_t i, size_t *label, size_t *len)
{
	if (!ascii_ieq_prefix(s + i, n - i, "<sup>") && !ascii_ieq_prefix(s + i, n - i, "<sup "))
		return 0;
	size_t b = tag_end(s, n, i);
	bool anchor = b && ascii_ieq_prefix(s + b, n - b, "<a ");
	if (anchor)
		b = tag_end(s, n, b);
	if (!b)
		return 0;
	size_t k = digits(s, n, b), e = b + k;
	if (anchor) {
		if (!ascii_ieq_prefix(s + e, n - e, "</a>"))
			return 0;
		e += 4;
	}
	if (k == 0 || k > 4 || !ascii_ieq_prefix(s + e, n - e, "</sup>"))
		return 0;
	*label = b;
	*len = k;
	return e + 6;
}

/* "<li id="fn1">", "<li id="fn:1">", "<li id="footnote-1">": a note of
 * HTML footnotes in Markdown, numbered by the id's last digits. */
static size_t html_note(const char *s, size_t n, size_t i, size_t *label, size_t *len)
{
	if (!ascii_ieq_prefix(s + i, n - i, "<li id=\"") && !ascii_ieq_prefix(s + i, n - i, "<li id='"))
		return 0;
	size_t b = i + 8, e = b;
	while (e < n && e < b + 60 && s[e] != s[i + 7])
		e++;
	size_t end = tag_end(s, n, i);
	if (e >= n || s[e] != s[i + 7] || !end)
		return 0;
	size_t k = 0;
	while (k < e - b && is_digit(s[e - 1 - k]))
		k++;
	bool named = memmem(s + b, e - b, "fn", 2) || memmem(s + b, e - b, "note", 4);
	if (!k || k > 4 || !named)
		return 0;
	*label = e - k;
	*len = k;
	return end;
}

/* "[label]" at i with no nested brackets; returns the offset of ']' or 0. */
static size_t bracket_label(const char *s, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n && j < i + 80; j++) {
		if (s[j] == '[' || (s[j] == ':' && j + 2 < n && s[j + 1] == '/' && s[j + 2] == '/'))
			return 0;
		if (s[j] == ']')
			return j > i + 1 ? j : 0;
	}
	return 0;
}

bool scan_footnote_def(const char *s, size_t n, bool in_references, struct footnote_def *out)
{
	size_t i = md_skip_blanks(s, n, 0), e;
	/* [^label]: */
	if (i + 2 < n && s[i] == '[' && s[i + 1] == '^' && (e = bracket_label(s, n, i)) &&
	    e + 1 < n && s[e + 1] == ':') {
		*out = (struct footnote_def){DEF_CARET, i + 2, e - i - 2, md_skip_blanks(s, n, e + 2)};
		return true;
	}
	/* .. [label] */
	if (i + 3 < n && s[i] == '.' && s[i + 1] == '.' && s[i + 2] == ' ' && s[i + 3] == '[' &&
	    (e = bracket_label(s, n, i + 3))) {
		size_t lb = i + 4 + (s[i + 4] == '#');
		*out = (struct footnote_def){DEF_REST, lb, e - lb, md_skip_blanks(s, n, e + 1)};
		return lb < e;
	}
	size_t label, len;
	if ((e = html_note(s, n, i, &label, &len))) {
		*out = (struct footnote_def){DEF_SUP, label, len, md_skip_blanks(s, n, e)};
		return true;
	}
	if (!in_references)
		return false;
	size_t b = md_bullet(s, n);
	if (b)
		i = b;
	if ((e = sup_number(s, n, i, &label, &len))) {
		*out = (struct footnote_def){DEF_SUP, label, len, md_skip_blanks(s, n, e)};
		return true;
	}
	/* [12] text, [BALLOON] text — but not [text](url) or [label]: url */
	if (i < n && s[i] == '[' && (e = bracket_label(s, n, i)) &&
	    (e + 1 == n || s[e + 1] == ' ' || s[e + 1] == '\t')) {
		*out = (struct footnote_def){DEF_BRACKET, i + 1, e - i - 1, md_skip_blanks(s, n, e + 1)};
		return true;
	}
	/* 12. text (a numbered list is a definition list only without a bullet) */
	size_t k = digits(s, n, i);
	if (!b && k && k <= 4 && i + k + 1 < n && (s[i + k] == '.' || s[i + k] == ')') &&
	    (s[i + k + 1] == ' ' || s[i + k + 1] == '\t')) {
		*out = (struct footnote_def){DEF_NUMDOT, i, k, md_skip_blanks(s, n, i + k + 1)};
		return true;
	}
	return false;
}

/* U+00B9 ¹, U+00B2 ², U+00B3 ³, U+2070 ⁰, U+2074..U+2079 ⁴..⁹: the byte length
 * of the superscript digit at s, and its value in *d; 0 if none. */
static size_t superscript_at(const char *s, size_t n, char *d)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3)) {
		*d = u[1] == 0xB9 ? '1' : u[1] == 0xB2 ? '2' : '3';
		return 2;
	}
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xB9))) {
		*d = u[2] == 0xB0 ? '0' : (char)('0' + (u[2] - 0xB0));
		return 3;
	}
	return 0;
}

size_t superscript_digits(const char *s, size_t n, char *out)
{
	size_t k = 0, i = 0, l;
	while (i < n && (l = superscript_at(s + i, n - i, &out[k])))
		i += l, k++;
	out[k] = '\0';
	return k;
}

/* m², km³: units, not notes */
static bool after_unit(const char *s, size_t i)
{
	if (i == 0 || s[i - 1] != 'm')
		return false;
	return i == 1 || strchr(" 0123456789ckdµ", s[i - 2]) != NULL;
}

bool scan_next_marker(const char *s, size_t n, size_t *pos, struct footnote_marker *out, struct line_memo *lm)
{
	for (size_t i = *pos; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t label, len, e;
		char d;
		if (c == '\\') {
			i++;
		} else if (c == '`') {
			i = md_code_span_end(s, n, i, lm) - 1;
		} else if (c == '<' && (e = sup_number(s, n, i, &label, &len))) {
			*out = (struct footnote_marker){i, label, len, false};
			*pos = e;
			return true;
		} else if (c == '[' && (e = bracket_label(s, n, i))) {
			bool caret = s[i + 1] == '^';
			size_t lb = i + 1 + caret;
			bool numeric = digits(s, n, lb) == e - lb && e - lb <= 3 && s[lb] != '0';
			bool prev_ok = i == 0 || !(isalnum_ascii(s[i - 1]) || s[i - 1] == ']' || s[i - 1] == '!');
			/* "[^x]:" defines only at the start of a line; mid-sentence it cites */
			bool at_start = md_skip_blanks(s, n, 0) == i;
			bool next_ok = e + 1 >= n ||
				       (s[e + 1] != '(' && s[e + 1] != '[' && (s[e + 1] != ':' || (caret && !at_start)));
			bool rest_cite = !caret && e + 1 < n && s[e + 1] == '_' && prev_ok; /* [Ward2019]_ */
			if ((caret || (numeric && prev_ok) || rest_cite) && next_ok && lb < e) {
				*out = (struct footnote_marker){i, lb, e - lb, false};
				*pos = e + 1 + (e + 1 < n && s[e + 1] == '_'); /* reST: [1]_ */
				return true;
			}
		} else if ((c == 0xC2 || c == 0xE2) && superscript_at(s + i, n - i, &d) && !after_unit(s, i)) {
			size_t j = i, l;
			while (j < n && (l = superscript_at(s + j, n - j, &d)))
				j += l;
			*out = (struct footnote_marker){i, i, j - i, true};
			*pos = j;
			return true;
		}
	}
	*pos = n;
	return false;
}

static bool key_char(unsigned char c)
{
	return isalnum_ascii(c) || c == '_' || c >= 0x80;
}

static bool key_inner(char c)
{
	return c && strchr(":.#$%&-+?<>~/", c) != NULL;
}

bool scan_next_citekey(const char *s, size_t n, size_t *pos, size_t *key, size_t *len)
{
	for (size_t i = *pos; i < n; i++) {
		const char *at = memchr(s + i, '@', n - i);
		if (!at)
			break;
		i = (size_t)(at - s);
		/* inside a bracket group opened on this line and not closed before */
		size_t b = i, lim = i > 200 ? i - 200 : 0; /* citation groups are short */
		while (b > lim && s[b - 1] != '[' && s[b - 1] != ']')
			b--;
		bool word_start = i > 0 && strchr("[ ;-", s[i - 1]);
		if (b == 0 || s[b - 1] != '[' || !word_start || !memchr(s + i, ']', n - i))
			continue;
		size_t e = i + 1;
		while (e < n && (key_char((unsigned char)s[e]) || (key_inner(s[e]) && e + 1 < n &&
									key_char((unsigned char)s[e + 1]))))
			e++;
		if (e == i + 1)
			continue;
		*key = i + 1;
		*len = e - i - 1;
		*pos = e;
		return true;
	}
	*pos = n;
	return false;
}

bool scan_citekey_def(const char *s, size_t n, size_t *key, size_t *len, size_t *text)
{
	size_t i = md_skip_blanks(s, n, 0);
	if (i > 3 || i + 3 >= n || s[i] != '[' || s[i + 1] != '@')
		return false;
	const char *close = memchr(s + i, ']', n - i);
	if (!close || (size_t)(close - s) + 1 >= n || close[1] != ':' || close == s + i + 2)
		return false;
	*key = i + 2;
	*len = (size_t)(close - s) - i - 2;
	*text = i;
	return true;
}
