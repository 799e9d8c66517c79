#ifndef CITECHECK_READ_CSL_JSON_H
#define CITECHECK_READ_CSL_JSON_H

#include <stddef.h>

#include "extract/extract.h"
#include "model/model.h"
#include "read/doc_input.h"

int read_csl_json(struct model *m, struct extractor *x, struct doc_input *in, char *err, size_t errlen);

#endif
