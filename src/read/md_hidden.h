/* md_hidden.h — what a Markdown page shows as code or math, hidden from the
 * link scanner as a code block is: the text of raw HTML code elements
 * (<pre>, <code>, <samp>, <kbd>; their tags and a link's href stay) and
 * math as GitHub renders it ($…$ and $$…$$ in a paragraph, heading or
 * table; a ```math block is code already). An inline '$' opens math when a
 * non-blank follows it and closes it after a non-blank, before no digit
 * (pandoc's rule, which "$5 and $10" does not meet); a '$' inside a URL or
 * a link's destination is the address's. */
#ifndef CITECHECK_MD_HIDDEN_H
#define CITECHECK_MD_HIDDEN_H

#include <cmark-gfm.h>
#include <stddef.h>

/* Blanks, in text[0, len) that doc was parsed from, every byte hidden but
 * line breaks: lines and columns of the rest hold. */
void md_hide(cmark_node *doc, char *text, size_t len);

#endif
