/* The Wayback Machine's answers as citecheck reads them: a CDX index answer,
 * a Save Page Now answer, the block a 429's page announces, and the
 * timestamps in replay addresses and HTTP dates. The first byte chooses
 * which. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "archive/wayback_api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	char ts[15];
	switch (data[0] % 4) {
	case 0:
		wayback_cdx_closest(s, n, "20240220000000", ts);
		break;
	case 1: {
		struct spn_answer a;
		if (wayback_spn_parse(s, n, &a) == 0)
			spn_answer_finish(&a);
		break;
	}
	case 2:
		(void)wayback_block_seconds(s, n); /* not NUL-terminated: bounded by n */
		break;
	default: {
		char *z = strndup(s, n);
		if (!z)
			return 0;
		wayback_replay_timestamp(z, ts);
		wayback_http_date(z, ts);
		free(z);
	}
	}
	return 0;
}
