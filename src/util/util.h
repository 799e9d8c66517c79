/* util.h — allocation that never returns NULL, a capped growable buffer,
 * and the few UTF-8 helpers every stage needs.
 *
 * Ownership: x* allocators return memory the caller owns and frees with free().
 * A struct buf owns its bytes; buf_finish() frees them, buf_steal() hands them over. */
#ifndef CITECHECK_UTIL_H
#define CITECHECK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Grow *v (of *cap elements of size elem) so it holds at least need elements. */
void grow_array(void *v, size_t *cap, size_t need, size_t elem);

struct buf {
	char *data; /* NUL-terminated while len < cap */
	size_t len, cap;
};
void buf_init(struct buf *b);
void buf_finish(struct buf *b);
void buf_clear(struct buf *b);
void buf_append(struct buf *b, const char *s, size_t n);
void buf_putc(struct buf *b, char c);
char *buf_steal(struct buf *b);
/* Writes all n bytes to fd (again after a signal). Returns 0, or -1 with errno. */
int write_all(int fd, const void *p, size_t n);
/* Gives back the room past its bytes (a buffer kept long after it is filled). */
void buf_fit(struct buf *b);

/* A byte source: bytes read into buf (at most n), 0 at the end, -1 on error. */
typedef ssize_t (*byte_source)(void *src, void *buf, size_t n);
/* Everything src has, into a fresh NUL-terminated buffer of at most cap
 * bytes: 0, -1 when src failed, -2 when it holds more than cap. */
int read_all(byte_source read, void *src, size_t cap, char **out, size_t *len);

/* Number of code points in s[0..n): turns a byte offset into a 1-based column - 1. */
size_t utf8_count(const char *s, size_t n);
/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if invalid. */
size_t utf8_valid_seq(const unsigned char *s, size_t n);

/* 64-bit FNV-1a of s[0..n): for hash tables and page fingerprints. */
uint64_t fnv1a64(const void *s, size_t n);
/* SHA-256 over head[0..n) then the bytes of the regular file at path, as 64
 * lower-case hex digits; NULL when the file cannot be read. Caller frees. */
char *hash_file_hex(const char *path, const void *head, size_t n);
/* splitmix64's finaliser: spreads hashes evenly over 64 bits, which a
 * bottom-k sketch relies on. */
uint64_t mix64(uint64_t x);

/* A number written in a document (a list's start, a note numbering's first
 * value): strtol, clamped to ±NUMBER_MAX so arithmetic on it cannot
 * overflow; 0 when there is no number. */
#define NUMBER_MAX 1000000000L
long clamped_number(const char *s);

bool is_ascii_punct(int c);
bool isalnum_ascii(int c);
int ascii_lower(int c);
bool ascii_ieq_prefix(const char *s, size_t n, const char *prefix);

#endif
