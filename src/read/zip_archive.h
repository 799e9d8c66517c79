/* zip_archive.h — the parts of a zip-based document (DOCX, ODT, EPUB), read
 * with libarchive straight from the file: nothing is extracted to disk.
 *
 * A document is untrusted: the number of entries, each part read whole and
 * the bytes inflated over the whole read are capped, so a zip bomb ends in an
 * error at once (declared sizes) or after a bounded amount of work (sizes
 * that lie). Encrypted entries are refused. Entries are indexed once by
 * name; one reader walks the archive forward from part to part and reopens
 * only to go back, so memory follows the part being streamed, not the file,
 * and reading parts in archive order costs one walk over the entries. */
#ifndef CITECHECK_ZIP_ARCHIVE_H
#define CITECHECK_ZIP_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/strmap.h"

#define ZIP_MAX_ENTRIES 20000
#define ZIP_MAX_SMALL_PART (16u << 20) /* manifests, relationships, settings */
#define ZIP_MAX_INFLATED ((uint64_t)1 << 30)
#define ZIP_RATIO_ALLOWED 100 /* bytes inflated per byte of file, beyond 16 MiB */

struct archive;

struct zip_doc {
	const char *path;   /* the file, or NULL when reading mem */
	const void *mem;    /* standard input, held in memory */
	size_t mem_len;
	uint64_t file_bytes;
	uint64_t inflated;  /* over every part read so far */
	uint64_t budget;    /* what may be inflated in all */
	struct strmap index; /* entry name → its place in the archive */
	struct archive *a;  /* the reader, kept open from part to part */
	size_t at;          /* entries whose header a has read */
	bool streaming;     /* a part is open */
	char part[256];     /* the part being streamed, for messages */
	char error[512];
};

/* Checks that the file is a readable zip (entry count, declared sizes,
 * encryption), calling each (when not NULL) with every entry's name on the
 * way. Returns 0, or -1 with z->error set. mem, when not NULL, is borrowed. */
int zip_open(struct zip_doc *z, const char *path, const void *mem, size_t mem_len, uint64_t file_bytes,
	     void (*each)(const char *name, void *u), void *u);
/* Positions the reader at the part: 1 found, 0 absent, -1 error. */
int zip_part_open(struct zip_doc *z, const char *name);
/* The part's place in the archive (its entry's number from 0), or -1. */
long zip_part_place(const struct zip_doc *z, const char *name);
/* Reads the open part: bytes read, 0 at its end, -1 on error (z->error). */
ssize_t zip_part_read(struct zip_doc *z, void *buf, size_t n);
/* The same as a markup_read_fn (z is the struct zip_doc). */
ssize_t zip_part_source(void *z, void *buf, size_t n);
void zip_part_close(struct zip_doc *z);
/* The whole part in a fresh NUL-terminated buffer (at most ZIP_MAX_SMALL_PART):
 * 1 read, 0 absent, -1 error. */
int zip_part_slurp(struct zip_doc *z, const char *name, char **out, size_t *len);
void zip_close(struct zip_doc *z);

/* Whether the bytes begin like a zip archive. */
bool zip_signature(const unsigned char *p, size_t n);

#endif
