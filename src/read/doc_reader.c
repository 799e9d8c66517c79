#include "read/doc_reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHUNK_SIZE ((size_t)64 * 1024)

static const struct {
	const char *magic;
	size_t len;
	const char *what;
} signatures[] = {
	{"%PDF-", 5, "a PDF file read as text (--input-format): leave the format to citecheck, which reads PDF"},
	{"\xD0\xCF\x11\xE0", 4, "an old binary Office document; save it as Markdown or plain text"},
	{"\xFF\xFE", 2, "UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"},
	{"\xFE\xFF", 2, "UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"},
	{"\x1F\x8B", 2, "gzip-compressed data; decompress it first"},
	{"\x89PNG", 4, "a PNG image"},
	{"\xFF\xD8\xFF", 3, "a JPEG image"},
	{"GIF8", 4, "a GIF image"},
};

const char *doc_sniff_unsupported(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < sizeof signatures / sizeof signatures[0]; i++)
		if (n >= signatures[i].len && memcmp(p, signatures[i].magic, signatures[i].len) == 0)
			return signatures[i].what;
	return NULL;
}

int doc_reader_open(struct doc_reader *r, struct doc_input *in)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->raw);
	buf_init(&r->fixed);
	r->in = in;
	r->chunk = malloc(CHUNK_SIZE);
	if (!r->chunk) {
		snprintf(r->error, sizeof r->error, "out of memory");
		return -1;
	}
	return 0;
}

void doc_reader_close(struct doc_reader *r)
{
	free(r->chunk);
	r->chunk = NULL;
	buf_finish(&r->raw);
	buf_finish(&r->fixed);
}

static int fill(struct doc_reader *r)
{
	ssize_t got = doc_input_read(r->in, r->chunk, CHUNK_SIZE);
	r->chunk_pos = 0;
	r->chunk_len = got > 0 ? (size_t)got : 0;
	if (got < 0) {
		snprintf(r->error, sizeof r->error, "%s", r->in->error);
		return -1;
	}
	if (got == 0) {
		r->eof = true;
		return 0;
	}
	if (r->bytes == 0) {
		const char *what = doc_sniff_unsupported(r->chunk, r->chunk_len);
		if (what) {
			snprintf(r->error, sizeof r->error, "this is %s", what);
			return -1;
		}
	}
	r->bytes += r->chunk_len;
	return 0;
}

static void take(struct doc_reader *r, const unsigned char *p, size_t n)
{
	if (r->dropping)
		return;
	size_t room = DOC_LINE_CAP - r->raw.len;
	if (n > room) {
		n = room;
		r->dropping = true;
	}
	buf_append(&r->raw, (const char *)p, n);
}

/* Hands out raw as is when it is valid UTF-8 (the common case: no copy). */
static void sanitise(struct doc_reader *r)
{
	const unsigned char *s = (const unsigned char *)r->raw.data;
	size_t n = r->raw.len, i = 0;
	if (r->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3, n -= 3;
	if (n && s[n - 1] == '\r')
		n--;
	while (i < n && s[i] < 0x80)
		i++;
	size_t k;
	while (i < n && (k = utf8_valid_seq(s + i, n - i)) != 0)
		i += k;
	if (i == n) {
		r->text = (const char *)s;
		r->len = n;
		return;
	}
	if (r->invalid_utf8_lines++ == 0)
		r->first_invalid_line = r->lineno;
	buf_clear(&r->fixed);
	for (i = 0; i < n;) {
		k = utf8_valid_seq(s + i, n - i);
		if (k) {
			buf_append(&r->fixed, (const char *)s + i, k);
			i += k;
		} else {
			buf_append(&r->fixed, "\xEF\xBF\xBD", 3);
			i++;
		}
	}
	r->text = r->fixed.data;
	r->len = r->fixed.len;
}

static int finish_line(struct doc_reader *r)
{
	r->lineno++;
	if (r->dropping && r->long_lines++ == 0)
		r->first_long_line = r->lineno;
	if (r->raw.data == NULL)
		buf_append(&r->raw, "", 0);
	sanitise(r);
	return 1;
}

int doc_reader_next(struct doc_reader *r)
{
	buf_clear(&r->raw);
	r->dropping = false;
	bool any = false;
	for (;;) {
		if (r->chunk_pos == r->chunk_len) {
			if (r->eof || fill(r) < 0)
				return r->error[0] ? -1 : (any ? finish_line(r) : 0);
			if (r->eof)
				return any ? finish_line(r) : 0;
		}
		const unsigned char *p = r->chunk + r->chunk_pos;
		size_t avail = r->chunk_len - r->chunk_pos;
		const unsigned char *nl = memchr(p, '\n', avail);
		size_t n = nl ? (size_t)(nl - p) : avail;
		if (memchr(p, '\0', n)) {
			snprintf(r->error, sizeof r->error,
				 "line %u contains a NUL byte: this is not a text document", r->lineno + 1);
			return -1;
		}
		take(r, p, n);
		any = true;
		r->chunk_pos += n + (nl != NULL);
		if (nl)
			return finish_line(r);
	}
}
