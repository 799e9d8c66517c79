#include "read/pdf_isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/interrupt.h"
#include "util/util.h"

bool pdf_in_process;

/* What the child sends: the page count, then each page ('P'), then an end
 * record ('E') with the reason it stopped ("" when it read every page). */
#define PDF_WIRE_MAX (4 * PDF_MAX_TEXT + ((size_t)64 << 20))

static void put(struct buf *b, const void *p, size_t n)
{
	buf_append(b, p, n);
}

static void put_u64(struct buf *b, uint64_t v)
{
	put(b, &v, sizeof v);
}

static void put_f64(struct buf *b, double v)
{
	put(b, &v, sizeof v);
}

static void put_str(struct buf *b, const char *s, size_t n)
{
	put_u64(b, n);
	put(b, s, n);
}

static void put_page(struct buf *b, const struct pdf_page *p)
{
	put_f64(b, p->height);
	put_u64(b, p->nuris);
	for (size_t i = 0; i < p->nuris; i++)
		put_str(b, p->uris[i], strlen(p->uris[i]));
	put_u64(b, p->nlines);
	for (size_t i = 0; i < p->nlines; i++) {
		const struct pdf_line *l = &p->lines[i];
		put_str(b, l->text, l->len);
		put_f64(b, l->top);
		put_f64(b, l->bottom);
		put_f64(b, l->left);
		put_f64(b, l->right);
		put_u64(b, l->nruns);
		for (size_t k = 0; k < l->nruns; k++) {
			put_u64(b, l->runs[k].start);
			put_u64(b, l->runs[k].end);
			put_f64(b, l->runs[k].size);
			put_u64(b, l->runs[k].mono);
		}
		put_u64(b, l->nlinks);
		for (size_t k = 0; k < l->nlinks; k++) {
			put_u64(b, l->links[k].start);
			put_u64(b, l->links[k].end);
			put_u64(b, l->links[k].uri);
		}
	}
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The child's CPU time for a PDF of n pages. */
static long cpu_seconds(size_t n)
{
	return (long)(PDF_CPU_SECONDS + PDF_CPU_PER_PAGE * (double)n);
}

/* Reads the document here: into pages, or into the pipe fd a page at a
 * time (fd >= 0). */
static int read_here(const void *data, size_t len, int fd, struct pdf_page **pages, int *npages, char *err,
		     size_t errlen)
{
	struct pdf_doc d;
	struct buf b;
	buf_init(&b);
	int rc = pdf_open(&d, data, len);
	*npages = rc == 0 ? d.pages : 0;
	if (fd >= 0) {
		put_u64(&b, (uint64_t)*npages);
		if (write_all(fd, b.data, b.len) < 0)
			rc = -1;
		buf_clear(&b);
		if (rc == 0) { /* the budget follows the pages; the hard limit a second later */
			struct rlimit cpu;
			rlim_t s = (rlim_t)cpu_seconds((size_t)d.pages);
			if (getrlimit(RLIMIT_CPU, &cpu) == 0 && (cpu.rlim_max == RLIM_INFINITY || s < cpu.rlim_max)) {
				cpu.rlim_cur = s;
				cpu.rlim_max = s + 1;
				setrlimit(RLIMIT_CPU, &cpu);
			}
		}
	} else {
		*pages = xcalloc((size_t)*npages + 1, sizeof **pages);
	}
	size_t lines = 0;
	for (int i = 0; rc == 0 && i < d.pages; i++) {
		struct pdf_page one, *p = fd >= 0 ? &one : &(*pages)[i];
		rc = pdf_page_read(&d, i, p);
		lines += p->nlines;
		if (fd >= 0) {
			if (rc == 0) {
				buf_clear(&b);
				buf_putc(&b, 'P');
				put_page(&b, p);
			}
			pdf_page_finish(p);
		}
		if (rc == 0 && fd >= 0 && write_all(fd, b.data, b.len) < 0)
			rc = -1;
		buf_clear(&b);
	}
	/* no text, and pages missing: a damaged file, not a scan */
	if (rc == 0 && d.missing && !lines)
		snprintf(d.error, sizeof d.error, "the PDF is damaged: %d of its %d pages cannot be found in its page tree",
			 d.missing, d.pages);
	else if (rc == 0 && d.pages == 0)
		snprintf(d.error, sizeof d.error, "the PDF is damaged: its page tree holds no page");
	if (rc == 0 && d.error[0])
		rc = -1;
	if (fd >= 0) {
		buf_putc(&b, 'E');
		put_str(&b, rc ? d.error : "", rc ? strlen(d.error) : 0);
		write_all(fd, b.data, b.len);
	} else if (rc) {
		snprintf(err, errlen, "%s", d.error);
		for (int i = 0; i < *npages; i++)
			pdf_page_finish(&(*pages)[i]);
		free(*pages);
		*pages = NULL;
		*npages = 0;
	}
	buf_finish(&b);
	if (d.doc)
		pdf_close(&d);
	return rc;
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* The child's address space: what it has from its parent (libraries,
 * what the run holds) and PDF_MAX_MEMORY more. AddressSanitizer reserves
 * terabytes of shadow: not bounded there. */
static void bound_memory(void)
{
#ifndef UNDER_ASAN
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;
	if (!f || fscanf(f, "%lu", &pages) != 1)
		pages = 0;
	if (f)
		fclose(f);
	rlim_t as = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + PDF_MAX_MEMORY;
	struct rlimit r = {as, as};
	setrlimit(RLIMIT_AS, &r);
#endif
}

/* The child's side: its limits, the document read into the pipe, gone. */
static void child(const void *data, size_t len, int fd)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	bound_memory();
	/* opening the document is bounded too; the hard limit stays where it
	 * is, so that a long document's budget can be raised once counted */
	struct rlimit cpu;
	if (getrlimit(RLIMIT_CPU, &cpu) == 0 && (cpu.rlim_max == RLIM_INFINITY || PDF_CPU_SECONDS < cpu.rlim_max)) {
		cpu.rlim_cur = PDF_CPU_SECONDS;
		setrlimit(RLIMIT_CPU, &cpu);
	}
	int n;
	char err[8];
	_exit(read_here(data, len, fd, NULL, &n, err, sizeof err) == 0 ? 0 : 1);
}

/* The reader is this program run again (posix_spawn of /proc/self/exe
 * with PDF_CHILD_ARG), not a fork of this process: documents are read on
 * several threads, and a fork copies whatever lock another thread holds at
 * that moment (an allocator's, the time zone's), which the child would wait
 * on for ever. The document goes in as its standard input (a memfd), the
 * pages come out on its standard output (to). Returns 0 with *pid, or -1
 * when it could not be started. */
static int spawn_reader(const void *data, size_t len, int to, pid_t *pid)
{
	int in = memfd_create("citecheck-pdf", MFD_CLOEXEC);
	if (in < 0)
		return -1;
	int rc = write_all(in, data, len) == 0 && lseek(in, 0, SEEK_SET) == 0 ? 0 : -1;
	posix_spawn_file_actions_t fa;
	if (rc == 0 && posix_spawn_file_actions_init(&fa) == 0) {
		char *argv[] = {"citecheck", PDF_CHILD_ARG, NULL};
		rc = posix_spawn_file_actions_adddup2(&fa, in, STDIN_FILENO) == 0 &&
				     posix_spawn_file_actions_adddup2(&fa, to, STDOUT_FILENO) == 0 &&
				     posix_spawn(pid, "/proc/self/exe", &fa, NULL, argv, environ) == 0
			     ? 0
			     : -1;
		posix_spawn_file_actions_destroy(&fa);
	}
	close(in);
	return rc;
}

int pdf_child_main(void)
{
	struct stat st;
	if (fstat(STDIN_FILENO, &st) != 0 || st.st_size <= 0)
		_exit(1);
	void *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, STDIN_FILENO, 0);
	if (data == MAP_FAILED)
		_exit(1);
	child(data, (size_t)st.st_size, STDOUT_FILENO);
	return 1; /* child() does not return */
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
	if (pdf_in_process)
		return read_here(data, len, -1, pages, npages, err, errlen);
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "cannot read the PDF: %s", strerror(errno));
		return -1;
	}
	pid_t pid;
	if (spawn_reader(data, len, fds[1], &pid) != 0) {
		/* no /proc/self/exe to run (a root without /proc): a fork of
		 * this process, sound while it has one thread, which is why
		 * core/read_docs.c then reads with one */
		fflush(NULL); /* nothing buffered is written twice */
		pid = fork();
		if (pid == 0) {
			close(fds[0]);
			child(data, len, fds[1]);
		}
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		snprintf(err, errlen, "cannot read the PDF: %s", strerror(errno));
		return -1;
	}
	struct buf in;
	buf_init(&in);
	bool stopped = drain(fds[0], &in) < 0;
	close(fds[0]);
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
			 cpu_seconds(n));
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
