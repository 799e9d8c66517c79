#ifndef CITECHECK_READ_BIBTEX_H
#define CITECHECK_READ_BIBTEX_H

#include <stddef.h>

#include "extract/extract.h"
#include "model/model.h"
#include "read/doc_input.h"

int read_bibtex(struct model *m, struct extractor *x, struct doc_input *in, char *err, size_t errlen);

#endif
