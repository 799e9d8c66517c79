/* config.h — the config file people can comment: .citecheck.yml in the
 * working folder or a folder above it (not above the repository's root,
 * the folder holding .git), or the file --config names; --no-config reads
 * none. Its keys are the long options' names, its values theirs (a list for
 * a repeatable option, true or false for one that takes none); they come
 * before the command line's, which therefore wins. Read with libyaml.
 *
 * The key "hosts" maps host patterns to their own settings (host_rules.h):
 *   hosts:
 *     "*.intranet.example.org":
 *       headers: {Authorization: "Bearer ${DOCS_TOKEN}"}
 *       accept: [403]
 *       connections: 1
 *       pace: 2
 *     tracker.example.com: {exclude: true} */
#ifndef CITECHECK_CONFIG_H
#define CITECHECK_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#include "live/host_rules.h"

#define CONFIG_NAME ".citecheck.yml"
#define CONFIG_MAX_BYTES (1 << 20)
#define CONFIG_MAX_DEPTH 8 /* lists and mappings inside each other; a config file needs 4 */

struct config_args {
	char *path;  /* the file read; NULL: none */
	char **argv; /* "--key=value" and "--flag", owned */
	unsigned *line; /* each one's line in the file */
	size_t argc, cap;
	struct host_rules hosts; /* the "hosts" key */
};

/* Finds and reads the config file for the command line argv. Returns 0
 * (args->path NULL when there is none), or -1 with "FILE:LINE: why" in err. */
int config_read(int argc, char **argv, struct config_args *args, char *err, size_t errlen);
void config_args_finish(struct config_args *args);
/* Reads the config file open as f (args->path names it in messages; the
 * caller sets it). Returns 0, or -1 with "FILE:LINE: why" in err. */
int config_parse(struct config_args *args, FILE *f, char *err, size_t errlen);

#endif
