/* fix_edits.h — a document's copy as its bytes plus a list of changes:
 * bytes [at, at + cut) replaced by text, applied in offset order. The
 * fixers of marked-up formats collect their changes here. */
#ifndef CITECHECK_FIX_EDITS_H
#define CITECHECK_FIX_EDITS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/util.h"

struct edit {
	size_t at, cut;
	char *text; /* owned */
};

struct edits {
	struct edit *v;
	size_t n, cap;
};

/* Takes ownership of text. */
void edits_add(struct edits *e, size_t at, size_t cut, char *text);
/* src with the edits, into out; the edits are freed. Edits that overlap an
 * earlier one are dropped. */
void edits_apply(struct edits *e, const char *src, size_t n, struct buf *out);

/* The first of d's fixes for a link with this URL, or NULL. */
struct fix *fixes_for_url(struct document *d, const char *url);
/* Marks every fix of d for url applied (they are one URL, one change). */
void fixes_mark_url(struct document *d, const char *url);
/* Gives the fixes of d left unapplied and without a reason this one. */
void fixes_unmatched(struct document *d, const char *reason);
/* Whether the fix keeps the URL and adds its snapshot after it. */
bool fix_is_addition(enum fix_kind k);

#endif
