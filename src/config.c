#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "cli.h"
#include "util.h"

/* Keys that make no sense in a file: they steer reading the file itself,
 * or end the run before it starts. */
static bool forbidden(const char *key)
{
	return !strcmp(key, "config") || !strcmp(key, "no-config") || !strcmp(key, "help") || !strcmp(key, "version");
}

static void add(struct config_args *a, char *arg, unsigned line)
{
	grow_array(&a->argv, &a->cap, a->argc + 1, sizeof *a->argv);
	a->line = xrealloc(a->line, a->cap * sizeof *a->line);
	a->argv[a->argc] = arg;
	a->line[a->argc++] = line;
}

static bool is_true(const char *v)
{
	return !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on");
}

static bool is_false(const char *v)
{
	return !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off");
}

/* One key and its value node into arguments. Returns 0, or -1 with err. */
static int entry(struct config_args *a, yaml_document_t *doc, yaml_node_t *k, yaml_node_t *v, char *err, size_t errlen)
{
	unsigned line = (unsigned)k->start_mark.line + 1;
	if (k->type != YAML_SCALAR_NODE) {
		snprintf(err, errlen, "%s:%u: a key must be an option's name", a->path, line);
		return -1;
	}
	const char *key = (const char *)k->data.scalar.value;
	int takes = forbidden(key) ? -1 : cli_option_arg(key);
	if (takes < 0) {
		snprintf(err, errlen, "%s:%u: unknown key '%s' (the keys are the long options' names, see --help)", a->path,
			 line, key);
		return -1;
	}
	if (v->type == YAML_SCALAR_NODE) {
		const char *val = (const char *)v->data.scalar.value;
		if (!takes) {
			if (!is_true(val) && !is_false(val)) {
				snprintf(err, errlen, "%s:%u: '%s' takes true or false, not '%s'", a->path, line, key, val);
				return -1;
			}
			if (is_true(val))
				add(a, xasprintf("--%s", key), line);
			return 0;
		}
		add(a, xasprintf("--%s=%s", key, val), line);
		return 0;
	}
	if (v->type == YAML_SEQUENCE_NODE && takes) {
		for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
			yaml_node_t *item = yaml_document_get_node(doc, *i);
			if (!item || item->type != YAML_SCALAR_NODE) {
				snprintf(err, errlen, "%s:%u: '%s' takes a list of values", a->path, line, key);
				return -1;
			}
			add(a, xasprintf("--%s=%s", key, (const char *)item->data.scalar.value), (unsigned)item->start_mark.line + 1);
		}
		return 0;
	}
	snprintf(err, errlen, "%s:%u: '%s' takes %s", a->path, line, key, takes ? "a value or a list" : "true or false");
	return -1;
}

static int parse(struct config_args *a, FILE *f, char *err, size_t errlen)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser)) {
		snprintf(err, errlen, "%s: libyaml could not start", a->path);
		return -1;
	}
	yaml_parser_set_input_file(&parser, f);
	int rc = 0;
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "%s:%zu: %s", a->path, parser.problem_mark.line + 1,
			 parser.problem ? parser.problem : "not YAML");
		yaml_parser_delete(&parser);
		return -1;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (root && root->type != YAML_MAPPING_NODE) {
		snprintf(err, errlen, "%s:%zu: the file must be a mapping of options to values", a->path,
			 root->start_mark.line + 1);
		rc = -1;
	}
	for (yaml_node_pair_t *p = root && !rc ? root->data.mapping.pairs.start : NULL; p && p < root->data.mapping.pairs.top && !rc;
	     p++)
		rc = entry(a, &doc, yaml_document_get_node(&doc, p->key), yaml_document_get_node(&doc, p->value), err, errlen);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}

/* .citecheck.yml here or above, up to the folder holding .git. */
static char *discover(void)
{
	char dir[4096];
	if (!getcwd(dir, sizeof dir))
		return NULL;
	for (;;) {
		char *path = xasprintf("%s/%s", strcmp(dir, "/") ? dir : "", CONFIG_NAME);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return path;
		free(path);
		char *git = xasprintf("%s/.git", strcmp(dir, "/") ? dir : "");
		bool root = stat(git, &st) == 0;
		free(git);
		char *slash = strrchr(dir, '/');
		if (root || !slash || !strcmp(dir, "/"))
			return NULL;
		*(slash == dir ? slash + 1 : slash) = '\0';
	}
}

int config_read(int argc, char **argv, struct config_args *args, char *err, size_t errlen)
{
	memset(args, 0, sizeof *args);
	const char *named = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--no-config") || !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ||
		    !strcmp(argv[i], "--version") || !strcmp(argv[i], "-V"))
			return 0;
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			named = argv[++i];
		else if (!strncmp(argv[i], "--config=", 9))
			named = argv[i] + 9;
	}
	args->path = named ? xstrdup(named) : discover();
	if (!args->path)
		return 0;
	FILE *f = fopen(args->path, "r");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		snprintf(err, errlen, "%s: %s", args->path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	if (st.st_size > CONFIG_MAX_BYTES) {
		snprintf(err, errlen, "%s: larger than %d bytes: no config file is", args->path, CONFIG_MAX_BYTES);
		fclose(f);
		return -1;
	}
	int rc = parse(args, f, err, errlen);
	fclose(f);
	return rc;
}

void config_args_finish(struct config_args *args)
{
	for (size_t i = 0; i < args->argc; i++)
		free(args->argv[i]);
	free(args->argv);
	free(args->line);
	free(args->path);
	memset(args, 0, sizeof *args);
}
