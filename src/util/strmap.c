#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* 16 bytes, not 24: a docs tree's maps hold a million slots. The hash's
 * low half places a key and tells most others apart before strcmp; a
 * value is an index of an array in memory, far below 2^32. */
struct strmap_slot {
	const char *key; /* NULL: empty; a copy the map owns unless it is borrowing */
	uint32_t hash;
	uint32_t value;
};

static uint32_t hash_str(const char *s)
{
	return (uint32_t)fnv1a64(s, strlen(s));
}

void strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = m->count = 0;
	m->borrowing = false;
}

void strmap_init_borrowing(struct strmap *m)
{
	strmap_init(m);
	m->borrowing = true;
}

void strmap_finish(struct strmap *m)
{
	bool borrowing = m->borrowing;
	for (size_t i = 0; !borrowing && i < m->cap; i++)
		free((char *)m->slots[i].key);
	free(m->slots);
	strmap_init(m);
	m->borrowing = borrowing;
}

static struct strmap_slot *find(const struct strmap *m, const char *key, uint32_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

static void rehash(struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

bool strmap_get(const struct strmap *m, const char *key, size_t *value)
{
	if (!m->cap)
		return false;
	struct strmap_slot *s = find(m, key, hash_str(key));
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}

size_t strmap_put(struct strmap *m, const char *key, size_t value)
{
	if (value > UINT32_MAX) /* an array of 2^32 entries: more memory than a run can have */
		abort();
	if ((m->count + 1) * 4 > m->cap * 3)
		rehash(m);
	uint32_t h = hash_str(key);
	struct strmap_slot *s = find(m, key, h);
	if (s->key)
		return s->value;
	s->key = m->borrowing ? key : xstrdup(key);
	s->hash = h;
	s->value = (uint32_t)value;
	m->count++;
	return value;
}

void strmap_each(const struct strmap *m, void (*fn)(const char *key, size_t value, void *arg), void *arg)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			fn(m->slots[i].key, m->slots[i].value, arg);
}
