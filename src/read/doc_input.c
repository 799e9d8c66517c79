#include "read/doc_input.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "util/util.h"

int doc_input_open(struct doc_input *in, const char *path)
{
	memset(in, 0, sizeof *in);
	in->path = path;
	if (strcmp(path, "-") == 0) {
		in->fp = stdin;
	} else {
		in->fp = fopen(path, "rb");
		if (!in->fp) {
			snprintf(in->error, sizeof in->error, "cannot open %s: %s", path, strerror(errno));
			return -1;
		}
		in->own_fp = true;
	}
	struct stat st;
	if (fstat(fileno(in->fp), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(in->error, sizeof in->error, "%s is a directory, not a document", path);
			doc_input_close(in);
			return -1;
		}
		in->regular = S_ISREG(st.st_mode) && in->own_fp;
		in->size = in->regular ? (uint64_t)st.st_size : 0;
	}
	in->head_len = fread(in->head, 1, sizeof in->head, in->fp);
	if (in->head_len < sizeof in->head && ferror(in->fp)) {
		snprintf(in->error, sizeof in->error, "cannot read %s: %s", path, strerror(errno));
		doc_input_close(in);
		return -1;
	}
	return 0;
}

ssize_t doc_input_read(void *p, void *buf, size_t n)
{
	struct doc_input *in = p;
	size_t got;
	if (in->head_pos < in->head_len) {
		got = in->head_len - in->head_pos < n ? in->head_len - in->head_pos : n;
		memcpy(buf, in->head + in->head_pos, got);
		in->head_pos += got;
	} else {
		got = fread(buf, 1, n, in->fp);
		if (got == 0 && ferror(in->fp)) {
			snprintf(in->error, sizeof in->error, "read error: %s", strerror(errno));
			return -1;
		}
	}
	in->bytes += got;
	return (ssize_t)got;
}

int doc_input_slurp(struct doc_input *in, char **out, size_t *len)
{
	int rc = read_all(doc_input_read, in, DOC_SLURP_MAX, out, len);
	if (rc == -2)
		snprintf(in->error, sizeof in->error, "the document is larger than %zu bytes", DOC_SLURP_MAX);
	return rc < 0 ? -1 : 0;
}

void doc_input_close(struct doc_input *in)
{
	if (in->own_fp && in->fp)
		fclose(in->fp);
	in->fp = NULL;
}

int doc_input_memory(struct doc_input *in, const char *path, char *buf, size_t len)
{
	memset(in, 0, sizeof *in);
	in->path = path;
	static char empty[1];
	/* fmemopen refuses a size of 0: an empty document is one empty buffer */
	in->fp = len ? fmemopen(buf, len, "rb") : fmemopen(empty, 1, "rb");
	if (!in->fp) {
		snprintf(in->error, sizeof in->error, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	in->own_fp = true;
	in->head_len = len ? fread(in->head, 1, sizeof in->head, in->fp) : 0;
	return 0;
}
