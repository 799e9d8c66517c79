/* URL scanning and classification: every link the scanner finds in each
 * line, then libcurl's normalising and citecheck's classifying of it (Wayback
 * snapshots and save links, DOIs), as the extractor does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/classify_url.h"
#include "model/model.h"
#include "extract/scan_footnotes.h"
#include "extract/scan_links.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one_line(const char *s, size_t n)
{
	struct line_memo lm = {0};
	struct link_hit hit;
	size_t pos = 0;
	struct classify_config cfg = {"archive.example.org"};
	while (scan_next_link(s, n, &pos, &hit, &lm)) {
		if (!hit.url)
			continue;
		struct link l;
		memset(&l, 0, sizeof l);
		l.url = hit.url; /* link_finish frees it */
		classify_link(&l, &cfg);
		const char *err;
		free(url_normalize(l.url, &err));
		free(url_host(l.url));
		link_finish(&l);
	}
	struct footnote_marker mk;
	pos = 0;
	while (scan_next_marker(s, n, &pos, &mk, &lm))
		;
	line_memo_finish(&lm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		one_line(s, (size_t)(e - s));
		s = nl ? nl + 1 : end;
	}
	return 0;
}
