/* doc_input.h — the document's bytes, from a file or standard input, with
 * its first bytes read ahead so the format can be told from its content
 * before any reader starts. Readers then read it from the first byte. */
#ifndef CITECHECK_DOC_INPUT_H
#define CITECHECK_DOC_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define DOC_HEAD_SIZE 4096
#define DOC_SLURP_MAX ((size_t)256 << 20) /* standard input held whole: zip, JSON */

struct doc_input {
	const char *path; /* as given; "-" is standard input */
	FILE *fp;
	bool own_fp;
	bool regular;     /* a regular file: it can be reopened (zip parts) */
	uint64_t size;    /* of a regular file */
	unsigned char head[DOC_HEAD_SIZE];
	size_t head_len, head_pos;
	uint64_t bytes;   /* handed out so far */
	char error[256];
};

/* Returns 0, or -1 with in->error set. */
int doc_input_open(struct doc_input *in, const char *path);
/* A markup_read_fn: bytes read, 0 at the end, -1 with in->error set. */
ssize_t doc_input_read(void *in, void *buf, size_t n);
/* Everything not read yet, in a fresh buffer (at most DOC_SLURP_MAX bytes):
 * 0, or -1 with in->error set. */
int doc_input_slurp(struct doc_input *in, char **out, size_t *len);
void doc_input_close(struct doc_input *in);
/* An input over len bytes of buf (which must outlive it), named path: a
 * document already read whole, read again as a stream. Returns 0, or -1
 * with in->error set. */
int doc_input_memory(struct doc_input *in, const char *path, char *buf, size_t len);

#endif
