/* fetch_document.h — a document given as a URL (an auditor checks reports
 * where they are published): downloaded over http or https, redirects
 * followed, at most FETCH_DOCUMENT_MAX bytes, into an unnamed temporary
 * file that the readers then read as any file. */
#ifndef CITECHECK_FETCH_DOCUMENT_H
#define CITECHECK_FETCH_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "live/check_live.h"

#define FETCH_DOCUMENT_MAX ((long long)256 << 20)

/* Whether a PATH is a URL to download: http:// or https://. */
bool fetch_document_url(const char *path);

/* Downloads url into a temporary file already unlinked from its folder,
 * open as *fd (the caller closes it). Returns 0, or -1 with the reason in
 * err (HTTP status, too large, not reachable). */
int fetch_document(const char *url, const struct live_config *net, int *fd, char *err, size_t errlen);

#endif
