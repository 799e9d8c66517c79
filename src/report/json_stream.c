#include "report/json_stream.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* Output is gathered into pieces of this size before stdio sees it. */
#define JSON_STREAM_PIECE ((size_t)64 * 1024)

static void init_with(struct json_stream *js, FILE *out, char *buf, size_t cap)
{
	memset(js, 0, sizeof *js);
	js->out = out;
	js->buf = buf;
	js->cap = cap;
	js->str = json_string("");
	js->num = json_integer(0);
	js->real = json_real(0);
	js->bare = true;
}

void json_stream_init(struct json_stream *js, FILE *out)
{
	init_with(js, out, xmalloc(JSON_STREAM_PIECE), JSON_STREAM_PIECE);
}

void json_stream_init_memory(struct json_stream *js, char *block, size_t cap)
{
	if (!block || cap < JSON_STREAM_PIECE) {
		free(block);
		block = xmalloc(JSON_STREAM_PIECE);
		cap = JSON_STREAM_PIECE;
	}
	init_with(js, NULL, block, cap);
}

static void flush(struct json_stream *js)
{
	if (!js->out) /* a stream into memory keeps everything */
		return;
	if (!js->failed && js->len && fwrite(js->buf, 1, js->len, js->out) != js->len)
		js->failed = true;
	js->len = 0;
}

/* A stream into memory: room for n more bytes. */
static void grow(struct json_stream *js, size_t n)
{
	if (js->len + n <= js->cap)
		return;
	size_t cap = js->cap * 2 > js->len + n ? js->cap * 2 : js->len + n;
	js->buf = xrealloc(js->buf, cap);
	js->cap = cap;
}

static void put(struct json_stream *js, const char *s, size_t n)
{
	if (js->failed)
		return;
	if (!js->out)
		grow(js, n);
	if (js->len + n > js->cap) {
		flush(js);
		if (n > js->cap) { /* a long value: straight through */
			if (fwrite(s, 1, n, js->out) != n)
				js->failed = true;
			return;
		}
	}
	memcpy(js->buf + js->len, s, n);
	js->len += n;
}

char *json_stream_take(struct json_stream *js, size_t *len, size_t *cap)
{
	char *buf = js->failed ? NULL : js->buf;
	*len = buf ? js->len : 0;
	*cap = buf ? js->cap : 0;
	if (!buf)
		free(js->buf);
	js->buf = NULL;
	js->len = 0;
	json_stream_finish(js);
	return buf;
}

void js_raw(struct json_stream *js, const char *s, size_t n)
{
	put(js, s, n);
	js->bare = true;
}

int json_stream_finish(struct json_stream *js)
{
	flush(js);
	free(js->buf);
	json_decref(js->str);
	json_decref(js->num);
	json_decref(js->real);
	int rc = js->failed || js->depth ? -1 : 0;
	memset(js, 0, sizeof *js);
	return rc;
}

/* s with each byte that starts no valid UTF-8 sequence as U+FFFD. */
static char *utf8_mend(const char *s)
{
	struct buf b;
	buf_init(&b);
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t k = utf8_valid_seq((const unsigned char *)s + i, n - i);
		if (k) {
			buf_append(&b, s + i, k);
			i += k;
		} else {
			buf_append(&b, "\xEF\xBF\xBD", 3);
			i++;
		}
	}
	return buf_steal(&b);
}

/* Before a value: the comma that separates it from the one before. */
static void separate(struct json_stream *js)
{
	if (js->bare)
		js->bare = false;
	else if (js->items[js->depth])
		put(js, ",", 1);
	js->items[js->depth] = true;
}

/* Encodes v with jansson straight into the pending piece; a value longer
 * than the room left goes through a piece of its own. */
static void encode(struct json_stream *js, const json_t *v)
{
	if (js->failed)
		return;
	size_t flags = JSON_ENCODE_ANY | JSON_COMPACT;
	size_t need = json_dumpb(v, js->buf + js->len, js->cap - js->len, flags);
	if (need == 0) { /* jansson refused it (a nesting too deep) */
		js->failed = true;
		return;
	}
	if (need <= js->cap - js->len) {
		js->len += need;
		return;
	}
	if (!js->out) {
		grow(js, need);
		js->len += json_dumpb(v, js->buf + js->len, need, flags);
		return;
	}
	flush(js);
	if (need > js->cap) {
		js->buf = xrealloc(js->buf, need);
		js->cap = need;
	}
	js->len = json_dumpb(v, js->buf, js->cap, flags);
}

void js_frame(struct json_stream *js, const char *s)
{
	put(js, s, strlen(s));
	js->bare = true;
}

void js_key(struct json_stream *js, const char *key)
{
	separate(js);
	put(js, "\"", 1);
	put(js, key, strlen(key));
	put(js, "\":", 2);
	js->bare = true;
}

void js_open(struct json_stream *js, char bracket)
{
	separate(js);
	put(js, &bracket, 1);
	if (js->depth + 1 >= JSON_STREAM_DEPTH) {
		js->failed = true;
		return;
	}
	js->items[++js->depth] = false;
}

void js_close(struct json_stream *js, char bracket)
{
	if (js->depth == 0) {
		js->failed = true;
		return;
	}
	js->depth--;
	put(js, &bracket, 1);
	js->bare = false;
}

/* Whether jansson would write s as it is between its quotes: printable
 * ASCII with no quote or backslash (jansson escapes '/' only when asked).
 * Most of a report's strings are: URLs, verdicts, reasons, keys. n gets
 * its length. */
static bool plain(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++)
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\')
			return false;
	*n = (size_t)(p - (const unsigned char *)s);
	return true;
}

void js_string(struct json_stream *js, const char *s)
{
	if (!s) {
		js_null(js);
		return;
	}
	separate(js);
	size_t n;
	if (plain(s, &n)) { /* the bytes jansson would write, without its copy of s */
		put(js, "\"", 1);
		put(js, s, n);
		put(js, "\"", 1);
		return;
	}
	/* the model's strings are UTF-8; one that is not is written mended
	 * rather than dropped */
	if (json_string_set(js->str, s) != 0) {
		char *fixed = utf8_mend(s);
		int rc = json_string_set(js->str, fixed);
		free(fixed);
		if (rc != 0) {
			js->failed = true;
			return;
		}
	}
	encode(js, js->str);
}

void js_int(struct json_stream *js, int64_t v)
{
	separate(js);
	/* the digits jansson writes ("%" JSON_INTEGER_FORMAT), without its round trip */
	char digits[24];
	int n = snprintf(digits, sizeof digits, "%" PRId64, v);
	put(js, digits, (size_t)n);
}

void js_real(struct json_stream *js, double v)
{
	separate(js);
	if (json_real_set(js->real, v) != 0) { /* NaN or infinity: JSON has neither */
		put(js, "null", 4);
		return;
	}
	encode(js, js->real);
}

void js_bool(struct json_stream *js, bool v)
{
	separate(js);
	put(js, v ? "true" : "false", v ? 4 : 5);
}

void js_null(struct json_stream *js)
{
	separate(js);
	put(js, "null", 4);
}

void js_json(struct json_stream *js, const json_t *v)
{
	separate(js);
	if (!v)
		put(js, "null", 4);
	else
		encode(js, v);
}

void js_json_new(struct json_stream *js, json_t *v)
{
	js_json(js, v);
	json_decref(v);
}

void js_kstring(struct json_stream *js, const char *key, const char *s)
{
	js_key(js, key);
	js_string(js, s);
}

void js_kint(struct json_stream *js, const char *key, int64_t v)
{
	js_key(js, key);
	js_int(js, v);
}

void js_kint_or_null(struct json_stream *js, const char *key, int64_t v)
{
	js_key(js, key);
	if (v)
		js_int(js, v);
	else
		js_null(js);
}
