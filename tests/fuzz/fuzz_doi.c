/* A registration agency's answer as citecheck reads it (CSL-JSON, from the
 * network), then compared with a citation: the answer's title, authors and
 * years against a fixed reference, and the reference's title, taken from
 * the input's first line, against the answer's. The same bytes read as
 * the works API's search answer (--find-works), judged against that
 * reference, and the first line as a page's titles against itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "identity/check_dois.h"
#include "identity/find_works.h"
#include "identity/page_identity.h"
#include "identity/work_match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	size_t first = nl ? (size_t)(nl - s) : size;
	char *title = strndup(s, first);
	if (!title)
		return 0;
	struct doi_lookup d = {0};
	d.verdict = DOI_FOUND;
	if (doi_read_csl(&d, nl ? nl + 1 : "", nl ? size - first - 1 : 0) == 0) {
		struct ref_details det = {.title = title, .authors = title, .published = {2020, 0, 0}};
		struct reference r = {.details = &det};
		struct work_match w = work_match(&r, &d);
		(void)w;
		free(d.title);
		free(d.authors);
		free(d.first_family);
		free(d.type);
		free(d.container);
	}
	(void)work_title_similarity(title, title);
	struct ref_details det = {.title = title, .authors = title, .published = {2020, 0, 0}};
	struct reference r = {.details = &det};
	struct work_search ws = {0};
	(void)works_read_answer(&ws, &r, nl ? nl + 1 : "", nl ? size - first - 1 : 0);
	doi_lookup_finish(&ws.work);
	(void)page_titles_compare(title, title, "https://www.example.co.uk/x", -1, false);
	(void)page_titles_compare("Measuring link rot in policy papers", title, title, 0, false);
	free(title);
	return 0;
}
