/* baseline.h — this run against the report of an earlier one (--baseline
 * OLD.json): every link's verdict and every finding marked new or
 * unchanged, and what the old report had that is gone (fixed), so that a
 * repository with old rot can gate only new rot.
 *
 * A link is known by its document's path and its URL, and compared by
 * whether it fails (dead, blocked, error; dying in reports before schema
 * 9), not by the verdict's name: failing in both is unchanged, failing now
 * and not then (or absent then) is new, failing then and not now (alive,
 * or gone) is fixed. A finding is known by its document, its code and what
 * it is about (the link's URL, the reference's text, or for a document's
 * own finding its message); one of the old report that this run does not
 * have is fixed. */
#ifndef CITECHECK_BASELINE_H
#define CITECHECK_BASELINE_H

#include <stddef.h>

#include "model/model.h"

#define BASELINE_MAX_BYTES (64 << 20)  /* an old report larger is refused */
#define BASELINE_MAX_ENTRIES 500000    /* links and findings of an old report */

struct baseline;

/* Reads an old report. Returns 0, or -1 with the reason in err: not JSON,
 * not a citecheck report, a report of another schema version, or one past
 * BASELINE_MAX_BYTES or BASELINE_MAX_ENTRIES. */
int baseline_load(const char *path, struct baseline **out, char *err, size_t errlen);
void baseline_free(struct baseline *b);

/* Marks every link and finding of m, and gives m its baseline_diff
 * (model.h). */
void baseline_compare(const struct baseline *b, struct model *m);

const char *baseline_mark_name(enum baseline_mark k);

#endif
