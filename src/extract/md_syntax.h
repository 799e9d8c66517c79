/* md_syntax.h — the line-level Markdown (and reST) shapes the extractor needs:
 * headings, fences, breaks, bullets, code spans, backslash escapes, and the
 * names reference sections go by. Pure functions over one line. */
#ifndef CITECHECK_MD_SYNTAX_H
#define CITECHECK_MD_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

size_t md_skip_blanks(const char *s, size_t n, size_t i);
bool md_is_blank(const char *s, size_t n);

/* "# Title" → level 1..6, *text and *text_len the title without #s. 0 if not. */
int md_atx_heading(const char *s, size_t n, size_t *text, size_t *text_len);
/* "====" → 1, "----" → 2 (a setext underline, if the line above is text). 0 if not. */
int md_setext_underline(const char *s, size_t n);
/* "---", "***", "___", "* * *" */
bool md_thematic_break(const char *s, size_t n);
/* ``` or ~~~ (3+). Sets the fence character and length. */
bool md_fence(const char *s, size_t n, char *ch, size_t *len);
/* A line that closes the fence opened with ch × len. */
bool md_fence_closes(const char *s, size_t n, char ch, size_t len);
/* "- x", "* x", "+ x": offset of x, or 0 when the line is not a bullet item.
 * An empty item ("- ") gives n. */
size_t md_bullet(const char *s, size_t n);
/* What the scanners of one line learn once, so that no scan walks the line
 * again from every bracket or backtick (10^6 of them made minutes of work):
 * where the last backtick run of each length starts, and the closing ']' or
 * ')' of each '[' and '('. Built on first need; owned by the caller, who
 * keeps it for one line (s, n) and frees it with line_memo_finish. */
struct line_memo {
	size_t *run_last; /* [k]: 1 + where the last run of k backticks starts; 0: none */
	size_t max_run;
	size_t *match; /* [i]: the ']' or ')' closing s[i], n: none (see scan_links.c) */
	bool runs_built;
	/* set by the caller: a code span that holds only a web URL is a link
	 * (in notes and bibliographies, where authors write URLs as code) */
	bool code_urls;
	/* set by the caller: AsciiDoc, where "https://x.org/[text]" ends a URL at '[' */
	bool asciidoc;
	/* set by the caller: "[label]: target" on this line is no link
	 * definition (the Markdown parser took it as text) */
	bool no_definitions;
	/* set by the caller: the line is Markdown as cmark-gfm parsed it: raw
	 * HTML renders, so a tag's href and src are links (<a href="guide.md">,
	 * <img src="logo.png">), and a bare URL ends as GFM's autolinks do */
	bool html_attrs;
	/* scan_links.c's own: the tag whose attributes are being read */
	bool in_tag;
	size_t tag_lt, tag_next;
};
void line_memo_finish(struct line_memo *lm);

/* At a backtick run at i: the offset just past the matching closing run, or
 * i + run length when the span never closes. lm may be NULL (one scan then
 * costs up to the rest of the line). */
size_t md_code_span_end(const char *s, size_t n, size_t i, struct line_memo *lm);
/* Copy of s[0..n) with every backslash before ASCII punctuation removed, so
 * that "\\_" and "\(" read as the author meant them. */
char *md_unescape(const char *s, size_t n);
/* A link destination as CommonMark reads it: md_unescape, and entity and
 * numeric character references decoded ("caf&eacute;", "&#233;" → "café"). */
char *md_destination(const char *s, size_t n);
/* Whether a heading's text names a reference section (References, Notes,
 * Bibliography, Works cited, Sources, Références, …), ignoring emphasis,
 * bold tags, section numbers and a trailing colon. */
bool md_is_reference_heading(const char *s, size_t n);

#endif
