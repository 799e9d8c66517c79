/* md_links.h — the parser's links (extract.h, struct md_link) as the line
 * scanner meets them: which of the scanner's inline links the parser
 * agrees are links, and which of the parser's the scanner never saw. */
#ifndef CITECHECK_MD_LINKS_H
#define CITECHECK_MD_LINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/extract.h"

struct md_link_set {
	struct md_link *v; /* owned; in the order of their blocks */
	size_t n;
	size_t from; /* links of blocks that end before the line read are behind it */
	size_t hint; /* just past the last one claimed: the scanner claims in order */
};

void md_link_set_take(struct md_link_set *s, struct md_link *v, size_t n);
void md_link_set_finish(struct md_link_set *s);

/* Whether the parser has a link to url in the block holding line, not
 * yet claimed: it is claimed, the one written at offset of line first. */
bool md_link_claim(struct md_link_set *s, unsigned line, size_t offset, const char *url);

/* The next link whose target is written on line and that nothing claimed,
 * from *i on (start at 0); NULL when there is no more. It is claimed. */
struct md_link *md_link_unseen(struct md_link_set *s, unsigned line, size_t *i);

#endif
