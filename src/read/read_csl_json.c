/* read_csl_json.c — CSL-JSON, as Zotero and pandoc export it: an array of
 * items (or {"items": […]}). Each item becomes a source: URL, DOI (as a
 * doi.org link), accessed and issued dates from date-parts or raw, title,
 * authors. jansson gives no positions, so an item's location is its number
 * in the list. */
#include "read/read_csl_json.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/csl_item.h"
#include "util/util.h"

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void emit(struct extractor *x, json_t *item, unsigned n)
{
	struct source_record r = {.line = n};
	json_t *id = json_object_get(item, "id");
	char idbuf[32];
	if (json_is_integer(id)) {
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
		r.key = idbuf;
	} else {
		r.key = json_string_value(id);
	}
	char *authors = csl_item_names(json_object_get(item, "author"));
	if (!authors)
		authors = csl_item_names(json_object_get(item, "editor"));
	r.authors = authors;
	r.title = str(item, "title");
	r.published = csl_item_date(json_object_get(item, "issued"));
	r.accessed = csl_item_date(json_object_get(item, "accessed"));
	char *doi_url = NULL;
	const char *url = str(item, "URL"), *doi = str(item, "DOI");
	if (url) {
		r.urls[r.nurls] = url;
		r.url_lines[r.nurls++] = n;
	}
	if (doi) {
		doi_url = strncasecmp(doi, "http", 4) == 0 ? xstrdup(doi) : xasprintf("https://doi.org/%s", doi);
		r.urls[r.nurls] = doi_url;
		r.url_lines[r.nurls++] = n;
	}
	char date[11] = "n.d.";
	if (r.published.year)
		date_format(r.published, date);
	char *text = xasprintf("%s (%s). %s.", authors ? authors : r.key ? r.key : "", date, r.title ? r.title : "");
	r.text = text;
	extractor_record(x, &r);
	free(text);
	free(doi_url);
	free(authors);
}

/* jansson holds each object and array in about a hundred bytes: 24 MB of
 * "{}," would take 3 GB. A library of reference items has a few containers
 * per item; the count is taken before parsing, outside strings. */
#define MAX_CONTAINERS 1000000

static size_t count_containers(const char *s, size_t n)
{
	size_t k = 0;
	bool in_string = false;
	for (size_t i = 0; i < n; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = false;
		} else if (s[i] == '"') {
			in_string = true;
		} else if (s[i] == '{' || s[i] == '[') {
			k++;
		}
	}
	return k;
}

int read_csl_json(struct model *m, struct extractor *x, struct doc_input *in, char *err, size_t errlen)
{
	char *data;
	size_t len;
	if (doc_input_slurp(in, &data, &len) < 0) {
		snprintf(err, errlen, "%s", in->error);
		return -1;
	}
	if (count_containers(data, len) > MAX_CONTAINERS) {
		snprintf(err, errlen, "not read: over %d JSON objects and arrays (a library of references "
			 "holds a few per item)", MAX_CONTAINERS);
		m->doc.bytes = len;
		free(data);
		return -1;
	}
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	m->doc.bytes = len;
	free(data);
	if (!root) {
		snprintf(err, errlen, "not valid JSON (line %d, column %d: %s)", je.line, je.column, je.text);
		return -1;
	}
	json_t *items = json_is_object(root) ? json_object_get(root, "items") : root;
	if (!json_is_array(items)) {
		snprintf(err, errlen, "not CSL-JSON: expected an array of items (or {\"items\": [...]})");
		json_decref(root);
		return -1;
	}
	m->doc.unit = "item";
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item) {
		if (!json_is_object(item)) {
			snprintf(err, errlen, "not CSL-JSON: item %zu is not an object", i + 1);
			json_decref(root);
			return -1;
		}
		emit(x, item, (unsigned)i + 1);
	}
	m->doc.lines = (unsigned)json_array_size(items);
	json_decref(root);
	return 0;
}
