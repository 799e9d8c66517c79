#include "util/keyindex.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define EMPTY UINT32_MAX

struct keyindex_slot {
	uint32_t hash;  /* the key's, so that growing needs no key and most others are told apart */
	uint32_t value; /* EMPTY: a free slot */
};

static uint32_t hash_str(const char *s)
{
	return (uint32_t)fnv1a64(s, strlen(s));
}

void keyindex_init(struct keyindex *x)
{
	x->slots = NULL;
	x->cap = x->count = 0;
}

void keyindex_finish(struct keyindex *x)
{
	free(x->slots);
	keyindex_init(x);
}

static struct keyindex_slot *free_slot(const struct keyindex *x, uint32_t h)
{
	size_t mask = x->cap - 1;
	size_t i = h & mask;
	while (x->slots[i].value != EMPTY)
		i = (i + 1) & mask;
	return &x->slots[i];
}

static void grow(struct keyindex *x)
{
	struct keyindex old = *x;
	x->cap = old.cap ? old.cap * 2 : 16;
	x->slots = xmalloc(x->cap * sizeof *x->slots);
	for (size_t i = 0; i < x->cap; i++)
		x->slots[i].value = EMPTY;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].value != EMPTY)
			*free_slot(x, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

bool keyindex_get(const struct keyindex *x, const char *key, keyindex_key key_of, const void *arg, size_t *value)
{
	if (!x->cap)
		return false;
	uint32_t h = hash_str(key);
	size_t mask = x->cap - 1;
	for (size_t i = h & mask; x->slots[i].value != EMPTY; i = (i + 1) & mask)
		if (x->slots[i].hash == h && !strcmp(key_of(arg, x->slots[i].value), key)) {
			*value = x->slots[i].value;
			return true;
		}
	return false;
}

void keyindex_add(struct keyindex *x, const char *key, size_t value)
{
	if (value >= EMPTY) /* an array of 2^32 entries: more memory than a run can have */
		abort();
	if ((x->count + 1) * 4 > x->cap * 3)
		grow(x);
	uint32_t h = hash_str(key);
	struct keyindex_slot *s = free_slot(x, h);
	s->hash = h;
	s->value = (uint32_t)value;
	x->count++;
}
