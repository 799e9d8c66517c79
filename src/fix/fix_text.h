/* fix_text.h — the fixes of a Markdown, plain-text or reST document written
 * into a copy of its bytes. Each link is found again on its line with the
 * scanner that found it first (scan_links.h), so only the bytes of the URL
 * (or the place after the link) change; every other byte is copied. */
#ifndef CITECHECK_FIX_TEXT_H
#define CITECHECK_FIX_TEXT_H

#include <stddef.h>

#include "model/model.h"
#include "util/util.h"

/* The text added after a link that gets its snapshot: {snapshot} and {date}
 * are replaced. NULL: the format's own (fix_text_template). */
const char *fix_text_template(const char *format, const char *given);

/* Fills out with the copy of src[0..n) with d's fixes applied, marking each
 * applied or why not. format: the document's ("markdown", "text", "rst"). */
void fix_text(const char *src, size_t n, struct document *d, const char *tmpl, struct buf *out);

/* tmpl with {snapshot} and {date} replaced, appended to out. */
void fix_expand(struct buf *out, const char *tmpl, const char *snapshot, const char *day);

#endif
