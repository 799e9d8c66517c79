/* fix_plan.h — what --fix changes in each document, decided from the
 * checked model: a fix is planned only where an answer of the web or the
 * archive makes it certain. Writing the copies is fix_apply.h's. */
#ifndef CITECHECK_FIX_PLAN_H
#define CITECHECK_FIX_PLAN_H

#include <stdbool.h>

#include "extract/classify_url.h"
#include "model/model.h"

struct fix_options {
	bool moved;           /* --fix-moved: permanently moved pages get their new address */
	const char *wayback;  /* the archive's address, where repaired snapshots are confirmed */
	bool no_archive;      /* --no-archive: a repaired snapshot cannot be confirmed */
	const struct classify_config *classify;
};

/* Before the web is checked: gives every link whose URL can be repaired
 * (spaces, illegal characters, bad %-encodings) a target of its own, the
 * repaired URL, for the live stage to confirm. */
void fix_prepare(struct model *m, const struct fix_options *o);

/* After the checks: fills each document's fixes, in document order. */
void fix_plan(struct model *m, const struct fix_options *o);

#endif
