/* zip_markup.h — one part of a zip document streamed through the markup
 * parser, with the archive's own errors (bombs, corruption) reported first. */
#ifndef CITECHECK_ZIP_MARKUP_H
#define CITECHECK_ZIP_MARKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "read/markup_stream.h"
#include "read/zip_archive.h"

/* Returns 1 when parsed, 0 when the part is absent, -1 with a reason in err. */
int zip_markup_parse(struct zip_doc *z, const char *part, bool html, const struct markup_events *ev,
		     void *u, char *err, size_t errlen);
/* The same for a small part held in memory (relationships, manifests). */
int zip_markup_parse_small(struct zip_doc *z, const char *part, const struct markup_events *ev, void *u,
			   char *err, size_t errlen);

#endif
