/* csl_item.c — the parts of a CSL-JSON item (CSL 1.0.2's schema) that both
 * a CSL-JSON document and a DOI's registered metadata give: dates, names,
 * the title. */
#include "read/csl_item.h"

#include <string.h>

#include "util/util.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int part(const json_t *v)
{
	if (json_is_integer(v)) {
		json_int_t k = json_integer_value(v);
		return (int)(k > NUMBER_MAX ? NUMBER_MAX : k < -NUMBER_MAX ? -NUMBER_MAX : k);
	}
	if (json_is_string(v))
		return (int)clamped_number(json_string_value(v));
	return 0;
}

/* {"date-parts": [[2024, 2, 5]]}, {"raw": "2024-02-05"}, or a string. */
struct date csl_item_date(const json_t *d)
{
	struct date out = {0};
	size_t used;
	const char *raw = json_is_string(d) ? json_string_value(d) : NULL;
	if (!raw && json_is_object(d)) {
		json_t *first = json_array_get(json_object_get(d, "date-parts"), 0);
		if (json_is_array(first)) {
			out.year = part(json_array_get(first, 0));
			out.month = part(json_array_get(first, 1));
			out.day = part(json_array_get(first, 2));
			if (out.year < 1 || out.year > 9999 || out.month < 0 || out.month > 12 || out.day < 0 ||
			    out.day > 31 || (!out.month && out.day))
				out = (struct date){0};
			return out;
		}
		raw = str(d, "raw");
		if (!raw)
			raw = str(d, "literal");
	}
	if (raw && !date_parse(raw, strlen(raw), &out, &used))
		out = (struct date){0};
	return out;
}

/* "Family, Given; Family2, Given2" or the literal names. */
char *csl_item_names(const json_t *list)
{
	if (!json_is_array(list) || json_array_size(list) == 0)
		return NULL;
	struct buf b;
	buf_init(&b);
	size_t i;
	json_t *a;
	json_array_foreach(list, i, a) {
		const char *family = str(a, "family"), *given = str(a, "given"), *lit = str(a, "literal");
		if (b.len)
			buf_append(&b, "; ", 2);
		if (lit) {
			buf_append(&b, lit, strlen(lit));
		} else if (family) {
			buf_append(&b, family, strlen(family));
			if (given) {
				buf_append(&b, ", ", 2);
				buf_append(&b, given, strlen(given));
			}
		}
	}
	return buf_steal(&b);
}

/* A string, or the first of an array of strings (Crossref's own JSON gives
 * "title": ["…"]). */
const char *csl_item_text(const json_t *item, const char *key)
{
	const json_t *v = json_object_get(item, key);
	if (json_is_array(v))
		v = json_array_get(v, 0);
	const char *s = json_string_value(v);
	return s && *s ? s : NULL;
}

const char *csl_item_first_family(const json_t *item)
{
	const json_t *a = json_array_get(json_object_get(item, "author"), 0);
	const char *f = str(a, "family");
	return f && *f ? f : str(a, "literal");
}
