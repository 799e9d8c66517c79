#include "report_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"
#include "util.h"

/* A path that exists and is no regular file (/dev/null, a FIFO, a symbolic
 * link) is written through: renaming a file over it would replace it. */
static int write_through(report_writer *write, const struct model *m, const struct summaries *s, const char *path,
			 char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	int rc = f ? write(m, s, f) : -1;
	int saved = errno;
	if (f && fclose(f) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0)
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(saved));
	return rc;
}

/* Writes the report to path through a temporary file renamed into place, so
 * a failed run never leaves a truncated report where a good one was. */
int report_file_write(report_writer *write, const struct model *m, const struct summaries *s, const char *path,
		      char *err, size_t errlen)
{
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_through(write, m, s, path, err, errlen);
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	/* a report is an ordinary file: the mode the umask gives, not mkstemp's 0600 */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	interrupt_guard_file(tmp);
	FILE *f = fdopen(fd, "w");
	int rc = f ? write(m, s, f) : -1;
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
	if (rc != 0)
		unlink(tmp);
	interrupt_guard_file(NULL); /* renamed or removed: nothing left to guard */
	if (rc != 0)
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(saved));
	free(tmp);
	return rc;
}
