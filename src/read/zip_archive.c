#include "read/zip_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

bool zip_signature(const unsigned char *p, size_t n)
{
	return n >= 4 && p[0] == 'P' && p[1] == 'K' &&
	       ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6) || (p[2] == 7 && p[3] == 8));
}

static int fail(struct zip_doc *z, const char *what)
{
	snprintf(z->error, sizeof z->error, "%s", what);
	return -1;
}

static int fail_archive(struct zip_doc *z, struct archive *a, const char *doing)
{
	const char *msg = archive_error_string(a);
	snprintf(z->error, sizeof z->error, "the zip archive is corrupt or truncated (%s%s%s)", doing,
		 msg ? ": " : "", msg ? msg : "");
	return -1;
}

static struct archive *reopen(struct zip_doc *z)
{
	zip_part_close(z);
	if (z->a)
		archive_read_free(z->a);
	z->a = NULL;
	z->at = 0;
	struct archive *a = archive_read_new();
	/* the seekable reader trusts the central directory, as word processors do */
	archive_read_support_format_zip_seekable(a);
	int rc = z->path ? archive_read_open_filename(a, z->path, 64 * 1024)
			 : archive_read_open_memory(a, z->mem, z->mem_len);
	if (rc != ARCHIVE_OK) {
		fail_archive(z, a, "opening it");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* Next entry header: 1, 0 at the end, -1 (z->error) on a corrupt or encrypted entry. */
static int next_entry(struct zip_doc *z, struct archive *a, struct archive_entry **e)
{
	int rc = archive_read_next_header(a, e);
	if (rc == ARCHIVE_EOF)
		return 0;
	if (rc < ARCHIVE_WARN)
		return fail_archive(z, a, "reading its directory");
	if (archive_entry_is_encrypted(*e)) {
		snprintf(z->error, sizeof z->error,
			 "the document is encrypted (entry %s): save it without a password and try again",
			 archive_entry_pathname(*e) ? archive_entry_pathname(*e) : "?");
		return -1;
	}
	return 1;
}

int zip_open(struct zip_doc *z, const char *path, const void *mem, size_t mem_len, uint64_t file_bytes,
	     void (*each)(const char *name, void *u), void *u)
{
	memset(z, 0, sizeof *z);
	strmap_init(&z->index);
	z->path = path;
	z->mem = mem;
	z->mem_len = mem_len;
	z->file_bytes = file_bytes;
	z->budget = (uint64_t)16 << 20;
	if (file_bytes < (ZIP_MAX_INFLATED - z->budget) / ZIP_RATIO_ALLOWED)
		z->budget += file_bytes * ZIP_RATIO_ALLOWED;
	else
		z->budget = ZIP_MAX_INFLATED;
	struct archive *a = reopen(z);
	if (!a)
		return -1;
	struct archive_entry *e;
	unsigned n = 0;
	int rc;
	while ((rc = next_entry(z, a, &e)) > 0) {
		const char *name = archive_entry_pathname(e);
		if (name) {
			size_t first;
			if (!strmap_get(&z->index, name, &first))
				strmap_put(&z->index, name, n); /* a repeated name: the first is read */
			if (each)
				each(name, u);
		}
		if (++n > ZIP_MAX_ENTRIES) {
			rc = fail(z, "the archive has more than 20000 entries: not a document (zip bomb?)");
			break;
		}
		if (archive_entry_size_is_set(e) && (uint64_t)archive_entry_size(e) > z->budget) {
			snprintf(z->error, sizeof z->error,
				 "entry %s would inflate to %lld bytes, over the limit of %llu for a "
				 "%llu-byte file (zip bomb?)",
				 archive_entry_pathname(e), (long long)archive_entry_size(e),
				 (unsigned long long)z->budget, (unsigned long long)file_bytes);
			rc = -1;
			break;
		}
	}
	archive_read_free(a);
	return rc < 0 ? -1 : 0;
}

long zip_part_place(const struct zip_doc *z, const char *name)
{
	size_t k;
	return strmap_get(&z->index, name, &k) ? (long)k : -1;
}

int zip_part_open(struct zip_doc *z, const char *name)
{
	size_t want;
	zip_part_close(z);
	if (!strmap_get(&z->index, name, &want))
		return 0;
	if (!z->a || z->at > want) {
		struct archive *a = reopen(z);
		if (!a)
			return -1;
		z->a = a;
	}
	struct archive_entry *e;
	while (z->at <= want) {
		int rc = next_entry(z, z->a, &e);
		if (rc <= 0) {
			if (rc == 0)
				fail(z, "the zip archive is corrupt or truncated (an entry of its directory is missing)");
			return -1;
		}
		z->at++;
	}
	z->streaming = true;
	snprintf(z->part, sizeof z->part, "%s", name);
	return 1;
}

ssize_t zip_part_read(struct zip_doc *z, void *buf, size_t n)
{
	if (!z->streaming)
		return 0;
	la_ssize_t got = archive_read_data(z->a, buf, n);
	if (got < 0) {
		snprintf(z->error, sizeof z->error, "%s in the archive cannot be read: %s", z->part,
			 archive_error_string(z->a) ? archive_error_string(z->a) : "corrupt data");
		return -1;
	}
	z->inflated += (uint64_t)got;
	if (z->inflated > z->budget) {
		snprintf(z->error, sizeof z->error,
			 "the archive inflates to more than %llu bytes, the limit for a %llu-byte file "
			 "(zip bomb?)",
			 (unsigned long long)z->budget, (unsigned long long)z->file_bytes);
		return -1;
	}
	return got;
}

ssize_t zip_part_source(void *z, void *buf, size_t n)
{
	return zip_part_read(z, buf, n);
}

void zip_part_close(struct zip_doc *z)
{
	z->streaming = false; /* the reader stays where it is, for the next part */
}

int zip_part_slurp(struct zip_doc *z, const char *name, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	int rc = zip_part_open(z, name);
	if (rc <= 0)
		return rc;
	rc = read_all(zip_part_source, z, ZIP_MAX_SMALL_PART, out, len);
	zip_part_close(z);
	if (rc == -2)
		snprintf(z->error, sizeof z->error, "%s is larger than %u bytes: not a document part", name,
			 ZIP_MAX_SMALL_PART);
	return rc < 0 ? -1 : 1;
}

void zip_close(struct zip_doc *z)
{
	zip_part_close(z);
	if (z->a)
		archive_read_free(z->a);
	z->a = NULL;
	strmap_finish(&z->index);
}
