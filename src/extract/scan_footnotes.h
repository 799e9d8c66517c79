/* scan_footnotes.h — footnote markers in running text and footnote
 * definitions at the start of a line, in the shapes reports use:
 *   markers:     <sup>12</sup>  [^label]  [12]  [12]_  ¹²
 *   definitions: <sup>12</sup> …  [^label]: …  .. [12] …  [12] …  12. …
 * A <sup> that holds no number ("13<sup>th</sup>", "N<sup>o</sup>") is not a
 * marker; whether a line-start number is a definition depends on the
 * reference section's style, which the caller tracks. */
#ifndef CITECHECK_SCAN_FOOTNOTES_H
#define CITECHECK_SCAN_FOOTNOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/md_syntax.h"

enum def_style {
	DEF_NONE,
	DEF_SUP,     /* <sup>N</sup> text */
	DEF_CARET,   /* [^label]: text   (valid anywhere) */
	DEF_REST,    /* .. [label] text  (valid anywhere) */
	DEF_BRACKET, /* [label] text */
	DEF_NUMDOT,  /* N. text */
	DEF_UNNUMBERED, /* not a definition: a section whose entries carry no numbers */
};

struct footnote_def {
	enum def_style style;
	size_t label, label_len; /* byte offsets in the line */
	size_t text;             /* where the entry's own text begins */
};

/* A definition at the start of s (after indentation and an optional "- "
 * bullet). Styles other than CARET and REST are only looked for when
 * in_references is true. */
bool scan_footnote_def(const char *s, size_t n, bool in_references, struct footnote_def *out);

struct footnote_marker {
	size_t start;            /* byte offset of the marker */
	size_t label, label_len; /* for superscript digits: the digits' offsets */
	bool superscript;        /* label is Unicode superscript digits */
};

/* The next marker at or after *pos; moves *pos past it. lm: the line's memo
 * (md_syntax.h), or NULL. */
bool scan_next_marker(const char *s, size_t n, size_t *pos, struct footnote_marker *out, struct line_memo *lm);

/* Decodes Unicode superscript digits s[0..n) into ASCII digits in out
 * (at least n/2 + 1 bytes); returns the digit count. */
size_t superscript_digits(const char *s, size_t n, char *out);

/* Pandoc's citations: the next "@key" inside brackets ("[@a; @b, p. 4]",
 * "[see @c]") at or after *pos; key and len locate the key without "@". An
 * e-mail address is no key: "@" must start a word. */
bool scan_next_citekey(const char *s, size_t n, size_t *pos, size_t *key, size_t *len);

/* "[@key]: target", pandoc's way to give a cited key its link: the key
 * (without "@") and where the entry's text starts (the whole line, so that
 * the link scanner reads the definition). */
bool scan_citekey_def(const char *s, size_t n, size_t *key, size_t *len, size_t *text);

#endif
