#include "identity/work_match.h"

#include <stdlib.h>
#include <string.h>

#include "util/unicode.h"
#include "util/util.h"

/* The base letter of each Latin letter with a diacritic, U+00C0–U+024F and
 * U+1E00–U+1EFF ('.' where there is none), as Unicode's compatibility
 * decomposition gives it (its first letter, lower case; æ, ø, ð, þ, ß, đ, ł,
 * œ and the like by their first letter). Generated with Python's
 * unicodedata.normalize("NFKD", …). */
static const char latin_a[] =
	"aaaaaaaceeeeiiiidnooooo.ouuuuytsaaaaaaaceeeeiiiidnooooo.ouuuuyty"
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
	"lllnnnnnn.nnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
	"b...............................oo.............uu..............."
	"....dddlllnnnaaiioouuuuuuuuuu.aaaa....ggkkoooo..jdddgg..nnaa...."
	"aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............"
	"................";
static const char latin_b[] =
	"aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
	"mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
	"wwwwwwwwwwxxxxyyzzzzzzhtwyas....aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
	"eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

static uint32_t fold(uint32_t c)
{
	if (c >= 0xC0 && c < 0xC0 + sizeof latin_a - 1 && latin_a[c - 0xC0] != '.')
		return (uint32_t)latin_a[c - 0xC0];
	if (c >= 0x1E00 && c < 0x1E00 + sizeof latin_b - 1 && latin_b[c - 0x1E00] != '.')
		return (uint32_t)latin_b[c - 0x1E00];
	return unicode_lower(c);
}

/* Titles longer than this are compared by their first this many bytes:
 * the edit distance is quadratic. */
#define WORK_TEXT_MAX 512

char *work_normalize(const char *s)
{
	struct buf b;
	buf_init(&b);
	bool space = true; /* at the start, or after a space: none is added */
	for (const unsigned char *p = (const unsigned char *)s; *p && b.len < WORK_TEXT_MAX;) {
		size_t n;
		uint32_t c = utf8_decode(p, &n);
		p += n;
		if (unicode_mark(c))
			continue; /* a combining accent: its letter is enough */
		if (c == '\'' || c == 0x2019) /* "Author's": one word */
			continue;
		if (!unicode_alnum(c)) {
			if (!space)
				buf_putc(&b, ' ');
			space = true;
			continue;
		}
		utf8_encode(&b, fold(c));
		space = false;
	}
	if (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	char *out = buf_steal(&b);
	if (!out)
		return xstrdup("");
	static const char *const articles[] = {"the ", "a ", "an ", NULL};
	for (const char *const *a = articles; *a; a++) {
		size_t k = strlen(*a);
		if (!strncmp(out, *a, k) && out[k]) {
			memmove(out, out + k, strlen(out + k) + 1);
			break;
		}
	}
	return out;
}

/* 1 - (edits / the longer length): Levenshtein over bytes of the
 * normalized texts (diacritics are gone, so most letters are one byte). */
static double edit_similarity(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (!n && !m)
		return 1;
	size_t *row = xmalloc((m + 1) * sizeof *row);
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[m];
	free(row);
	return 1.0 - (double)d / (double)(n > m ? n : m);
}

/* Dice's coefficient over the words: twice the words shared over all. */
static double word_similarity(const char *a, const char *b)
{
	size_t na = 0, nb = 0, shared = 0;
	const char *wa[128], *wb[128];
	size_t la[128], lb[128];
	for (const char *p = a; *p && na < 128;) {
		size_t k = strcspn(p, " ");
		wa[na] = p, la[na++] = k;
		p += k + (p[k] == ' ');
	}
	for (const char *p = b; *p && nb < 128;) {
		size_t k = strcspn(p, " ");
		wb[nb] = p, lb[nb++] = k;
		p += k + (p[k] == ' ');
	}
	if (!na || !nb)
		return 0;
	bool used[128] = {false};
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (!used[j] && la[i] == lb[j] && !memcmp(wa[i], wb[j], la[i])) {
				used[j] = true;
				shared++;
				break;
			}
	return 2.0 * (double)shared / (double)(na + nb);
}

/* The title before its subtitle: up to ": ", " - ", " – ", " — " or ". ",
 * or NULL when there is none. Caller frees. */
static char *main_title(const char *s)
{
	static const char *const cuts[] = {": ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", ". ", "? ", NULL};
	const char *first = NULL;
	for (const char *const *c = cuts; *c; c++) {
		const char *at = strstr(s, *c);
		if (at && at > s && (!first || at < first))
			first = at + ((*c)[0] == '?'); /* a question mark belongs to the title */
	}
	return first ? xstrndup(s, (size_t)(first - s)) : NULL;
}

static double similarity_of(const char *a, const char *b)
{
	char *na = work_normalize(a), *nb = work_normalize(b);
	double w = word_similarity(na, nb), e = edit_similarity(na, nb);
	free(na);
	free(nb);
	return w > e ? w : e;
}

/* A title cut short ("The structure of …"): its words before the cut, as
 * a prefix of the other. */
static bool truncated_prefix(const char *cited, const char *registered)
{
	size_t n = strlen(cited);
	bool dots = n >= 3 && !strcmp(cited + n - 3, "...");
	bool ellipsis = n >= 3 && !strcmp(cited + n - 3, "\xe2\x80\xa6");
	if (!dots && !ellipsis)
		return false;
	char *c = work_normalize(cited), *r = work_normalize(registered);
	size_t k = strlen(c);
	bool prefix = k >= 10 && !strncmp(c, r, k);
	free(c);
	free(r);
	return prefix;
}

double work_title_similarity(const char *cited, const char *registered)
{
	if (truncated_prefix(cited, registered))
		return 1;
	double best = similarity_of(cited, registered);
	char *mc = main_title(cited), *mr = main_title(registered);
	/* a subtitle left out on either side: the main title against the whole */
	if (mc) {
		double s = similarity_of(mc, registered);
		best = s > best ? s : best;
	}
	if (mr) {
		double s = similarity_of(cited, mr);
		best = s > best ? s : best;
	}
	free(mc);
	free(mr);
	return best;
}

int work_author_agrees(const char *cited_authors, const char *registered_family)
{
	if (!cited_authors || !registered_family || !*cited_authors || !*registered_family)
		return -1;
	char *c = work_normalize(cited_authors), *f = work_normalize(registered_family);
	/* the family name's last word ("van der Berg" → "berg"), as a word of
	 * the cited authors */
	const char *last = strrchr(f, ' ');
	last = last ? last + 1 : f;
	size_t k = strlen(last);
	int found = 0;
	for (const char *p = c; k && (p = strstr(p, last)) != NULL; p++)
		if ((p == c || p[-1] == ' ') && (p[k] == ' ' || p[k] == '\0')) {
			found = 1;
			break;
		}
	free(c);
	free(f);
	return k ? found : -1;
}

int work_year_agrees(int cited, const int registered[3])
{
	if (!cited)
		return -1;
	bool any = false;
	for (int i = 0; i < 3; i++) {
		if (!registered[i])
			continue;
		any = true;
		if (abs(registered[i] - cited) <= 1)
			return 1;
	}
	return any ? 0 : -1;
}

struct work_match work_match(const struct reference *r, const struct doi_lookup *d)
{
	struct work_match w = {WORK_UNCHECKED, -1, -1, -1, -1};
	if (!d || d->verdict == DOI_UNCHECKED)
		return w;
	if (d->verdict == DOI_NOT_FOUND) {
		w.verdict = WORK_NOT_FOUND;
		return w;
	}
	if (d->verdict == DOI_UNKNOWN) {
		w.verdict = WORK_UNKNOWN;
		return w;
	}
	if (r->details->title && d->title) {
		w.title_similarity = work_title_similarity(r->details->title, d->title);
		w.title = w.title_similarity >= WORK_TITLE_SAME ? 1 : w.title_similarity < WORK_TITLE_DIFFERENT ? 0 : -1;
	}
	w.author = (signed char)work_author_agrees(r->details->authors, d->first_family);
	w.year = (signed char)work_year_agrees(r->details->published.year, d->years);
	/* Another work only on clear evidence: a title far from the registered
	 * one that author and year do not both vouch for, or, with no title to
	 * compare, both author and year wrong. */
	bool both_agree = w.author == 1 && w.year == 1;
	if (w.title == 1 || (w.title < 0 && w.title_similarity < 0 && both_agree))
		w.verdict = WORK_MATCH;
	else if ((w.title == 0 && !both_agree) || (w.title_similarity < 0 && w.author == 0 && w.year == 0))
		w.verdict = WORK_MISMATCH;
	else
		w.verdict = WORK_UNSURE;
	return w;
}

const char *work_verdict_name(enum work_verdict v)
{
	switch (v) {
	case WORK_MATCH:
		return "match";
	case WORK_MISMATCH:
		return "mismatch";
	case WORK_UNSURE:
		return "unsure";
	case WORK_NOT_FOUND:
		return "not-found";
	case WORK_UNKNOWN:
		return "unknown";
	case WORK_UNCHECKED:
		break;
	}
	return "unchecked";
}

const struct doi_lookup *work_nearby_match(const struct model *m, const struct reference *r,
					   const struct doi_lookup *d)
{
	const struct doi_lookup *found = NULL;
	for (size_t i = 0; d && d->verdict == DOI_NOT_FOUND && i < d->nnearby; i++) {
		const struct doi_lookup *c = &m->dois[d->nearby[i]];
		if (work_match(r, c).verdict != WORK_MATCH)
			continue;
		if (found) /* two works one slip away both fit: neither is said */
			return NULL;
		found = c;
	}
	return found;
}
