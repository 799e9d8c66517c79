/* classify_url.h — what a cited URL is: parsed and normalised with libcurl's
 * URL API, then sorted into direct link, Wayback snapshot, Wayback save
 * request, other web archive, or DOI, with the archived original, the
 * snapshot time and the DOI taken out. */
#ifndef CITECHECK_CLASSIFY_URL_H
#define CITECHECK_CLASSIFY_URL_H

#include "model/model.h"

struct classify_config {
	/* A Wayback host besides web.archive.org (a mirror or a test archive),
	 * lower case, without port. May be NULL. */
	const char *wayback_host;
};

/* Fills l->normalized, valid, kind, original, timestamp, pinned and doi from l->url. */
void classify_link(struct link *l, const struct classify_config *cfg);

/* curl's normalised form of url (scheme and host lower case, default port
 * dropped), or NULL when curl rejects it; *err gets curl's reason then.
 * The caller frees the result with free(). */
char *url_normalize(const char *url, const char **err);

/* ref resolved against the absolute URL base (curl's URL API), or NULL when
 * either does not parse. Caller frees. */
char *url_resolve(const char *base, const char *ref);
/* Whether s starts with a scheme ("https:", "mailto:"): not a relative reference. */
bool url_has_scheme(const char *s);
/* A scheme other than http, https and ftp (mailto:, tel:): not a web page. */
bool url_other_scheme(const char *s);

/* The host of url in lower case, or NULL when curl rejects url. Caller frees. */
char *url_host(const char *url);

/* url past its "scheme://" and a leading "www.": what two spellings of one
 * page share (http and https, with and without www). Points into url. */
const char *url_without_scheme_www(const char *url);

/* "20240229041839" → "2024-02-29T04:18:39Z" into out; false unless the
 * timestamp has 14 digits and is a real time. */
bool wayback_timestamp_iso(const char *ts, char out[static 21]);
/* "2024-02-29" from the same 14 digits into out; false (out untouched)
 * unless they are a real time. */
bool wayback_timestamp_day(const char *ts, char out[static 11]);

#endif
