/* fix_zip.h — the fixes of a DOCX or ODT document written into a copy of
 * the zip: hyperlink targets changed in the relationship parts (DOCX) or
 * content.xml (ODT), URLs written as text changed in their text, snapshots
 * added after a dead or changed page's link as a link of their own. Every
 * other entry is copied as it was, in the same order (an ODT's mimetype
 * first and stored, as ODF wants). */
#ifndef CITECHECK_FIX_ZIP_H
#define CITECHECK_FIX_ZIP_H

#include <stddef.h>

#include "model/model.h"
#include "util/util.h"

/* path: the document. Returns 0, or -1 with a one-line reason in err. */
int fix_zip(const char *path, bool odt, struct document *d, struct buf *out, char *err, size_t errlen);

#endif
