/* The two string maps: strmap (keys copied or borrowed) and keyindex (keys
 * read back from the caller's array). */
#include <stdio.h>
#include <stdlib.h>

#include "util/keyindex.h"
#include "util/strmap.h"
#include "check.h"

#define N 5000

static char keys[N][16];

static const char *key_at(const void *arg, size_t value)
{
	return ((const char (*)[16])arg)[value];
}

static void check_keyindex(void)
{
	struct keyindex x;
	keyindex_init(&x);
	size_t v = 7;
	CHECK(!keyindex_get(&x, "page-1", key_at, keys, &v)); /* empty: nothing, and *value left alone */
	CHECK_INT(v, 7);
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "page-%d", i);
		keyindex_add(&x, keys[i], (size_t)i);
	}
	CHECK_INT(x.count, N);
	int found = 0;
	for (int i = 0; i < N; i++) { /* each after 9 growings: 16 slots to 8192 */
		char k[16];
		snprintf(k, sizeof k, "page-%d", i);
		found += keyindex_get(&x, k, key_at, keys, &v) && v == (size_t)i;
	}
	CHECK_INT(found, N);
	CHECK_INT(x.cap, 8192); /* 5000 keys at most three quarters full */
	CHECK(!keyindex_get(&x, "page-5000", key_at, keys, &v));
	CHECK(!keyindex_get(&x, "page-", key_at, keys, &v));
	CHECK(!keyindex_get(&x, "", key_at, keys, &v));
	/* the text compared is the array's: a key changed there no longer matches */
	keys[42][0] = 'P';
	CHECK(!keyindex_get(&x, "page-42", key_at, keys, &v));
	keyindex_finish(&x);
	CHECK(x.slots == NULL && x.cap == 0 && x.count == 0);
	CHECK(!keyindex_get(&x, "page-42", key_at, keys, &v));
}

static void check_strmap(void)
{
	struct strmap m;
	strmap_init(&m);
	char key[8] = "alpha";
	CHECK_INT(strmap_put(&m, key, 3), 3);
	key[0] = 'A'; /* the map kept a copy */
	size_t v = 0;
	CHECK(strmap_get(&m, "alpha", &v) && v == 3);
	CHECK(!strmap_get(&m, "Alpha", &v));
	CHECK_INT(strmap_put(&m, "alpha", 9), 3); /* present: the first value stays */
	strmap_finish(&m);
}

int main(void)
{
	check_keyindex();
	check_strmap();
	return check_done("maps");
}
