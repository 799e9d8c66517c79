/* keyindex.h — string → index map whose keys stay in the caller's array:
 * a slot holds only the key's hash and the index (8 bytes, half a strmap
 * slot), and the key is read back through the caller's key_of when hashes
 * agree. For a map as large as its array: a docs tree's 236,000 targets. */
#ifndef CITECHECK_KEYINDEX_H
#define CITECHECK_KEYINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct keyindex {
	struct keyindex_slot *slots;
	size_t cap, count;
};

/* The key of the entry at index value of the caller's array. */
typedef const char *(*keyindex_key)(const void *arg, size_t value);

void keyindex_init(struct keyindex *x);
void keyindex_finish(struct keyindex *x);
/* true and *value when key is present. */
bool keyindex_get(const struct keyindex *x, const char *key, keyindex_key key_of, const void *arg, size_t *value);
/* Files value (below 2^32 - 1) under key, which must not be present yet. */
void keyindex_add(struct keyindex *x, const char *key, size_t value);

#endif
