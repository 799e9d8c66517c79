/* doc_reader.h — reads a document as a stream of lines, so that memory follows
 * the longest line kept (capped), never the size of the document.
 *
 * Each line is handed over as valid UTF-8 without its line ending: invalid
 * bytes become U+FFFD and are counted, a UTF-8 BOM is dropped, CR before LF
 * is dropped. A line longer than the cap is cut at the cap (the rest is read
 * and discarded) and counted. NUL bytes, UTF-16 and known binary formats stop
 * the read with an error: they are not text documents. */
#ifndef CITECHECK_DOC_READER_H
#define CITECHECK_DOC_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "read/doc_input.h"
#include "util/util.h"

#define DOC_LINE_CAP (1u << 20) /* 1 MiB: far above any real paragraph */

struct doc_reader {
	struct doc_input *in; /* borrowed */
	unsigned char *chunk;
	size_t chunk_len, chunk_pos;
	bool eof;
	struct buf raw;  /* the line being assembled, capped */
	struct buf fixed; /* the line with invalid UTF-8 replaced, when it had any */
	const char *text; /* the line handed out: raw or fixed */
	size_t len;
	bool dropping;   /* past the cap: discard until the next newline */
	unsigned lineno;
	uint64_t bytes;
	/* what the caller turns into warnings */
	unsigned invalid_utf8_lines, first_invalid_line;
	unsigned long_lines, first_long_line;
	char error[256]; /* set when read_line returns -1 */
};

/* Reads lines from in, which the caller keeps owning. Returns 0, or -1 with r->error set. */
int doc_reader_open(struct doc_reader *r, struct doc_input *in);
/* 1: a line is in r->text/r->len (r->lineno is its number); 0: end; -1: error in r->error. */
int doc_reader_next(struct doc_reader *r);
void doc_reader_close(struct doc_reader *r);

/* What the first bytes of a document say it is, for a clear refusal:
 * NULL when it can be read as text. */
const char *doc_sniff_unsupported(const unsigned char *p, size_t n);

#endif
