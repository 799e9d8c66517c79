#ifndef CITECHECK_READ_ODT_H
#define CITECHECK_READ_ODT_H

#include <stddef.h>

#include "extract/extract.h"
#include "model/model.h"
#include "read/zip_archive.h"

int read_odt(struct extractor *x, struct model *m, struct zip_doc *z, unsigned *lines, char *err, size_t errlen);

#endif
