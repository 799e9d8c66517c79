#include "check/check_local.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "check/anchors.h"
#include "check/site_rules.h"
#include "extract/local_key.h"
#include "util/util.h"

static bool has_ext(const char *path, const char *const *exts)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	for (; dot && *exts; exts++)
		if (!strcasecmp(dot + 1, *exts))
			return true;
	return false;
}

/* A relative link's verdicts: a few answers, alike for every link they
 * fit, so each target shares one (target_live_share) rather than holding
 * one of its own: most targets of a docs tree are relative links. */
#define LOCAL(name, v, why) static const struct live_result name = {.verdict = v, .reason = why, .local = true}
LOCAL(outside, LIVE_SKIPPED, "outside");
LOCAL(root_relative, LIVE_SKIPPED, "root-relative");
LOCAL(no_path, LIVE_SKIPPED, "no-path");
LOCAL(page_chrome, LIVE_SKIPPED, "page-chrome");
LOCAL(no_file, LIVE_DEAD, "no-such-file");
LOCAL(no_anchor, LIVE_DEAD, "no-such-anchor");
LOCAL(unreadable, LIVE_ERROR, "unreadable");
LOCAL(directory, LIVE_ALIVE, "directory");
LOCAL(file, LIVE_ALIVE, "file");
LOCAL(anchor, LIVE_ALIVE, "anchor");
#undef LOCAL

static bool under(const char *real, const char *real_root)
{
	size_t n = strlen(real_root);
	if (n == 1 && real_root[0] == '/')
		return true;
	return !strncmp(real, real_root, n) && (real[n] == '\0' || real[n] == '/');
}

/* The folder a document's relative links may not leave, as realpath
 * gives it: resolved once for the documents that share it, not once a
 * link. And each folder a link points into, resolved once for all links
 * into it: realpath walks every component of a path (and asks getcwd for
 * a relative one), which over a tree of 200,000 links was most of the
 * run. */
struct bound {
	const char *root; /* as given; NULL: none */
	char *real;       /* NULL: the folder cannot be resolved (it went) */
	struct strmap folders; /* folder as linked → index into reals */
	char **reals;          /* realpath of each, NULL when it has none */
	size_t nreals, reals_cap;
	/* what is known of each path linked, under this root: links to one
	 * file with different #fragments ask the file system once */
	struct strmap paths; /* path → index into facts */
	struct path_fact *facts;
	size_t nfacts, facts_cap;
};

struct path_fact {
	bool out;  /* escapes() */
	int err;   /* stat's errno; 0: it exists */
	bool dir;
};

static void bound_set(struct bound *b, const char *root)
{
	if (b->root == root || (b->root && root && !strcmp(b->root, root)))
		return;
	free(b->real);
	b->root = root;
	b->real = root ? realpath(root, NULL) : NULL;
	strmap_finish(&b->paths); /* what escapes depends on the root */
	strmap_init(&b->paths);
	b->nfacts = 0;
}

/* realpath of the folder dir, once. */
static const char *folder_real(struct bound *b, const char *dir)
{
	size_t i;
	if (!strmap_get(&b->folders, dir, &i)) {
		grow_array(&b->reals, &b->reals_cap, b->nreals + 1, sizeof *b->reals);
		i = b->nreals++;
		b->reals[i] = realpath(dir, NULL);
		strmap_put(&b->folders, dir, i);
	}
	return b->reals[i];
}

/* Whether path, its symbolic links followed, lies outside the bound: a
 * link planted in the folder must not lead the check out of it. A path
 * that does not exist is judged by its folder. */
static bool escapes(const char *path, struct bound *b)
{
	if (!b->root)
		return false;
	if (!b->real)
		return true; /* the folder went: nothing is known to be inside it */
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	struct stat st;
	bool have = lstat(path, &st) == 0;
	if (have && S_ISDIR(st.st_mode)) { /* a folder: itself, resolved once */
		const char *real = folder_real(b, path);
		return real && !under(real, b->real);
	}
	if (*name && strcmp(name, ".") && strcmp(name, "..") && !(have && S_ISLNK(st.st_mode))) {
		/* a file, or nothing, and no symbolic link of its own: where its
		 * folder really is decides */
		char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
		const char *real = folder_real(b, dir);
		free(dir);
		return real && !under(real, b->real);
	}
	char *real = realpath(path, NULL);
	if (!real && (errno == ENOENT || errno == ENOTDIR)) {
		const char *slash = strrchr(path, '/');
		char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
		real = realpath(dir, NULL);
		free(dir);
	}
	bool out = real && !under(real, b->real);
	free(real);
	return out;
}

/* The description of the document that first cites reference ri
 * (documents hold their references in order). */
static const struct document_info *info_of(const struct model *m, size_t ri)
{
	size_t lo = 0, hi = m->ndocs;
	while (lo < hi) { /* the first document that starts after ri */
		size_t mid = lo + (hi - lo) / 2;
		if (m->docs[mid].first_ref <= ri)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t d = lo; d-- > 0;)
		if (ri < m->docs[d].first_ref + m->docs[d].nrefs)
			return &m->docs[d].info;
	return &m->doc; /* a document's own model */
}

static int visible(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Of the files beside a missing one, the name a slip away from its own. */
static char *nearest_file(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	struct dirent **e;
	int n = scandir(dir, &e, visible, NULL);
	free(dir);
	if (n < 0)
		return NULL;
	const char **names = xmalloc(((size_t)n + 1) * sizeof *names);
	for (int i = 0; i < n; i++)
		names[i] = e[i]->d_name;
	const char *best = nearest_name(slash ? slash + 1 : path, names, (size_t)n);
	char *out = best ? xstrdup(best) : NULL;
	free(names);
	for (int i = 0; i < n; i++)
		free(e[i]);
	free(e);
	return out;
}

/* On a site, the Markdown page a missing path is built from: *path
 * becomes it. */
static bool site_page(enum site_kind site, char **path)
{
	char *page = site == SITE_GITHUB ? NULL : site_page_source(site, *path);
	if (!page)
		return false;
	free(*path);
	*path = page;
	return true;
}

/* On a site, a folder's #fragment is looked for in the page the site
 * shows for it: *path becomes that page. */
static bool folder_page(enum site_kind site, char **path)
{
	char *page = site_folder_page(site, *path);
	if (!page)
		return false;
	free(*path);
	*path = page;
	return true;
}

/* Whether path escapes the bound, and what stat says of it: asked once
 * per path under one bound. */
static struct path_fact path_fact(const char *path, struct bound *b)
{
	size_t i;
	if (strmap_get(&b->paths, path, &i))
		return b->facts[i];
	struct path_fact f = {escapes(path, b), 0, false};
	struct stat st;
	if (!f.out) {
		if (stat(path, &st) != 0)
			f.err = errno;
		else
			f.dir = S_ISDIR(st.st_mode);
	}
	grow_array(&b->facts, &b->facts_cap, b->nfacts + 1, sizeof *b->facts);
	b->facts[b->nfacts] = f;
	strmap_put(&b->paths, path, b->nfacts++);
	return f;
}

static void check_one(struct target *t, struct bound *bound, struct anchor_files *files)
{
	static const char *const html[] = {"html", "htm", "xhtml", NULL};
	static const char *const markdown[] = {"md", "markdown", "mdown", "mkd", "mdx", NULL};
	if (!strncmp(t->key, "outside:", 8)) {
		target_live_share(t, &outside);
		return;
	}
	if (strncmp(t->key, "local:", 6) != 0) {
		target_live_share(t, t->key[0] == '/' ? &root_relative : &no_path);
		return;
	}
	const char *hash = strchr(t->key + 6, '#'); /* the fragment, after it */
	char *path = hash ? xstrndup(t->key + 6, (size_t)(hash - t->key - 6)) : xstrdup(t->key + 6);
	if (hash)
		hash++;
	struct path_fact f = path_fact(path, bound);
	bool missing = f.err == ENOENT || f.err == ENOTDIR;
	if (!f.out && missing && site_page(files->site, &path)) { /* the page, under the same bound */
		struct path_fact page = path_fact(path, bound);
		if (page.out || !page.err)
			f = page;
	}
	if (f.out) {
		target_live_share(t, &outside);
	} else if (f.err) {
		target_live_share(t, missing ? &no_file : &unreadable);
	} else if (f.dir && (!hash || files->site == SITE_GITHUB)) {
		target_live_share(t, &directory);
	} else if (f.dir && !folder_page(files->site, &path)) {
		target_live_share(t, &no_anchor); /* the site makes no page with headings for it */
	} else if (f.dir && escapes(path, bound)) { /* the folder's page, linked out of it */
		target_live_share(t, &outside);
	} else if (!hash || (!has_ext(path, html) && !has_ext(path, markdown))) {
		target_live_share(t, &file); /* a fragment of a PDF or an image: not looked at */
	} else {
		int found = anchor_find(files, path, has_ext(path, html), hash);
		if (found < 0)
			target_live_share(t, &unreadable);
		else
			target_live_share(t, found ? &anchor : &no_anchor);
		char *near = found ? NULL : anchor_nearest(files, path, has_ext(path, html), hash);
		if (near)
			t->nearest = xasprintf("#%s", near);
		free(near);
	}
	if (target_live(t) == &no_file)
		t->nearest = nearest_file(path);
	free(path);
}

/* The names a Markdown document of the run offers, read with it, filed
 * under its path as links name it; then dropped from the document. */
static void seed(struct anchor_files *files, struct document_info *info)
{
	static const struct local_base plain = {NULL, NULL, NULL};
	char *key = info->anchors.known ? local_key(info->path, &plain, "") : NULL;
	if (key && !strncmp(key, "local:", 6))
		anchor_files_seed(files, key + 6, &info->anchors);
	free(key);
	anchor_source_finish(&info->anchors);
}

void check_local(struct model *m)
{
	struct anchor_files files;
	anchor_files_init(&files, m->ndocs ? m->docs[0].info.site : m->doc.site); /* one site a run */
	for (size_t d = 0; d < m->ndocs; d++)
		seed(&files, &m->docs[d].info);
	seed(&files, &m->doc);
	struct bound bound;
	memset(&bound, 0, sizeof bound);
	strmap_init(&bound.folders);
	strmap_init(&bound.paths);
	for (size_t i = 0; i < m->ntargets; i++) {
		struct target *t = &m->targets[i];
		if (t->citations && m->refs[t->first_ref].links[t->first_link].kind == LINK_LOCAL &&
		    target_live(t)->verdict == LIVE_UNCHECKED) {
			if (t->chrome_only) {
				target_live_share(t, &page_chrome);
				continue;
			}
			bound_set(&bound, info_of(m, t->first_ref)->root);
			check_one(t, &bound, &files);
		}
	}
	free(bound.real);
	for (size_t i = 0; i < bound.nreals; i++)
		free(bound.reals[i]);
	free(bound.reals);
	strmap_finish(&bound.folders);
	strmap_finish(&bound.paths);
	free(bound.facts);
	anchor_files_finish(&files);
}
