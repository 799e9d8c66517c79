/* scan_links.h — finds the links in one line of Markdown or text:
 * <autolinks>, [text](inline links) and ![pictures](…) with balanced
 * parentheses, [label]: link definitions, the URL attributes of raw HTML
 * tags (Markdown) and bare http(s)/ftp URLs with trailing punctuation
 * trimmed. Code spans are passed over; an empty target ("", "#") is
 * reported so the caller can flag it. */
#ifndef CITECHECK_SCAN_LINKS_H
#define CITECHECK_SCAN_LINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/md_syntax.h"
#include "model/model.h"

struct link_hit {
	size_t start;      /* byte offset of the URL (or of the empty target) in the line */
	size_t end;        /* just past the URL as written (escapes and all) */
	size_t after;      /* just past the whole link: the ")" or ">" closing it */
	enum link_syntax syntax;
	char *url;         /* unescaped; owned by the caller. NULL for an empty target */
	size_t text, text_len; /* inline links: the link text */
	bool markdown;         /* a Markdown inline link or image, [text](target) */
};

/* The next link at or after *pos. Returns true and moves *pos past it. lm
 * is the line's memo (md_syntax.h): one for all the calls on one line keeps
 * the scan linear; NULL makes one for this call. */
bool scan_next_link(const char *s, size_t n, size_t *pos, struct link_hit *hit, struct line_memo *lm);

/* Offset of "scheme://" at s[i] for http, https or ftp (any case), else 0;
 * returns the scheme length including "://". */
size_t scan_web_scheme(const char *s, size_t n, size_t i);

#endif
