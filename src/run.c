#include "run.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"
#include "model.h"
#include "read_document.h"
#include "report_json.h"
#include "report_text.h"
#include "summary.h"
#include "util.h"

/* The one place run() reports a failure: one line on standard error. */
static void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("citecheck: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* Writes the report to path through a temporary file renamed into place, so
 * a failed run never leaves a truncated report where a good one was. */
static int write_report_file(const struct model *m, const struct summary *s, const char *path)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fatal("cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	FILE *f = fdopen(fd, "w");
	int rc = f ? report_json_write(m, s, f) : -1;
	int saved = errno;
	if (f && fclose(f) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	} else if (!f) {
		close(fd);
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0) {
		unlink(tmp);
		fatal("cannot write %s: %s", path, strerror(saved));
	}
	free(tmp);
	return rc;
}

int run(const struct options *opt)
{
	if (!opt->extract_only) {
		fatal("checking links on the web is not built yet; run with --extract-only to "
		      "extract and check the references without a network");
		return EXIT_TROUBLE;
	}
	struct model *m = model_create(opt->input);
	char err[512];
	if (read_document(m, NULL, err, sizeof err) < 0) {
		fatal("%s: %s", strcmp(opt->input, "-") ? opt->input : "standard input", err);
		model_destroy(m);
		return EXIT_TROUBLE;
	}
	check_all(m);
	struct summary s;
	summary_compute(m, &s);
	int rc;
	if (opt->output) {
		rc = write_report_file(m, &s, opt->output);
	} else {
		rc = report_json_write(m, &s, stdout);
		if (rc)
			fatal("cannot write the report: %s", strerror(errno));
	}
	if (!opt->quiet)
		report_text_write(m, &s, opt->verbose ? SEV_INFO : SEV_WARNING, stderr);
	model_destroy(m);
	if (rc)
		return EXIT_TROUBLE;
	return s.severity[SEV_ERROR] ? EXIT_FINDINGS : EXIT_CLEAN;
}
