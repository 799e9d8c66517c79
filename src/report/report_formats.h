/* report_formats.h — the report's formats and their writers. Every writer
 * reads the model and the summaries only. */
#ifndef CITECHECK_REPORT_FORMATS_H
#define CITECHECK_REPORT_FORMATS_H

#include <stdbool.h>
#include <stdio.h>

#include "model/model.h"
#include "report/summary.h"

enum report_format { REPORT_JSON, REPORT_TEXT, REPORT_MARKDOWN, REPORT_GITHUB, REPORT_SARIF, REPORT_JUNIT };

/* What a writer is given. */
struct report {
	const struct model *m;
	const struct summaries *s;
	int exit_status; /* what the run exits with (SARIF says it) */
	unsigned fail_on; /* enum fail_on (cli.h): what JUnit calls a failure */
	bool verbose;    /* text: info findings and every unverified link too */
	bool color;      /* text on standard output: in colour */
};

/* Writes the report to out: 0, or -1 when writing failed. */
typedef int report_writer(const struct report *r, FILE *out);

/* "json", "text", "markdown", "github", "sarif", "junit". */
bool report_format_parse(const char *name, enum report_format *f);
const char *report_format_name(enum report_format f);
/* By a file's extension: .json, .txt, .md, .sarif, .xml; false when none fits. */
bool report_format_of_path(const char *path, enum report_format *f);
report_writer *report_writer_of(enum report_format f);

int report_github_write(const struct report *r, FILE *out);
int report_sarif_write(const struct report *r, FILE *out);
int report_junit_write(const struct report *r, FILE *out);
int report_markdown_write(const struct report *r, FILE *out);
int report_readable_write(const struct report *r, FILE *out);

/* A document's path as the formats for CI name it: relative to the working
 * directory when it lies under it. Points into path. */
const char *report_relative_path(const char *path);

#endif
