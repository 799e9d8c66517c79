/* Dates as documents write them, and the metadata of a citation (authors,
 * title, publication and access dates) read from its text. */
#include <stdint.h>
#include <stdlib.h>

#include "extract/citation_meta.h"
#include "util/dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	for (size_t i = 0; i < size && i < 4096; i++) {
		struct date d;
		size_t len;
		if (date_parse(s + i, size - i, &d, &len)) {
			char buf[11];
			date_format(d, buf);
		}
		month_parse(s + i, size - i, &len);
	}
	struct citation_meta cm;
	citation_parse(s, size, &cm);
	free(cm.authors);
	free(cm.title);
	citation_starts(s, size);
	return 0;
}
