/* report_file.h — a report written to a named file: through a temporary
 * file renamed into place, so a failed run never leaves a truncated report
 * where a good one was (a FIFO, a device or a symbolic link is written
 * through). */
#ifndef CITECHECK_REPORT_FILE_H
#define CITECHECK_REPORT_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "report/report_formats.h"

/* Writes whatever write puts in out to path through a temporary file
 * renamed into place (a report, a document's fixed copy). Returns 0, or -1
 * with the reason in err. */
typedef int file_writer(const void *arg, FILE *out);
int file_write_atomic(file_writer *write, const void *arg, const char *path, char *err, size_t errlen);

/* The same inside the folder open as dirfd, under name (no slash), never
 * following a symbolic link: a name that is one, or anything but a regular
 * file, is refused; the temporary file is made with O_EXCL and
 * O_NOFOLLOW. shown: the path for messages. */
int file_write_at(file_writer *write, const void *arg, int dirfd, const char *name, const char *shown, char *err,
		  size_t errlen);

/* Returns 0, or -1 with the reason in err. */
int report_file_write(report_writer *write, const struct report *r, const char *path, char *err, size_t errlen);

/* Whether a report could be written at path: found before any request is
 * sent, so that a long run does not end unable to save its work. Returns
 * 0, or -1 with the reason in err. */
int report_file_check(const char *path, char *err, size_t errlen);

#endif
