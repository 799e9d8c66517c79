/* scan_dois.h — DOIs written bare in a reference's text, as citation
 * styles print them: "doi:10.1000/xyz" (APA 6), "DOI: 10.1000/xyz"
 * (Vancouver, Chicago), "doi 10.1000/xyz". A DOI inside a URL
 * (https://doi.org/10.…) is the URL's, not found here. */
#ifndef CITECHECK_SCAN_DOIS_H
#define CITECHECK_SCAN_DOIS_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/scan_links.h"

/* The next bare DOI at or after *pos in s[0..n): true, with hit's span the
 * DOI as written ("DOI: 10.1000/xyz") and its url "doi:10.1000/xyz" (owned
 * by the caller), syntax SYNTAX_BARE; *pos moves past it. */
bool scan_next_doi(const char *s, size_t n, size_t *pos, struct link_hit *hit);

#endif
