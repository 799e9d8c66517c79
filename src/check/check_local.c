#include "check/check_local.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "check/anchors.h"
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

static void verdict(struct target *t, enum live_verdict v, const char *reason)
{
	t->live.verdict = v;
	t->live.reason = reason;
	t->live.local = true;
}

static void check_one(struct target *t, struct anchor_files *files)
{
	static const char *const html[] = {"html", "htm", "xhtml", NULL};
	static const char *const markdown[] = {"md", "markdown", "mdown", "mkd", NULL};
	if (strncmp(t->key, "local:", 6) != 0) {
		verdict(t, LIVE_SKIPPED, t->key[0] == '/' ? "root-relative" : "no-path");
		return;
	}
	char *path = xstrdup(t->key + 6);
	char *hash = strchr(path, '#');
	if (hash)
		*hash++ = '\0';
	struct stat st;
	if (stat(path, &st) != 0) {
		verdict(t, errno == ENOENT || errno == ENOTDIR ? LIVE_DEAD : LIVE_ERROR,
			errno == ENOENT || errno == ENOTDIR ? "no-such-file" : "unreadable");
	} else if (S_ISDIR(st.st_mode)) {
		verdict(t, LIVE_ALIVE, "directory");
	} else if (!hash || (!has_ext(path, html) && !has_ext(path, markdown))) {
		verdict(t, LIVE_ALIVE, "file"); /* a fragment of a PDF or an image: not looked at */
	} else {
		int found = anchor_find(files, path, has_ext(path, html), hash);
		if (found < 0)
			verdict(t, LIVE_ERROR, "unreadable");
		else
			verdict(t, found ? LIVE_ALIVE : LIVE_DEAD, found ? "anchor" : "no-such-anchor");
	}
	free(path);
}

void check_local(struct model *m)
{
	struct anchor_files files;
	anchor_files_init(&files);
	for (size_t i = 0; i < m->ntargets; i++) {
		struct target *t = &m->targets[i];
		if (t->citations && m->refs[t->first_ref].links[t->first_link].kind == LINK_LOCAL &&
		    t->live.verdict == LIVE_UNCHECKED)
			check_one(t, &files);
	}
	anchor_files_finish(&files);
}
