/* fix_html.h — the fixes of an HTML document written into a copy of its
 * bytes: an <a href> whose URL is fixed gets the new one; a dead or changed
 * page keeps its link, which gets the Robust Links attributes
 * (data-originalurl, data-versionurl, data-versiondate) and a visible
 * archive link after it. Every other byte is copied. */
#ifndef CITECHECK_FIX_HTML_H
#define CITECHECK_FIX_HTML_H

#include <stddef.h>

#include "model/model.h"
#include "util/util.h"

void fix_html(const char *src, size_t n, struct document *d, struct buf *out);

#endif
