/* fuzz_document.h — what every reader's fuzz target does with a document:
 * puts the bytes where citecheck reads files from (a memfd, seen through
 * /proc/self/fd), reads it with the format forced, runs every text check and
 * writes the JSON report, so a mutation reaches the reader, the extractor,
 * the checks and the report writer. Nothing touches the network. */
#ifndef CITECHECK_FUZZ_DOCUMENT_H
#define CITECHECK_FUZZ_DOCUMENT_H

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check/checks.h"
#include "read/detect_format.h"
#include "model/model.h"
#include "read/read_document.h"
#include "report/report_json.h"
#include "report/summary.h"

static void fuzz_document(const void *data, size_t size, enum doc_format format)
{
	int fd = memfd_create("fuzz-document", 0);
	if (fd < 0)
		return;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct model *m = model_create(path);
	struct classify_config cc = {NULL};
	struct read_options ro = {.classify = &cc, .format = format, .base_url = "https://base.example.org/dir/"};
	char err[512];
	if (read_document(m, &ro, err, sizeof err) == 0) {
		check_all(m);
		struct summary s;
		summary_compute(m, &s);
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			report_json_write(m, &s, 1, null);
			fclose(null);
		}
	}
	model_destroy(m);
	close(fd);
}

#endif
