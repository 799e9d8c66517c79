/* fix_apply.h — --fix and --fix-diff: each document's planned fixes
 * (fix_plan.h) written into a copy, through the fixer of its format; the
 * document itself is never modified. */
#ifndef CITECHECK_FIX_APPLY_H
#define CITECHECK_FIX_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

struct fix_output {
	const char *dest;     /* --fix: a folder, a file (one document) or "-"; NULL with diff */
	bool diff;            /* --fix-diff: a unified diff on standard output instead */
	const char *template; /* --fix-template; NULL: the format's own */
};

/* Every document that can gets its copy. Returns 0, or -1 with the first
 * reason in err when a copy could not be made or written or the diff could
 * not be written (a document whose format cannot take fixes is not an
 * error: its fixes say why they were not applied). */
int fix_documents(struct model *m, const struct fix_output *o, char *err, size_t errlen);

#endif
