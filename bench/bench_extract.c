/* Times the stages of one run on a document: read + extract + check, then
 * the JSON report (to /dev/null). Prints "extract_s report_s peak_rss_kb
 * references". Used by bench/extract.sh; not a test. */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "check/checks.h"
#include "model/model.h"
#include "read/pdf_isolate.h"
#include "read/read_document.h"
#include "report/report_json.h"
#include "report/summary.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: bench-extract FILE\n", stderr);
		return 2;
	}
	double t0 = now();
	struct model *d = model_create(argv[1]);
	char err[512];
	struct classify_config cc = {NULL};
	struct read_options ro = {.classify = &cc, .format = FORMAT_AUTO};
	if (read_document(d, &ro, err, sizeof err) < 0) {
		fprintf(stderr, "bench-extract: %s\n", err);
		model_destroy(d);
		return 2;
	}
	check_all(d);
	struct model *m = model_create(NULL); /* the run's model, as run() makes it */
	model_merge(m, d);
	model_destroy(d);
	struct summaries s;
	summaries_compute(m, 1, &s);
	double t1 = now();
	FILE *null = fopen("/dev/null", "w");
	int rc = null ? report_json_write(m, &s, 1, null) : -1;
	if (null)
		fclose(null);
	double t2 = now();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%.3f %.3f %ld %zu\n", t1 - t0, t2 - t1, ru.ru_maxrss, s.run.references);
	summaries_finish(&s);
	model_destroy(m);
	return rc ? 1 : 0;
}
