/* anchors.h — the names a #fragment can point at: in a Markdown file, its
 * headings as GitHub (or the site, site_rules.h) names them (and the id or name of its raw <a> tags);
 * in an HTML page, every id and every <a name>. Read once per file and
 * kept. */
#ifndef CITECHECK_ANCHORS_H
#define CITECHECK_ANCHORS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/strmap.h"

#define ANCHORS_MAX ANCHORS_PER_DOCUMENT_MAX /* names kept per file */

struct anchor_files {
	enum site_kind site; /* whose rules name headings */
	struct strmap index; /* path → files */
	struct anchor_file *files;
	size_t n, cap;
};

void anchor_files_init(struct anchor_files *a, enum site_kind site);
void anchor_files_finish(struct anchor_files *a);

/* Files what a Markdown file read as a document of the run offers, so that
 * links into it need not read it again; path as anchor_find is given it. */
void anchor_files_seed(struct anchor_files *a, const char *path, const struct anchor_source *src);

/* Whether the file at path offers name (percent-decoded; also matched in
 * lower case, as browsers find GitHub's heading names). html says how to
 * read it: HTML, or Markdown. Returns 1, 0, or -1 when the file cannot be
 * read. */
int anchor_find(struct anchor_files *a, const char *path, bool html, const char *name);

/* The name of the file at path nearest to name, when one is near enough to
 * be a slip (a letter or two: "instalation" → "installation") and no other
 * is as near; NULL otherwise. Caller frees. */
char *anchor_nearest(struct anchor_files *a, const char *path, bool html, const char *name);

/* Of candidates (n names), the one nearest to name as anchor_nearest
 * judges; NULL when none is near enough or two are as near. */
const char *nearest_name(const char *name, const char *const *candidates, size_t n);

/* The ids and names of an HTML page in memory, into names. */
void anchors_of_html(const char *body, size_t len, struct strmap *names);

#endif
