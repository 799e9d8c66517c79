/* json_stream.h — a JSON document written as it is walked, never built as
 * a tree: the writer places keys, commas and brackets, and jansson encodes
 * every value (its string escaping, UTF-8 check and number forms), through
 * three scalars kept for the whole document, so a value costs no tree and
 * no allocation of its own. For reports of 100,000 links and more.
 *
 * Errors stick: after a failed write every call is a no-op and
 * json_stream_finish() returns -1. */
#ifndef CITECHECK_JSON_STREAM_H
#define CITECHECK_JSON_STREAM_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_STREAM_DEPTH 16

struct json_stream {
	FILE *out;
	char *buf; /* pending output, written out in large pieces */
	size_t len, cap;
	json_t *str, *num, *real; /* reused for each scalar */
	unsigned depth;
	bool items[JSON_STREAM_DEPTH]; /* a value was written at this depth: the next takes a comma */
	bool bare;                     /* the next value takes no comma (after a key or a frame) */
	bool failed;
};

/* out NULL: a stream into memory, taken with json_stream_take. */
void json_stream_init(struct json_stream *js, FILE *out);
/* A stream into memory that starts in block, of cap bytes (the stream's
 * now; NULL: a new one): a block taken before, used again rather than
 * freed and allocated afresh for every piece of a long report. */
void json_stream_init_memory(struct json_stream *js, char *block, size_t cap);
/* A stream into memory: its bytes (*len of them, not NUL-terminated, at the
 * start of a block of *cap bytes the caller frees), or NULL when it
 * failed; the stream is finished. */
char *json_stream_take(struct json_stream *js, size_t *len, size_t *cap);
/* Writes what is pending and frees the stream: 0, or -1 if anything failed. */
int json_stream_finish(struct json_stream *js);

/* Literal bytes that separate what follows (a newline between a report's
 * references): the next value takes no comma. */
void js_frame(struct json_stream *js, const char *s);
/* The same for n bytes another stream wrote (json_stream_take). */
void js_raw(struct json_stream *js, const char *s, size_t n);
void js_key(struct json_stream *js, const char *key); /* key: a name with nothing to escape */
void js_open(struct json_stream *js, char bracket);   /* '{' or '[' */
void js_close(struct json_stream *js, char bracket);  /* '}' or ']' */
void js_string(struct json_stream *js, const char *s); /* NULL: null */
void js_int(struct json_stream *js, int64_t v);
void js_real(struct json_stream *js, double v);
void js_bool(struct json_stream *js, bool v);
void js_null(struct json_stream *js);
/* A value jansson holds (borrowed), encoded compactly. */
void js_json(struct json_stream *js, const json_t *v);
/* The same, then released: for a value made only to be written. */
void js_json_new(struct json_stream *js, json_t *v);

/* "key": value in one call, for the common shapes. */
void js_kstring(struct json_stream *js, const char *key, const char *s);
void js_kint(struct json_stream *js, const char *key, int64_t v);
/* "key": v, or null when v is 0 (a status, a column, a year not known). */
void js_kint_or_null(struct json_stream *js, const char *key, int64_t v);

#endif
