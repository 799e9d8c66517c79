#include "core/config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "core/cli.h"
#include "model/problem.h"
#include "util/util.h"

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

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static unsigned line_of(yaml_node_t *n)
{
	return (unsigned)n->start_mark.line + 1;
}

static int number(const char *s, double min, double max, double *out)
{
	char *end;
	double v = s ? strtod(s, &end) : 0;
	if (!s || end == s || *end || !(v >= min) || !(v <= max))
		return -1;
	*out = v;
	return 0;
}

static int rule_headers(struct config_args *a, yaml_document_t *doc, yaml_node_t *v, struct host_rule *r, char *err,
			size_t errlen)
{
	if (v->type != YAML_MAPPING_NODE) {
		snprintf(err, errlen, "%s:%u: headers takes a mapping of names to values", a->path, line_of(v));
		return -1;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key), *val = yaml_document_get_node(doc, p->value);
		const char *name = scalar(k), *value = scalar(val);
		if (!name || !value || strpbrk(name, ":\r\n") || strpbrk(value, "\r\n")) {
			snprintf(err, errlen, "%s:%u: a header is a name and a value on one line", a->path, line_of(k));
			return -1;
		}
		char *bad;
		bool broken;
		char *expanded = host_rule_expand(value, &bad, &broken);
		if (!expanded) {
			/* the name, never the value: values are secrets */
			snprintf(err, errlen, "%s:%u: header %s names ${%s}, which %s", a->path, line_of(val), name, bad,
				 broken ? "holds a line break (a header value is one line)" : "is not set");
			free(bad);
			return -1;
		}
		char *line = xasprintf("%s: %s", name, expanded);
		r->headers = curl_slist_append(r->headers, line);
		memset(expanded, 0, strlen(expanded));
		memset(line, 0, strlen(line));
		free(expanded);
		free(line);
	}
	return 0;
}

/* A host setting that takes one value or a list: fn on each. */
static int each_item(struct config_args *a, yaml_document_t *doc, yaml_node_t *v, struct host_rule *r,
		     int (*fn)(struct config_args *, yaml_node_t *, struct host_rule *, char *, size_t), char *err,
		     size_t errlen)
{
	if (v->type != YAML_SEQUENCE_NODE)
		return fn(a, v, r, err, errlen);
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++)
		if (fn(a, yaml_document_get_node(doc, *i), r, err, errlen))
			return -1;
	return 0;
}

static int accept_one(struct config_args *a, yaml_node_t *item, struct host_rule *r, char *err, size_t errlen)
{
	double status;
	if (number(scalar(item), 100, 999, &status) < 0 || status != (long)status) {
		snprintf(err, errlen, "%s:%u: accept takes HTTP statuses (100 to 999)", a->path, line_of(item));
		return -1;
	}
	r->accept = xrealloc(r->accept, (r->naccept + 1) * sizeof *r->accept);
	r->accept[r->naccept++] = (long)status;
	return 0;
}

/* ignore: [blocked, url-near-duplicate]: verdicts and finding codes. */
static int ignore_one(struct config_args *a, yaml_node_t *item, struct host_rule *r, char *err, size_t errlen)
{
	const char *w = scalar(item);
	if (w && ignore_word(w, r->ignore_codes, &r->ignore_verdicts))
		return 0;
	snprintf(err, errlen, "%s:%u: ignore takes finding codes and dead, blocked, unverified", a->path,
		 line_of(item));
	return -1;
}

static int host_setting(struct config_args *a, yaml_document_t *doc, yaml_node_t *k, yaml_node_t *v,
			struct host_rule *r, char *err, size_t errlen)
{
	const char *key = scalar(k), *val = scalar(v);
	double d;
	if (key && !strcmp(key, "headers"))
		return rule_headers(a, doc, v, r, err, errlen);
	if (key && !strcmp(key, "accept"))
		return each_item(a, doc, v, r, accept_one, err, errlen);
	if (key && !strcmp(key, "connections") && number(val, 1, 100, &d) == 0 && d == (long)d) {
		r->connections = (long)d;
		return 0;
	}
	if (key && !strcmp(key, "pace") && number(val, 0.01, 1000, &d) == 0) {
		r->pace = d;
		return 0;
	}
	if (key && !strcmp(key, "ignore"))
		return each_item(a, doc, v, r, ignore_one, err, errlen);
	if (key && !strcmp(key, "exclude") && val && (is_true(val) || is_false(val))) {
		r->exclude = is_true(val);
		return 0;
	}
	if (key && (!strcmp(key, "connections") || !strcmp(key, "pace") || !strcmp(key, "exclude")))
		snprintf(err, errlen, "%s:%u: %s takes %s", a->path, line_of(v), key,
			 !strcmp(key, "connections") ? "a whole number from 1 to 100"
			 : !strcmp(key, "pace")	     ? "requests a second, from 0.01 to 1000"
						     : "true or false");
	else
		snprintf(err, errlen, "%s:%u: unknown host setting '%s' (headers, accept, connections, pace, exclude, ignore)",
			 a->path, line_of(k), key ? key : "?");
	return -1;
}

static int hosts(struct config_args *a, yaml_document_t *doc, yaml_node_t *v, char *err, size_t errlen)
{
	if (v->type != YAML_MAPPING_NODE) {
		snprintf(err, errlen, "%s:%u: hosts takes a mapping of host patterns to settings", a->path, line_of(v));
		return -1;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key), *set = yaml_document_get_node(doc, p->value);
		if (!scalar(k) || set->type != YAML_MAPPING_NODE) {
			snprintf(err, errlen, "%s:%u: a host pattern maps to its settings", a->path, line_of(k));
			return -1;
		}
		grow_array(&a->hosts.v, &a->hosts.cap, a->hosts.n + 1, sizeof *a->hosts.v);
		struct host_rule *r = &a->hosts.v[a->hosts.n++];
		memset(r, 0, sizeof *r);
		r->pattern = xstrdup(scalar(k));
		for (yaml_node_pair_t *q = set->data.mapping.pairs.start; q < set->data.mapping.pairs.top; q++)
			if (host_setting(a, doc, yaml_document_get_node(doc, q->key), yaml_document_get_node(doc, q->value), r,
					 err, errlen))
				return -1;
	}
	return 0;
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
	if (!strcmp(key, "hosts"))
		return hosts(a, doc, v, err, errlen);
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

/* Where a node goes: the collection being filled and, in a mapping, the
 * key read before its value. */
struct frame {
	int node;
	int key; /* 0: the next node is a key */
};

/* Adds node to the collection on top of the stack. */
static void attach(yaml_document_t *doc, struct frame *top, int node)
{
	yaml_node_t *parent = yaml_document_get_node(doc, top->node);
	if (parent->type == YAML_SEQUENCE_NODE) {
		yaml_document_append_sequence_item(doc, top->node, node);
	} else if (!top->key) {
		top->key = node;
	} else {
		yaml_document_append_mapping_pair(doc, top->node, top->key, node);
		top->key = 0;
	}
}

/* The event's node added to doc, marked with where it is; 0 for an event
 * that makes none. */
static int add_node(yaml_document_t *doc, const yaml_event_t *ev)
{
	int node = 0;
	if (ev->type == YAML_SCALAR_EVENT)
		node = yaml_document_add_scalar(doc, ev->data.scalar.tag, ev->data.scalar.value,
						(int)ev->data.scalar.length, ev->data.scalar.style);
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		node = yaml_document_add_sequence(doc, ev->data.sequence_start.tag, ev->data.sequence_start.style);
	else if (ev->type == YAML_MAPPING_START_EVENT)
		node = yaml_document_add_mapping(doc, ev->data.mapping_start.tag, ev->data.mapping_start.style);
	if (node) {
		yaml_node_t *n = yaml_document_get_node(doc, node);
		n->start_mark = ev->start_mark;
		n->end_mark = ev->end_mark;
	}
	return node;
}

/* The file's first document, built from libyaml's events in one pass.
 * Refused as the events arrive: an alias (*name), which makes one node
 * stand in many places so that a few lines could ask for billions of
 * settings, and collections nested deeper than CONFIG_MAX_DEPTH, on which
 * libyaml's scanner is quadratic (a 1 MiB file of "[" took an hour). doc is
 * initialised even on error, for yaml_document_delete. */
static int load(struct config_args *a, const unsigned char *text, size_t len, yaml_document_t *doc, char *err,
		size_t errlen)
{
	yaml_document_initialize(doc, NULL, NULL, NULL, 1, 1);
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		snprintf(err, errlen, "%s: libyaml could not start", a->path);
		return -1;
	}
	yaml_parser_set_input_string(&parser, text, len);
	struct frame stack[CONFIG_MAX_DEPTH];
	size_t depth = 0;
	int rc = 0;
	for (bool done = false; !done && rc == 0;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			snprintf(err, errlen, "%s:%zu: %s", a->path, parser.problem_mark.line + 1,
				 parser.problem ? parser.problem : "not YAML");
			rc = -1;
			break;
		}
		bool opens = ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT;
		if (ev.type == YAML_ALIAS_EVENT) {
			snprintf(err, errlen, "%s:%zu: aliases (*name) are not read in a config file", a->path,
				 ev.start_mark.line + 1);
			rc = -1;
		} else if (opens && depth == CONFIG_MAX_DEPTH) {
			snprintf(err, errlen, "%s:%zu: lists and mappings nested more than %d deep: no config file is",
				 a->path, ev.start_mark.line + 1, CONFIG_MAX_DEPTH);
			rc = -1;
		} else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			depth--;
		} else if (ev.type == YAML_DOCUMENT_END_EVENT || ev.type == YAML_STREAM_END_EVENT) {
			done = true; /* a second document is not read */
		} else {
			int node = add_node(doc, &ev);
			if (node && depth)
				attach(doc, &stack[depth - 1], node);
			if (node && opens)
				stack[depth++] = (struct frame){node, 0};
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return rc;
}

int config_parse(struct config_args *a, FILE *f, char *err, size_t errlen)
{
	unsigned char *text = xmalloc(CONFIG_MAX_BYTES + 1);
	size_t len = fread(text, 1, CONFIG_MAX_BYTES + 1, f);
	if (len > CONFIG_MAX_BYTES || ferror(f)) {
		snprintf(err, errlen, "%s: %s", a->path,
			 ferror(f) ? "cannot be read" : "larger than 1 MiB: no config file is");
		free(text);
		return -1;
	}
	yaml_document_t doc;
	int rc = 0;
	if (load(a, text, len, &doc, err, errlen) < 0) {
		yaml_document_delete(&doc);
		free(text);
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
	free(text);
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
	int rc = config_parse(args, f, err, errlen);
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
	host_rules_finish(&args->hosts);
	memset(args, 0, sizeof *args);
}
