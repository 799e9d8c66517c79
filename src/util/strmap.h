/* strmap.h — string → index map (open addressing). The map copies its keys
 * and owns the copies, or borrows them (strmap_init_borrowing): then each key
 * is the caller's string, which must outlive the map and not change. Values
 * are indexes into an array the caller owns (below 2^32). */
#ifndef CITECHECK_STRMAP_H
#define CITECHECK_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap {
	struct strmap_slot *slots;
	size_t cap, count;
	bool borrowing; /* the keys are the caller's strings, not copies */
};

void strmap_init(struct strmap *m);
/* A map that keeps the caller's key strings instead of copies: for keys
 * stored beside their values anyway (a model's target URLs), once. */
void strmap_init_borrowing(struct strmap *m);
void strmap_finish(struct strmap *m);
/* true and *value when key is present. */
bool strmap_get(const struct strmap *m, const char *key, size_t *value);
/* Insert key → value unless present; returns the value stored for key. */
size_t strmap_put(struct strmap *m, const char *key, size_t value);
/* Calls fn on every key, in no order. */
void strmap_each(const struct strmap *m, void (*fn)(const char *key, size_t value, void *arg), void *arg);

#endif
