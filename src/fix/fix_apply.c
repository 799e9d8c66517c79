#include "fix/fix_apply.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fix/fix_diff.h"
#include "fix/fix_html.h"
#include "fix/fix_text.h"
#include "fix/fix_zip.h"
#include "live/fetch_document.h"
#include "read/doc_input.h"
#include "report/report_file.h"
#include "util/util.h"

static bool text_format(const char *f)
{
	return !strcmp(f, "markdown") || !strcmp(f, "text") || !strcmp(f, "rst");
}

/* The document's bytes again, read as the readers read them (doc_input.h). */
static int slurp(const char *path, char **data, size_t *len, char *err, size_t errlen)
{
	struct doc_input in;
	int rc = doc_input_open(&in, path) == 0 && doc_input_slurp(&in, data, len) == 0 ? 0 : -1;
	if (rc)
		snprintf(err, errlen, "cannot read %s again: %s", path, in.error);
	doc_input_close(&in);
	return rc;
}

static bool zip_format(const char *f)
{
	return !strcmp(f, "docx") || !strcmp(f, "odt");
}

/* Why a document cannot have a fixed copy, or NULL when it can. */
static const char *unfixable(const struct document *d)
{
	if (d->error)
		return "it could not be read";
	if (!strcmp(d->info.path, "-"))
		return "standard input cannot be read a second time";
	if (fetch_document_url(d->info.path))
		return "a document downloaded from the web is not fixed";
	const char *f = d->info.format;
	if (!strcmp(f, "pdf"))
		return "a PDF is not rewritten: make these fixes in the document it was exported from "
		       "(DOCX, ODT, Markdown, HTML: citecheck writes a fixed copy of each) and export it again";
	if (!text_format(f) && strcmp(f, "html") && !zip_format(f))
		return "fixes are written into Markdown, text, reST, HTML, DOCX and ODT only; the report lists them";
	return NULL;
}

/* The fixed copy of d (orig: its bytes, unless a zip), into out. Returns
 * 0, or -1 with err set. */
static int fixed_copy(struct document *d, const char *orig, size_t len, const char *tmpl, struct buf *out,
		      char *err, size_t errlen)
{
	const char *f = d->info.format;
	if (zip_format(f))
		return fix_zip(d->info.path, !strcmp(f, "odt"), d, out, err, errlen);
	if (!strcmp(f, "html"))
		fix_html(orig, len, d, out);
	else
		fix_text(orig, len, d, fix_text_template(f, tmpl), out);
	return 0;
}

/* The document's path as a path inside the folder: "." and empty
 * segments dropped, ".." taking back the segment before it and never
 * climbing above the folder ("../a.md" is "a.md", "/abs/docs/a.md" is
 * "abs/docs/a.md"). NULL when nothing is left. Caller frees. */
static char *inside(const char *p)
{
	struct buf b;
	buf_init(&b);
	while (*p) {
		size_t n = strcspn(p, "/");
		if (n == 2 && !strncmp(p, "..", 2)) {
			while (b.len && b.data[b.len - 1] != '/')
				b.len--;
			if (b.len)
				b.len--;
		} else if (n && !(n == 1 && *p == '.')) {
			if (b.len)
				buf_putc(&b, '/');
			buf_append(&b, p, n);
		}
		p += n + (p[n] == '/');
	}
	if (!b.len) {
		buf_finish(&b);
		return NULL;
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* The folder of rel inside the folder open as top, made where missing and
 * entered one segment at a time without following a symbolic link, so no
 * link planted in the folder leads a copy out of it. Returns its
 * descriptor (*leaf: the file's name in rel), or -1 with err. */
static int enter_folders(int top, const char *rel, const char *shown, const char **leaf, char *err, size_t errlen)
{
	int dir = dup(top);
	const char *p = rel;
	for (const char *slash; dir >= 0 && (slash = strchr(p, '/'));) {
		char *seg = xstrndup(p, (size_t)(slash - p));
		if (mkdirat(dir, seg, 0777) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "cannot make the folder for %s: %s", shown, strerror(errno));
			close(dir);
			dir = -1;
		} else {
			int next = openat(dir, seg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (next < 0)
				snprintf(err, errlen, "cannot write %s: %s", shown,
					 errno == ELOOP || errno == ENOTDIR
						 ? "a folder on its way is a symbolic link, and no copy is written through one"
						 : strerror(errno));
			close(dir);
			dir = next;
		}
		free(seg);
		p = slash + 1;
	}
	*leaf = p;
	return dir;
}

static int write_buf(const void *arg, FILE *out)
{
	const struct buf *b = arg;
	return b->len && fwrite(b->data, 1, b->len, out) != b->len ? -1 : 0;
}

/* The copy into the folder open as top, at the document's path inside it. */
static int write_in_folder(struct document *d, const struct buf *copy, int top, const char *dest, char *err,
			   size_t errlen)
{
	char *rel = inside(d->info.path);
	if (!rel) {
		snprintf(err, errlen, "%s names no file inside %s", d->info.path, dest);
		return -1;
	}
	size_t len = strlen(dest);
	char *path = xasprintf("%s%s%s", dest, dest[len - 1] == '/' ? "" : "/", rel);
	const char *leaf;
	int dir = enter_folders(top, rel, path, &leaf, err, errlen);
	int rc = dir < 0 ? -1 : 0;
	struct stat x, y;
	if (rc == 0 && fstatat(dir, leaf, &x, AT_SYMLINK_NOFOLLOW) == 0 && stat(d->info.path, &y) == 0 &&
	    x.st_dev == y.st_dev && x.st_ino == y.st_ino) {
		snprintf(err, errlen, "%s is the document itself: its copy goes elsewhere", path);
		rc = -1;
	}
	if (rc == 0)
		rc = file_write_at(write_buf, copy, dir, leaf, path, err, errlen);
	if (dir >= 0)
		close(dir);
	free(rel);
	if (rc == 0)
		d->fixed_path = path;
	else
		free(path);
	return rc;
}

static bool same_file(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* top: the --fix folder, open; -1 when dest is a file or standard output */
static int write_copy(struct document *d, const struct buf *copy, const struct fix_output *o, int top, char *err,
		      size_t errlen)
{
	if (!strcmp(o->dest, "-")) {
		if (write_buf(copy, stdout) != 0 || fflush(stdout) != 0) {
			snprintf(err, errlen, "cannot write the fixed copy: %s", strerror(errno));
			return -1;
		}
		d->fixed_path = xstrdup("-");
		return 0;
	}
	if (top >= 0)
		return write_in_folder(d, copy, top, o->dest, err, errlen);
	if (same_file(o->dest, d->info.path)) {
		snprintf(err, errlen, "%s is the document itself: its copy goes elsewhere", o->dest);
		return -1;
	}
	if (file_write_atomic(write_buf, copy, o->dest, err, errlen) != 0)
		return -1;
	d->fixed_path = xstrdup(o->dest);
	return 0;
}

static size_t applied(const struct document *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nfixes; i++)
		n += d->fixes[i].applied;
	return n;
}

/* No copy: none of the fixes is in one. */
static void unwritten(struct document *d)
{
	for (size_t i = 0; i < d->nfixes; i++) {
		d->fixes[i].applied = false;
		if (!d->fixes[i].reason)
			d->fixes[i].reason = "not-written";
	}
}

/* One document: its copy, or its diff. -1 when the copy could not be made
 * or written (err says why; the document's fix_error too). */
static int fix_one(struct document *d, const struct fix_output *o, int top, char *err, size_t errlen)
{
	const char *why = unfixable(d);
	if (!why && o->diff && zip_format(d->info.format))
		why = "--fix-diff is for text formats; --fix writes DOCX and ODT copies";
	if (why) {
		d->fix_error = d->error ? NULL : xstrdup(why);
		unwritten(d);
		return 0;
	}
	char *orig = NULL;
	size_t len = 0;
	struct buf copy;
	buf_init(&copy);
	int rc = zip_format(d->info.format) ? 0 : slurp(d->info.path, &orig, &len, err, errlen);
	if (rc == 0)
		rc = fixed_copy(d, orig, len, o->template, &copy, err, errlen);
	if (rc == 0 && o->diff) {
		if (applied(d) && fix_diff_write(stdout, d->info.path, orig ? orig : "", len, copy.data ? copy.data : "",
						 copy.len) != 0) {
			snprintf(err, errlen, "cannot write the diff: %s", strerror(errno));
			rc = -1;
		}
	} else if (rc == 0) {
		rc = write_copy(d, &copy, o, top, err, errlen);
	}
	if (rc != 0) { /* the document changed or went since it was read, or the copy cannot be made */
		d->fix_error = xstrdup(err);
		unwritten(d);
	}
	free(orig);
	buf_finish(&copy);
	return rc;
}

int fix_documents(struct model *m, const struct fix_output *o, char *err, size_t errlen)
{
	bool folder = false;
	if (!o->diff && strcmp(o->dest, "-") != 0) {
		struct stat st;
		size_t len = strlen(o->dest);
		/* a folder: one that exists, a name ending in "/", or the place for several copies */
		folder = (stat(o->dest, &st) == 0 && S_ISDIR(st.st_mode)) || o->dest[len - 1] == '/' || m->ndocs > 1;
		if (folder && mkdir(o->dest, 0777) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "cannot make the folder %s: %s", o->dest, strerror(errno));
			return -1;
		}
	}
	/* the folder itself is the user's to name (a link to it is followed);
	 * what is inside it is entered only through its descriptor */
	int top = folder ? open(o->dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (folder && top < 0) {
		snprintf(err, errlen, "cannot open the folder %s: %s", o->dest, strerror(errno));
		return -1;
	}
	/* every document gets its copy that can; the first that cannot is said */
	int rc = 0;
	char why[512];
	for (size_t i = 0; i < m->ndocs; i++)
		if (fix_one(&m->docs[i], o, top, why, sizeof why) != 0 && rc == 0) {
			snprintf(err, errlen, "%s", why);
			rc = -1;
		}
	if (top >= 0)
		close(top);
	return rc;
}
