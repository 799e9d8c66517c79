/* read_document.h — the first stage: a document on disk (or stdin) into the
 * model, through the line reader and the extractor. */
#ifndef CITECHECK_READ_DOCUMENT_H
#define CITECHECK_READ_DOCUMENT_H

#include <stddef.h>

#include "classify_url.h"
#include "model.h"

/* Reads m->doc.path into m. Returns 0, or -1 with a one-line reason in err. */
int read_document(struct model *m, const struct classify_config *cfg, char *err, size_t errlen);

#endif
