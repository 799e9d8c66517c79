#include "report/report_file.h"

#include <errno.h>
#include <fcntl.h>
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

/* Writes into fd (closed here), then gives the temporary file tmp in the
 * folder dirfd the name name; tmp is removed when either fails. shown: the
 * path for the message. */
static int fill_and_rename(file_writer *write, const void *arg, int fd, int dirfd, const char *tmp, const char *name,
			   const char *shown, char *err, size_t errlen)
{
	FILE *f = fdopen(fd, "w");
	int rc = f ? write(arg, f) : -1;
	int saved = errno;
	if (f && fclose(f) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	} else if (!f) {
		close(fd);
	}
	if (rc == 0 && renameat(dirfd, tmp, dirfd, name) != 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0) {
		unlinkat(dirfd, tmp, 0);
		snprintf(err, errlen, "cannot write %s: %s", shown, strerror(saved));
	}
	return rc;
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
	int rc = fill_and_rename(write, r, fd, AT_FDCWD, tmp, path, path, err, errlen);
	interrupt_guard_file(NULL); /* renamed or removed: nothing left to guard */
	free(tmp);
	return rc;
}

/* A new temporary file in dirfd beside name: its descriptor, with *tmp its
 * name (the caller frees it), or -1. O_EXCL and O_NOFOLLOW: a name planted
 * there beforehand is never opened, another is tried. */
static int temporary_at(int dirfd, const char *name, char **tmp)
{
	static unsigned serial;
	for (int i = 0; i < 100; i++) {
		*tmp = xasprintf(".%s.%ld.%u.tmp", name, (long)getpid(), serial++);
		int fd = openat(dirfd, *tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		free(*tmp);
	}
	*tmp = NULL;
	errno = EEXIST;
	return -1;
}

int file_write_at(file_writer *write, const void *arg, int dirfd, const char *name, const char *shown, char *err,
		  size_t errlen)
{
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "cannot write %s: it is %s, and nothing is written through one", shown,
			 S_ISLNK(st.st_mode) ? "a symbolic link" : "not a regular file");
		return -1;
	}
	char *tmp;
	int fd = temporary_at(dirfd, name, &tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write %s: %s", shown, strerror(errno));
		return -1;
	}
	/* renameat replaces the name itself: a link put there since is not followed */
	int rc = fill_and_rename(write, arg, fd, dirfd, tmp, name, shown, err, errlen);
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
