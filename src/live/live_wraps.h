/* live_wraps.h — a PDF's URL its text may have wrapped (url-wrap-unsure),
 * settled by the live stage's answers for both readings
 * (check/check_wraps.h): when one answers and the other is dead, the one
 * that answers is cited, and a url-wrap-settled finding says so in place
 * of the warning. Any other pair of answers leaves the warning. Runs after
 * the live stage and before the archive stage, which then looks up the
 * URL cited. */
#ifndef CITECHECK_LIVE_WRAPS_H
#define CITECHECK_LIVE_WRAPS_H

#include <stddef.h>

#include "model/model.h"

/* Called for a link that now cites the joined reading: refs[r].links[k]. */
typedef void (*wrap_joined_fn)(struct model *m, size_t r, size_t k, void *arg);

void live_settle_wraps(struct model *m, wrap_joined_fn joined, void *arg);

#endif
