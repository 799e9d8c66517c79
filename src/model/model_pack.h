/* model_pack.h — a document's model, as read and text-checked, in bytes
 * and back: what --cache keeps so that an unchanged document is not read
 * again (core/read_docs.c). A pack holds exactly what model_merge moves
 * into the run's model: the document's information and findings, its
 * footnote counts, its references with their links and findings, and the
 * URLs they cite. Unpacking checks every count, index, enum and string,
 * since the bytes come from a cache file anybody may have written. */
#ifndef CITECHECK_MODEL_PACK_H
#define CITECHECK_MODEL_PACK_H

#include <stddef.h>

#include "model/model.h"

/* Changes whenever the layout or what it means does. */
#define MODEL_PACK_VERSION 1
/* The most bytes a pack may have (a document of a million links is ~200 MB). */
#define MODEL_PACK_MAX ((size_t)512 << 20)

/* The bytes of d, read and checked (check_all), before model_drop_ignored.
 * Caller frees. */
unsigned char *model_pack(const struct model *d, size_t *len);

/* Fills d, as model_create made it (its path; root and site settings set
 * by the caller), from p[0..len). static_name maps a format or unit name
 * to the program's own static string, NULL when it is none. Returns 0, or
 * -1 when the bytes are not a pack this citecheck wrote; d is then to be
 * destroyed. */
int model_unpack(struct model *d, const unsigned char *p, size_t len, const char *(*static_name)(const char *));

#endif
