#include "core/read_docs.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "check/checks.h"
#include "extract/classify_url.h"
#include "live/check_live.h"
#include "live/fetch_document.h"
#include "model/model_pack.h"
#include "read/detect_format.h"
#include "read/read_document.h"
#include "util/interrupt.h"
#include "util/util.h"

/* One document's outcome, waiting for its turn to be merged. */
struct slot {
	struct model *d; /* read and checked; NULL when it could not be read */
	char err[512];   /* why not */
	bool ready;
	/* --cache: the document read now, to be kept (owned); NULL when it came
	 * from the cache or is not kept (standard input, a URL) */
	char *key;
	unsigned char *pack;
	size_t pack_len;
	unsigned reader; /* the reader that read it (its index) */
};

/* Models emptied by the merge, for the reader that made them to free:
 * memory goes back to the allocator's arena of the thread that took it,
 * without a lock shared with a thread still reading. */
struct trash {
	struct model **v;
	size_t n, cap;
};

/* What the readers share. Documents are handed out in order, and a reader
 * runs at most window documents ahead of the merge, so memory holds a few
 * documents' models, not the whole run's. */
struct readers {
	const struct options *opt;
	const struct input_list *in;
	const struct live_config *net;
	struct classify_config cc;
	pthread_mutex_t lock;
	pthread_cond_t done; /* a slot became ready */
	pthread_cond_t room; /* the merge moved on, or the readers must stop */
	/* one download at a time: the WARC writer that records it is not
	 * made for several threads, and downloads are rare */
	pthread_mutex_t fetching;
	size_t next;   /* the next document to hand out */
	size_t merged; /* documents merged so far */
	size_t window; /* slots: documents read ahead of the merge, at most */
	bool stop;
	struct slot *slots; /* document i waits in slots[i % window] */
	/* --cache: documents read before, not read again (one thread at a time
	 * asks it: cache_lock) */
	struct cache *cache;
	const struct cache_policy *policy;
	pthread_mutex_t cache_lock;
	char cache_err[256]; /* the first write that failed */
	struct trash *trash; /* one a reader, under lock */
	unsigned nreaders;
	/* the live stage begun before reading (NULL: none): this thread turns
	 * it while it waits for a document; busy: it has transfers to turn */
	struct live_stage *live;
	bool live_busy;
};

/* The git top folder of the last document's folder: a walk gives the
 * documents of one folder one after another, and each asks once. Each
 * reader keeps its own. */
struct git_top {
	char *dir, *top;
};

static char *git_top_of(struct git_top *g, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	if (!g->dir || strlen(g->dir) != n || strncmp(g->dir, path, n)) {
		free(g->dir);
		free(g->top);
		g->dir = xstrndup(path, n);
		g->top = inputs_git_top(path);
	}
	return g->top ? xstrdup(g->top) : NULL;
}

/* Downloads the document when it is a URL: 0 with *fd open, or -1 with why. */
static int download(struct readers *r, const char *path, int *fd, char *err, size_t errlen)
{
	if (r->opt->extract_only) {
		snprintf(err, errlen, "a document on the web is not downloaded under --extract-only");
		return -1;
	}
	pthread_mutex_lock(&r->fetching);
	int rc = fetch_document(path, r->net, fd, err, errlen);
	pthread_mutex_unlock(&r->fetching);
	return rc;
}

/* The program's own static string for a format or unit name a pack gives. */
static const char *static_name(const char *name)
{
	enum doc_format f;
	if (doc_format_parse(name, &f))
		return doc_format_name(f);
	/* the units, and the one format read_document.c names outside the
	 * table (reStructuredText is read as text) */
	static const char *const units[] = {"line", "paragraph", "item", "rst", NULL};
	for (const char *const *u = units; *u; u++)
		if (!strcmp(name, *u))
			return *u;
	return NULL;
}

/* The key of document d's pack: SHA-256 over what the model read from it
 * depends on (this citecheck, the pack's layout, the options that change
 * reading, the path) and the file's bytes. NULL when the file cannot be
 * read here (the reader then says why). Caller frees. */
static char *document_key(const struct readers *r, const struct model *d)
{
	const struct options *o = r->opt;
	char *head = xasprintf("citecheck %s pack %d\n%d|%s|%d|%d|%s|%s|%s|%s\n%s\n", CITECHECK_VERSION,
			       MODEL_PACK_VERSION, (int)o->input_format, o->base_url ? o->base_url : "",
			       (int)o->check_chrome, (int)o->site, o->site_base ? o->site_base : "",
			       d->doc.root ? d->doc.root : "", d->doc.site_root ? d->doc.site_root : "",
			       r->cc.wayback_host ? r->cc.wayback_host : "", d->doc.path);
	char *key = hash_file_hex(d->doc.path, head, strlen(head));
	free(head);
	return key;
}

/* Document i's model, empty: its path, and where its links may lead. */
static struct model *new_document(const struct readers *r, struct git_top *top, size_t i)
{
	const struct options *opt = r->opt;
	const char *path = r->in->paths[i];
	struct model *d = model_create(path);
	d->doc.root = xstrdup(r->in->roots[i]);
	d->doc.site_root = opt->root ? xstrdup(opt->root) : git_top_of(top, path);
	d->doc.site = opt->site;
	d->doc.site_base = opt->site_base;
	return d;
}

/* Document i from the cache, when it holds its pack; NULL otherwise, and
 * then *key is what to keep it under once read (NULL: not kept). */
static struct model *from_cache(struct readers *r, struct git_top *top, size_t i, char **key)
{
	*key = NULL;
	const char *path = r->in->paths[i];
	if (!r->cache || !strcmp(path, "-") || fetch_document_url(path))
		return NULL;
	struct model *d = new_document(r, top, i);
	if ((*key = document_key(r, d)) == NULL) {
		model_destroy(d);
		return NULL;
	}
	unsigned char *pack;
	size_t len;
	pthread_mutex_lock(&r->cache_lock);
	bool found = cache_get_document(r->cache, *key, r->policy, &pack, &len);
	pthread_mutex_unlock(&r->cache_lock);
	int rc = found ? model_unpack(d, pack, len, static_name) : -1;
	if (found)
		free(pack);
	if (found && rc != 0) { /* not ours: the document is read, and its row written again */
		pthread_mutex_lock(&r->cache_lock);
		cache_refuse(r->cache);
		pthread_mutex_unlock(&r->cache_lock);
	}
	if (rc != 0) {
		model_destroy(d);
		return NULL;
	}
	free(*key);
	*key = NULL;
	return d;
}

/* Reads and checks document i into s. */
static void read_one(struct readers *r, struct git_top *top, size_t i, struct slot *s)
{
	const struct options *opt = r->opt;
	const char *path = r->in->paths[i];
	struct read_options ro = {.classify = &r->cc, .format = opt->input_format, .base_url = opt->base_url,
				  .check_chrome = opt->check_chrome};
	if ((s->d = from_cache(r, top, i, &s->key)) != NULL) {
		s->ready = true;
		return;
	}
	struct model *d = new_document(r, top, i);
	char file[64];
	int fd = -1;
	bool url = fetch_document_url(path);
	if (url && download(r, path, &fd, s->err, sizeof s->err) == 0) {
		/* the download, read through its descriptor; relative links resolve against its address */
		snprintf(file, sizeof file, "/proc/self/fd/%d", fd);
		ro.file = file;
		if (!ro.base_url)
			ro.base_url = path;
	}
	if ((url && fd < 0) || read_document(d, &ro, s->err, sizeof s->err) < 0) {
		model_destroy(d);
		d = NULL;
	} else {
		check_all(d);
		if (s->key)
			s->pack = model_pack(d, &s->pack_len);
	}
	if (fd >= 0)
		close(fd);
	s->d = d;
	s->ready = true;
}

struct reader_arg {
	struct readers *r;
	unsigned id;
};

/* Frees what the merge emptied of the models reader id made. */
static void empty_trash(struct readers *r, unsigned id)
{
	pthread_mutex_lock(&r->lock);
	struct trash t = r->trash[id];
	r->trash[id] = (struct trash){NULL, 0, 0};
	pthread_mutex_unlock(&r->lock);
	for (size_t k = 0; k < t.n; k++)
		model_destroy(t.v[k]);
	free(t.v);
}

static void *reader(void *arg)
{
	struct readers *r = ((struct reader_arg *)arg)->r;
	unsigned id = ((struct reader_arg *)arg)->id;
	struct git_top top = {NULL, NULL};
	for (;;) {
		empty_trash(r, id);
		pthread_mutex_lock(&r->lock);
		while (!r->stop && r->next < r->in->n && r->next - r->merged >= r->window)
			pthread_cond_wait(&r->room, &r->lock);
		if (r->stop || r->next >= r->in->n || interrupted()) {
			pthread_mutex_unlock(&r->lock);
			break;
		}
		size_t i = r->next++;
		pthread_mutex_unlock(&r->lock);
		struct slot s = {NULL, "", false, NULL, NULL, 0, id};
		read_one(r, &top, i, &s);
		pthread_mutex_lock(&r->lock);
		r->slots[i % r->window] = s;
		pthread_cond_broadcast(&r->done);
		pthread_mutex_unlock(&r->lock);
		if (r->live) /* the merging thread may be turning the transfers */
			live_stage_wakeup(r->live);
	}
	empty_trash(r, id);
	free(top.dir);
	free(top.top);
	return NULL;
}

/* A quarter of a second from now, on the clock pthread's waits use. */
static struct timespec soon(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += 250 * 1000 * 1000;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

/* Document i, once a reader has it; false when the run was interrupted
 * first. The wait wakes now and then to notice a signal; meanwhile the
 * live stage's transfers go on (a reader's wakeup ends their wait). */
static bool wait_for(struct readers *r, size_t i, struct slot *out)
{
	pthread_mutex_lock(&r->lock);
	struct slot *s = &r->slots[i % r->window];
	while (!s->ready && !interrupted()) {
		if (r->live_busy) {
			pthread_mutex_unlock(&r->lock);
			r->live_busy = live_stage_step(r->live, 250);
			pthread_mutex_lock(&r->lock);
			continue;
		}
		struct timespec until = soon();
		pthread_cond_timedwait(&r->done, &r->lock, &until);
	}
	bool got = s->ready;
	if (got) {
		*out = *s;
		s->ready = false;
		s->d = NULL; /* the merge owns them now */
		s->key = NULL;
		s->pack = NULL;
	}
	pthread_mutex_unlock(&r->lock);
	return got;
}

/* SIGUSR1 only ends a reader's blocking call, its handler installed
 * without SA_RESTART. */
static void wake(int sig)
{
	(void)sig;
}

/* Waits for a reader to end. Once the run is interrupted, a reader still
 * blocked on its document (a FIFO or a terminal that never gives one: the
 * signal went to another thread) is woken until it sees the stop. */
static void join_reader(pthread_t t)
{
	if (!interrupted()) {
		pthread_join(t, NULL);
		return;
	}
	for (;;) {
		pthread_kill(t, SIGUSR1);
		struct timespec until = soon();
		if (pthread_timedjoin_np(t, NULL, &until) == 0)
			return;
	}
}

/* --cache: the document just read kept for the next run. A cache that
 * cannot be written is said once, and nothing more is written to it. */
static void keep_document(struct readers *r, struct slot *s)
{
	if (s->pack && r->cache && !r->cache_err[0]) {
		pthread_mutex_lock(&r->cache_lock);
		cache_put_document(r->cache, s->key, r->policy, s->pack, s->pack_len, r->cache_err, sizeof r->cache_err);
		pthread_mutex_unlock(&r->cache_lock);
	}
	free(s->key);
	free(s->pack);
	s->key = NULL;
	s->pack = NULL;
}

static void merge_one(struct readers *r, struct model *run, const char *path, struct slot *s,
		      struct progress *progress, void (*unreadable)(const char *path, const char *why))
{
	if (!s->d) {
		progress_end(progress); /* the message on a line of its own */
		unreadable(path, s->err);
		model_add_unreadable(run, path, NULL, s->err);
		return;
	}
	model_drop_ignored(s->d, run->ignored, &run->ignored_links);
	model_merge(run, s->d);
	if (!r->nreaders) {
		model_destroy(s->d);
		return;
	}
	pthread_mutex_lock(&r->lock);
	struct trash *t = &r->trash[s->reader];
	grow_array(&t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = s->d;
	pthread_mutex_unlock(&r->lock);
}

size_t read_jobs(const struct options *opt, size_t ndocs)
{
	long n = opt->read_jobs;
	if (n <= 0) {
		/* the cores this process may run on (taskset, a container's
		 * cpuset), not all the machine has */
		cpu_set_t cores;
		n = sched_getaffinity(0, sizeof cores, &cores) == 0 ? CPU_COUNT(&cores) : sysconf(_SC_NPROCESSORS_ONLN);
		if (n > READ_JOBS_DEFAULT_MAX)
			n = READ_JOBS_DEFAULT_MAX;
	}
	if (n < 1)
		n = 1;
	return (size_t)n < ndocs ? (size_t)n : ndocs > 0 ? ndocs : 1;
}

void read_documents(struct model *run, const struct options *opt, const struct input_list *in,
		    const struct live_config *net, struct cache *cache, const struct cache_policy *policy,
		    struct progress *progress, void (*unreadable)(const char *path, const char *why),
		    struct live_stage *live, char *cache_err, size_t cache_errlen)
{
	progress_stage(progress, PROGRESS_READING, run);
	read_document_init();
	struct readers r = {.opt = opt, .in = in, .net = net, .cache = cache, .policy = policy, .live = live};
	pthread_mutex_init(&r.cache_lock, NULL);
	/* links under --wayback are Wayback links, as web.archive.org's are */
	char *wayback_host = opt->wayback ? url_host(opt->wayback) : NULL;
	r.cc.wayback_host = wayback_host;
	pthread_mutex_init(&r.lock, NULL);
	pthread_mutex_init(&r.fetching, NULL);
	pthread_cond_init(&r.done, NULL);
	pthread_cond_init(&r.room, NULL);
	size_t jobs = read_jobs(opt, in->n);
	r.window = 4 * jobs;
	r.slots = xcalloc(r.window, sizeof *r.slots);
	pthread_t *threads = xcalloc(jobs, sizeof *threads);
	struct sigaction wake_sa, before;
	memset(&wake_sa, 0, sizeof wake_sa);
	wake_sa.sa_handler = wake;
	sigemptyset(&wake_sa.sa_mask);
	sigaction(SIGUSR1, &wake_sa, &before);
	size_t started = 0;
	r.trash = xcalloc(jobs, sizeof *r.trash);
	struct reader_arg *args = xcalloc(jobs, sizeof *args);
	for (size_t t = 0; t < jobs; t++)
		args[t] = (struct reader_arg){&r, (unsigned)t};
	while (jobs > 1 && started < jobs && pthread_create(&threads[started], NULL, reader, &args[started]) == 0)
		started++;
	r.nreaders = (unsigned)started;
	struct git_top top = {NULL, NULL}; /* when this thread reads: one reader, or none could start */
	for (size_t i = 0; i < in->n && !interrupted(); i++) {
		struct slot s = {NULL, "", false, NULL, NULL, 0, 0};
		if (started)
			wait_for(&r, i, &s);
		else
			read_one(&r, &top, i, &s);
		if (!s.ready)
			break;
		keep_document(&r, &s);
		merge_one(&r, run, in->paths[i], &s, progress, unreadable);
		if (live) { /* what this document cites is fetched from now on */
			live_stage_plan_early(live, run);
			r.live_busy = true;
			if (!started) /* this thread reads too: one turn between documents */
				r.live_busy = live_stage_step(live, 0);
		}
		pthread_mutex_lock(&r.lock);
		r.merged = i + 1;
		pthread_cond_broadcast(&r.room);
		pthread_mutex_unlock(&r.lock);
		progress_documents(progress, i + 1, in->n);
	}
	pthread_mutex_lock(&r.lock);
	r.stop = true;
	pthread_cond_broadcast(&r.room);
	pthread_mutex_unlock(&r.lock);
	for (size_t t = 0; t < started; t++)
		join_reader(threads[t]);
	sigaction(SIGUSR1, &before, NULL);
	for (size_t t = 0; t < jobs; t++) /* left by a reader that ended first */
		for (size_t k = 0; k < r.trash[t].n; k++)
			model_destroy(r.trash[t].v[k]);
	for (size_t t = 0; t < jobs; t++)
		free(r.trash[t].v);
	free(r.trash);
	free(args);
	for (size_t k = 0; k < r.window; k++) { /* read, never merged: the run was interrupted */
		model_destroy(r.slots[k].d);
		free(r.slots[k].key);
		free(r.slots[k].pack);
	}
	if (cache && !r.cache_err[0])
		cache_documents_flush(cache, r.cache_err, sizeof r.cache_err);
	if (r.cache_err[0])
		snprintf(cache_err, cache_errlen, "%s", r.cache_err);
	free(threads);
	free(r.slots);
	free(top.dir);
	free(top.top);
	pthread_cond_destroy(&r.room);
	pthread_cond_destroy(&r.done);
	pthread_mutex_destroy(&r.fetching);
	pthread_mutex_destroy(&r.cache_lock);
	pthread_mutex_destroy(&r.lock);
	free(wayback_host);
}
