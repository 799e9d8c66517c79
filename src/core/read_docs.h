/* read_docs.h — the run's documents read, extracted and checked, each in a
 * model of its own, by several readers at once (--read-jobs), and merged
 * into the run's model in the order they were given: the report is the
 * same, byte for byte, whatever the number of readers. */
#ifndef CITECHECK_READ_DOCS_H
#define CITECHECK_READ_DOCS_H

#include <stddef.h>

#include "cache/cache.h"
#include "core/cli.h"
#include "core/inputs.h"
#include "core/progress.h"
#include "live/check_live.h"
#include "live/live_engine.h"
#include "model/model.h"

/* Readers when --read-jobs is not given: one a core, at most this many. */
#define READ_JOBS_DEFAULT_MAX 8

/* How many readers a run of ndocs documents gets. */
size_t read_jobs(const struct options *opt, size_t ndocs);

/* Reads every document of in into run, stopping early when the run is
 * interrupted. One that cannot be read is listed with why, and
 * unreadable(path, why) is called for it, in order, from this thread.
 * With a live stage begun (NULL: none), what each document merged makes
 * sure to fetch is planned, and this thread turns the transfers while it
 * waits for the next document.
 * With a cache (NULL: none), a file whose model it keeps (its bytes, path
 * and the reading options the same; younger than the policy's max age) is
 * not read again, and each one read is kept; a write that failed leaves
 * its reason in cache_err (else ""). */
void read_documents(struct model *run, const struct options *opt, const struct input_list *in,
		    const struct live_config *net, struct cache *cache, const struct cache_policy *policy,
		    struct progress *progress, void (*unreadable)(const char *path, const char *why),
		    struct live_stage *live, char *cache_err, size_t cache_errlen);

#endif
