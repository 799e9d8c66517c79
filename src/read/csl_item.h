/* csl_item.h — reading the fields of a CSL-JSON item (jansson values). */
#ifndef CITECHECK_CSL_ITEM_H
#define CITECHECK_CSL_ITEM_H

#include <jansson.h>

#include "util/dates.h"

/* {"date-parts": [[2024, 2, 5]]}, {"raw": "2024-02-05"}, or a string; a
 * zero date when none can be read. */
struct date csl_item_date(const json_t *d);
/* "Family, Given; Family2, Given2" or the literal names; NULL for none.
 * Caller frees. */
char *csl_item_names(const json_t *list);
/* item[key] as a string, or the first string of an array; NULL when empty. */
const char *csl_item_text(const json_t *item, const char *key);
/* The first author's family name, or literal name; NULL for none. */
const char *csl_item_first_family(const json_t *item);

#endif
