#include "extract/scan_dois.h"

#include <string.h>

#include "util/util.h"

/* "10." then the registrant's 4 to 9 digits (and dotted sub-parts) and "/":
 * the DOI Handbook's prefix; returns its length, or 0. */
static size_t doi_prefix(const char *s, size_t n, size_t i)
{
	if (i + 3 > n || memcmp(s + i, "10.", 3) != 0)
		return 0;
	size_t j = i + 3, digits = 0;
	while (j < n && ((s[j] >= '0' && s[j] <= '9') || (s[j] == '.' && digits))) {
		digits += s[j] != '.';
		j++;
	}
	return digits >= 4 && j < n && s[j] == '/' && s[j - 1] != '.' ? j + 1 - i : 0;
}

/* The DOI's end: its suffix runs to white space; punctuation that ends the
 * sentence or closes what the DOI did not open is not the DOI's. */
static size_t doi_end(const char *s, size_t n, size_t b)
{
	size_t e = b;
	while (e < n && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' && s[e] != '\r' && s[e] != '<' && s[e] != '"')
		e++;
	for (;;) {
		char c = e > b ? s[e - 1] : 0;
		if (c == '.' || c == ',' || c == ';' || c == ':' || c == '\'' || c == '*' || c == '_') {
			e--;
			continue;
		}
		if (c == ')' || c == ']') { /* kept when the DOI opened it: 10.1002/(SICI)… */
			char open = c == ')' ? '(' : '[';
			size_t opened = 0, closed = 0;
			for (size_t k = b; k < e; k++)
				opened += s[k] == open, closed += s[k] == c;
			if (closed > opened) {
				e--;
				continue;
			}
		}
		return e;
	}
}

bool scan_next_doi(const char *s, size_t n, size_t *pos, struct link_hit *hit)
{
	for (size_t i = *pos; i + 3 < n; i++) {
		if ((s[i] | 0x20) != 'd' || (s[i + 1] | 0x20) != 'o' || (s[i + 2] | 0x20) != 'i')
			continue;
		/* a word of its own: not "doi.org/10.…", not "Ladoi:" */
		if (i > 0 && (isalnum_ascii((unsigned char)s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.' ||
			      s[i - 1] == '-' || s[i - 1] == '_'))
			continue;
		size_t j = i + 3;
		if (j < n && s[j] == ':')
			j++;
		size_t blanks = 0;
		while (j < n && (s[j] == ' ' || s[j] == '\t') && blanks < 3)
			j++, blanks++;
		if (j == i + 3) /* "doi10.…": no separator, no DOI label */
			continue;
		size_t p = doi_prefix(s, n, j);
		if (!p)
			continue;
		size_t e = doi_end(s, n, j + p);
		if (e <= j + p) /* a prefix with no suffix */
			continue;
		memset(hit, 0, sizeof *hit);
		hit->start = i;
		hit->end = hit->after = e;
		hit->syntax = SYNTAX_BARE;
		hit->url = xasprintf("doi:%.*s", (int)(e - j), s + j);
		*pos = e;
		return true;
	}
	*pos = n;
	return false;
}
