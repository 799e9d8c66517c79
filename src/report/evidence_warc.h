/* evidence_warc.h — --warc FILE: what citecheck fetched, kept as evidence
 * in a WARC/1.1 file (ISO 28500): a request and a response record for every
 * answer to a GET, live pages and snapshots alike, with WARC-Target-URI,
 * WARC-Date, WARC-IP-Address and the SHA-1 payload and block digests; then
 * a metadata record per URL with citecheck's verdicts. Each record is a
 * gzip member of its own, as .warc.gz readers expect, so the file can be
 * read from any record on. Credentials are never written: the headers the
 * config file or Save Page Now add are dropped from the request records,
 * and POST requests (Save Page Now) are not kept. The file is written
 * beside its name and renamed into place at the end. */
#ifndef CITECHECK_EVIDENCE_WARC_H
#define CITECHECK_EVIDENCE_WARC_H

#include <stddef.h>

#include "live/check_live.h"
#include "model/model.h"

struct warc_writer;

/* Returns 0, or -1 with the reason in err. */
int warc_open(struct warc_writer **w, const char *path, char *err, size_t errlen);
/* A live_config.record callback: arg is the writer. */
void warc_exchange(void *arg, const struct live_exchange *x);
/* The metadata records, then the file in place. Frees w. Returns 0, or -1
 * with the reason in err (a write that failed on the way). */
int warc_close(struct warc_writer *w, const struct model *m, char *err, size_t errlen);

#endif
