#include "read/pdf_isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/interrupt.h"
#include "util/util.h"

int (*pdf_read_in_process)(const void *data, size_t len, struct pdf_page **pages, int *npages, char *err,
			   size_t errlen);

/* More than any PDF's pages make on the pipe: past it, the child is stopped. */
#define PDF_WIRE_MAX (4 * PDF_MAX_TEXT + ((size_t)64 << 20))

static char reader_path[4096 + sizeof PDF_READER_NAME];
static pthread_once_t reader_once = PTHREAD_ONCE_INIT;

/* Beside the running program (/proc/self/exe) when it is there: a build
 * tree, or a copy kept with its reader; else the installed one. */
static void find_reader(void)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			snprintf(reader_path, sizeof reader_path, "%s/%s", self, PDF_READER_NAME);
			if (access(reader_path, X_OK) == 0)
				return;
		}
	}
	snprintf(reader_path, sizeof reader_path, "%s", CITECHECK_PDF_READER);
}

/* The reader program run with arg, its standard input in (-1: this
 * one's) and its standard output to. A program run, not a fork of this
 * process: documents are read on several threads, and a fork copies
 * whatever lock another thread holds at that moment (an allocator's, the
 * time zone's), which the child would wait on for ever. Returns 0 with
 * *pid, or -1 with errno when it could not be started. */
static int run_reader(const char *arg, int in, int to, pid_t *pid)
{
	pthread_once(&reader_once, find_reader);
	posix_spawn_file_actions_t fa;
	int e = posix_spawn_file_actions_init(&fa);
	if (e) {
		errno = e;
		return -1;
	}
	char *argv[] = {PDF_READER_NAME, (char *)arg, NULL};
	if (in >= 0)
		e = posix_spawn_file_actions_adddup2(&fa, in, STDIN_FILENO);
	if (!e)
		e = posix_spawn_file_actions_adddup2(&fa, to, STDOUT_FILENO);
	if (!e)
		e = posix_spawn(pid, reader_path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e) /* posix_spawn returns its error rather than setting errno */
		errno = e;
	return e ? -1 : 0;
}

/* The reader run with arg and in (run_reader), its standard output a pipe
 * whose read end *from gets. Returns 0, or -1 with the reason in why. */
static int open_reader(const char *arg, int in, int *from, pid_t *pid, char *why, size_t whylen)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		return -1;
	}
	if (run_reader(arg, in, fds[1], pid) != 0) {
		int e = errno;
		close(fds[0]);
		close(fds[1]);
		snprintf(why, whylen, "its reader %s cannot be run: %s", reader_path, strerror(e));
		return -1;
	}
	close(fds[1]);
	*from = fds[0];
	return 0;
}

/* The document as the reader's standard input: a memfd, which it maps. */
static int document_fd(const void *data, size_t len)
{
	int fd = memfd_create("citecheck-pdf", MFD_CLOEXEC);
	if (fd >= 0 && (write_all(fd, data, len) != 0 || lseek(fd, 0, SEEK_SET) != 0)) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int pdf_reader_version(char *out, size_t outlen)
{
	int from;
	pid_t pid;
	if (open_reader(PDF_VERSION_ARG, -1, &from, &pid, out, outlen) != 0)
		return -1;
	char v[64];
	size_t n = 0;
	ssize_t got;
	while (n < sizeof v - 1 && ((got = read(from, v + n, sizeof v - 1 - n)) > 0 || (got < 0 && errno == EINTR)))
		n += got > 0 ? (size_t)got : 0;
	close(from);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	v[n] = '\0';
	v[strcspn(v, "\n")] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !*v) {
		snprintf(out, outlen, "its reader %s did not answer", reader_path);
		return -1;
	}
	snprintf(out, outlen, "%s", v);
	return 0;
}

/* Reading what the child sent, every count and length checked against
 * what is left. */
struct wire {
	const unsigned char *p;
	size_t left;
	bool bad;
};

static void get(struct wire *w, void *out, size_t n)
{
	if (w->bad || w->left < n) {
		w->bad = true;
		memset(out, 0, n);
		return;
	}
	memcpy(out, w->p, n);
	w->p += n;
	w->left -= n;
}

static uint64_t get_u64(struct wire *w)
{
	uint64_t v;
	get(w, &v, sizeof v);
	return v;
}

static double get_f64(struct wire *w)
{
	double v;
	get(w, &v, sizeof v);
	return v;
}

/* A count of items of at least min_bytes each: no more than the bytes left hold. */
static size_t get_count(struct wire *w, size_t min_bytes)
{
	uint64_t n = get_u64(w);
	if (n > w->left / min_bytes) {
		w->bad = true;
		return 0;
	}
	return (size_t)n;
}

static char *get_str(struct wire *w, size_t *len)
{
	size_t n = get_count(w, 1);
	char *s = xmalloc(n + 1);
	get(w, s, n);
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

static void get_page(struct wire *w, struct pdf_page *p)
{
	p->height = get_f64(w);
	p->nuris = get_count(w, 8);
	p->uris = xcalloc(p->nuris + 1, sizeof *p->uris);
	for (size_t i = 0; i < p->nuris; i++)
		p->uris[i] = get_str(w, NULL);
	size_t n = get_count(w, 56);
	p->lines = xcalloc(n + 1, sizeof *p->lines);
	p->lines_cap = n + 1;
	for (size_t i = 0; i < n && !w->bad; i++, p->nlines++) {
		struct pdf_line *l = &p->lines[i];
		l->text = get_str(w, &l->len);
		l->top = get_f64(w);
		l->bottom = get_f64(w);
		l->left = get_f64(w);
		l->right = get_f64(w);
		l->nruns = get_count(w, 32);
		l->runs = xcalloc(l->nruns + 1, sizeof *l->runs);
		for (size_t k = 0; k < l->nruns; k++) {
			struct pdf_run *r = &l->runs[k];
			r->start = get_u64(w);
			r->end = get_u64(w);
			r->size = get_f64(w);
			r->mono = get_u64(w) != 0;
		}
		l->nlinks = get_count(w, 24);
		l->links = xcalloc(l->nlinks + 1, sizeof *l->links);
		for (size_t k = 0; k < l->nlinks; k++) {
			struct pdf_link *a = &l->links[k];
			a->start = get_u64(w);
			a->end = get_u64(w);
			a->uri = get_u64(w);
			if (a->uri >= p->nuris || a->start > a->end || a->end > l->len)
				w->bad = true;
		}
	}
}

/* Everything the child writes, until it closes the pipe; -1 when the run
 * is interrupted meanwhile or the child sends more than any PDF gives. */
static int drain(int fd, struct buf *in)
{
	char block[65536];
	for (;;) {
		struct pollfd pfd = {fd, POLLIN, 0};
		int ready = poll(&pfd, 1, 250);
		if (interrupted())
			return -1;
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			continue;
		ssize_t got = read(fd, block, sizeof block);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return 0;
		if (in->len + (size_t)got > PDF_WIRE_MAX)
			return -1;
		buf_append(in, block, (size_t)got);
	}
}

int pdf_read_pages(const void *data, size_t len, struct pdf_page **pages, int *npages, char *err, size_t errlen)
{
	*pages = NULL;
	*npages = 0;
	if (pdf_read_in_process)
		return pdf_read_in_process(data, len, pages, npages, err, errlen);
	int doc = document_fd(data, len), from = -1;
	pid_t pid;
	char reason[sizeof reader_path + 256];
	if (doc < 0)
		snprintf(reason, sizeof reason, "%s", strerror(errno));
	int started = doc >= 0 ? open_reader(PDF_CHILD_ARG, doc, &from, &pid, reason, sizeof reason) : -1;
	if (doc >= 0)
		close(doc);
	if (started != 0) {
		snprintf(err, errlen, "cannot read the PDF: %s", reason);
		return -1;
	}
	struct buf in;
	buf_init(&in);
	bool stopped = drain(from, &in) < 0;
	close(from);
	if (stopped)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	struct wire w = {(const unsigned char *)in.data, in.len, false};
	size_t n = get_count(&w, 8);
	*pages = xcalloc(n + 1, sizeof **pages);
	size_t got = 0;
	char tag = 0;
	for (get(&w, &tag, 1); !w.bad && tag == 'P' && got < n; get(&w, &tag, 1)) {
		get_page(&w, &(*pages)[got]);
		if (w.bad)
			pdf_page_finish(&(*pages)[got]);
		else
			got++;
	}
	if (tag != 'E')
		w.bad = true;
	char *why = get_str(&w, NULL);
	int rc = 0;
	if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL) && !stopped) {
		snprintf(err, errlen, "the PDF takes more than %ld s to lay out its text (text stacked on itself?): "
				      "citecheck stops there",
			 pdf_cpu_seconds(n));
		rc = -1;
	} else if (stopped) {
		snprintf(err, errlen, interrupted() ? "interrupted while reading the PDF"
						    : "the PDF gives more text than citecheck reads");
		rc = -1;
	} else if (w.bad || !WIFEXITED(status)) {
		snprintf(err, errlen, "the PDF could not be read: %s",
			 WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV ? "poppler crashed on it"
			 : WIFSIGNALED(status)				     ? "its reader ran out of memory or was stopped"
										     : "its pages came back damaged");
		rc = -1;
	} else if (*why) {
		snprintf(err, errlen, "%s", why);
		rc = -1;
	}
	free(why);
	buf_finish(&in);
	*npages = (int)got;
	if (rc != 0) {
		for (size_t i = 0; i < got; i++)
			pdf_page_finish(&(*pages)[i]);
		free(*pages);
		*pages = NULL;
		*npages = 0;
	}
	return rc;
}
