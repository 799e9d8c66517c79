/* report_file.h — a report written to a named file: through a temporary
 * file renamed into place, so a failed run never leaves a truncated report
 * where a good one was (a FIFO, a device or a symbolic link is written
 * through). */
#ifndef CITECHECK_REPORT_FILE_H
#define CITECHECK_REPORT_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "summary.h"

/* A report writer: 0, or -1 when writing failed (errno set by stdio). */
typedef int report_writer(const struct model *m, const struct summaries *s, FILE *out);

/* Returns 0, or -1 with the reason in err. */
int report_file_write(report_writer *write, const struct model *m, const struct summaries *s, const char *path,
		      char *err, size_t errlen);

#endif
