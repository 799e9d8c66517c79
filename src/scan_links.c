#include "scan_links.h"

#include <stdlib.h>
#include <string.h>

#include "md_syntax.h"
#include "util.h"

size_t scan_web_scheme(const char *s, size_t n, size_t i)
{
	static const char *const schemes[] = {"https://", "http://", "ftp://"};
	for (size_t k = 0; k < 3; k++)
		if (ascii_ieq_prefix(s + i, n - i, schemes[k]))
			return strlen(schemes[k]);
	return 0;
}

/* The ']' matching the '[' at i, skipping escapes and code spans; n if none. */
static size_t match_bracket(const char *s, size_t n, size_t i)
{
	int depth = 0;
	for (size_t j = i; j < n; j++) {
		if (s[j] == '\\') {
			j++;
		} else if (s[j] == '`') {
			j = md_code_span_end(s, n, j) - 1;
		} else if (s[j] == '[') {
			depth++;
		} else if (s[j] == ']' && --depth == 0) {
			return j;
		}
	}
	return n;
}

/* The ')' matching the '(' at i; n if none. Authors put spaces and nested
 * parentheses in targets, so both are allowed. */
static size_t match_paren(const char *s, size_t n, size_t i)
{
	int depth = 0;
	for (size_t j = i; j < n; j++) {
		if (s[j] == '\\')
			j++;
		else if (s[j] == '(')
			depth++;
		else if (s[j] == ')' && --depth == 0)
			return j;
	}
	return n;
}

/* A bare URL ends at white space or at what cannot be part of one; trailing
 * sentence punctuation and unbalanced closing brackets are the text's, not
 * the URL's. */
static size_t bare_url_end(const char *s, size_t n, size_t i)
{
	size_t e = i;
	while (e < n && (unsigned char)s[e] > ' ' && !strchr("<>\"`|", s[e]))
		e++;
	for (;;) {
		if (e > i && strchr(".,:;!?*_~'", s[e - 1])) {
			e--;
			continue;
		}
		char close = e > i ? s[e - 1] : 0, open = close == ')' ? '(' : close == ']' ? '[' : 0;
		if (!open)
			break;
		int bal = 0;
		for (size_t k = i; k < e; k++)
			bal += (s[k] == open) - (s[k] == close);
		if (bal >= 0)
			break;
		e--;
	}
	return e;
}

static bool web_target(const char *u)
{
	return scan_web_scheme(u, strlen(u), 0) > 0;
}

static void trim(const char *s, size_t *b, size_t *e)
{
	while (*b < *e && (s[*b] == ' ' || s[*b] == '\t'))
		(*b)++;
	while (*e > *b && (s[*e - 1] == ' ' || s[*e - 1] == '\t'))
		(*e)--;
}

/* [text](target): the target, without <>, without a "title", unescaped. */
static bool inline_link(const char *s, size_t n, size_t open, size_t close, size_t *pos,
			struct link_hit *hit)
{
	size_t pe = match_paren(s, n, close + 1);
	if (pe == n)
		return false;
	size_t b = close + 2, e = pe;
	trim(s, &b, &e);
	if (b < e && s[b] == '<' && s[e - 1] == '>')
		b++, e--;
	for (size_t q = b; q + 1 < e; q++) /* (url "title") */
		if (s[q] == ' ' && (s[q + 1] == '"' || s[q + 1] == '\'') && s[e - 1] == s[q + 1]) {
			e = q;
			trim(s, &b, &e);
			break;
		}
	*pos = pe + 1;
	hit->start = b;
	hit->syntax = SYNTAX_INLINE;
	hit->text = open + 1;
	hit->text_len = close - open - 1;
	if (b == e || (e - b == 1 && s[b] == '#')) {
		hit->url = NULL;
		return true;
	}
	char *u = md_unescape(s + b, e - b);
	if (!web_target(u)) {
		free(u);
		return false;
	}
	hit->url = u;
	return true;
}

/* [label]: target at the start of a line. */
static bool link_definition(const char *s, size_t n, size_t close, struct link_hit *hit)
{
	size_t b = md_skip_blanks(s, n, close + 2), e = b;
	if (b < n && s[b] == '<') {
		b++;
		e = b;
		while (e < n && s[e] != '>')
			e++;
	} else {
		while (e < n && s[e] != ' ' && s[e] != '\t')
			e++;
	}
	char *u = md_unescape(s + b, e - b);
	if (!web_target(u)) {
		free(u);
		return false;
	}
	hit->start = b;
	hit->syntax = SYNTAX_REFDEF;
	hit->url = u;
	hit->text = hit->text_len = 0;
	return true;
}

/* The bytes a link can start at (or that hide one): everything else is skipped fast. */
static bool link_start_byte(unsigned char c)
{
	return c == '\\' || c == '`' || c == '<' || c == '[' || c == 'h' || c == 'H' || c == 'f' || c == 'F';
}

bool scan_next_link(const char *s, size_t n, size_t *pos, struct link_hit *hit)
{
	for (size_t i = *pos; i < n; i++) {
		while (i < n && !link_start_byte((unsigned char)s[i]))
			i++;
		if (i == n)
			break;
		char c = s[i];
		if (c == '\\') {
			i++;
		} else if (c == '`') {
			i = md_code_span_end(s, n, i) - 1;
		} else if (c == '<' && scan_web_scheme(s, n, i + 1)) {
			const char *gt = memchr(s + i + 1, '>', n - i - 1);
			if (!gt)
				continue; /* not closed: the bare-URL rule picks it up */
			size_t b = i + 1, e = (size_t)(gt - s);
			hit->start = b;
			hit->syntax = SYNTAX_AUTOLINK;
			hit->url = md_unescape(s + b, e - b);
			hit->text = hit->text_len = 0;
			*pos = e + 1;
			return true;
		} else if (c == '[') {
			size_t close = match_bracket(s, n, i);
			if (close == n || close + 1 >= n || s[i + 1] == '^')
				continue;
			bool image = i > 0 && s[i - 1] == '!';
			if (s[close + 1] == '(') {
				size_t after;
				if (image) {
					size_t pe = match_paren(s, n, close + 1);
					if (pe < n)
						i = pe;
					continue;
				}
				if (inline_link(s, n, i, close, &after, hit)) {
					*pos = after;
					return true;
				}
			} else if (s[close + 1] == ':' && md_skip_blanks(s, n, 0) == i && i <= 3) {
				if (link_definition(s, n, close, hit)) {
					*pos = n;
					return true;
				}
			}
		} else if ((c == 'h' || c == 'H' || c == 'f' || c == 'F') &&
			   (i == 0 || !isalnum_ascii((unsigned char)s[i - 1])) && scan_web_scheme(s, n, i)) {
			size_t e = bare_url_end(s, n, i);
			if (e <= i + scan_web_scheme(s, n, i))
				continue;
			hit->start = i;
			hit->syntax = SYNTAX_BARE;
			hit->url = md_unescape(s + i, e - i);
			hit->text = hit->text_len = 0;
			*pos = e;
			return true;
		}
	}
	*pos = n;
	return false;
}
