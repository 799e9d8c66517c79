#include "identity/page_identity.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

bool page_identity_applies(const struct reference *r, size_t k)
{
	if (!r->title || r->where != WHERE_REFERENCES || r->links[k].kind != LINK_DIRECT || !r->links[k].valid)
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

/* A line that only names the site ("BBC News" on bbc.co.uk, "The
 * Guardian" on theguardian.com): its words run together hold the host's
 * name or are held by it. */
static bool names_site(const char *norm, const char *label)
{
	if (!label || words_in(norm) > 4)
		return false;
	char *joined = xstrdup(norm), *w = joined;
	for (const char *p = norm; *p; p++)
		if (*p != ' ')
			*w++ = *p;
	*w = '\0';
	bool site = *joined && (strstr(joined, label) || strstr(label, joined));
	free(joined);
	return site;
}

/* Titles that name no page: what a site puts on all of them. */
static bool generic(const char *norm)
{
	static const char *const names[] = {"home page", "untitled document", "page not found", "just a moment",
					    "access denied", "attention required", "welcome", NULL};
	for (const char *const *g = names; *g; g++)
		if (!strcmp(norm, *g))
			return true;
	return words_in(norm) < 2;
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
 * " :: ", " » "), and the line without its first or last part. */
static double line_similarity(const char *cited, const char *ncited, const char *line)
{
	static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 ", " :: ",
					   " \xc2\xbb ", NULL};
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
		double s = similarity(cited, ncited, head);
		free(head);
		if (s > best)
			best = s;
		if ((s = similarity(cited, ncited, first + sl)) > best) /* without the first */
			best = s;
		for (const char *p = line; p;) { /* each part */
			const char *q = strstr(p, *sep);
			char *part = q ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
			if ((s = similarity(cited, ncited, part)) > best)
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
	char *ncited = work_normalize(cited), *label = site_label(host);
	if (generic(ncited) || names_site(ncited, label)) { /* "Reuters": a site read as the title */
		free(ncited);
		free(label);
		return out;
	}
	double cited_share = accented_share(cited);
	bool usable = false, other_tongue = foreign;
	for (const char *p = titles; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len), *norm = work_normalize(line);
		double share = accented_share(line);
		if (!generic(norm) && !names_site(norm, label)) {
			usable = true;
			if (share - cited_share > 0.4 || cited_share - share > 0.4)
				other_tongue = true; /* translated or transliterated: not compared */
			else {
				double s = line_similarity(cited, ncited, line);
				if (s > out.title_similarity || !out.page_title) {
					out.title_similarity = s;
					out.page_title = p;
					out.page_title_len = len;
				}
			}
		}
		free(line);
		free(norm);
		p += len + (p[len] == '\n');
	}
	free(ncited);
	free(label);
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
	bool foreign = says_translated(r);
	struct page_identity live = {WORK_UNCHECKED, -1, NULL, 0, NULL}, snap = live;
	if (t->live.verdict == LIVE_ALIVE)
		live = page_titles_compare(r->title, t->live.page_titles, t->key, target_print(t)->title_found, foreign);
	if (live.verdict != WORK_UNCHECKED)
		live.compared_with = "live";
	if (live.verdict == WORK_MATCH || l->lookup == NO_INDEX)
		return live;
	/* the page changed, moved, died or says nothing: the capture of the
	 * day it was cited, as the author saw it */
	const struct lookup *lk = &m->lookups[l->lookup];
	if (lk->archive.verdict == ARCHIVE_ARCHIVED) {
		signed char found = lk->drift.title_snapshot != -1 ? lk->drift.title_snapshot : lk->snapshot.title_found;
		snap = page_titles_compare(r->title, lk->snapshot_titles, lk->original, found, foreign);
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
