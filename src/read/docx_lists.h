/* docx_lists.h — the numbers Word shows before the paragraphs of its
 * numbered lists (w:numPr), which are in no text of the document: read from
 * word/numbering.xml (each list's levels: first number, format, and the
 * text around the number, "%1." or "[%1]"; a list's restart), and counted
 * as the document goes, so that "[3]" in the body finds the third entry of
 * a reference list Word numbers itself. A paragraph style may number its
 * paragraphs (word/styles.xml). Also the number formats Word's
 * notes use (decimal, roman, letters, Chicago's symbols). */
#ifndef CITECHECK_DOCX_LISTS_H
#define CITECHECK_DOCX_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "read/zip_archive.h"

#define DOCX_LABEL_MAX 32

enum docx_format { FMT_DECIMAL, FMT_LOWER_ROMAN, FMT_UPPER_ROMAN, FMT_LOWER_LETTER, FMT_UPPER_LETTER, FMT_CHICAGO,
		   FMT_BULLET, FMT_NONE };

/* w:numFmt's value; decimal for one not known. */
enum docx_format docx_format_named(const char *v);
/* The label Word shows for the k-th item in format f. */
void docx_format_number(enum docx_format f, long k, char out[DOCX_LABEL_MAX]);

struct docx_lists;

/* The lists of word/numbering.xml; NULL when it has none. Returns -1 with
 * a reason in err when the part is there and cannot be read. */
int docx_lists_load(struct zip_doc *z, struct docx_lists **out, char *err, size_t errlen);
void docx_lists_free(struct docx_lists *l);

/* What Word shows before the next paragraph of list num_id at level ilvl
 * (0-8): "3. ", "[3] ", "2.1. ", "- " for a bullet; "" when the list is
 * none. Counts it, and restarts the deeper levels. l may be NULL. */
void docx_lists_next(struct docx_lists *l, const char *num_id, int ilvl, char *out, size_t outlen);

/* The list a paragraph style numbers its paragraphs with (w:numPr in
 * word/styles.xml, through the styles it is based on): true, num_id and
 * *ilvl (0 when the style names none). */
bool docx_lists_style(const struct docx_lists *l, const char *style, char num_id[16], int *ilvl);

#endif
