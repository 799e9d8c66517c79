#include "core/inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/detect_format.h"
#include "report/report_formats.h"
#include "util/util.h"

void input_list_init(struct input_list *l)
{
	memset(l, 0, sizeof *l);
	strmap_init(&l->seen);
}

void input_list_finish(struct input_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->paths[i]);
		free(l->roots[i]);
	}
	free(l->paths);
	free(l->roots);
	strmap_finish(&l->seen);
	memset(l, 0, sizeof *l);
}

/* A file's own folder, as its path names it ("." for a bare name). */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* root: the folder walked; NULL for a file given by itself (its folder) */
static int push(struct input_list *l, const char *path, const char *root, char *err, size_t errlen)
{
	size_t dup;
	if (strmap_get(&l->seen, path, &dup))
		return 0;
	if (l->n == INPUTS_MAX) {
		snprintf(err, errlen, "more than %d documents in one run", INPUTS_MAX);
		return -1;
	}
	size_t cap = l->cap;
	grow_array(&l->paths, &l->cap, l->n + 1, sizeof *l->paths);
	if (l->cap != cap)
		l->roots = xrealloc(l->roots, l->cap * sizeof *l->roots);
	l->paths[l->n] = xstrdup(path);
	l->roots[l->n] = root ? xstrdup(root) : folder_of(path);
	strmap_put(&l->seen, l->paths[l->n], l->n);
	l->n++;
	return 0;
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	return dot && dot != (slash ? slash + 1 : path) ? dot + 1 : NULL;
}

/* A JSON object is CSL-JSON only as {"items": [...]}: package.json and the
 * other settings files of a docs repository are not references. */
static bool json_items(const unsigned char *head, size_t n)
{
	size_t i = 0;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
		i++;
	return i < n && (head[i] == '[' || memmem(head, n, "\"items\"", 7));
}

/* The first bytes of the file at path into head[4096]: how many, or -1
 * when it cannot be read. */
static ssize_t read_head(const char *path, unsigned char head[static 4096])
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, head, 4096);
	close(fd);
	return n;
}

/* What the first bytes say; FORMAT_AUTO when the file cannot be read (it is
 * then listed, so that the report says why it could not be read). */
static enum doc_format sniff(const char *path)
{
	unsigned char head[4096];
	ssize_t n = read_head(path, head);
	if (n < 0)
		return FORMAT_AUTO;
	enum doc_format f = detect_format(head, (size_t)n, "");
	return f == FORMAT_CSL_JSON && !json_items(head, (size_t)n) ? FORMAT_TEXT : f;
}

/* A report of an earlier run left in the folder (report_formats.h): JSON,
 * Markdown or text, the formats citecheck would read back. */
static bool citecheck_report(const char *path)
{
	static const char *const kinds[] = {"json", "md", "markdown", "txt", "text", NULL};
	const char *ext = extension(path);
	bool kind = false;
	for (size_t i = 0; ext && kinds[i]; i++)
		kind = kind || strcasecmp(ext, kinds[i]) == 0;
	if (!kind)
		return false;
	unsigned char head[4096];
	ssize_t n = read_head(path, head);
	return n > 0 && report_written_by_citecheck(head, (size_t)n);
}

bool inputs_is_document(const char *path)
{
	static const char *const named[] = {"md",   "markdown", "mdown", "mkd",  "txt",  "text",
					    "rst",  "adoc",     "asciidoc", "html", "htm", "xhtml",
					    "docx", "odt",      "epub",  "pdf",  "bib",  NULL};
	const char *ext = extension(path);
	for (size_t i = 0; ext && named[i]; i++)
		if (strcasecmp(ext, named[i]) == 0)
			return true;
	if (ext && strcasecmp(ext, "json") != 0)
		return false; /* .png, .c, .yml: not documents */
	/* .json is CSL-JSON or something else; LICENSE or Makefile is text that
	 * cites nothing: taken only when the content says a reference format */
	enum doc_format f = sniff(path);
	return f == FORMAT_AUTO || f == FORMAT_HTML || f == FORMAT_DOCX || f == FORMAT_ODT || f == FORMAT_EPUB ||
	       f == FORMAT_ZIP || f == FORMAT_BIBTEX || f == FORMAT_CSL_JSON;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int skip_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.'; /* ., .., .git and every hidden entry */
}

/* Walks dir in name order; found counts the documents added. Symbolic
 * links to directories are not followed (they can make loops); an entry
 * that cannot be examined is listed, so that the report says why. */
static int walk(struct input_list *l, const char *root, const char *dir, unsigned depth, size_t *found, char *err,
		size_t errlen)
{
	struct dirent **names;
	int n = scandir(dir, &names, skip_hidden, by_name);
	if (n < 0) {
		(*found)++;
		return push(l, dir, root, err, errlen); /* its error entry tells why */
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		/* "." walks name files as git does: README.md, not ./README.md */
		char *path = !strcmp(dir, ".") ? xstrdup(names[i]->d_name)
			     : strcmp(dir, "/")	   ? xasprintf("%s/%s", dir, names[i]->d_name)
						   : xasprintf("/%s", names[i]->d_name);
		struct stat st, lst;
		bool is_dir = false, candidate = true; /* what cannot be examined is listed */
		unsigned char type = names[i]->d_type; /* the folder says, where its file system does: no stat */
		if (type == DT_DIR)
			is_dir = true;
		else if (type == DT_REG)
			candidate = true;
		else if (lstat(path, &lst) == 0 && S_ISDIR(lst.st_mode))
			is_dir = true;
		else if (stat(path, &st) == 0)
			candidate = S_ISREG(st.st_mode); /* no FIFOs, devices, links to folders */
		if (rc == 0 && is_dir && depth < INPUTS_WALK_DEPTH) {
			rc = walk(l, root, path, depth + 1, found, err, errlen);
		} else if (rc == 0 && !is_dir && candidate && inputs_is_document(path) && !citecheck_report(path)) {
			(*found)++;
			rc = push(l, path, root, err, errlen);
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return rc;
}

int inputs_add(struct input_list *l, const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return push(l, path, NULL, err, errlen); /* read, or said unreadable, as given */
	/* "docs/" and "docs" walk the same folder and name its files alike */
	char *dir = xstrdup(path);
	for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	size_t found = 0;
	int rc = walk(l, dir, dir, 0, &found, err, errlen);
	if (rc == 0 && found == 0) {
		snprintf(err, errlen, "the folder '%s' holds no document citecheck reads (Markdown, text, reST, HTML, "
				      "DOCX, ODT, EPUB, BibTeX, CSL-JSON; hidden entries are skipped)",
			 path);
		rc = -1;
	}
	free(dir);
	return rc;
}

int inputs_add_from(struct input_list *l, const char *file, char *err, size_t errlen)
{
	bool in = strcmp(file, "-") == 0;
	FILE *f = in ? stdin : fopen(file, "r");
	if (!f) {
		snprintf(err, errlen, "--files-from %s: %s", file, strerror(errno));
		return -1;
	}
	char line[4097];
	unsigned lineno = 0;
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		lineno++;
		size_t n = strlen(line);
		if (n == sizeof line - 1 && line[n - 1] != '\n' && !feof(f)) {
			snprintf(err, errlen, "--files-from %s: line %u is longer than 4096 bytes", file, lineno);
			rc = -1;
			break;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n)
			rc = inputs_add(l, line, err, errlen);
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "--files-from %s: %s", file, strerror(errno));
		rc = -1;
	}
	if (!in)
		fclose(f);
	return rc;
}

/* The folder above dir, lexically: "docs/a" → "docs", "docs" → "",
 * "" → "..", ".." → "../..". */
static char *parent_of(const char *dir)
{
	if (!*dir || !strcmp(dir, "."))
		return xstrdup("..");
	const char *slash = strrchr(dir, '/');
	const char *last = slash ? slash + 1 : dir;
	if (!strcmp(last, ".."))
		return xasprintf("%s/..", dir);
	if (slash == dir)
		return xstrdup("/");
	return slash ? xstrndup(dir, (size_t)(slash - dir)) : xstrdup("");
}

char *inputs_git_top(const char *path)
{
	if (!strcmp(path, "-") || strstr(path, "://"))
		return NULL;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path))) : xstrdup("");
	for (int up = 0; up < 64; up++) {
		char *git = *dir ? xasprintf("%s/.git", dir) : xstrdup(".git");
		struct stat st;
		bool found = lstat(git, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)); /* a worktree's is a file */
		free(git);
		if (found)
			return dir;
		char *real = realpath(*dir ? dir : ".", NULL);
		bool top = !real || !strcmp(real, "/");
		free(real);
		if (top)
			break;
		char *up_dir = parent_of(dir);
		free(dir);
		dir = up_dir;
	}
	free(dir);
	return NULL;
}
