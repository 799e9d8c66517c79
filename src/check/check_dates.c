#include <stdlib.h>
#include <string.h>

#include "check/checks.h"
#include "util/util.h"

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static int num(const char *s, size_t k)
{
	int v = 0;
	for (size_t i = 0; i < k; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Upload folders (wp-content/uploads/2018/02/) date the upload, not the work. */
static bool after_upload_folder(const char *path, const char *p)
{
	static const char *const folders[] = {"/uploads/", "/upload/", "/files/", "/media/"};
	for (size_t i = 0; i < sizeof folders / sizeof folders[0]; i++) {
		size_t fl = strlen(folders[i]);
		if ((size_t)(p - path) >= fl && memcmp(p - fl, folders[i], fl) == 0)
			return true;
	}
	return false;
}

/* The first date in a URL's path: /2014/10/03/, /2019/07/, 2024-02-27,
 * 2023-9-13, /2022-04/. A year alone or an 8-digit run is too often an
 * identifier to count. */
bool url_path_date(const char *url, struct date *out)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	p = strchr(p, '/');
	if (!p)
		return false;
	const char *path = p;
	const char *end = path + strcspn(path, "?#");
	for (const char *s = path; s + 7 <= end; s++) {
		if (!digit(s[0]) || (s > path && (digit(s[-1]) || isalnum_ascii((unsigned char)s[-1]) )))
			continue;
		if (!(digit(s[1]) && digit(s[2]) && digit(s[3])))
			continue;
		char sep = s[4];
		if (sep != '/' && sep != '-')
			continue;
		const char *m = s + 5;
		size_t mk = digit(m[0]) ? (digit(m[1]) ? 2 : 1) : 0;
		if (!mk || (sep == '/' && mk != 2) || digit(m[mk]))
			continue;
		struct date d = {num(s, 4), num(m, mk), 0};
		const char *dd = m + mk;
		if (*dd == sep && digit(dd[1])) {
			size_t dk = digit(dd[2]) ? 2 : 1;
			if ((sep == '/' && dk != 2) || digit(dd[1 + dk]))
				continue;
			d.day = num(dd + 1, dk);
		} else if (sep == '/' && *dd != '/') {
			continue; /* /2019/07 must be a whole path segment */
		}
		if (s > path && s[-1] == '/' && after_upload_folder(path, s))
			return false;
		if (d.year < 1990 || d.year > 2100 || !date_valid(d))
			continue;
		*out = d;
		return true;
	}
	return false;
}

/* URL and citation disagree beyond what time zones and print-versus-online
 * dates explain: more than a day apart, or a different month or year. */
static bool contradicts(struct date url, struct date cited)
{
	if (url.day && cited.day) {
		long days = date_days_between(cited, url);
		return days > 1 || days < -1;
	}
	return date_compare(url, cited) != 0;
}

static void check_link_date(struct link *l, const struct reference *r)
{
	const char *u = link_extra(l)->original ? link_extra(l)->original : l->url;
	struct date d;
	if (!date_known(r->details->published) || !url_path_date(u, &d) || !contradicts(d, r->details->published))
		return;
	char a[11], b[11];
	date_format(d, a);
	date_format(r->details->published, b);
	problems_add(&l->problems, PROB_URL_DATE_MISMATCH, l->line, l->column,
		     xasprintf("the URL's path dates the page %s, but the citation gives %s as its "
			       "publication date: one of them is probably wrong",
			       a, b),
		     NULL);
}

void check_dates(struct model *m)
{
	for (size_t i = 0; i < m->nrefs; i++) {
		struct reference *r = &m->refs[i];
		for (size_t k = 0; k < r->nlinks; k++)
			check_link_date(&r->links[k], r);
		if (date_compare(r->details->accessed, r->details->published) < 0) {
			char a[11], p[11];
			date_format(r->details->accessed, a);
			date_format(r->details->published, p);
			problems_add(&r->problems, PROB_ACCESSED_BEFORE_PUBLISHED, r->line, r->column,
				     xasprintf("the source was accessed on %s, before its publication date %s",
					       a, p),
				     NULL);
		}
	}
}
