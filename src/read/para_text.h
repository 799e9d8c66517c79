/* para_text.h — one paragraph of a structured document assembled as the
 * line the extractor reads: text with runs of white space made one space,
 * and links written the Markdown way ("<url>" when the link shows its own
 * address, "[text](<url>)" otherwise) so one link scanner serves all formats.
 * Capped at DOC_LINE_CAP like a line of text. */
#ifndef CITECHECK_PARA_TEXT_H
#define CITECHECK_PARA_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/extract.h"
#include "util/util.h"

/* A paragraph keeps its source places (extract.h, struct text_place) when
 * its reader knows them (HTML): at most this many, one for each piece of
 * text, link and line break; past it, what follows keeps the last. */
#define PARA_PLACES_MAX 4096

struct para {
	struct buf text;
	unsigned line;     /* where its first text was: a source line or a paragraph number */
	bool space;        /* a blank is owed before the next text */
	bool cut;          /* text was dropped at the cap */
	size_t link_start; /* where the open link's text begins */
	char *link_url;    /* the open link's target, owned; NULL when none */
	/* set by the reader: where the bytes of the text are in the source
	 * (para_place_next) */
	bool placed;
	struct text_place *places;
	size_t nplaces, places_cap;
	unsigned next_line, next_col; /* what para_place_next said; 0: nothing */
	unsigned link_line, link_col; /* the open link's place */
};

void para_init(struct para *p);
void para_finish(struct para *p);
/* Empties p for the next paragraph (an open link is dropped). */
void para_reset(struct para *p);
/* Appends text; white space runs become one blank. line is where it was. */
void para_text(struct para *p, const char *s, size_t n, unsigned line);
/* Where the next text (its first word) or link begins in the source: line,
 * and col in characters (0: not known). Only for a paragraph that is placed. */
void para_place_next(struct para *p, unsigned line, unsigned col);
/* Appends markup as is ("<sup>"), with no blank before it. */
void para_raw(struct para *p, const char *s);
void para_space(struct para *p);
/* A line break inside the paragraph (<br>, w:br): kept as '\n', for the
 * extractor to read as a hard break, where a further source may start. */
void para_break(struct para *p);
/* A link to url (copied) around the text that follows until para_link_end. */
void para_link_begin(struct para *p, const char *url);
void para_link_end(struct para *p);
/* Puts prefix ("- ", "3. ") before a paragraph that has text: a list
 * item, for the extractor to read as one. */
void para_prefix(struct para *p, const char *prefix);
/* The paragraph's text without surrounding blanks; *n its length. */
const char *para_get(struct para *p, size_t *n);
bool para_empty(const struct para *p);

#endif
