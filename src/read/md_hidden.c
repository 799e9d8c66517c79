#include "read/md_hidden.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/md_syntax.h"
#include "extract/scan_links.h"
#include "util/util.h"

struct hider {
	char *text;
	size_t len;
	size_t *start; /* byte offset of each line's start; owned */
	unsigned nlines;
	unsigned code; /* raw HTML code elements open (<pre>, <code>, <samp>, <kbd>) */
	/* bytes the scans past a tag or a link's destination may still read:
	 * a few times the text, so that 4 MB of "<code x=" or "](" is read in
	 * linear time; once spent, what is left is not hidden */
	size_t budget;
};

static bool spend(struct hider *h, size_t n)
{
	if (h->budget < n)
		return false;
	h->budget -= n;
	return true;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* What is hidden keeps its bytes' places: every byte a blank but the
 * line breaks, so lines and columns of the rest hold. */
static void hide(struct hider *h, size_t b, size_t e)
{
	for (size_t i = b; i < e && i < h->len; i++)
		if (h->text[i] != '\n')
			h->text[i] = ' ';
}

/* The byte at a 1-based line and column of cmark-gfm's source positions. */
static size_t offset_of(const struct hider *h, int line, int col)
{
	if (line < 1 || col < 1 || (unsigned)line > h->nlines)
		return h->len;
	size_t at = h->start[line - 1] + (size_t)col - 1;
	return at < h->len ? at : h->len;
}

static bool is_code_name(const char *s, size_t n)
{
	static const char *const names[] = {"pre", "code", "samp", "kbd"};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strlen(names[k]) == n && !strncasecmp(s, names[k], n))
			return true;
	return false;
}

/* <code>URL</code> (or samp, kbd), the element's whole text one web URL,
 * at [i, e) whose opening tag ends at gt: rewritten as the code span
 * "`URL`" it renders as, the bytes keeping their places, for the link
 * scanner to judge as one (a link in a reference entry, where authors
 * write URLs as code; no citation elsewhere). Returns where the closing
 * tag ends, or i when the element is no such thing. */
static size_t url_as_code(struct hider *h, size_t i, size_t gt, size_t e, const char *name, size_t name_len)
{
	char *s = h->text;
	size_t u = gt + 1, k = scan_web_scheme(s, e, u);
	if (!k || !strncasecmp(name, "pre", name_len))
		return i;
	size_t ue = u + k;
	while (ue < e && !blank(s[ue]) && s[ue] != '<')
		ue++;
	if (ue + 3 + name_len >= e || s[ue] != '<' || s[ue + 1] != '/' ||
	    strncasecmp(s + ue + 2, name, name_len) || s[ue + 2 + name_len] != '>')
		return i;
	memset(s + i, ' ', gt - i);
	s[gt] = '`';
	memset(s + ue, ' ', 3 + name_len);
	s[ue] = '`';
	return ue + 3 + name_len;
}

/* At '<' in [i, e): a tag or comment's end (just past its '>'), or i when
 * it is none; a code element's tag opens or closes one. */
static size_t tag(struct hider *h, size_t i, size_t e)
{
	char *s = h->text;
	if (i + 3 < e && !strncmp(s + i, "<!--", 4)) {
		/* a comment: the page does not show it, unless it tells citecheck
		 * to leave a line alone (read by the extractor) */
		size_t end = e, body = e;
		for (size_t k = i + 4; k + 2 < e; k++)
			if (!strncmp(s + k, "-->", 3)) {
				body = k;
				end = k + 3;
				break;
			}
		if (!memmem(s + i + 4, body - (i + 4), "citecheck-ignore", 16))
			hide(h, i + 4, body);
		return end;
	}
	size_t k = i + 1;
	bool closing = k < e && s[k] == '/';
	k += closing;
	size_t name = k;
	while (k < e && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
		k++;
	while (k < e && ((s[k] >= '0' && s[k] <= '9') || s[k] == '-'))
		k++;
	if (k == name || k == e || !(blank(s[k]) || s[k] == '>' || s[k] == '/'))
		return i;
	size_t name_len = k - name;
	bool code = is_code_name(s + name, name_len);
	if (!code && !h->code)
		return i; /* outside code only code elements matter: other tags are read as text */
	for (char q = 0; k < e; k++) {
		if (!spend(h, 1))
			return i;
		if (q) {
			q = s[k] == q ? 0 : q;
		} else if (s[k] == '"' || s[k] == '\'') {
			q = s[k];
		} else if (s[k] == '>' && !code) {
			return k + 1; /* a tag inside code (<a href> in <pre>): kept, a link as the page shows it */
		} else if (s[k] == '>') {
			size_t span = !closing && !h->code ? url_as_code(h, i, k, e, s + name, name_len) : i;
			if (span > i)
				return span;
			if (closing && h->code)
				h->code--;
			else if (!closing && s[k - 1] != '/')
				h->code++;
			return k + 1;
		}
	}
	return i;
}

/* Past a URL or a link destination at i, whose '$' are the address's. */
static size_t past_address(struct hider *h, size_t i, size_t e)
{
	const char *s = h->text;
	size_t k = scan_web_scheme(s, e, i);
	if (k) {
		i += k;
		while (i < e && !blank(s[i]) && s[i] != '<')
			i++;
		return i;
	}
	if (i + 1 < e && s[i] == ']' && s[i + 1] == '(') {
		int depth = 0;
		size_t start = i;
		for (i += 2; i < e && s[i] != '\n'; i++) {
			if (!spend(h, 1))
				return start + 2;
			if (s[i] == '\\')
				i++;
			else if (s[i] == '(')
				depth++;
			else if (s[i] == ')' && depth-- == 0)
				return i + 1;
		}
		return start + 2; /* no destination: only the "](" is passed */
	}
	return i;
}

/* The '$' closing inline math opened before from, as pandoc and GitHub
 * draw it: after no blank, before no digit, not escaped; e when none. */
static size_t math_close(struct hider *h, size_t from, size_t e, bool display)
{
	const char *s = h->text;
	for (size_t i = from; i < e; i++) {
		size_t past = past_address(h, i, e);
		if (past > i) {
			i = past - 1;
			continue;
		}
		if (s[i] == '\\') {
			i++;
		} else if (display && s[i] == '$' && i + 1 < e && s[i + 1] == '$') {
			return i;
		} else if (!display && s[i] == '$' && !blank(s[i - 1]) && !(i + 1 < e && s[i + 1] >= '0' && s[i + 1] <= '9')) {
			return i;
		}
	}
	return e;
}

/* Inline content [b, e) of a paragraph, heading or table: code spans are
 * passed over (cmark-gfm's code already), raw HTML code elements and math
 * ($…$, $$…$$) hidden. */
static void inline_text(struct hider *h, size_t b, size_t e)
{
	const char *s = h->text;
	struct line_memo lm = {0};
	/* no closing '$' after one opening: none after a later one either */
	bool inline_math = true, display_math = true;
	for (size_t i = b; i < e; i++) {
		size_t past = past_address(h, i, e);
		if (past > i) {
			if (h->code)
				hide(h, i, past);
			i = past - 1;
			continue;
		}
		char c = s[i];
		if (c == '\\') {
			i++;
		} else if (c == '`') {
			i = b + md_code_span_end(s + b, e - b, i - b, &lm) - 1;
		} else if (c == '<') {
			size_t end = tag(h, i, e);
			if (end > i)
				i = end - 1;
			else if (h->code)
				hide(h, i, i + 1);
		} else if (h->code) {
			hide(h, i, i + 1);
		} else if (c == '$' && i + 1 < e && s[i + 1] == '$') {
			size_t close = display_math ? math_close(h, i + 2, e, true) : e;
			if (close == e) {
				display_math = false;
				i++;
				continue;
			}
			hide(h, i, close + 2);
			i = close + 1;
		} else if (c == '$' && inline_math && i + 1 < e && !blank(s[i + 1])) {
			size_t close = math_close(h, i + 1, e, false);
			if (close == e) {
				inline_math = false;
				continue;
			}
			hide(h, i, close + 1);
			i = close;
		}
	}
	line_memo_finish(&lm);
}

/* An HTML block [b, e): raw HTML, shown as the browser shows it; the text
 * of its code elements hidden, its tags (and their links) kept. */
static void html_block(struct hider *h, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++) {
		if (h->text[i] == '<') {
			size_t end = tag(h, i, e);
			if (end > i) {
				i = end - 1;
				continue;
			}
		}
		if (h->code)
			hide(h, i, i + 1);
	}
}

void md_hide(cmark_node *doc, char *text, size_t len)
{
	struct hider h = {text, len, NULL, 1, 0, 4 * len + 65536};
	for (size_t i = 0; i < len; i++)
		h.nlines += text[i] == '\n' && h.nlines < UINT_MAX - 1;
	h.start = xmalloc((size_t)h.nlines * sizeof *h.start);
	unsigned k = 0;
	h.start[k++] = 0;
	for (size_t i = 0; i < len && k < h.nlines; i++)
		if (text[i] == '\n')
			h.start[k++] = i + 1;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int table_end = 0; /* the last line of the table being read: its cells are read with it */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(n);
		const char *type = cmark_node_get_type_string(n);
		bool table = type && !strcmp(type, "table");
		if (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING && t != CMARK_NODE_HTML_BLOCK && !table)
			continue;
		int sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);
		if (sl <= table_end)
			continue;
		size_t b = offset_of(&h, sl, cmark_node_get_start_column(n));
		/* the end column is the block's last byte; 0 when it ends with its line */
		int ec = cmark_node_get_end_column(n);
		if (el < sl) { /* cmark-gfm 0.29 gives some HTML blocks no end: their lines */
			const char *lit = cmark_node_get_literal(n);
			int lines = 0;
			for (const char *c = lit; c && *c; c++)
				lines += *c == '\n';
			el = sl + (lines > 0 ? lines : 1) - 1;
			ec = 0;
		}
		size_t e = ec > 0 ? offset_of(&h, el, ec) + 1 : offset_of(&h, el + 1, 1);
		if (e > len)
			e = len;
		if (table)
			table_end = el;
		if (b >= e)
			continue;
		if (t == CMARK_NODE_HTML_BLOCK)
			html_block(&h, b, e);
		else
			inline_text(&h, b, e);
		/* an element left open ("the <code> element" in prose) ends with
		 * its block: the rest of the page is not taken for code */
		h.code = 0;
	}
	cmark_iter_free(it);
	free(h.start);
}
