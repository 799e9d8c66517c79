/* adoc_syntax.h — the AsciiDoc a report's references are written in:
 * section titles ("== References"), inline footnotes ("footnote:[…]",
 * "footnote:id[…]"), bibliography entries ("* [[[key]]] …") and the
 * cross references that cite them ("<<key>>", "<<key,text>>"). Offsets are
 * bytes into one line; nothing here allocates. */
#ifndef CITECHECK_ADOC_SYNTAX_H
#define CITECHECK_ADOC_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

/* "== Title": its level (1 for "=", the document title) and text; 0 if not. */
int adoc_heading(const char *s, size_t n, size_t *text, size_t *len);

struct adoc_footnote {
	size_t start, end;     /* the whole macro, "footnote" to its "]" */
	size_t id, id_len;     /* "footnote:semver[…]": semver; id_len 0 when none */
	size_t text, text_len; /* inside the brackets; 0 long for a repeat "footnote:id[]" */
};

/* The next footnote macro at or after *pos whose brackets close on the line;
 * moves *pos past it. */
bool adoc_next_footnote(const char *s, size_t n, size_t *pos, struct adoc_footnote *out);

/* "* [[[key]]] text" or "- [[[key,label]]] text": a bibliography entry. */
bool adoc_bib_entry(const char *s, size_t n, size_t *key, size_t *len, size_t *text);

/* The next "<<key>>" or "<<key,text>>" at or after *pos. */
bool adoc_next_xref(const char *s, size_t n, size_t *pos, size_t *key, size_t *len);

#endif
