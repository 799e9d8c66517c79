/* --baseline reads a report anybody may have written (a CI artifact of
 * another branch): the fuzzer's bytes are that report, compared with a run
 * of one small document, every link and finding marked and the fixed ones
 * listed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check/checks.h"
#include "compare/baseline.h"
#include "model/model.h"
#include "read/read_document.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char doc[] = "# Notes\n\n## References\n\n1. A. <https://a.example.org/x>\n"
			  "2. B. [b](http://b.example.org/ y)\n3. C. https://web.archive.org/save/https://c.example.org/\n";

/* The run: the document read, checked and merged, named a.md. */
static struct model *run_model(void)
{
	int fd = memfd_create("fuzz-baseline-doc", 0);
	if (fd < 0 || write(fd, doc, sizeof doc - 1) != (ssize_t)(sizeof doc - 1))
		abort();
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct model *d = model_create(path), *run = model_create(NULL);
	struct classify_config cc = {NULL};
	struct read_options ro = {.classify = &cc, .format = FORMAT_MARKDOWN};
	char err[256];
	if (read_document(d, &ro, err, sizeof err) != 0)
		abort();
	check_all(d);
	model_merge(run, d);
	model_destroy(d);
	close(fd);
	free(run->docs[0].info.path);
	run->docs[0].info.path = xstrdup("a.md");
	target_live_make(&run->targets[0])->verdict = LIVE_DEAD;
	return run;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz-baseline", 0);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct baseline *b;
	char err[512];
	if (baseline_load(path, &b, err, sizeof err) == 0) {
		struct model *m = run_model();
		baseline_compare(b, m);
		baseline_free(b);
		model_destroy(m);
	}
	close(fd);
	return 0;
}
