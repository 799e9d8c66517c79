/* SARIF 2.1.0 for code scanning dashboards: one tool.driver with a rule per
 * finding code and per failing verdict, a result per finding and per
 * failing link with its place in the document, fingerprints that stay the
 * same across runs (document, rule and what it is about: not the line,
 * which moves with every edit), and the invocation's exit status. Every
 * byte through jansson. */
#include "report/report_formats.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report_items.h"
#include "util/util.h"

#ifndef CITECHECK_VERSION
#define CITECHECK_VERSION "0.0.0"
#endif

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const enum live_verdict link_rules[] = {LIVE_DEAD, LIVE_BLOCKED, LIVE_ERROR};
#define NLINK_RULES (sizeof link_rules / sizeof link_rules[0])

static const char *level_of(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* "url-near-duplicate" → "UrlNearDuplicate": SARIF's rule name. */
static json_t *camel(const char *id)
{
	struct buf b;
	buf_init(&b);
	bool up = true;
	for (const char *p = id; *p; p++) {
		if (*p == '-') {
			up = true;
			continue;
		}
		buf_putc(&b, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
		up = false;
	}
	buf_putc(&b, '\0');
	json_t *s = json_string(b.data);
	buf_finish(&b);
	return s;
}

static json_t *rule(const char *id, const char *about, const char *level)
{
	char *full = xasprintf("%s Reported at level %s.", about, level);
	char *help = xasprintf("%s See FINDINGS and CHECKING LINKS in citecheck(1), code %s.", about, id);
	json_t *r = json_pack("{s:s, s:o, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}", "id", id, "name", camel(id),
			      "shortDescription", "text", about, "fullDescription", "text", full, "help", "text", help,
			      "defaultConfiguration", "level", level);
	free(full);
	free(help);
	return r;
}

static json_t *rules(void)
{
	json_t *a = json_array();
	for (int c = 0; c < PROB__COUNT; c++)
		json_array_append_new(a, rule(problem_code_name((enum problem_code)c), problem_about((enum problem_code)c),
					      level_of(problem_severity((enum problem_code)c))));
	static const char *const about[] = {"A cited page that is gone: 404, 410, no such host, a soft 404.",
					    "A cited page that fails, not yet in enough checks over time to be called dead (--cache).",
					    "A cited page whose site refused the check: the page may be fine.",
					    "A cited page that could not be checked now: a timeout, a 5xx, TLS."};
	for (size_t i = 0; i < NLINK_RULES; i++)
		json_array_append_new(a, rule(report_link_rule(link_rules[i]), about[i], i == 0 ? "error" : "warning"));
	return a;
}

static size_t rule_index(const struct report_item *it)
{
	if (it->p)
		return (size_t)it->p->code;
	for (size_t i = 0; i < NLINK_RULES; i++)
		if (link_rules[i] == it->live->verdict)
			return PROB__COUNT + i;
	return PROB__COUNT + NLINK_RULES - 1;
}

/* A path as a relative URI reference: unreserved bytes and '/' kept. */
static char *uri_of(const char *path)
{
	struct buf b;
	buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum_ascii(*p) || strchr("-._~/", *p))
			buf_putc(&b, (char)*p);
		else {
			char hex[4];
			snprintf(hex, sizeof hex, "%%%02X", *p);
			buf_append(&b, hex, 3);
		}
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

static json_t *location(const struct document *d, unsigned line, unsigned column)
{
	char *uri = uri_of(report_relative_path(d->info.path));
	json_t *phys = json_pack("{s:{s:s, s:s}}", "artifactLocation", "uri", uri, "uriBaseId", "SRCROOT");
	free(uri);
	if (line && !strcmp(d->info.unit, "line") && !d->info.nparts) {
		json_t *region = json_pack("{s:I}", "startLine", (json_int_t)line);
		if (column)
			json_object_set_new(region, "startColumn", json_integer(column));
		json_object_set_new(phys, "region", region);
	}
	return json_pack("{s:o}", "physicalLocation", phys);
}

/* What an item is about, for its fingerprint: never its line. */
static char *fingerprint(const struct document *d, const struct report_item *it, const char *rule_id)
{
	const char *about = it->l ? it->l->url : it->ref && it->ref->text ? it->ref->text : it->p ? it->p->message : "";
	char *key = xasprintf("%s\x1f%s\x1f%s", d->info.path, rule_id, about);
	char *hex = xasprintf("%016llx", (unsigned long long)fnv1a64(key, strlen(key)));
	free(key);
	return hex;
}

static json_t *result(const struct document *d, const struct report_item *it)
{
	size_t ri = rule_index(it);
	const char *id = it->p ? problem_code_name(it->p->code) : report_link_rule(it->live->verdict);
	const char *level = it->p ? level_of(problem_severity(it->p->code)) : it->live->verdict == LIVE_DEAD ? "error" : "warning";
	char *msg = report_item_message(it);
	char *place = report_where(d, it->ref, it->line);
	char *where = place ? xasprintf(" (%s)", place) : xstrdup("");
	free(place);
	/* a SARIF fix must say which bytes change (artifactChanges): the
	 * suggestion is a proposal in words, so it goes in the message */
	char *text = it->p && it->p->suggestion ? xasprintf("%s%s. Suggestion: %s", msg, where, it->p->suggestion)
						: xasprintf("%s%s", msg, where);
	free(where);
	char *fp = fingerprint(d, it, id);
	json_t *r = json_pack("{s:s, s:I, s:s, s:{s:s}, s:[o], s:{s:s}}", "ruleId", id, "ruleIndex", (json_int_t)ri,
			      "level", level, "message", "text", text, "locations", location(d, it->line, it->column),
			      "partialFingerprints", "citecheckFinding/v1", fp);
	if (it->p && it->p->suggestion)
		json_object_set_new(r, "properties", json_pack("{s:s}", "suggestion", it->p->suggestion));
	/* --baseline: SARIF's own word for what a run adds to the last */
	enum baseline_mark mark = report_item_mark(it);
	if (mark != MARK_NONE)
		json_object_set_new(r, "baselineState", json_string(mark == MARK_NEW ? "new" : "unchanged"));
	free(fp);
	free(text);
	free(msg);
	return r;
}

static json_t *invocation(const struct report *r)
{
	json_t *notes = json_array();
	const struct model *m = r->m;
	for (size_t d = 0; d < m->ndocs; d++)
		if (m->docs[d].error)
			json_array_append_new(notes, json_pack("{s:s, s:{s:s}, s:[o]}", "level", "error", "message", "text",
							       m->docs[d].error, "locations", location(&m->docs[d], 0, 0)));
	for (size_t i = 0; i < problems_len(&m->problems); i++)
		json_array_append_new(notes, json_pack("{s:s, s:{s:s}}", "level", "warning", "message", "text",
						       problems_at(&m->problems)[i].message));
	/* 0, 1 and 3 are answers; 2 and signals are a run that did not work */
	bool ok = r->exit_status == 0 || r->exit_status == 1 || r->exit_status == 3;
	return json_pack("{s:b, s:i, s:o}", "executionSuccessful", ok, "exitCode", r->exit_status,
			 "toolExecutionNotifications", notes);
}

static json_t *src_root(void)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return json_object();
	char *path = uri_of(cwd);
	/* a base URI ends in '/': what results' relative URIs are resolved against */
	char *uri = xasprintf("file://%s%s", path, strcmp(path, "/") ? "/" : "");
	json_t *o = json_pack("{s:{s:s}}", "SRCROOT", "uri", uri);
	free(uri);
	free(path);
	return o;
}

int report_sarif_write(const struct report *r, FILE *out)
{
	const struct model *m = r->m;
	json_t *results = json_array();
	for (size_t d = 0; d < m->ndocs; d++) {
		if (m->docs[d].error)
			continue;
		struct report_item *items;
		size_t n = report_items(m, d, &items);
		for (size_t k = 0; k < n; k++)
			json_array_append_new(results, result(&m->docs[d], &items[k]));
		free(items);
	}
	json_t *run = json_pack("{s:{s:{s:s, s:s, s:o}}, s:o, s:[o], s:o}", "tool", "driver", "name", "citecheck",
				"version", CITECHECK_VERSION, "rules", rules(), "originalUriBaseIds", src_root(), "invocations", invocation(r),
				"results", results);
	json_t *doc = json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs", run);
	int rc = json_dumpf(doc, out, JSON_INDENT(1)) == 0 && fputc('\n', out) != EOF ? 0 : -1;
	json_decref(doc);
	return rc == 0 && fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
