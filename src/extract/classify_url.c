#include "extract/classify_url.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* Web archives other than the Wayback Machine, matched on the host and its
 * subdomains. */
static const char *const other_archives[] = {
	"perma.cc",        "archive.today",   "archive.ph",   "archive.is",
	"archive.li",      "archive.vn",      "archive.fo",   "archive.md",
	"webcitation.org", "ghostarchive.org", "arquivo.pt",  "archive-it.org",
	"webarchive.org.uk", "webarchive.nationalarchives.gov.uk", "webarchive.loc.gov",
	"swap.stanford.edu", "timetravel.mementoweb.org",
};

static bool host_is(const char *host, const char *domain)
{
	size_t h = strlen(host), d = strlen(domain);
	if (h == d)
		return strcmp(host, domain) == 0;
	return h > d && host[h - d - 1] == '.' && strcmp(host + h - d, domain) == 0;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)ascii_lower((unsigned char)*s);
}

char *url_normalize(const char *url, const char **err)
{
	CURLU *u = curl_url();
	char *host = NULL, *full = NULL, *out = NULL;
	if (!u) {
		*err = "out of memory";
		return NULL;
	}
	CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
	if (!rc)
		rc = curl_url_get(u, CURLUPART_HOST, &host, 0);
	if (!rc) {
		lower(host); /* curl keeps the host's case; DNS does not care */
		rc = curl_url_set(u, CURLUPART_HOST, host, 0);
	}
	if (!rc)
		rc = curl_url_get(u, CURLUPART_URL, &full, CURLU_NO_DEFAULT_PORT);
	if (rc)
		*err = curl_url_strerror(rc);
	else
		out = xstrdup(full);
	curl_free(host);
	curl_free(full);
	curl_url_cleanup(u);
	return out;
}

bool wayback_timestamp_iso(const char *ts, char out[static 21])
{
	if (strlen(ts) != 14 || strspn(ts, "0123456789") != 14)
		return false;
	int v[6];
	static const int w[6] = {4, 2, 2, 2, 2, 2};
	for (int i = 0, p = 0; i < 6; p += w[i++]) {
		v[i] = 0;
		for (int k = 0; k < w[i]; k++)
			v[i] = v[i] * 10 + (ts[p + k] - '0');
	}
	struct date d = {v[0], v[1], v[2]};
	if (!date_valid(d) || !d.month || !d.day || v[3] > 23 || v[4] > 59 || v[5] > 60)
		return false;
	char tmp[64]; /* roomier than needed, so the compiler can see nothing is cut */
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", v[0], v[1], v[2], v[3], v[4], v[5]);
	memcpy(out, tmp, 21);
	return true;
}

/* The archived URL after "/web/<ts>/" or "/save/", as written. Browsers and
 * archives collapse "https://" to "https:/"; put the slash back. */
static char *archived_original(const char *rest)
{
	size_t sl = strlen(rest);
	if (ascii_ieq_prefix(rest, sl, "http:/") || ascii_ieq_prefix(rest, sl, "https:/")) {
		const char *colon = strchr(rest, ':');
		if (colon[2] != '/')
			return xasprintf("%.*s//%s", (int)(colon - rest + 1), rest, colon + 2);
		return xstrdup(rest);
	}
	return xasprintf("http://%s", rest);
}

/* Position of the path in the URL as written (after scheme://authority). */
static const char *path_of(const char *url)
{
	const char *p = strstr(url, "://");
	if (!p)
		return NULL;
	p += 3;
	while (*p && *p != '/' && *p != '?' && *p != '#')
		p++;
	return p;
}

static void classify_wayback(struct link *l)
{
	const char *path = path_of(l->url);
	if (!path)
		return;
	if (ascii_ieq_prefix(path, strlen(path), "/save/")) {
		l->kind = LINK_ARCHIVE_REQUEST;
		if (path[6])
			link_extra_make(l)->original = archived_original(path + 6);
		return;
	}
	if (strncmp(path, "/web/", 5) != 0)
		return; /* the archive's own pages: an ordinary link */
	const char *ts = path + 5, *end = strchr(ts, '/');
	if (!end || !end[1])
		return;
	size_t nd = strspn(ts, "0123456789");
	bool wildcard = ts[0] == '*';
	if (nd == 0 && !wildcard)
		return;
	l->kind = LINK_ARCHIVE_SNAPSHOT;
	link_extra_make(l)->timestamp = xstrndup(ts, nd ? nd : (size_t)(end - ts)); /* without "id_" and the like */
	char iso[21];
	char digits[15];
	if (nd == 14) {
		memcpy(digits, ts, 14);
		digits[14] = '\0';
		l->pinned = wayback_timestamp_iso(digits, iso);
	}
	link_extra_make(l)->original = archived_original(end + 1);
}

static void classify_doi(struct link *l)
{
	const char *path = path_of(l->url);
	if (!path || path[0] != '/' || strncmp(path + 1, "10.", 3) != 0)
		return;
	int n = 0;
	char *dec = curl_easy_unescape(NULL, path + 1, 0, &n);
	if (!dec)
		return;
	l->kind = LINK_DOI;
	link_extra_make(l)->doi = xstrndup(dec, (size_t)n);
	curl_free(dec);
}

/* "doi:10.5281/zenodo.3385865" (pandoc, Zotero exports): a DOI, checked at
 * doi.org like a doi.org link. */
static void classify_doi_scheme(struct link *l)
{
	const char *err;
	l->kind = LINK_DOI;
	link_extra_make(l)->doi = xstrdup(l->url + 4);
	char *https = xasprintf("https://doi.org/%s", link_extra(l)->doi);
	l->normalized = url_normalize(https, &err);
	l->valid = l->normalized != NULL;
	free(https);
}

void classify_link(struct link *l, const struct classify_config *cfg)
{
	const char *err;
	if (!url_has_scheme(l->url)) {
		/* ../guide.md, #intro: the caller resolves it against the document */
		l->kind = LINK_LOCAL;
		l->valid = true;
		return;
	}
	l->kind = LINK_DIRECT;
	if (ascii_ieq_prefix(l->url, strlen(l->url), "doi:10.")) {
		classify_doi_scheme(l);
		return;
	}
	if (url_other_scheme(l->url)) {
		l->valid = true; /* mailto:, tel:: listed, never fetched nor judged */
		return;
	}
	l->normalized = url_normalize(l->url, &err);
	l->valid = l->normalized != NULL;
	if (l->normalized && strcmp(l->normalized, l->url) == 0) {
		free(l->normalized); /* the common case: keep one copy */
		l->normalized = NULL;
	}
	/* Classification goes by the host even when the URL as a whole does not
	 * parse (a space in the archived original must not hide the snapshot). */
	const char *p = strstr(l->url, "://");
	if (!p)
		return;
	const char *h = p + 3, *e = h;
	while (*e && !strchr("/?#:@ ", *e))
		e++;
	char *host = xstrndup(h, (size_t)(e - h));
	lower(host);
	if (strcmp(host, "web.archive.org") == 0 || strcmp(host, "wayback.archive.org") == 0 ||
	    (cfg && cfg->wayback_host && strcmp(host, cfg->wayback_host) == 0)) {
		classify_wayback(l);
	} else if (strcmp(host, "doi.org") == 0 || strcmp(host, "dx.doi.org") == 0 ||
		   strcmp(host, "www.doi.org") == 0) {
		classify_doi(l);
	} else {
		for (size_t i = 0; i < sizeof other_archives / sizeof other_archives[0]; i++)
			if (host_is(host, other_archives[i]))
				l->kind = LINK_ARCHIVE_OTHER;
	}
	free(host);
}

const char *url_without_scheme_www(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	return ascii_ieq_prefix(p, strlen(p), "www.") ? p + 4 : p;
}

char *url_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *out = NULL;
	if (u && !curl_url_set(u, CURLUPART_URL, url, 0) && !curl_url_get(u, CURLUPART_HOST, &host, 0)) {
		out = xstrdup(host);
		lower(out);
	}
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

char *url_resolve(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *full = NULL, *out = NULL;
	/* curl resolves a relative reference against the URL already held */
	if (u && curl_url_set(u, CURLUPART_URL, base, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK)
		out = xstrdup(full);
	curl_free(full);
	curl_url_cleanup(u);
	return out;
}

bool url_other_scheme(const char *s)
{
	static const char *const web[] = {"http:", "https:", "ftp:"};
	for (size_t i = 0; i < sizeof web / sizeof web[0]; i++)
		if (ascii_ieq_prefix(s, strlen(s), web[i]))
			return false;
	return url_has_scheme(s);
}

bool url_has_scheme(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	for (s++; *s && *s != ':'; s++)
		if (!isalnum_ascii((unsigned char)*s) && *s != '+' && *s != '-' && *s != '.')
			return false;
	return *s == ':';
}

bool wayback_timestamp_day(const char *ts, char out[static 11])
{
	char iso[21];
	if (!wayback_timestamp_iso(ts, iso))
		return false;
	memcpy(out, iso, 10);
	out[10] = '\0';
	return true;
}
