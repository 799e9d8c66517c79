#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/checks.h"
#include "extract/classify_url.h"
#include "util/util.h"

static bool illegal_char(unsigned char c)
{
	return c < 0x20 || c == 0x7F || strchr("\"<>\\^`{|}", c) != NULL;
}

/* Offset where the host ends (the path, query or fragment begins). */
static size_t host_end(const char *url)
{
	const char *p = strstr(url, "://");
	size_t i = p ? (size_t)(p - url) + 3 : 0;
	while (url[i] && !strchr("/?#", url[i]))
		i++;
	return i;
}

/* The URL a reader would have reached: in the host a space stands for the
 * dot after "www" and for a hyphen elsewhere ("chinh sach cuoc song.vnanet.vn");
 * after the host, spaces and illegal characters are percent-encoded. Archive
 * URLs embed a second URL, whose host is repaired the same way. */
char *url_repair(const char *url)
{
	struct buf b;
	buf_init(&b);
	size_t he = host_end(url);
	/* an archive URL's embedded original has a host of its own */
	const char *inner = strstr(url + he, "://");
	size_t inner_start = inner ? (size_t)(inner - url) + 3 : 0;
	size_t inner_end = inner ? (size_t)(inner - url) + host_end(inner) : 0;
	for (size_t i = 0; url[i]; i++) {
		unsigned char c = (unsigned char)url[i];
		bool in_host = i < he || (inner && i >= inner_start && i < inner_end);
		if (c == ' ' && in_host) {
			size_t ls = i;
			while (ls > 0 && !strchr("./", url[ls - 1]))
				ls--;
			bool www = i - ls == 3 && ascii_ieq_prefix(url + ls, 3, "www");
			buf_putc(&b, www ? '.' : '-');
		} else if (c == ' ' || illegal_char(c)) {
			char esc[4];
			snprintf(esc, sizeof esc, "%%%02X", c);
			buf_append(&b, esc, 3);
		} else {
			buf_putc(&b, (char)c);
		}
	}
	return buf_steal(&b);
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char *fix_repair_url(const char *url)
{
	char *r = url_repair(url);
	struct buf b;
	buf_init(&b);
	for (const char *p = r; *p; p++) {
		buf_putc(&b, *p);
		if (*p == '%' && !(is_hex(p[1]) && is_hex(p[2])))
			buf_append(&b, "25", 2);
	}
	free(r);
	return buf_steal(&b);
}

static void add(struct link *l, enum problem_code code, char *msg, char *suggestion)
{
	problems_add(&l->problems, code, l->line, l->column, msg, suggestion);
}

/* What an unpinned snapshot link shows the reader. The archive pads a
 * partial time to the last moment of its period: "web/2/" (or any time of
 * fewer than four digits) is the newest capture, "web/2019/" the one nearest
 * the end of 2019. */
static char *unpinned_message(const char *ts)
{
	if (ts && ts[0] == '*')
		return xstrdup("this link shows the archive's list of captures, not a capture: cite one by its "
			       "full 14-digit time");
	size_t n = ts ? strspn(ts, "0123456789") : 0;
	if (n < 4 || ts[n])
		return xstrdup("this link shows the newest capture, which changes over time: cite a capture "
			       "by its full 14-digit time");
	/* 2019, 2019-05, 2019-05-03, 2019-05-03 14h, 2019-05-03 14:30 */
	char when[24];
	static const char *const unit[] = {"year", "month", "day", "hour", "minute"};
	size_t k = n < 6 ? 0 : n < 8 ? 1 : n < 10 ? 2 : n < 12 ? 3 : 4;
	snprintf(when, sizeof when, "%.4s%s%.2s%s%.2s%s%.2s%s%.2s", ts, k >= 1 ? "-" : "", ts + 4,
		 k >= 2 ? "-" : "", k >= 1 ? ts + 6 : "", k >= 3 ? " " : "", k >= 2 ? ts + 8 : "",
		 k == 3 ? "h" : k == 4 ? ":" : "", k >= 3 ? ts + 10 : "");
	return xasprintf("this link shows the capture nearest the end of the %s %s, not one the author "
			 "chose: cite a capture by its full 14-digit time",
			 unit[k], when);
}

void check_link_text(struct link *l)
{
	if (l->kind == LINK_LOCAL || url_other_scheme(l->url))
		return; /* a file name (check_local.h), or mailto: and the like */
	const char *u = l->url;
	const char *sp = strchr(u, ' ');
	bool repaired = false;
	if (sp) {
		size_t at = (size_t)(sp - u);
		const char *where = at < host_end(u) ? "host name" : "address";
		const char *inner = strstr(u + host_end(u), "://");
		if (inner && sp > inner && (size_t)(sp - inner) < host_end(inner))
			where = "archived page's host name";
		add(l, PROB_URL_SPACE,
		    xasprintf("the URL has a space in its %s (character %zu): as written it does not work",
			      where, utf8_count(u, at) + 1),
		    url_repair(u));
		repaired = true;
	}
	for (size_t i = 0; u[i]; i++) {
		if (!illegal_char((unsigned char)u[i]))
			continue;
		add(l, PROB_URL_ILLEGAL_CHAR,
		    xasprintf("the URL has a character that is not allowed in URLs (0x%02X at character %zu)",
			      (unsigned char)u[i], utf8_count(u, i) + 1),
		    repaired ? NULL : url_repair(u));
		break;
	}
	for (const char *p = strchr(u, '%'); p; p = strchr(p + 1, '%')) {
		if (is_hex(p[1]) && is_hex(p[2]))
			continue;
		add(l, PROB_URL_BAD_PERCENT,
		    xasprintf("invalid percent-encoding \"%.3s\" at character %zu: %% must be followed by two hex digits",
			      p, utf8_count(u, (size_t)(p - u)) + 1),
		    NULL);
		break;
	}
	if (!l->valid && !problems_len(&l->problems)) {
		const char *err = "";
		char *n = url_normalize(u, &err);
		free(n);
		add(l, PROB_URL_MALFORMED, xasprintf("the URL cannot be parsed: %s", err), NULL);
	}
	if (l->kind == LINK_ARCHIVE_REQUEST)
		add(l, PROB_ARCHIVE_SAVE,
		    xasprintf("this is a Wayback Machine save request, not a snapshot: following it asks "
			      "the archive to capture the page again today%s%s",
			      link_extra(l)->original ? "; cite a snapshot of " : "", link_extra(l)->original ? link_extra(l)->original : ""),
		    NULL);
	if (l->kind == LINK_ARCHIVE_SNAPSHOT && !l->pinned)
		add(l, PROB_ARCHIVE_UNPINNED, unpinned_message(link_extra(l)->timestamp), NULL);
}

void check_links(struct model *m)
{
	for (size_t i = 0; i < m->nrefs; i++)
		for (size_t k = 0; k < m->refs[i].nlinks; k++)
			check_link_text(&m->refs[i].links[k]);
}
