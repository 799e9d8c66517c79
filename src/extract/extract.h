/* extract.h — turns the lines of a report into references and links in the
 * model. It is fed one line at a time and keeps only the entry being built,
 * so memory follows the references, not the document.
 *
 * What it recognises: reference sections by heading (References, Notes,
 * Bibliography, … as "#" headings, setext headings or lines of their own);
 * footnote definitions (<sup>N</sup>, [^label]:, .. [N], [N], N.) and the
 * further sources a footnote lists without a number; entries split across
 * blank lines ("Retrieved …, from" with the URL a paragraph below); footnote
 * markers in the body; links anywhere outside code. */
#ifndef CITECHECK_EXTRACT_H
#define CITECHECK_EXTRACT_H

#include <stddef.h>

#include "extract/classify_url.h"
#include "model/model.h"

struct extractor;

/* The extractor fills m, which the caller keeps owning. */
struct extractor *extractor_create(struct model *m, const struct classify_config *cfg);
/* A comment of a structured document (an HTML <!-- -->): its
 * citecheck-ignore or citecheck-ignore-next-line marks that line. */
void extractor_comment(struct extractor *x, const char *text, unsigned line);

void extractor_line(struct extractor *x, const char *s, size_t n, unsigned lineno);
/* Closes the last entry; call once after the last line. */
void extractor_finish(struct extractor *x);
void extractor_destroy(struct extractor *x);

/* The lines are Markdown, and the parser's word on each (flags[1..nlines],
 * taken over; read/md_tree.h makes them): a line in a code block holds no
 * link and no heading, and "[label]: target" is a link definition only
 * where CommonMark takes it for one. */
enum {
	MD_LINE_CODE = 1,       /* in a code block: fenced or indented, at any depth */
	MD_LINE_DEFINITION = 2, /* a link reference definition CommonMark takes as one */
};
void extractor_markdown_lines(struct extractor *x, unsigned char *flags, unsigned nlines);

/* The links and images of the Markdown as its parser read it (read/md_tree.h
 * makes them), in the order of their blocks. The line scanner's inline
 * links are kept only where the parser has one of the same target in the
 * same block (CommonMark's nested-link rule: in "[a [b](x)](y)" only x is
 * a link); and a link the scanner cannot see on one line (its text or
 * target wrapped onto the next) is added where its target is written. */
struct md_link {
	char *url;            /* as the parser reads it: escapes undone */
	char *text;           /* the link text as the page shows it */
	unsigned first, last; /* the lines of the block holding it */
	unsigned line;        /* where its target is written; 0: not found (a reference link) */
	size_t offset;        /* byte offset of the target in that line */
	bool add;             /* to be added if the scanner does not find it: not an
			       * autolink (the scanner's own) or a picture on the web */
	bool taken;           /* the scanner found it */
};
void extractor_markdown_links(struct extractor *x, struct md_link *links, size_t n);

/* The lines are AsciiDoc: "== " titles, footnote:[…], [[[key]]] entries. */
void extractor_asciidoc(struct extractor *x);

/* Structured documents (HTML, DOCX, ODT, EPUB) are read by a reader that
 * knows their paragraphs, headings and notes; it hands them over with these.
 * Paragraph text keeps links as Markdown ("[text](<url>)") so that one link
 * scanner serves every format. line is the reader's location: a source line
 * (HTML) or a paragraph number (word processors). */
void extractor_structured(struct extractor *x); /* report no columns */
/* What follows comes from this file of the document (model-owned, or NULL);
 * own_notes: the part numbers its notes anew (an EPUB chapter). */
void extractor_set_part(struct extractor *x, const char *part, bool own_notes);
/* The same, for a part that goes on from the one before (a PDF's next
 * page): the entry, the note and the section being read go on. */
void extractor_flow_part(struct extractor *x, const char *part);
void extractor_block(struct extractor *x, const char *s, size_t n, unsigned line);

/* Where the bytes of a block's text are in the source, for a reader that
 * knows (HTML): from byte at of the block on, the text is at line and
 * column col (characters; 0: not known) and goes on one column a
 * character; or, fixed, all of it up to the next place is one link
 * written at line:col (its element's '<'). */
struct text_place {
	size_t at;
	unsigned line, col;
	bool fixed;
};
/* The places of the block s that the next call (extractor_block,
 * extractor_note_block, extractor_chrome_block) reads, ordered by at;
 * borrowed until then. Each link is then located at its own place. */
void extractor_places(struct extractor *x, const char *s, const struct text_place *v, size_t n);
/* A block of page chrome (navigation, footer, the head's links): its links
 * are listed as references of their own, where "chrome", and checked only
 * when also cited elsewhere (model.h, WHERE_CHROME). */
void extractor_chrome_block(struct extractor *x, const char *s, size_t n, unsigned line);
void extractor_heading(struct extractor *x, int level, const char *s, size_t n, unsigned line);
void extractor_cite(struct extractor *x, enum note_space space, const char *label, size_t len, unsigned line);
void extractor_note_begin(struct extractor *x, enum note_space space, const char *label, size_t len,
			  unsigned line);
void extractor_note_block(struct extractor *x, const char *s, size_t n, unsigned line);
void extractor_note_end(struct extractor *x);

/* A source as a reference manager recorded it, field by field (BibTeX,
 * CSL-JSON): it becomes one reference, its dates taken as they are. Strings
 * are copied. */
#define RECORD_MAX_URLS 8
struct source_record {
	const char *key, *authors, *title, *text;
	struct date published, accessed;
	unsigned line;
	const char *urls[RECORD_MAX_URLS];
	unsigned url_lines[RECORD_MAX_URLS];
	size_t nurls;
};
void extractor_record(struct extractor *x, const struct source_record *r);

/* Whether the document used Markdown syntax (links, headings, footnotes). */
bool extractor_saw_markdown(const struct extractor *x);

#endif
