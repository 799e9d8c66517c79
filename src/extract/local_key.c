#include "extract/local_key.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static char *percent_decode(const char *s, size_t n)
{
	int len = 0;
	char *d = curl_easy_unescape(NULL, s, (int)n, &len);
	char *out = d ? xstrndup(d, (size_t)len) : xstrndup(s, n);
	curl_free(d);
	return out;
}

/* Appends the path's segments to out, resolving "." and ".." lexically
 * (the file system is not asked: a link names a path, not an inode). */
static void append_segments(struct buf *out, const char *path)
{
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, "/");
		if ((n == 1 && p[0] == '.') || n == 0) {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.' && out->len &&
			   !(out->len >= 2 && !memcmp(out->data + out->len - 2, "..", 2) &&
			     (out->len == 2 || out->data[out->len - 3] == '/'))) {
			while (out->len && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len)
				out->len--; /* the slash before */
		} else {
			if (out->len && out->data[out->len - 1] != '/')
				buf_putc(out, '/');
			buf_append(out, p, n);
		}
		p += n;
		if (*p == '/')
			p++;
	}
}

/* Whether the resolved path lies in the resolved root: "" (the working
 * folder) holds every path that does not climb out of it. */
static bool within(const char *path, const char *root)
{
	if (!strcmp(root, "/"))
		return true;
	if (!*root || !strcmp(root, "."))
		return strcmp(path, "..") && strncmp(path, "../", 3);
	size_t n = strlen(root);
	return !strncmp(path, root, n) && (path[n] == '\0' || path[n] == '/');
}

static bool leaves(const char *path, const char *root)
{
	if (!root)
		return false;
	struct buf b;
	buf_init(&b);
	if (root[0] == '/')
		buf_putc(&b, '/');
	append_segments(&b, root);
	buf_putc(&b, '\0');
	/* an absolute path against a relative root (--root /srv/site over
	 * docs/x.md) is not told lexically: check_local resolves both */
	bool out = (path[0] == '/') == (root[0] == '/') && !within(path, b.data);
	buf_finish(&b);
	return out;
}

/* Root-relative link ref with the site's base path taken off:
 * "/docs/x.md" under "/docs/" or "/docs" is "/x.md", "/docs#a" is "/#a";
 * NULL when ref lies outside the base. Caller frees. */
static char *after_base(const char *ref, const char *site_base)
{
	size_t n = strlen(site_base);
	while (n && site_base[n - 1] == '/')
		n--;
	if (strncmp(ref, site_base, n) != 0)
		return NULL;
	if (ref[n] == '/')
		return xstrdup(ref + n);
	if (ref[n] == '\0' || ref[n] == '#' || ref[n] == '?')
		return xasprintf("/%s", ref + n); /* the base itself: the site's front page */
	return NULL; /* /docsy under /docs */
}

char *local_key(const char *doc_path, const struct local_base *base, const char *ref)
{
	const char *root = base->root;
	bool site = ref[0] == '/' && ref[1] != '/' && base->site_root;
	if ((ref[0] == '/' && !site) || !strcmp(doc_path, "-"))
		return NULL;
	if (site && base->site_base) {
		char *rest = after_base(ref, base->site_base);
		if (!rest)
			return NULL;
		struct local_base plain = *base;
		plain.site_base = NULL;
		char *key = local_key(doc_path, &plain, rest);
		free(rest);
		return key;
	}
	const char *hash = strchr(ref, '#');
	size_t plen = hash ? (size_t)(hash - ref) : strlen(ref);
	size_t qlen = strcspn(ref, "?"); /* a query names no other file */
	if (qlen < plen)
		plen = qlen;
	char *path = percent_decode(ref, plen);
	struct buf b;
	buf_init(&b);
	const char *from = site ? base->site_root : doc_path;
	bool absolute = from[0] == '/';
	if (absolute)
		buf_putc(&b, '/');
	if (site) { /* /docs/x.md: from the repository's top folder */
		append_segments(&b, base->site_root);
		append_segments(&b, path);
	} else if (plen) {
		const char *slash = strrchr(doc_path, '/');
		char *dir = slash ? xstrndup(doc_path, (size_t)(slash - doc_path)) : xstrdup("");
		append_segments(&b, dir);
		append_segments(&b, path);
		free(dir);
	} else {
		append_segments(&b, doc_path); /* #fragment: the document itself */
	}
	if (b.len == 0 || (absolute && b.len == 1))
		buf_putc(&b, '.');
	buf_putc(&b, '\0');
	char *resolved = buf_steal(&b);
	if (leaves(resolved, root)) {
		char *key = xasprintf("outside:%s", resolved);
		free(resolved);
		free(path);
		return key;
	}
	char *frag = hash && hash[1] ? percent_decode(hash + 1, strlen(hash + 1)) : NULL;
	char *key = frag ? xasprintf("local:%s#%s", resolved, frag) : xasprintf("local:%s", resolved);
	free(frag);
	free(resolved);
	free(path);
	return key;
}
