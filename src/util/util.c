#include "util/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Out of memory is not a condition this tool can report usefully from deep
 * inside a parser; every caller would only pass it up, so stop here. */
static void oom(void)
{
	fputs("citecheck: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char small[256]; /* most messages fit: one formatting pass */
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0)
		oom();
	char *p;
	if ((size_t)n < sizeof small) {
		p = xstrndup(small, (size_t)n);
	} else {
		p = xmalloc((size_t)n + 1);
		vsnprintf(p, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void grow_array(void *v, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	/* exact at first (most references have one link), doubling after */
	size_t n = *cap ? *cap : need;
	while (n < need)
		n *= 2;
	void **pv = v;
	*pv = xrealloc(*pv, n * elem);
	*cap = n;
}

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_finish(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_append(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		grow_array(&b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_putc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		grow_array(&b->data, &b->cap, b->len + 2, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

int write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
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

void buf_fit(struct buf *b)
{
	if (b->data && b->cap > b->len + 1) {
		b->data = xrealloc(b->data, b->len + 1);
		b->cap = b->len + 1;
	}
}

char *buf_steal(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	buf_init(b);
	return s;
}

size_t utf8_count(const char *s, size_t n)
{
	size_t cp = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			cp++;
	return cp;
}

size_t utf8_valid_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	unsigned cp = c & (0xFF >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

bool is_ascii_punct(int c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
	       (c >= 0x7B && c <= 0x7E);
}

int ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

bool ascii_ieq_prefix(const char *s, size_t n, const char *prefix)
{
	size_t i = 0;
	for (; prefix[i]; i++)
		if (i >= n || ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)prefix[i]))
			return false;
	return true;
}

bool isalnum_ascii(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint64_t fnv1a64(const void *s, size_t n)
{
	const unsigned char *p = s;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

int read_all(byte_source read, void *src, size_t cap, char **out, size_t *len)
{
	struct buf b;
	buf_init(&b);
	char chunk[65536];
	ssize_t got;
	int rc = 0;
	while ((got = read(src, chunk, sizeof chunk)) > 0) {
		if (b.len + (size_t)got > cap) {
			rc = -2;
			break;
		}
		buf_append(&b, chunk, (size_t)got);
	}
	if (got < 0)
		rc = -1;
	if (rc < 0) {
		buf_finish(&b);
		return rc;
	}
	*len = b.len;
	*out = b.data ? buf_steal(&b) : xstrdup("");
	return 0;
}

long clamped_number(const char *s)
{
	long v = strtol(s, NULL, 10);
	return v > NUMBER_MAX ? NUMBER_MAX : v < -NUMBER_MAX ? -NUMBER_MAX : v;
}

char *hash_file_hex(const char *path, const void *head, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO is not waited on */
	struct stat st;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return NULL;
	}
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) && EVP_DigestUpdate(ctx, head, n);
	char chunk[65536];
	ssize_t got;
	while (ok && (got = read(fd, chunk, sizeof chunk)) > 0)
		ok = EVP_DigestUpdate(ctx, chunk, (size_t)got);
	ok = ok && got == 0;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	ok = ok && EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	close(fd);
	if (!ok)
		return NULL;
	char *hex = xmalloc(2 * mdlen + 1);
	for (unsigned i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hex;
}
