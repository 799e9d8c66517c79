#include "extract/scan_links.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/classify_url.h"
#include "extract/md_syntax.h"
#include "util/util.h"

size_t scan_web_scheme(const char *s, size_t n, size_t i)
{
	static const char *const schemes[] = {"https://", "http://", "ftp://"};
	for (size_t k = 0; k < 3; k++)
		if (ascii_ieq_prefix(s + i, n - i, schemes[k]))
			return strlen(schemes[k]);
	return 0;
}

/* One pass with a stack pairs every opening byte with its closing one, as
 * counting depth from each opening would, in time linear in the line. '['
 * pairs skip escapes and code spans; '(' pairs skip escapes only (authors
 * put spaces and nested parentheses in targets). */
static void pair(const char *s, size_t n, char open, char close, bool spans, size_t *match, size_t *stack,
		 struct line_memo *lm)
{
	size_t top = 0;
	for (size_t j = 0; j < n; j++) {
		if (s[j] == '\\')
			j++;
		else if (spans && s[j] == '`')
			j = md_code_span_end(s, n, j, lm) - 1;
		else if (s[j] == open)
			stack[top++] = j;
		else if (s[j] == close && top)
			match[stack[--top]] = j;
	}
}

static void build_matches(const char *s, size_t n, struct line_memo *lm)
{
	lm->match = xmalloc(n * sizeof *lm->match);
	for (size_t i = 0; i < n; i++)
		lm->match[i] = n;
	size_t *stack = xmalloc(n * sizeof *stack);
	pair(s, n, '[', ']', true, lm->match, stack, lm);
	pair(s, n, '(', ')', false, lm->match, stack, lm);
	free(stack);
}

/* The ']' or ')' closing the '[' or '(' at i; n if none. */
static size_t match_at(const char *s, size_t n, size_t i, struct line_memo *lm)
{
	if (!lm->match)
		build_matches(s, n, lm);
	return lm->match[i];
}

/* A bare URL ends at white space or at what cannot be part of one, and at
 * a ']' that closes no '[' of its own ("[[https://x.org/a]]"); trailing
 * sentence punctuation and unbalanced closing parentheses are the text's,
 * not the URL's. A trailing '_' is the URL's (a path may end so), except
 * in Markdown, where GFM's autolinks leave it out (cmark-gfm and micromark
 * alike), and where it closes a "_…_" the URL opened inside. */
static size_t bare_url_end(const char *s, size_t n, size_t i, bool asciidoc, bool gfm)
{
	size_t e = i;
	if (asciidoc) { /* "https://x.org/[text]": the link's text, not its path */
		const char *lb = memchr(s + i, '[', n - i);
		size_t k = scan_web_scheme(s, n, i);
		if (lb && (size_t)(lb - s) > i + k)
			n = (size_t)(lb - s);
	}
	/* opened minus closed, for () and [], kept up to date as e moves back */
	long paren = 0, bracket = 0;
	while (e < n && (unsigned char)s[e] > ' ' && !strchr("<>\"`|", s[e])) {
		if (s[e] == ']' && bracket == 0)
			break;
		paren += (s[e] == '(') - (s[e] == ')');
		bracket += (s[e] == '[') - (s[e] == ']');
		e++;
	}
	for (;;) {
		char c = e > i ? s[e - 1] : 0;
		if (c && (strchr(".,:;!?*~'", c) || (c == '_' && (gfm || (i > 0 && s[i - 1] == '_'))))) {
			e--;
			continue;
		}
		long *bal = c == ')' ? &paren : c == ']' ? &bracket : NULL;
		if (!bal || *bal >= 0)
			break;
		(*bal)++; /* the unbalanced closer is the text's */
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

/* A target that names another file of the repository or a place in this
 * one (../guide.md, img/x.png, #intro): no scheme, and, as CommonMark
 * wants, no space unless written in <>. */
static bool local_target(const char *u, bool bracketed)
{
	return *u && !url_has_scheme(u) && (bracketed || !strpbrk(u, " \t"));
}

/* A target worth a link: a web address, another scheme (mailto:, listed as
 * skipped), or a local one. */
static bool link_target(const char *u, bool bracketed)
{
	return web_target(u) || url_has_scheme(u) || local_target(u, bracketed);
}

static bool name_char(char c, bool first)
{
	bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	return alpha || c == '_' || c == ':' || (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
}

/* Whether s[lt, end] ('<' to '>') is an open tag as CommonMark takes raw
 * HTML: a name, then attributes (name, or name=value, the value quoted or
 * a run of no blank, quote, '=', '<', '>' or '`'), then an optional '/'.
 * "<see https://x.org/a>" is none: its URL is text. */
static bool open_tag(const char *s, size_t lt, size_t end)
{
	size_t i = lt + 1;
	while (i < end && (isalnum_ascii((unsigned char)s[i]) || s[i] == '-'))
		i++;
	for (;;) {
		size_t blank = i;
		while (i < end && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == end || (s[i] == '/' && i + 1 == end))
			return true;
		if (i == blank || !name_char(s[i], true))
			return false;
		while (i < end && name_char(s[i], false))
			i++;
		if (i < end && s[i] == '=') {
			i++;
			if (i < end && (s[i] == '"' || s[i] == '\'')) {
				const char *q = memchr(s + i + 1, s[i], end - i - 1);
				if (!q)
					return false;
				i = (size_t)(q - s) + 1;
			} else {
				size_t b = i;
				while (i < end && !strchr(" \t\"'=<>`", s[i]))
					i++;
				if (i == b)
					return false;
			}
		}
	}
}

/* An address to check: not a script or inline data, which locate nothing. */
static bool locates(const char *u)
{
	size_t n = strlen(u);
	return !ascii_ieq_prefix(u, n, "javascript:") && !ascii_ieq_prefix(u, n, "data:");
}

/* srcset's next image candidate at or after from, in its value [b, e), as
 * the HTML standard splits them: a URL (its trailing commas not its own),
 * then descriptors up to a comma outside parentheses. */
static bool srcset_next(const char *s, size_t b, size_t e, size_t from, size_t *ub, size_t *ue)
{
	size_t p = b;
	while (p < e) {
		while (p < e && (s[p] == ' ' || s[p] == '\t' || s[p] == ','))
			p++;
		if (p == e)
			return false;
		size_t c = p;
		while (p < e && s[p] != ' ' && s[p] != '\t')
			p++;
		size_t ce = p;
		bool ended = s[ce - 1] == ',';
		while (ce > c && s[ce - 1] == ',')
			ce--;
		for (int paren = 0; !ended && p < e && (paren || s[p] != ',');) {
			paren += (s[p] == '(') - (s[p] == ')' && paren);
			p++;
		}
		if (c >= from && ce > c) {
			*ub = c;
			*ue = ce;
			return true;
		}
	}
	return false;
}

/* The HTML standard's attributes that hold a URL (data: on <object>). */
static bool url_attribute(const char *s, size_t i, size_t end, size_t *name, bool object, bool *srcset)
{
	static const char *const names[] = {"href=", "src=", "cite=", "action=", "formaction=", "poster=", "data=", "srcset="};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		size_t len = strlen(names[k]);
		if (i + len <= end && !strncasecmp(s + i, names[k], len) && (k != 6 || object)) {
			*name = len;
			*srcset = k == 7;
			return true;
		}
	}
	return false;
}

/* The tag opening at s[lt] ('<' and a letter): its next URL attribute
 * value at or after from that is a target, quoted or not (each of a
 * srcset's candidates in turn), as a link; the tag read to its '>' on this
 * line (*tag_end: where it ends; 0: no tag). A bare "#fragment" is none (a
 * footnote's back-link), nor a <base href>. */
static bool tag_link(const char *s, size_t n, size_t lt, size_t from, size_t *pos, struct link_hit *hit,
		     size_t *tag_end)
{
	const char *gt = memchr(s + lt, '>', n - lt);
	*tag_end = 0;
	if (!gt)
		return false;
	size_t end = (size_t)(gt - s);
	if (!open_tag(s, lt, end))
		return false;
	*tag_end = end;
	bool base = end - lt >= 5 && !strncasecmp(s + lt + 1, "base", 4) && !isalnum_ascii((unsigned char)s[lt + 5]);
	bool object = end - lt >= 7 && !strncasecmp(s + lt + 1, "object", 6) && !isalnum_ascii((unsigned char)s[lt + 7]);
	for (size_t i = lt + 1; i + 4 < end && !base; i++) {
		size_t name;
		bool srcset;
		if ((s[i - 1] != ' ' && s[i - 1] != '\t') || !url_attribute(s, i, end, &name, object, &srcset))
			continue;
		size_t b = i + name, e;
		char q = s[b] == '"' || s[b] == '\'' ? s[b] : 0;
		if (q) {
			const char *close = memchr(s + b + 1, q, end - b - 1);
			if (!close)
				return false;
			b++;
			e = (size_t)(close - s);
		} else {
			e = b;
			while (e < end && s[e] != ' ' && s[e] != '\t')
				e++;
		}
		i = e; /* on past the value, whatever it holds */
		size_t ub = b, ue = e;
		if (srcset ? !srcset_next(s, b, e, from, &ub, &ue) : b < from)
			continue;
		char *u = md_destination(s + ub, ue - ub); /* as HTML: references decoded */
		/* "#fnref1": a note's way back, page furniture in a citation */
		if (!*u || *u == '#' || !link_target(u, true) || !locates(u)) {
			free(u);
			continue;
		}
		hit->start = ub;
		hit->end = ue;
		hit->after = ue;
		hit->syntax = SYNTAX_INLINE;
		hit->url = u;
		hit->text = hit->text_len = 0;
		*pos = ue; /* the tag's further attributes next */
		return true;
	}
	return false;
}

/* [text](target): the target, without <>, without a "title", unescaped.
 * image: ![alt](src), a link like any (a missing picture is a broken page,
 * on the web as in the repository). A script or inline data is none. */
static bool inline_link(const char *s, size_t n, size_t open, size_t close, size_t *pos,
			struct link_hit *hit, struct line_memo *lm, bool image)
{
	size_t pe = match_at(s, n, close + 1, lm);
	if (pe == n)
		return false;
	size_t b = close + 2, e = pe;
	trim(s, &b, &e);
	bool bracketed = b < e && s[b] == '<' && s[e - 1] == '>';
	if (bracketed)
		b++, e--;
	for (size_t q = b; q + 1 < e; q++) /* (url "title") */
		if (s[q] == ' ' && (s[q + 1] == '"' || s[q + 1] == '\'') && s[e - 1] == s[q + 1]) {
			e = q;
			trim(s, &b, &e);
			break;
		}
	*pos = pe + 1;
	hit->start = b;
	hit->end = e;
	hit->after = pe + 1;
	hit->syntax = SYNTAX_INLINE;
	hit->markdown = true;
	hit->text = open + 1;
	hit->text_len = close - open - 1;
	if (b == e || (e - b == 1 && s[b] == '#')) {
		hit->url = NULL;
		return !image;
	}
	char *u = md_destination(s + b, e - b);
	if (!link_target(u, bracketed) || !locates(u)) {
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
	char *u = md_destination(s + b, e - b);
	if (!link_target(u, true)) {
		free(u);
		return false;
	}
	hit->start = b;
	hit->end = e;
	hit->after = e < n && s[e] == '>' ? e + 1 : e;
	hit->syntax = SYNTAX_REFDEF;
	hit->url = u;
	hit->text = hit->text_len = 0;
	return true;
}

/* reST's named and anonymous hyperlinks, "`Text <url>`_" and "`Text
 * <url>`__", from the backtick at b to the span's end e. */
static bool rest_link(const char *s, size_t n, size_t b, size_t e, struct link_hit *hit)
{
	if (e < b + 4 || e >= n || s[e] != '_' || s[e - 2] != '>' || s[b + 1] == '`')
		return false;
	size_t lt = e - 2;
	while (lt > b + 1 && s[lt] != '<')
		lt--;
	if (s[lt] != '<' || !scan_web_scheme(s, e - 2, lt + 1) || (lt > b + 1 && s[lt - 1] != ' '))
		return false;
	hit->start = lt + 1;
	hit->end = e - 2;
	hit->after = e + 1 + (e + 1 < n && s[e + 1] == '_');
	hit->syntax = SYNTAX_INLINE;
	hit->url = xstrndup(s + lt + 1, e - 2 - lt - 1);
	hit->text = b + 1;
	hit->text_len = lt > b + 1 ? lt - 1 - (b + 1) : 0;
	return true;
}

/* A code span [b, e) that is a link: a reST hyperlink anywhere, or, where
 * the caller asks for it, a web URL written as code. */
static bool code_link(const char *s, size_t n, size_t b, size_t e, struct link_hit *hit, struct line_memo *lm)
{
	if (rest_link(s, n, b, e, hit))
		return true;
	size_t run = 0;
	while (b + run < e && s[b + run] == '`')
		run++;
	if (!lm->code_urls || e < b + 2 * run || s[e - 1] != '`')
		return false;
	size_t ub = b + run, ue = e - run;
	trim(s, &ub, &ue);
	size_t k = scan_web_scheme(s, ue, ub);
	if (!k || ue <= ub + k || memchr(s + ub, ' ', ue - ub) || memchr(s + ub, '\t', ue - ub))
		return false;
	hit->start = ub;
	hit->end = ue;
	hit->after = e;
	hit->syntax = SYNTAX_BARE;
	hit->url = xstrndup(s + ub, ue - ub); /* code undoes no escape */
	hit->text = hit->text_len = 0;
	return true;
}

/* The bytes a link can start at (or that hide one): everything else is skipped fast. */
static bool link_start_byte(unsigned char c)
{
	return c == '\\' || c == '`' || c == '<' || c == '[' || c == 'h' || c == 'H' || c == 'f' || c == 'F';
}

static bool next_link(const char *s, size_t n, size_t *pos, struct link_hit *hit, struct line_memo *lm)
{
	hit->markdown = false;
	size_t from = *pos;
	if (lm->in_tag && from == lm->tag_next) {
		size_t tag_end;
		lm->in_tag = false;
		if (tag_link(s, n, lm->tag_lt, from, pos, hit, &tag_end)) {
			lm->in_tag = true;
			lm->tag_next = *pos;
			return true;
		}
		from = tag_end ? tag_end : from;
	}
	for (size_t i = from; i < n; i++) {
		while (i < n && !link_start_byte((unsigned char)s[i]))
			i++;
		if (i == n)
			break;
		char c = s[i];
		if (c == '\\') {
			i++;
		} else if (c == '`') {
			size_t end = md_code_span_end(s, n, i, lm);
			if (code_link(s, n, i, end, hit, lm)) {
				*pos = hit->after;
				return true;
			}
			i = end - 1;
		} else if (c == '<' && lm->html_attrs && i + 1 < n && ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z') &&
			   !scan_web_scheme(s, n, i + 1)) {
			size_t tag_end;
			if (tag_link(s, n, i, i, pos, hit, &tag_end)) {
				lm->in_tag = true; /* its further attributes: from *pos on */
				lm->tag_lt = i;
				lm->tag_next = *pos;
				return true;
			}
			if (tag_end) /* the tag's other attributes render as no link */
				i = tag_end;
		} else if (c == '<' && scan_web_scheme(s, n, i + 1)) {
			const char *gt = memchr(s + i + 1, '>', n - i - 1);
			if (!gt)
				continue; /* not closed: the bare-URL rule picks it up */
			size_t b = i + 1, e = (size_t)(gt - s);
			hit->start = b;
			hit->end = e;
			hit->after = e + 1;
			hit->syntax = SYNTAX_AUTOLINK;
			hit->url = md_unescape(s + b, e - b);
			hit->text = hit->text_len = 0;
			*pos = e + 1;
			return true;
		} else if (c == '[') {
			size_t close = match_at(s, n, i, lm);
			if (close == n || close + 1 >= n || s[i + 1] == '^')
				continue;
			bool image = i > 0 && s[i - 1] == '!';
			if (s[close + 1] == '(') {
				size_t after;
				if (inline_link(s, n, i, close, &after, hit, lm, image)) {
					*pos = after;
					return true;
				}
				if (image) {
					size_t pe = match_at(s, n, close + 1, lm);
					if (pe < n)
						i = pe;
					continue;
				}
			} else if (s[close + 1] == ':' && md_skip_blanks(s, n, 0) == i && i <= 3 && !lm->no_definitions) {
				if (link_definition(s, n, close, hit)) {
					*pos = n;
					return true;
				}
			}
		} else if ((c == 'h' || c == 'H' || c == 'f' || c == 'F') &&
			   (i == 0 || !isalnum_ascii((unsigned char)s[i - 1])) && scan_web_scheme(s, n, i)) {
			size_t e = bare_url_end(s, n, i, lm->asciidoc, lm->html_attrs);
			if (e <= i + scan_web_scheme(s, n, i))
				continue;
			hit->start = i;
			hit->end = hit->after = e;
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

bool scan_next_link(const char *s, size_t n, size_t *pos, struct link_hit *hit, struct line_memo *lm)
{
	if (lm)
		return next_link(s, n, pos, hit, lm);
	struct line_memo own = {0};
	bool found = next_link(s, n, pos, hit, &own);
	line_memo_finish(&own);
	return found;
}
