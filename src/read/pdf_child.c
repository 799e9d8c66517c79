/* The PDF reader program's side of pdf_isolate.h: its limits, the
 * document read with poppler (pdf_text.h) and its pages written to the
 * pipe in the form pdf_isolate.c decodes. Linked into citecheck-pdf-reader
 * and the fuzz targets, never into citecheck. */
#include "read/pdf_isolate.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/pdf_text.h"
#include "util/util.h"

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
			rlim_t s = (rlim_t)pdf_cpu_seconds((size_t)d.pages);
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

/* The child's address space: what it has at its start (its libraries,
 * the document mapped) and PDF_MAX_MEMORY more; with no /proc to say,
 * PDF_MAX_MEMORY in all. AddressSanitizer reserves
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

int pdf_read_here(const void *data, size_t len, struct pdf_page **pages, int *npages, char *err, size_t errlen)
{
	*pages = NULL;
	*npages = 0;
	return read_here(data, len, -1, pages, npages, err, errlen);
}
