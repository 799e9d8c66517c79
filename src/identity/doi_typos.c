#include "identity/doi_typos.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static bool listed(char **out, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(out[i], s))
			return true;
	return false;
}

/* Keeps s (owned) when it is new and there is room; frees it otherwise. */
static void offer(char **out, size_t *n, size_t max, const char *doi, char *s)
{
	if (*n < max && strcmp(s, doi) != 0 && !listed(out, *n, s))
		out[(*n)++] = s;
	else
		free(s);
}

size_t doi_typo_candidates(const char *doi, char **out, size_t max)
{
	const char *slash = strchr(doi, '/');
	if (!slash || !slash[1])
		return 0;
	size_t from = (size_t)(slash - doi) + 1, len = strlen(doi), n = 0;
	/* two neighbours swapped */
	for (size_t i = from; i + 1 < len && n < max; i++) {
		if (doi[i] == doi[i + 1])
			continue;
		char *s = xstrdup(doi);
		s[i] = doi[i + 1];
		s[i + 1] = doi[i];
		offer(out, &n, max, doi, s);
	}
	/* a character typed twice: one of the pair dropped */
	for (size_t i = from; i + 1 < len && n < max; i++)
		if (doi[i] == doi[i + 1])
			offer(out, &n, max, doi, xasprintf("%.*s%s", (int)i, doi, doi + i + 1));
	/* a character of a pair typed once: doubled (digits only, where
	 * pairs are common: 2011, 1001) */
	for (size_t i = from; i < len && n < max; i++)
		if (doi[i] >= '0' && doi[i] <= '9')
			offer(out, &n, max, doi, xasprintf("%.*s%c%s", (int)i + 1, doi, doi[i], doi + i + 1));
	return n;
}
