#include "fix/fix_apply.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* "docs/a.md" for "./docs/a.md", "/abs/docs/a.md" → "abs/docs/a.md",
 * "../a.md" → "a.md": inside the folder whatever the path. */
static const char *inside(const char *p)
{
	for (;;) {
		if (*p == '/')
			p++;
		else if (!strncmp(p, "./", 2))
			p += 2;
		else if (!strncmp(p, "../", 3))
			p += 3;
		else
			return p;
	}
}

static int make_parents(char *path, char *err, size_t errlen)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		int rc = mkdir(path, 0777);
		int saved = errno;
		*s = '/';
		if (rc != 0 && saved != EEXIST) {
			snprintf(err, errlen, "cannot make the folder for %s: %s", path, strerror(saved));
			return -1;
		}
	}
	return 0;
}

static int write_buf(const void *arg, FILE *out)
{
	const struct buf *b = arg;
	return b->len && fwrite(b->data, 1, b->len, out) != b->len ? -1 : 0;
}

static bool same_file(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static int write_copy(struct document *d, const struct buf *copy, const struct fix_output *o, bool folder,
		      char *err, size_t errlen)
{
	if (!strcmp(o->dest, "-")) {
		if (write_buf(copy, stdout) != 0 || fflush(stdout) != 0) {
			snprintf(err, errlen, "cannot write the fixed copy: %s", strerror(errno));
			return -1;
		}
		d->fixed_path = xstrdup("-");
		return 0;
	}
	size_t len = strlen(o->dest);
	char *path = folder ? xasprintf("%s%s%s", o->dest, o->dest[len - 1] == '/' ? "" : "/", inside(d->info.path))
			    : xstrdup(o->dest);
	int rc = folder ? make_parents(path, err, errlen) : 0;
	if (rc == 0 && same_file(path, d->info.path)) {
		snprintf(err, errlen, "%s is the document itself: its copy goes elsewhere", path);
		rc = -1;
	}
	if (rc == 0)
		rc = file_write_atomic(write_buf, copy, path, err, errlen);
	if (rc == 0)
		d->fixed_path = path;
	else
		free(path);
	return rc;
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

/* One document: its copy, or its diff. -1 only when writing failed. */
static int fix_one(struct document *d, const struct fix_output *o, bool folder, char *err, size_t errlen)
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
	char why_not[512];
	int rc = zip_format(d->info.format) ? 0 : slurp(d->info.path, &orig, &len, why_not, sizeof why_not);
	if (rc == 0)
		rc = fixed_copy(d, orig, len, o->template, &copy, why_not, sizeof why_not);
	if (rc != 0) { /* the document changed or went since it was read */
		d->fix_error = xstrdup(why_not);
		unwritten(d);
		free(orig);
		buf_finish(&copy);
		return 0;
	}
	if (o->diff) {
		if (applied(d) && fix_diff_write(stdout, d->info.path, orig ? orig : "", len, copy.data ? copy.data : "",
						 copy.len) != 0) {
			snprintf(err, errlen, "cannot write the diff: %s", strerror(errno));
			rc = -1;
		}
	} else {
		rc = write_copy(d, &copy, o, folder, err, errlen);
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
	for (size_t i = 0; i < m->ndocs; i++)
		if (fix_one(&m->docs[i], o, folder, err, errlen) != 0)
			return -1;
	return 0;
}
