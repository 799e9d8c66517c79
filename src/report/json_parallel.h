/* json_parallel.h — the items of a long array (a report's documents)
 * rendered by several threads, each into memory, and written in their
 * order: the bytes are the same whatever the number of threads. The items
 * must only read what they render (a model the run no longer changes). */
#ifndef CITECHECK_JSON_PARALLEL_H
#define CITECHECK_JSON_PARALLEL_H

#include <stddef.h>

#include "report/json_stream.h"

/* Writes items 0 .. n-1 into js: item(stream, i, arg) renders item i into
 * the stream it is given, which is js itself when jobs is 1. A thread
 * renders a run of consecutive items at a time (up to 16); at most a few
 * runs a thread wait in memory to be written. Stops early once js has
 * failed. */
void js_items_parallel(struct json_stream *js, size_t n, unsigned jobs,
		       void (*item)(struct json_stream *out, size_t i, const void *arg), const void *arg);

#endif
