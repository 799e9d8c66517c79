/* report_formats.h — the report's formats and their writers. Every writer
 * reads the model and the summaries only. */
#ifndef CITECHECK_REPORT_FORMATS_H
#define CITECHECK_REPORT_FORMATS_H

#include <stdbool.h>
#include <stdio.h>

#include "model/model.h"
#include "report/summary.h"

enum report_format { REPORT_JSON, REPORT_TEXT, REPORT_MARKDOWN, REPORT_GITHUB, REPORT_SARIF, REPORT_JUNIT };

/* What makes the exit status 1 (--fail-on). */
enum fail_on {
	FAIL_DEAD = 1 << 0,      /* a dead link */
	FAIL_BLOCKED = 1 << 1,   /* a blocked link */
	FAIL_UNCHECKED = 1 << 2, /* a link that could not be verified (verdict error) */
	FAIL_ERROR = 1 << 3,     /* a finding of error severity */
	FAIL_WARNING = 1 << 4,   /* a finding of warning severity or worse */
	FAIL_CONFIRMED = 1 << 5, /* a dead link the cache's history confirms (confirmed-dead) */
	FAIL_CHANGED = 1 << 6,   /* a page changed since it was cited (drift) */
	FAIL_UNARCHIVED = 1 << 7, /* a cited page the archive has no capture of */
	/* the same, counting only what is new against --baseline */
	FAIL_NEW_DEAD = 1 << 8, FAIL_NEW_BLOCKED = 1 << 9, FAIL_NEW_UNCHECKED = 1 << 10,
	FAIL_NEW_ERROR = 1 << 11, FAIL_NEW_WARNING = 1 << 12, FAIL_NEW_CONFIRMED = 1 << 13,
};
#define FAIL_NEW_SHIFT 8 /* FAIL_NEW_X == FAIL_X << FAIL_NEW_SHIFT */

/* What a writer is given. */
struct report {
	const struct model *m;
	const struct summaries *s;
	int exit_status; /* what the run exits with (SARIF says it) */
	unsigned fail_on; /* enum fail_on: what JUnit calls a failure */
	bool verbose;    /* text: info findings and every unverified link too */
	bool color;      /* text on standard output: in colour */
	bool annotate_all; /* github with --baseline: what is not new too (--annotate all) */
	unsigned jobs;     /* JSON: threads that render its documents (--read-jobs) */
};

/* Writes the report to out: 0, or -1 when writing failed. */
typedef int report_writer(const struct report *r, FILE *out);

/* Whether a file's first bytes are a report citecheck wrote (JSON, the
 * Markdown memo, the text format): a folder being checked may hold the
 * reports of earlier runs, and they are never documents. */
bool report_written_by_citecheck(const unsigned char *head, size_t n);

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
