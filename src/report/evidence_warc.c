#include "report/evidence_warc.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "util/interrupt.h"
#include "util/util.h"

struct warc_writer {
	FILE *f;
	char *path, *tmp;
	int error; /* errno of the first write that failed; 0: none */
	unsigned long records;
};

static void now_iso(char out[static 21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A record's identifier: a random (version 4) UUID. */
static void record_id(char out[static 48])
{
	unsigned char r[16];
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) /* never expected: time and a counter then */
		for (size_t i = 0; i < sizeof r; i++)
			r[i] = (unsigned char)(rand() ^ (time(NULL) >> (i % 8)));
	r[6] = (unsigned char)((r[6] & 0x0F) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3F) | 0x80);
	snprintf(out, 48, "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>", r[0], r[1],
		 r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
}

/* "sha1:" and the base-32 SHA-1 of the two pieces, as WARC digests are written. */
static void digest(const void *a, size_t an, const void *b, size_t bn, char out[static 38])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_DigestInit_ex(c, EVP_sha1(), NULL);
	EVP_DigestUpdate(c, a, an);
	EVP_DigestUpdate(c, b, bn);
	EVP_DigestFinal_ex(c, md, &len);
	EVP_MD_CTX_free(c);
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	memcpy(out, "sha1:", 5);
	size_t o = 5;
	for (unsigned bit = 0; bit < len * 8; bit += 5) { /* 160 bits: 32 letters, no padding */
		unsigned v = 0;
		for (unsigned k = 0; k < 5; k++) {
			unsigned b2 = bit + k;
			v = (v << 1) | (b2 < len * 8 ? (md[b2 / 8] >> (7 - b2 % 8)) & 1 : 0);
		}
		out[o++] = alphabet[v];
	}
	out[o] = '\0';
}

/* Writes one record as a gzip member of its own. */
static void write_record(struct warc_writer *w, const struct buf *header, const char *b1, size_t n1, const char *b2,
			 size_t n2)
{
	if (w->error)
		return;
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) { /* 15 + 16: gzip */
		w->error = ENOMEM;
		return;
	}
	const char *piece[] = {header->data, b1, b2, "\r\n\r\n"};
	size_t len[] = {header->len, n1, n2, 4};
	unsigned char out[64 * 1024];
	for (size_t i = 0; i < 4 && !w->error; i++) {
		z.next_in = (unsigned char *)(uintptr_t)(piece[i] ? piece[i] : "");
		z.avail_in = (uInt)(piece[i] ? len[i] : 0);
		int flush = i == 3 ? Z_FINISH : Z_NO_FLUSH;
		do {
			z.next_out = out;
			z.avail_out = sizeof out;
			deflate(&z, flush);
			size_t have = sizeof out - z.avail_out;
			if (have && fwrite(out, 1, have, w->f) != have)
				w->error = errno ? errno : EIO;
		} while (z.avail_out == 0 && !w->error);
	}
	deflateEnd(&z);
	w->records++;
}

static void field(struct buf *b, const char *name, const char *value)
{
	buf_append(b, name, strlen(name));
	buf_append(b, ": ", 2);
	for (const char *p = value; *p; p++) /* a header value is one line */
		buf_putc(b, *p == '\r' || *p == '\n' ? ' ' : *p);
	buf_append(b, "\r\n", 2);
}

/* The record's first named fields; end_header adds the last ones. */
static void header(struct buf *b, const char *type, const char *id, const char *uri)
{
	char date[21];
	now_iso(date);
	buf_clear(b);
	buf_append(b, "WARC/1.1\r\n", 10);
	field(b, "WARC-Type", type);
	field(b, "WARC-Record-ID", id);
	field(b, "WARC-Date", date);
	if (uri)
		field(b, "WARC-Target-URI", uri);
}

static void end_header(struct buf *b, const char *content_type, size_t block)
{
	char n[32];
	field(b, "Content-Type", content_type);
	snprintf(n, sizeof n, "%zu", block);
	field(b, "Content-Length", n);
	buf_append(b, "\r\n", 2);
}

int warc_open(struct warc_writer **out, const char *path, char *err, size_t errlen)
{
	struct warc_writer *w = xcalloc(1, sizeof *w);
	w->path = xstrdup(path);
	w->tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(w->tmp);
	if (fd < 0 || !(w->f = fdopen(fd, "wb"))) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(w->tmp);
		free(w->path);
		free(w);
		return -1;
	}
	interrupt_guard_file(w->tmp);
	mode_t mask = umask(0); /* an ordinary file: the mode the umask gives, not mkstemp's 0600 */
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	char id[48];
	record_id(id);
	const char *info = "software: citecheck/" CITECHECK_VERSION "\r\nformat: WARC File Format 1.1\r\n"
			   "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
			   "description: pages and snapshots fetched to verify citations\r\n";
	struct buf h;
	buf_init(&h);
	header(&h, "warcinfo", id, NULL);
	field(&h, "WARC-Filename", path);
	end_header(&h, "application/warc-fields", strlen(info));
	write_record(w, &h, info, strlen(info), NULL, 0);
	buf_finish(&h);
	*out = w;
	return 0;
}

/* The request as sent, without the lines that may carry credentials: the
 * headers the config file or Save Page Now added, and any Authorization,
 * Proxy-Authorization or Cookie. */
static void redacted(struct buf *b, const struct live_exchange *x)
{
	buf_clear(b);
	for (size_t pos = 0; pos < x->request_len;) {
		const char *line = x->request + pos;
		const char *nl = memchr(line, '\n', x->request_len - pos);
		size_t len = nl ? (size_t)(nl - line) + 1 : x->request_len - pos;
		const char *colon = memchr(line, ':', len);
		size_t name = colon ? (size_t)(colon - line) : 0;
		bool secret = name && ((name == 13 && !strncasecmp(line, "Authorization", 13)) ||
				       (name == 19 && !strncasecmp(line, "Proxy-Authorization", 19)) ||
				       (name == 6 && !strncasecmp(line, "Cookie", 6)));
		for (const struct curl_slist *s = x->secret; s && name && !secret; s = s->next)
			secret = !strncasecmp(s->data, line, name) && s->data[name] == ':';
		if (!secret)
			buf_append(b, line, len);
		pos += len;
	}
}

/* The response's headers with the body's encoding taken out: the body kept
 * is the decoded one, of the length kept. */
static void decoded_head(struct buf *b, const struct live_exchange *x)
{
	buf_clear(b);
	size_t end = x->head_len;
	for (size_t pos = 0; pos < end;) {
		const char *line = x->head + pos;
		const char *nl = memchr(line, '\n', end - pos);
		size_t len = nl ? (size_t)(nl - line) + 1 : end - pos;
		bool blank = len <= 2 && (line[0] == '\r' || line[0] == '\n');
		bool drop = !strncasecmp(line, "Content-Encoding:", 17) || !strncasecmp(line, "Transfer-Encoding:", 18) ||
			    !strncasecmp(line, "Content-Length:", 15);
		if (blank)
			break;
		if (drop) /* kept under another name: what the server said */
			buf_append(b, "X-Citecheck-Original-", 21);
		buf_append(b, line, len);
		pos += len;
	}
	char n[48];
	snprintf(n, sizeof n, "Content-Length: %zu\r\n\r\n", x->body_len);
	buf_append(b, n, strlen(n));
}

void warc_exchange(void *arg, const struct live_exchange *x)
{
	struct warc_writer *w = arg;
	char req_id[48], resp_id[48], payload[38], block[38];
	record_id(req_id);
	record_id(resp_id);
	struct buf h, head, req;
	buf_init(&h);
	buf_init(&head);
	buf_init(&req);
	decoded_head(&head, x);
	digest(x->body ? x->body : "", x->body_len, "", 0, payload);
	digest(head.data, head.len, x->body ? x->body : "", x->body_len, block);
	if (x->request_len) {
		redacted(&req, x);
		header(&h, "request", req_id, x->url);
		field(&h, "WARC-Concurrent-To", resp_id);
		end_header(&h, "application/http; msgtype=request", req.len);
		write_record(w, &h, req.data, req.len, NULL, 0);
	}
	header(&h, "response", resp_id, x->url);
	if (x->ip)
		field(&h, "WARC-IP-Address", x->ip);
	field(&h, "WARC-Payload-Digest", payload);
	field(&h, "WARC-Block-Digest", block);
	if (x->truncated)
		field(&h, "WARC-Truncated", "length");
	end_header(&h, "application/http; msgtype=response", head.len + x->body_len);
	write_record(w, &h, head.data, head.len, x->body, x->body_len);
	buf_finish(&h);
	buf_finish(&head);
	buf_finish(&req);
}

static void line(struct buf *b, const char *name, const char *value)
{
	if (value)
		field(b, name, value);
}

/* What citecheck concluded about one URL. */
static void target_fields(struct buf *b, const struct model *m, size_t ti, const size_t *next, const size_t *first)
{
	const struct target *t = &m->targets[ti];
	char n[32];
	line(b, "verdict", live_verdict_name(target_live(t)->verdict));
	line(b, "reason", target_live(t)->reason);
	if (target_live(t)->http_status) {
		snprintf(n, sizeof n, "%ld", target_live(t)->http_status);
		line(b, "http-status", n);
	}
	line(b, "final-url", target_live(t)->final_url);
	line(b, "cached", target_live(t)->cached ? "true" : NULL);
	for (size_t k = first[ti]; k != NO_INDEX; k = next[k]) {
		const struct lookup *lk = &m->lookups[k];
		line(b, "archive-sought", lk->want);
		line(b, "archive", archive_verdict_name(lk->archive.verdict));
		line(b, "archive-reason", lk->archive.reason);
		line(b, "snapshot", lk->archive.snapshot_url);
		if (lk->drift.verdict != DRIFT_UNCHECKED) {
			line(b, "drift", drift_verdict_name(lk->drift.verdict));
			line(b, "drift-reason", lk->drift.reason); /* unknown: why, as the report says */
		}
	}
}

static void metadata(struct warc_writer *w, const struct model *m)
{
	size_t *first = xmalloc((m->ntargets + 1) * sizeof *first), *next = xmalloc((m->nlookups + 1) * sizeof *next);
	for (size_t i = 0; i < m->ntargets; i++)
		first[i] = NO_INDEX;
	for (size_t k = m->nlookups; k-- > 0;) { /* each target's lookups, in order */
		size_t p = m->lookups[k].page;
		next[k] = p == NO_INDEX ? NO_INDEX : first[p];
		if (p != NO_INDEX)
			first[p] = k;
	}
	struct buf h, body;
	buf_init(&h);
	buf_init(&body);
	for (size_t i = 0; i < m->ntargets && !w->error; i++) {
		const struct target *t = &m->targets[i];
		if (target_live(t)->local || t->repair || !live_web_url(t->key))
			continue;
		char id[48];
		record_id(id);
		buf_clear(&body);
		target_fields(&body, m, i, next, first);
		header(&h, "metadata", id, t->key);
		end_header(&h, "application/warc-fields", body.len);
		write_record(w, &h, body.data, body.len, NULL, 0);
	}
	buf_finish(&h);
	buf_finish(&body);
	free(first);
	free(next);
}

int warc_close(struct warc_writer *w, const struct model *m, char *err, size_t errlen)
{
	metadata(w, m);
	int rc = 0;
	if (fclose(w->f) != 0 && !w->error)
		w->error = errno;
	if (w->error || rename(w->tmp, w->path) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", w->path, strerror(w->error ? w->error : errno));
		unlink(w->tmp);
		rc = -1;
	}
	interrupt_guard_file(NULL);
	free(w->tmp);
	free(w->path);
	free(w);
	return rc;
}
