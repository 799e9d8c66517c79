#include "report/json_parallel.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "util/util.h"

/* Runs of items rendered ahead of the one written next, per thread:
 * enough that a long one does not leave the others idle, few enough that
 * memory holds a handful of documents, not the report. */
#define AHEAD_PER_JOB 4
/* Items a run holds at most: a docs tree's 38,000 small documents handed
 * over one by one spent more on the hand-over than on rendering. */
#define RUN_MAX 16

struct rendered {
	char *bytes; /* NULL: not rendered yet, or rendering failed */
	size_t len, cap;
	bool ready;
};

/* A block written out, kept to render another run into: a report of
 * 100,000 links is 100 MB, which would otherwise be allocated, grown and
 * faulted in afresh a run at a time. */
struct spare {
	char *bytes;
	size_t cap;
};

struct renderers {
	size_t n, run;           /* items in all, and in a run (the last may hold fewer) */
	size_t runs, next, written; /* runs: in all, the next to render, written out */
	size_t window;           /* slots: run i renders into slots[i % window] */
	struct rendered *slots;
	struct spare *spares; /* up to window + threads of them */
	size_t nspares, spares_max;
	bool stop;               /* the output failed: render no more */
	void (*item)(struct json_stream *out, size_t i, const void *arg);
	const void *arg;
	pthread_mutex_t lock;
	pthread_cond_t changed;
};

static void *renderer(void *p)
{
	struct renderers *r = p;
	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (!r->stop && r->next < r->runs && r->next >= r->written + r->window)
			pthread_cond_wait(&r->changed, &r->lock);
		if (r->stop || r->next >= r->runs)
			break;
		size_t i = r->next++;
		struct spare block = r->nspares ? r->spares[--r->nspares] : (struct spare){NULL, 0};
		pthread_mutex_unlock(&r->lock);
		struct json_stream js;
		json_stream_init_memory(&js, block.bytes, block.cap);
		for (size_t k = i * r->run; k < (i + 1) * r->run && k < r->n && !js.failed; k++)
			r->item(&js, k, r->arg);
		size_t len, cap;
		char *bytes = json_stream_take(&js, &len, &cap);
		pthread_mutex_lock(&r->lock);
		r->slots[i % r->window] = (struct rendered){bytes, len, cap, true};
		pthread_cond_broadcast(&r->changed);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

void js_items_parallel(struct json_stream *js, size_t n, unsigned jobs,
		       void (*item)(struct json_stream *out, size_t i, const void *arg), const void *arg)
{
	if (jobs > n)
		jobs = (unsigned)n;
	if (jobs <= 1) {
		for (size_t i = 0; i < n && !js->failed; i++)
			item(js, i, arg);
		return;
	}
	struct renderers r = {.n = n, .window = (size_t)jobs * AHEAD_PER_JOB, .item = item, .arg = arg};
	/* runs enough for every thread to have several, at most RUN_MAX items each */
	r.run = n / (r.window * 4);
	r.run = r.run < 1 ? 1 : r.run > RUN_MAX ? RUN_MAX : r.run;
	r.runs = (n + r.run - 1) / r.run;
	r.slots = xcalloc(r.window, sizeof *r.slots);
	r.spares_max = r.window + jobs;
	r.spares = xcalloc(r.spares_max, sizeof *r.spares);
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.changed, NULL);
	pthread_t *threads = xmalloc(jobs * sizeof *threads);
	unsigned started = 0;
	while (started < jobs && pthread_create(&threads[started], NULL, renderer, &r) == 0)
		started++;
	if (!started) { /* no thread to be had: this one renders them all */
		free(threads);
		free(r.slots);
		free(r.spares);
		pthread_cond_destroy(&r.changed);
		pthread_mutex_destroy(&r.lock);
		for (size_t i = 0; i < n && !js->failed; i++)
			item(js, i, arg);
		return;
	}
	pthread_mutex_lock(&r.lock);
	for (size_t i = 0; i < r.runs; i++) {
		struct rendered *s = &r.slots[i % r.window];
		while (!s->ready)
			pthread_cond_wait(&r.changed, &r.lock);
		struct rendered got = *s;
		*s = (struct rendered){NULL, 0, 0, false};
		r.written = i + 1;
		pthread_cond_broadcast(&r.changed);
		pthread_mutex_unlock(&r.lock);
		if (got.bytes)
			js_raw(js, got.bytes, got.len);
		else
			js->failed = true; /* an item that could not be rendered: the report is not whole */
		pthread_mutex_lock(&r.lock);
		if (got.bytes && r.nspares < r.spares_max)
			r.spares[r.nspares++] = (struct spare){got.bytes, got.cap};
		else
			free(got.bytes);
		if (js->failed) {
			r.stop = true;
			pthread_cond_broadcast(&r.changed);
			break;
		}
	}
	pthread_mutex_unlock(&r.lock);
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	for (size_t i = 0; i < r.window; i++) /* rendered past a failure */
		free(r.slots[i].bytes);
	for (size_t i = 0; i < r.nspares; i++)
		free(r.spares[i].bytes);
	free(threads);
	free(r.slots);
	free(r.spares);
	pthread_cond_destroy(&r.changed);
	pthread_mutex_destroy(&r.lock);
}
