#include "identity/page_identity.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

bool page_identity_applies(const struct reference *r, size_t k)
{
	if (!r->details->title || r->where != WHERE_REFERENCES || r->links[k].kind != LINK_DIRECT || !r->links[k].valid)
		return false;
	/* a source with two pages (a report and its data): which one the title
	 * names is not known */
	for (size_t i = 0; i < r->nlinks; i++)
		if (i != k && r->links[i].kind == LINK_DIRECT)
			return false;
	return true;
}

static size_t words_in(const char *norm)
{
	size_t n = 0;
	for (const char *p = norm; *p; p++)
		n += (p == norm || p[-1] == ' ') && *p != ' ';
	return n;
}

/* The share of a text's words written with a letter outside ASCII: about 0
 * for English, high for Vietnamese, 1 for Cyrillic or Chinese. Two titles
 * far apart by it (0.4 or more: most words of a Vietnamese title, few of a
 * French one) are a translation or a transliteration, not two works. */
static double accented_share(const char *s)
{
	size_t words = 0, accented = 0;
	bool in = false, acc = false;
	for (const unsigned char *p = (const unsigned char *)s;; p++) {
		bool letter = *p >= 0x80 || isalnum(*p);
		if (letter && !in)
			in = true, acc = false, words++;
		if (letter && *p >= 0x80)
			acc = true;
		if ((!letter || !*p) && in) {
			in = false;
			accented += acc;
		}
		if (!*p)
			break;
	}
	return words ? (double)accented / (double)words : 0;
}

/* The name a host is known by: "theguardian" for www.theguardian.com,
 * "bbc" for www.bbc.co.uk (a second-level label of three letters or fewer
 * under a country's is taken for a public suffix). Caller frees. */
static char *site_label(const char *host)
{
	if (!host)
		return NULL;
	const char *from = strstr(host, "://");
	from = from ? from + 3 : host;
	size_t len = strcspn(from, ":/?#");
	const char *labels[16];
	size_t lens[16], n = 0;
	for (size_t i = 0; i < len && n < 16;) {
		size_t k = i;
		while (k < len && from[k] != '.')
			k++;
		labels[n] = from + i, lens[n++] = k - i;
		i = k + 1;
	}
	if (n < 2)
		return NULL;
	size_t pick = n - 2;
	if (n >= 3 && lens[n - 2] <= 3 && lens[n - 1] == 2)
		pick = n - 3;
	char *out = xstrndup(labels[pick], lens[pick]);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

/* A text that only names the site ("BBC News" on bbc.co.uk, "The
 * Guardian" on theguardian.com, "www.jwz.org"): at most three words, which
 * run together hold the host's name or are held by it. strict: and hold
 * little else ("BBC News", not "Mozilla Manifesto"), for a citation's
 * title, where naming the site's owner is common. */
static bool names_site(const char *norm, const char *label, bool strict)
{
	if (!label || words_in(norm) > 3)
		return false;
	char *joined = xstrdup(norm), *w = joined;
	for (const char *p = norm; *p; p++)
		if (*p != ' ')
			*w++ = *p;
	*w = '\0';
	size_t n = strlen(joined), k = strlen(label);
	bool site = n && (strstr(label, joined) || (strstr(joined, label) && (!strict || n <= k + 4)));
	free(joined);
	return site;
}

/* A part of a page's title that only names the site, as the text is. */
static bool part_names_site(const char *part, const char *label)
{
	char *norm = work_normalize(part);
	bool site = names_site(norm, label, false);
	free(norm);
	return site;
}

/* The title as compared: a link's markup left by the reader taken out
 * ("[Title](<https://…>)" is "Title"), and a leading "Site: " that names
 * the site ("ontheissues.org: Chris Cannon on Abortion"). Caller frees. */
static char *bare_title(const char *title, const char *label)
{
	struct buf b;
	buf_init(&b);
	for (const char *p = title; *p; p++) {
		if (*p == ']' && p[1] == '(') { /* the link's destination: to its ')' */
			const char *end = strchr(p, ')');
			if (end) {
				p = end;
				continue;
			}
		}
		if (*p != '[' && *p != ']')
			buf_putc(&b, *p);
	}
	char *out = buf_steal(&b);
	if (!out)
		return xstrdup("");
	const char *colon = strstr(out, ": ");
	if (colon) {
		char *head = xstrndup(out, (size_t)(colon - out));
		bool site = part_names_site(head, label);
		free(head);
		if (site)
			memmove(out, colon + 2, strlen(colon + 2) + 1);
	}
	return out;
}

/* What joins a site's name to a page's title: "Title | Site", "Site - Title". */
static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 ", " :: ",
				   " \xc2\xbb ", NULL};

/* Titles that name no page: what a site puts on all of them, or on a
 * section ("News", "Politics"), and words too short to tell. */
static bool generic(const char *norm)
{
	static const char *const names[] = {
		"home", "home page", "homepage", "index", "welcome", "untitled", "untitled document", "document",
		"loading", "error", "login", "sign in", "search", "news", "blog", "article", "page", "page not found",
		"just a moment", "access denied", "attention required", "politics", "world", "business", "opinion",
		"sport", "sports", "technology", "media", "press", "about", "about us", "contact", "overview", "main page",
		NULL};
	for (const char *const *g = names; *g; g++)
		if (!strcmp(norm, *g))
			return true;
	size_t n = words_in(norm);
	return n == 0 || (n == 1 && strlen(norm) < 4);
}

/* Whether some part of a page's title line (between the separators, or
 * the whole line) names something: not generic, not only the site. */
static bool line_usable(const char *line, const char *label)
{
	const char *p = line;
	while (*p) {
		const char *cut = NULL, *next = NULL;
		for (const char *const *sep = seps; *sep; sep++) {
			const char *q = strstr(p, *sep);
			if (q && (!cut || q < cut))
				cut = q, next = q + strlen(*sep);
		}
		char *part = cut ? xstrndup(p, (size_t)(cut - p)) : xstrdup(p);
		char *norm = work_normalize(part);
		bool names = !generic(norm) && !names_site(norm, label, false);
		free(part);
		free(norm);
		if (names)
			return true;
		if (!cut)
			break;
		p = next;
	}
	return false;
}

/* Whether the words of b (normalized) occur in a, whole and in order: a
 * title given in full on one side and with a subtitle or a site's name on
 * the other. At least three words, so that nothing short matches by chance. */
static bool holds(const char *a, const char *b)
{
	if (words_in(b) < 3)
		return false;
	size_t n = strlen(b);
	for (const char *p = strstr(a, b); p; p = strstr(p + 1, b))
		if ((p == a || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

static double similarity(const char *cited, const char *ncited, const char *candidate)
{
	char *n = work_normalize(candidate);
	double s = holds(ncited, n) || holds(n, ncited) ? 1.0 : work_title_similarity(cited, candidate);
	free(n);
	return s;
}

/* A line's best similarity with the cited title: the whole line, and each
 * part between a site's separators (" | ", " - ", " – ", " — ", " · ",
 * " :: ", " » "), and the line without its first or last part; the parts
 * that name the site (label; NULL: none) left out. */
static double line_similarity(const char *cited, const char *ncited, const char *line, const char *label)
{
	double best = similarity(cited, ncited, line);
	for (const char *const *sep = seps; *sep; sep++) {
		size_t sl = strlen(*sep);
		const char *first = strstr(line, *sep);
		if (!first)
			continue;
		const char *last = first;
		for (const char *p = first; (p = strstr(p + sl, *sep)) != NULL;)
			last = p;
		char *head = xstrndup(line, (size_t)(last - line)); /* without the last part */
		double s = part_names_site(head, label) ? 0 : similarity(cited, ncited, head);
		free(head);
		if (s > best)
			best = s;
		if (!part_names_site(first + sl, label) && (s = similarity(cited, ncited, first + sl)) > best)
			best = s; /* without the first */
		for (const char *p = line; p;) { /* each part but the site's name */
			const char *q = strstr(p, *sep);
			char *part = q ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
			if (!part_names_site(part, label) && (s = similarity(cited, ncited, part)) > best)
				best = s;
			free(part);
			p = q ? q + sl : NULL;
		}
	}
	return best;
}

struct page_identity page_titles_compare(const char *cited, const char *titles, const char *host,
					 signed char title_found, bool foreign)
{
	struct page_identity out = {WORK_UNCHECKED, -1, NULL, 0, NULL};
	if (!cited || !titles)
		return out;
	char *label = site_label(host), *bare = bare_title(cited, label), *ncited = work_normalize(bare);
	cited = bare;
	/* one word, or only the site ("Reuters"): more often what the reader
	 * took for a title than the title */
	if (generic(ncited) || words_in(ncited) < 2 || names_site(ncited, label, true)) {
		free(ncited);
		free(label);
		free(bare);
		return out;
	}
	double cited_share = accented_share(cited);
	bool usable = false, other_tongue = foreign;
	for (const char *p = titles; *p;) {
		size_t len = strcspn(p, "\n");
		char *full = xstrndup(p, len), *line = bare_title(full, label), *norm = work_normalize(line);
		free(full);
		double share = accented_share(line), s = -1;
		bool tongue = share - cited_share <= 0.4 && cited_share - share <= 0.4;
		/* the cited title, even where it looks like the site's name ("Mozilla
		 * Manifesto – Mozilla Foundation" on mozilla.org), is a match; only a
		 * disagreement needs a part that names more than the site */
		double all = tongue ? line_similarity(cited, ncited, line, NULL) : -1;
		if (all >= WORK_TITLE_SAME) {
			usable = true;
			s = all;
		} else if (line_usable(line, label)) {
			usable = true;
			if (tongue)
				s = line_similarity(cited, ncited, line, label);
			else
				other_tongue = true; /* translated or transliterated: not compared */
		}
		if (s >= 0 && (s > out.title_similarity || !out.page_title)) {
			out.title_similarity = s;
			out.page_title = p;
			out.page_title_len = len;
		}
		free(line);
		free(norm);
		p += len + (p[len] == '\n');
	}
	free(ncited);
	free(label);
	free(bare);
	if (!usable)
		return out;
	if (title_found == 1 || out.title_similarity >= WORK_TITLE_SAME)
		out.verdict = WORK_MATCH;
	else if (out.page_title && out.title_similarity < WORK_TITLE_DIFFERENT && !other_tongue)
		out.verdict = WORK_MISMATCH;
	else
		out.verdict = WORK_UNSURE;
	return out;
}

/* "[in Vietnamese]", "(in French)": the citation translates the title. */
static bool says_translated(const struct reference *r)
{
	for (const char *p = r->text; p && (p = strstr(p, "in ")) != NULL; p += 3)
		if (p > r->text && (p[-1] == '[' || p[-1] == '(') && isupper((unsigned char)p[3]))
			return true;
	return false;
}

struct page_identity page_identity(const struct model *m, const struct reference *r, size_t k)
{
	const struct link *l = &r->links[k];
	const struct target *t = &m->targets[l->target];
	struct page_identity live = {WORK_UNCHECKED, -1, NULL, 0, NULL}, snap = live;
	const struct lookup *lk = l->lookup != NO_INDEX32 ? &m->lookups[l->lookup] : NULL;
	bool live_titled = target_live(t)->verdict == LIVE_ALIVE && target_live(t)->page_titles;
	if (!live_titled && !(lk && lk->snapshot_titles))
		return live; /* nothing kept to compare: most links, and cheaply so */
	bool foreign = says_translated(r);
	if (live_titled)
		live = page_titles_compare(r->details->title, target_live(t)->page_titles, t->key, target_print(t)->title_found, foreign);
	if (live.verdict != WORK_UNCHECKED)
		live.compared_with = "live";
	if (live.verdict == WORK_MATCH || !lk)
		return live;
	/* the page changed, moved, died or says nothing: the capture of the
	 * day it was cited, as the author saw it */
	if (lk->archive.verdict == ARCHIVE_ARCHIVED) {
		signed char found = lk->drift.title_snapshot != -1 ? lk->drift.title_snapshot : lk->snapshot.title_found;
		snap = page_titles_compare(r->details->title, lk->snapshot_titles, lk->original, found, foreign);
	}
	if (snap.verdict != WORK_UNCHECKED)
		snap.compared_with = "snapshot";
	/* either side naming the work is enough; a mismatch needs both that
	 * were compared to say so */
	if (snap.verdict == WORK_MATCH || live.verdict == WORK_UNCHECKED)
		return snap;
	if (snap.verdict == WORK_UNCHECKED || snap.verdict == WORK_MISMATCH)
		return live;
	return snap; /* unsure */
}
