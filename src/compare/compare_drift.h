/* compare_drift.h — has a page changed since it was cited? The live stage
 * keeps a print of each alive page (live/page_print.h); when the archive stage
 * brings the snapshot's raw body, drift_compare measures how much of the
 * snapshot's main text the live page still has, and whether the cited title
 * appears on each. */
#ifndef CITECHECK_COMPARE_DRIFT_H
#define CITECHECK_COMPARE_DRIFT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

#define DRIFT_THRESHOLD 0.6 /* below: changed */
#define DRIFT_EXCERPT 200   /* bytes of vanished text shown at most */

/* Compares the live page's print with the snapshot's body and fills out
 * (verdict, measure, similarity, titles, lost text). */
void drift_compare(const struct page_print *live, const char *body, size_t len, const char *ctype,
		   const char *title, double threshold, struct drift_result *out);

/* The print of a snapshot's body, made as the live page's is: what the
 * cache keeps of a capture so that drift can be measured again later
 * without fetching it. */
void snapshot_print(const char *body, size_t len, const char *ctype, const char *title, struct page_print *out);

/* drift_compare on two prints: the same verdict and similarity, but no
 * vanished passage (the snapshot's words are not kept). */
void drift_compare_prints(const struct page_print *live, const struct page_print *snap, double threshold,
			  struct drift_result *out);

#endif
