/* inputs.h — the documents of a run, from the command line's PATHs and
 * --files-from: files as given, directories walked (sorted, hidden entries
 * and symbolic links to directories skipped), duplicates dropped. Nothing
 * is read here but the first bytes of files whose name does not say what
 * they are. */
#ifndef CITECHECK_INPUTS_H
#define CITECHECK_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strmap.h"

#define INPUTS_MAX 1000000    /* documents in one run */
#define INPUTS_WALK_DEPTH 64  /* folders inside folders */

struct input_list {
	char **paths; /* owned; "-" is standard input, http(s):// a published document */
	/* for each path, the folder its relative links may not leave: the
	 * folder given that it was found in, or a file's own folder; owned */
	char **roots;
	size_t n, cap;
	struct strmap seen;
};

void input_list_init(struct input_list *l);
void input_list_finish(struct input_list *l);

/* Adds what one PATH names. Returns 0, or -1 with a usage error in err (a
 * directory with no document in it, too many documents). */
int inputs_add(struct input_list *l, const char *path, char *err, size_t errlen);

/* Adds every path listed in file, one a line ("-": standard input).
 * Returns 0, or -1 with the reason in err. */
int inputs_add_from(struct input_list *l, const char *file, char *err, size_t errlen);

/* The top folder of the git repository the file at path is in (the first
 * folder up from its own that holds .git), as a path in the same terms as
 * path ("", "..", "docs"); NULL when there is none within 64 folders up, or
 * for standard input and URLs. Caller frees. */
char *inputs_git_top(const char *path);

/* Whether a file met in a directory walk is a document: by its extension,
 * or, for .json and names with none, by its first bytes. */
bool inputs_is_document(const char *path);

#endif
