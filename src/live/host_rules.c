#include "live/host_rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/util.h"

static bool matches(const char *pattern, const char *host)
{
	if (!strncmp(pattern, "*.", 2)) {
		const char *domain = pattern + 2;
		size_t hl = strlen(host), dl = strlen(domain);
		return !strcasecmp(host, domain) || (hl > dl && host[hl - dl - 1] == '.' && !strcasecmp(host + hl - dl, domain));
	}
	return !strcasecmp(pattern, host);
}

const struct host_rule *host_rule_for(const struct host_rules *r, const char *host)
{
	for (size_t i = 0; r && host && i < r->n; i++)
		if (matches(r->v[i].pattern, host))
			return &r->v[i];
	return NULL;
}

const struct host_rule *host_rule_for_key(const struct host_rules *r, const char *key)
{
	if (!r || !r->n)
		return NULL;
	const char *h = strstr(key, "://");
	if (!h)
		return NULL;
	h += 3;
	const char *end = strrchr(h, ':'); /* the port the key always ends with */
	char *host = end ? xstrndup(h, (size_t)(end - h)) : xstrdup(h);
	const struct host_rule *rule = host_rule_for(r, host);
	free(host);
	return rule;
}

const struct host_rule *host_rule_for_url(const struct host_rules *r, const char *url)
{
	if (!r || !r->n)
		return NULL;
	CURLU *u = curl_url();
	char *host = NULL;
	const struct host_rule *rule = NULL;
	if (u && !curl_url_set(u, CURLUPART_URL, url, 0) && !curl_url_get(u, CURLUPART_HOST, &host, 0))
		rule = host_rule_for(r, host);
	curl_free(host);
	curl_url_cleanup(u);
	return rule;
}

bool host_rule_accepts(const struct host_rule *r, long status)
{
	for (size_t i = 0; r && i < r->naccept; i++)
		if (r->accept[i] == status)
			return true;
	return false;
}

char *host_rule_expand(const char *value, char **bad, bool *broken)
{
	struct buf b;
	buf_init(&b);
	*bad = NULL;
	*broken = false;
	for (const char *p = value; *p;) {
		const char *open = strstr(p, "${");
		const char *close = open ? strchr(open, '}') : NULL;
		if (!open || !close) {
			buf_append(&b, p, strlen(p));
			break;
		}
		buf_append(&b, p, (size_t)(open - p));
		char *name = xstrndup(open + 2, (size_t)(close - open - 2));
		const char *v = getenv(name);
		if (!v || strpbrk(v, "\r\n")) {
			*bad = name;
			*broken = v != NULL;
			/* what was copied may hold a secret already */
			if (b.data)
				memset(b.data, 0, b.len);
			buf_finish(&b);
			return NULL;
		}
		buf_append(&b, v, strlen(v));
		free(name);
		p = close + 1;
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

void host_rules_finish(struct host_rules *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].pattern);
		curl_slist_free_all(r->v[i].headers);
		free(r->v[i].accept);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}
