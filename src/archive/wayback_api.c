#include "archive/wayback_api.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/util.h"

/* base without a trailing slash, so "<base>/web" never doubles it */
static int base_len(const char *base)
{
	size_t n = strlen(base);
	while (n && base[n - 1] == '/')
		n--;
	return (int)n;
}

char *wayback_replay_url(const char *base, const char *ts, const char *original)
{
	return xasprintf("%.*s/web/%sid_/%s", base_len(base), base, ts, original);
}

char *wayback_snapshot_url(const char *base, const char *ts, const char *original)
{
	return xasprintf("%.*s/web/%s/%s", base_len(base), base, ts, original);
}

char *wayback_rebase(const char *base, const char *url)
{
	const char *web = strstr(url, "/web/");
	return web ? xasprintf("%.*s%s", base_len(base), base, web) : NULL;
}

char *wayback_save_url(const char *base)
{
	return xasprintf("%.*s/save", base_len(base), base);
}

char *wayback_save_status_url(const char *base, const char *job)
{
	char *esc = curl_easy_escape(NULL, job, 0);
	char *out = xasprintf("%.*s/save/status/%s", base_len(base), base, esc ? esc : "");
	curl_free(esc);
	return out;
}

/* ts moved by a number of years (the rest of it kept as it is: the index
 * compares timestamps as strings). */
static char *years_from(const char *ts, int years)
{
	int y = (ts[0] - '0') * 1000 + (ts[1] - '0') * 100 + (ts[2] - '0') * 10 + (ts[3] - '0') + years;
	return xasprintf("%04d%s", y < 1 ? 1 : y > 9999 ? 9999 : y, ts + 4);
}

char *wayback_cdx_url(const char *base, const char *original, const char *ts, bool before, bool wide)
{
	char *path = xasprintf("%.*s/cdx/search/cdx", base_len(base), base);
	CURLU *u = curl_url();
	char *out = NULL;
	if (u && !curl_url_set(u, CURLUPART_URL, path, 0)) {
		char *far = wide ? NULL : years_from(ts, before ? -1 : 1);
		/* curl encodes each part; the header row names the fields */
		char *q[] = {
			xasprintf("url=%s", original),
			xstrdup("output=json"),
			xstrdup("fl=timestamp,original,statuscode"),
			xstrdup("filter=!statuscode:[345].."),
			xstrdup("collapse=timestamp:10"),
			xasprintf("from=%s", before ? (far ? far : "") : ts),
			xasprintf("to=%s", before ? ts : (far ? far : "")),
		};
		free(far);
		bool ok = true;
		for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
			/* an empty bound is no bound: left out */
			if (q[i][strlen(q[i]) - 1] != '=')
				ok = ok && !curl_url_set(u, CURLUPART_QUERY, q[i], CURLU_APPENDQUERY | CURLU_URLENCODE);
			free(q[i]);
		}
		char *s = NULL;
		if (ok && !curl_url_get(u, CURLUPART_URL, &s, 0))
			out = xstrdup(s);
		curl_free(s);
	}
	curl_url_cleanup(u);
	free(path);
	return out;
}

bool wayback_replay_timestamp(const char *url, char ts[static 15])
{
	const char *p = strstr(url, "/web/");
	if (!p)
		return false;
	p += 5;
	size_t n = strspn(p, "0123456789");
	if (n != 14)
		return false;
	memcpy(ts, p, 14);
	ts[14] = '\0';
	return true;
}

bool wayback_http_date(const char *s, char ts[static 15])
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (!end)
		return false;
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d%02d%02d%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (strlen(tmp) != 14)
		return false;
	memcpy(ts, tmp, 15);
	return true;
}

void wayback_timestamp(int year, int month, int day, char ts[static 15])
{
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d%02d%02d000000", year, month ? month : 1, day ? day : 1);
	memcpy(ts, tmp, 14);
	ts[14] = '\0';
}

void wayback_timestamp_now(char ts[static 15])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(ts, 15, "%Y%m%d%H%M%S", &tm);
}

static time_t to_time(const char *ts)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (sscanf(ts, "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

double wayback_days_between(const char *a, const char *b)
{
	return difftime(to_time(b), to_time(a)) / 86400.0;
}

static bool is_timestamp(const char *s)
{
	return s && strlen(s) == 14 && strspn(s, "0123456789") == 14;
}

int wayback_cdx_closest(const char *json, size_t len, const char *want, char ts[static 15])
{
	ts[0] = '\0';
	/* an empty body is the CDX API's answer when nothing matched */
	size_t i = 0;
	while (i < len && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t'))
		i++;
	if (i == len)
		return 0;
	json_t *root = json_loadb(json, len, 0, NULL);
	if (!json_is_array(root)) {
		json_decref(root);
		return -1;
	}
	int rc = 0;
	size_t col = SIZE_MAX;
	json_t *head = json_array_get(root, 0);
	for (size_t k = 0; json_is_array(head) && k < json_array_size(head); k++)
		if (json_is_string(json_array_get(head, k)) &&
		    !strcmp(json_string_value(json_array_get(head, k)), "timestamp"))
			col = k;
	if (json_array_size(root) && col == SIZE_MAX)
		rc = -1;
	char before[15] = "", after[15] = "";
	for (size_t r = 1; rc == 0 && r < json_array_size(root); r++) {
		const char *t = json_string_value(json_array_get(json_array_get(root, r), col));
		if (!is_timestamp(t)) {
			rc = -1;
			break;
		}
		if (strcmp(t, want) <= 0) {
			if (strcmp(t, before) > 0)
				memcpy(before, t, 15);
		} else if (!after[0] || strcmp(t, after) < 0) {
			memcpy(after, t, 15);
		}
	}
	json_decref(root);
	if (rc == 0)
		memcpy(ts, before[0] ? before : after, 15);
	return rc;
}

static char *string_member(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? xstrdup(s) : NULL;
}

int wayback_spn_parse(const char *json, size_t len, struct spn_answer *out)
{
	memset(out, 0, sizeof *out);
	json_t *o = json_loadb(json, len, 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	out->job_id = string_member(o, "job_id");
	out->status = string_member(o, "status");
	out->message = string_member(o, "status_ext");
	if (!out->message)
		out->message = string_member(o, "message");
	const char *t = json_string_value(json_object_get(o, "timestamp"));
	if (is_timestamp(t))
		memcpy(out->timestamp, t, 15);
	json_decref(o);
	return 0;
}

void spn_answer_finish(struct spn_answer *a)
{
	free(a->job_id);
	free(a->status);
	free(a->message);
	memset(a, 0, sizeof *a);
}

double wayback_block_seconds(const char *body, size_t len)
{
	static const struct {
		const char *unit;
		double seconds;
	} units[] = {{"second", 1}, {"minute", 60}, {"hour", 3600}};
	/* "for <number> <unit>", the first one that parses */
	for (size_t i = 0; body && i + 4 < len; i++) {
		if (memcmp(body + i, "for ", 4) != 0)
			continue;
		size_t j = i + 4, digits = 0;
		double n = 0;
		while (j < len && body[j] >= '0' && body[j] <= '9' && digits < 6) {
			n = n * 10 + (body[j++] - '0');
			digits++;
		}
		if (!digits || j >= len || body[j] != ' ')
			continue;
		j++;
		for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
			size_t ul = strlen(units[u].unit);
			if (j + ul <= len && !memcmp(body + j, units[u].unit, ul))
				return n * units[u].seconds;
		}
	}
	return 0;
}
