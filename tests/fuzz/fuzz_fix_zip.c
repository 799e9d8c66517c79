/* --fix on a DOCX or ODT: the fuzzer's bytes are the zip, whose document
 * parts are rewritten with a fix for each of three URLs and whose other
 * entries are copied, streaming, under the inflation budget. The first
 * byte chooses DOCX or ODT. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fix/fix_zip.h"
#include "model/model.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void add_fix(struct document *d, enum fix_kind kind, const char *before, const char *after)
{
	grow_array(&d->fixes, &d->fixes_cap, d->nfixes + 1, sizeof *d->fixes);
	struct fix *f = &d->fixes[d->nfixes++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->line = 1;
	f->before = xstrdup(before);
	f->after = xstrdup(after);
	strcpy(f->day, "2023-05-18");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int fd = memfd_create("fuzz-fix-zip", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
		close(fd);
		return 0;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct document d;
	memset(&d, 0, sizeof d);
	add_fix(&d, FIX_DEAD, "http://example.org/gone", "https://web.archive.org/web/20230518040448/http://example.org/gone");
	add_fix(&d, FIX_REPAIR, "http://example.org/ok a", "http://example.org/ok%20a");
	add_fix(&d, FIX_PIN, "https://web.archive.org/web/2/http://example.org/p",
		"https://web.archive.org/web/20230301120000/http://example.org/p");
	struct buf out;
	buf_init(&out);
	char err[512];
	fix_zip(path, data[0] & 1, &d, &out, err, sizeof err);
	buf_finish(&out);
	for (size_t i = 0; i < d.nfixes; i++) {
		free(d.fixes[i].before);
		free(d.fixes[i].after);
	}
	free(d.fixes);
	close(fd);
	return 0;
}
