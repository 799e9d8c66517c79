/* fix_diff.h — --fix-diff: the change a fixed copy makes, as a unified
 * diff that patch(1) applies. Fixes change bytes within lines and never add
 * or remove one, so the lines of the two texts pair one to one and the
 * hunks are the changed lines with three lines of context. */
#ifndef CITECHECK_FIX_DIFF_H
#define CITECHECK_FIX_DIFF_H

#include <stddef.h>
#include <stdio.h>

/* Returns 0, or -1 when out could not be written. */
int fix_diff_write(FILE *out, const char *path, const char *a, size_t an, const char *b, size_t bn);

#endif
