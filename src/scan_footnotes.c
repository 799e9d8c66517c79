#include "scan_footnotes.h"

#include <string.h>

#include "md_syntax.h"
#include "util.h"

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

/* "<sup>123</sup>" at i: sets the label span, returns the offset past it, 0 if not. */
static size_t sup_number(const char *s, size_t n, size_t i, size_t *label, size_t *len)
{
	if (!ascii_ieq_prefix(s + i, n - i, "<sup>"))
		return 0;
	size_t b = i + 5, k = digits(s, n, b);
	if (k == 0 || k > 4 || !ascii_ieq_prefix(s + b + k, n - b - k, "</sup>"))
		return 0;
	*label = b;
	*len = k;
	return b + k + 6;
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
	if (!in_references)
		return false;
	size_t b = md_bullet(s, n);
	if (b)
		i = b;
	size_t label, len;
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
			if ((caret || (numeric && prev_ok)) && next_ok && lb < e) {
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
