#include "report/report_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/interrupt.h"
#include "util/util.h"

/* A path that exists and is no regular file (/dev/null, a FIFO, a symbolic
 * link) is written through: renaming a file over it would replace it. */
static int write_through(file_writer *write, const void *r, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	int rc = f ? write(r, f) : -1;
	int saved = errno;
	if (f && fclose(f) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0)
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(saved));
	return rc;
}

/* A temporary file beside path (*tmp gets its name, the caller frees it):
 * its descriptor, or -1 with the reason in err. */
static int temporary_beside(const char *path, char **tmp, char *err, size_t errlen)
{
	*tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
	}
	return fd;
}

/* The temporary file is made beside path: its folder must take one. */
static int check_folder(const char *path, char *err, size_t errlen)
{
	char *tmp;
	int fd = temporary_beside(path, &tmp, err, errlen);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(tmp);
	free(tmp);
	return 0;
}

int file_write_atomic(file_writer *write, const void *r, const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_through(write, r, path, err, errlen);
	char *tmp;
	int fd = temporary_beside(path, &tmp, err, errlen);
	if (fd < 0)
		return -1;
	/* a report is an ordinary file: the mode the umask gives, not mkstemp's 0600 */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	interrupt_guard_file(tmp);
	FILE *f = fdopen(fd, "w");
	int rc = f ? write(r, f) : -1;
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

struct report_job {
	report_writer *write;
	const struct report *r;
};

static int write_report(const void *arg, FILE *out)
{
	const struct report_job *j = arg;
	return j->write(j->r, out);
}

int report_file_write(report_writer *write, const struct report *r, const char *path, char *err, size_t errlen)
{
	struct report_job j = {write, r};
	return file_write_atomic(write_report, &j, path, err, errlen);
}

int report_file_check(const char *path, char *err, size_t errlen)
{
	struct stat st, lst;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "cannot write %s: it is a folder", path);
		return -1;
	}
	if (lstat(path, &lst) == 0 && !S_ISREG(lst.st_mode)) {
		/* a FIFO, a device or a link is written through: it must take
		 * writes itself (a link to nothing yet makes its target then) */
		if (access(path, W_OK) == 0 || (S_ISLNK(lst.st_mode) && errno == ENOENT))
			return 0;
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return check_folder(path, err, errlen); /* the temporary file goes beside it */
}
