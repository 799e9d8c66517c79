#include "extract/citation_meta.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "extract/md_syntax.h"
#include "util/util.h"

#define MAX_NAME_WORDS 12

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The whitespace-delimited tokens that hold "://", found once per text so
 * that asking whether an offset lies in a URL costs a short scan. */
#define MAX_URL_SPANS 32
struct url_spans {
	size_t b[MAX_URL_SPANS], e[MAX_URL_SPANS];
	size_t n;
};

static void find_url_spans(const char *s, size_t n, struct url_spans *u)
{
	u->n = 0;
	size_t from = 0;
	const char *p;
	while (from < n && (p = memmem(s + from, n - from, "://", 3)) != NULL) {
		size_t b = (size_t)(p - s), e = b;
		while (b > from && !is_space(s[b - 1]))
			b--;
		while (e < n && !is_space(s[e]))
			e++;
		/* the search goes on after this token: a token holding "://"
		 * 10^5 times is walked once, not once for each */
		from = e;
		if (u->n && u->e[u->n - 1] >= b)
			continue; /* same token */
		if (u->n == MAX_URL_SPANS)
			break;
		u->b[u->n] = b;
		u->e[u->n++] = e;
	}
}

static bool in_url(const struct url_spans *u, size_t i)
{
	for (size_t k = 0; k < u->n; k++)
		if (i >= u->b[k] && i < u->e[k])
			return true;
	return false;
}

static bool word_start(const char *s, size_t i)
{
	if (i == 0)
		return true;
	switch (s[i - 1]) {
	case ' ': case '\t': case '(': case '[': case ',': case '*': case '_': case '\\':
		return true;
	default:
		return false;
	}
}

/* The words that introduce the day a source was read, in the styles and
 * languages reports use; day_first: how that language writes a date in
 * numbers ("30.01.2024", "5/2/2024"). Longer words first where one starts
 * another. */
static const struct {
	const char *word;
	bool day_first;
} access_words[] = {
	{"retrieved", false}, {"last accessed", false}, {"accessed", false}, {"viewed", true},
	{"downloaded", false}, {"cited", true}, {"cit.", true}, {"citováno", true},
	{"consulté le", true}, {"consulte le", true}, {"dernière consultation le", true},
	{"zuletzt abgerufen am", true}, {"abgerufen am", true}, {"aufgerufen am", true},
	{"letzter zugriff am", true}, {"letzter zugriff", true}, {"zugriff am", true},
	{"consultado el", true}, {"recuperado el", true}, {"fecha de consulta", true},
	{"accedido el", true}, {"acesso em", true}, {"acessado em", true}, {"consultado em", true},
	{"consultato il", true}, {"ultimo accesso", true}, {"ultima consultazione", true},
	{"data di consultazione", true}, {"geraadpleegd op", true}, {"bezocht op", true},
	{"truy c\xE1\xBA\xADp ng\xC3\xA0y", true}, {"truy c\xE1\xBA\xADp", true},
};

_Static_assert(sizeof access_words / sizeof access_words[0] <= 64, "one bit per access word");

/* The access words that may start at each byte (bit w: access_words[w]):
 * asked of every byte of every entry, so a table, filled on first use. */
static uint64_t by_byte[256];
static pthread_once_t by_byte_once = PTHREAD_ONCE_INIT;

static void access_table_fill(void)
{
	for (size_t w = 0; w < sizeof access_words / sizeof access_words[0]; w++) {
		unsigned char f = (unsigned char)access_words[w].word[0];
		by_byte[f] |= UINT64_C(1) << w;
		if (f >= 'a' && f <= 'z')
			by_byte[f - 'a' + 'A'] |= UINT64_C(1) << w;
	}
}

/* Filled once, whichever reader thread asks first. */
static const uint64_t *access_table(void)
{
	pthread_once(&by_byte_once, access_table_fill);
	return by_byte;
}

/* "(2023, Dec. 21)" at s[i] == '(': the date and the offset of ')'. */
static bool paren_date(const char *s, size_t n, size_t i, struct date *d, size_t *close)
{
	size_t len;
	if (!date_parse(s + i + 1, n - i - 1, d, &len))
		return false;
	size_t j = i + 1 + len;
	while (j < n && (is_space(s[j]) || s[j] == '.' || s[j] == ','))
		j++;
	if (j >= n || s[j] != ')')
		return false;
	*close = j;
	return true;
}

/* The date after an access word at s[j], written in words or numbers;
 * *end: the offset in s just after it. */
static bool access_date(const char *s, size_t n, size_t j, bool day_first, struct date *d, size_t *end)
{
	j = md_skip_blanks(s, n, j);
	if (ascii_ieq_prefix(s + j, n - j, "on "))
		j += 3;
	if (j < n && s[j] == ':')
		j = md_skip_blanks(s, n, j + 1);
	size_t l;
	if (date_parse_numeric(s + j, n - j, day_first, d, &l) || date_parse(s + j, n - j, d, &l)) {
		*end = j + l;
		return true;
	}
	return false;
}

/* The access date and the span of its clause [*b, *e). */
static bool find_accessed(const char *s, size_t n, const struct url_spans *u, struct date *d,
			  size_t *b, size_t *e)
{
	const uint64_t *table = access_table();
	for (size_t i = 0; i < n; i++) {
		uint64_t words = table[(unsigned char)s[i]];
		if (!words || !word_start(s, i) || in_url(u, i))
			continue;
		for (; words; words &= words - 1) {
			size_t w = (size_t)__builtin_ctzll(words), wl = strlen(access_words[w].word);
			if (ascii_ieq_prefix(s + i, n - i, access_words[w].word) &&
			    access_date(s, n, i + wl, access_words[w].day_first, d, e)) {
				*b = i;
				return true;
			}
		}
	}
	return false;
}

static char *trimmed_copy(const char *s, size_t b, size_t e, const char *strip)
{
	for (bool again = true; again && b < e;) {
		again = false;
		if (strchr(strip, s[b]) || is_space(s[b]))
			b++, again = true;
		else if (strchr(strip, s[e - 1]) || is_space(s[e - 1]))
			e--, again = true;
		else if (e - b >= 6 && memcmp(s + b, "&nbsp;", 6) == 0)
			b += 6, again = true;
		else if (e - b >= 6 && memcmp(s + e - 6, "&nbsp;", 6) == 0)
			e -= 6, again = true;
	}
	return b < e ? md_unescape(s + b, e - b) : NULL;
}

static size_t count_words(const char *s, size_t b, size_t e)
{
	size_t w = 0;
	for (size_t i = b; i < e; i++)
		if (!is_space(s[i]) && (i == b || is_space(s[i - 1])))
			w++;
	return w;
}

static size_t skip_see(const char *s, size_t n)
{
	static const char *const lead[] = {"see also ", "see ", "cf. ", "e.g. "};
	size_t i = md_skip_blanks(s, n, 0);
	for (size_t k = 0; k < sizeof lead / sizeof lead[0]; k++)
		if (ascii_ieq_prefix(s + i, n - i, lead[k]))
			return i + strlen(lead[k]);
	return i;
}

static const char *const abbreviations[] = {
	"no", "nos", "vol", "pp", "p", "ed", "eds", "al", "doc", "comm", "art", "para", "paras",
	"mtg", "inc", "ltd", "co", "jr", "sr", "dr", "mr", "mrs", "ms", "st", "vs", "v", "cf",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
};

/* Whether the word ending just before s[i] == '.' is an abbreviation or an
 * initial ("A.", "U.N.", "No.", "pp."), which does not end a sentence. */
static bool abbreviation_before(const char *s, size_t i)
{
	size_t b = i;
	while (b > 0 && !is_space(s[b - 1]) && s[b - 1] != '.' && s[b - 1] != '(')
		b--;
	size_t len = i - b;
	if (len == 1 && s[b] >= 'A' && s[b] <= 'Z')
		return true;
	for (size_t k = 0; k < sizeof abbreviations / sizeof abbreviations[0]; k++)
		if (strlen(abbreviations[k]) == len && ascii_ieq_prefix(s + b, len, abbreviations[k]))
			return true;
	return false;
}

/* End of the sentence starting at b, at most lim. */
static size_t sentence_end(const char *s, size_t lim, size_t b)
{
	for (size_t i = b; i < lim; i++) {
		if ((s[i] == '?' || s[i] == '!') && (i + 1 == lim || is_space(s[i + 1])))
			return i + 1;
		if (s[i] == '.' && (i + 1 == lim || is_space(s[i + 1])) && !abbreviation_before(s, i))
			return i;
	}
	return lim;
}

/* A name has commas ("Thayer, Carlyle A.", "Hồng Giang, Trường Giang and
 * Anh Tú") or few words; a sentence inside ("Article 4. Constitution …",
 * "Mukong v. Cameroon") or a colon marks a title. */
enum lead_kind { LEAD_NAME, LEAD_TITLE, LEAD_UNSURE };

static enum lead_kind classify_lead(const char *s, size_t b, size_t e)
{
	size_t words = count_words(s, b, e);
	if (words > MAX_NAME_WORDS || memmem(s + b, e - b, ": ", 2))
		return LEAD_TITLE;
	for (size_t i = b; i + 1 < e; i++)
		if (s[i] == '.' && is_space(s[i + 1]) && !(i >= 1 && s[i - 1] >= 'A' && s[i - 1] <= 'Z' &&
							   (i == 1 || is_space(s[i - 2]) || s[i - 2] == '.')))
			return LEAD_TITLE;
	if (memchr(s + b, ',', e - b) || words < 5)
		return LEAD_NAME;
	return LEAD_UNSURE;
}

/* APA: "Author (date). Title. …" or, without an author, "Title (date). Site. …"
 * lim is where the access clause begins: no title reaches into it. */
static void apa_names(const char *s, size_t lim, const struct url_spans *u, size_t open, size_t close,
		      struct citation_meta *m)
{
	size_t b = skip_see(s, open);
	size_t t = close + 1;
	while (t < lim && (is_space(s[t]) || s[t] == '.'))
		t++;
	size_t e = t;
	bool emphasised = t < lim && (s[t] == '*' || s[t] == '_');
	if (emphasised) {
		const char *end = memchr(s + t + 1, s[t], lim - t - 1);
		e = end ? (size_t)(end - s) + 1 : sentence_end(s, lim, t);
	} else if (t < lim && !in_url(u, t)) {
		e = sentence_end(s, lim, t);
	}
	enum lead_kind lead = b < open ? classify_lead(s, b, open) : LEAD_NAME;
	if (lead == LEAD_UNSURE) /* the longer part is the title, the shorter the site */
		lead = count_words(s, b, open) > count_words(s, t, e) ? LEAD_TITLE : LEAD_NAME;
	if (lead == LEAD_TITLE) {
		m->title = trimmed_copy(s, b, open, ".,");
		return;
	}
	if (b < open)
		m->authors = trimmed_copy(s, b, open, ".,");
	if (e > t)
		m->title = trimmed_copy(s, t, e, "*_.");
}

/* Chicago, NIST, French notes: “Title”, "Title", «Title», or a [Title](url). */
static void quoted_names(const char *s, size_t n, struct citation_meta *m)
{
	static const struct {
		const char *open, *close;
	} quotes[] = {{"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"\xC2\xAB", "\xC2\xBB"}, {"\"", "\""}};
	size_t best = n, bo = 0, be = 0, bl = 0;
	for (size_t q = 0; q < 3; q++) {
		const char *o = memmem(s, n, quotes[q].open, strlen(quotes[q].open));
		if (!o || (size_t)(o - s) >= best)
			continue;
		size_t ob = (size_t)(o - s) + strlen(quotes[q].open);
		const char *c = memmem(s + ob, n - ob, quotes[q].close, strlen(quotes[q].close));
		if (!c)
			continue;
		best = (size_t)(o - s);
		bo = ob;
		be = (size_t)(c - s);
		bl = best;
	}
	const char *lb = memchr(s, '[', n);
	if (lb && (size_t)(lb - s) < best) {
		const char *rb = memchr(lb, ']', n - (size_t)(lb - s));
		if (rb && (size_t)(rb - s) + 1 < n && rb[1] == '(' && !memmem(lb, (size_t)(rb - lb), "://", 3)) {
			bl = (size_t)(lb - s);
			bo = bl + 1;
			be = (size_t)(rb - s);
			best = bl;
		}
	}
	if (best == n)
		return;
	size_t a = skip_see(s, bl);
	if (count_words(s, a, bl) > MAX_NAME_WORDS)
		return; /* a quotation in prose, not a title after its author */
	m->title = trimmed_copy(s, bo, be, ",.*_");
	if (a < bl)
		m->authors = trimmed_copy(s, a, bl, ",.:");
}

/* "Archived from the original on 2021-03-01", "Archived from [the
 * original](<url>) on …", "archived 3 May 2021": the day of a copy, not of
 * the source — an "archived" earlier in the same sentence. */
static bool archive_date(const char *s, size_t i)
{
	size_t b = i > 300 ? i - 300 : 0;
	for (size_t j = i; j-- > b;) {
		if (s[j] == '.' && j + 1 < i && s[j + 1] == ' ')
			return false;
		if ((s[j] | 0x20) == 'a' && ascii_ieq_prefix(s + j, i - j, "archived"))
			return true;
	}
	return false;
}

static bool fallback_published(const char *s, size_t n, const struct url_spans *u, size_t ab, size_t ae,
			       struct date *out)
{
	struct date year_only = {0, 0, 0}, in_title = {0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool may_start = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
		if (!may_start || (i >= ab && i < ae) || !word_start(s, i) || in_url(u, i))
			continue;
		struct date d;
		size_t len;
		if (!date_parse(s + i, n - i, &d, &len) || archive_date(s, i))
			continue;
		if (d.month) {
			*out = d;
			return true;
		}
		/* a year closes a sentence or a clause ("2021.", "2021 [cited"); one
		 * that closes emphasis is more often the title's ("*Report 2023*, 2024") */
		char after = i + len < n ? s[i + len] : '.';
		bool bracket = after == ' ' && i + len + 1 < n && s[i + len + 1] == '[';
		if (!year_only.year && (strchr(".,);:", after) || bracket))
			year_only = d;
		else if (!in_title.year && (after == '*' || after == '_'))
			in_title = d;
	}
	*out = year_only.year ? year_only : in_title;
	return out->year != 0;
}

void citation_parse(const char *s, size_t n, struct citation_meta *m)
{
	memset(m, 0, sizeof *m);
	struct url_spans spans, *u = &spans;
	find_url_spans(s, n, u);
	size_t ab = n, ae = n;
	if (!find_accessed(s, n, u, &m->accessed, &ab, &ae))
		ab = ae = n;
	for (size_t i = 0; i < ab; i++) {
		if (s[i] != '(' || in_url(u, i))
			continue;
		size_t close;
		if (paren_date(s, n, i, &m->published, &close)) {
			apa_names(s, ab, u, i, close, m);
			return;
		}
	}
	quoted_names(s, n, m);
	fallback_published(s, n, u, ab, ae, &m->published);
}

bool citation_starts(const char *s, size_t n)
{
	size_t i = skip_see(s, n), lim = n < 250 ? n : 250;
	for (size_t j = i + 2; j < lim; j++) {
		if (s[j] == ':' && j + 2 < n && s[j + 1] == '/' && s[j + 2] == '/')
			return false;
		struct date d;
		size_t close;
		if (s[j] == '(' && paren_date(s, n, j, &d, &close))
			return true;
	}
	return false;
}

/* A year standing alone at s[i]: "2023" between non-digits. */
static bool lone_year(const char *s, size_t n, size_t i)
{
	if (i + 4 > n || (i && s[i - 1] >= '0' && s[i - 1] <= '9') || (i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9'))
		return false;
	for (size_t k = 0; k < 4; k++)
		if (s[i + k] < '0' || s[i + k] > '9')
			return false;
	return (s[i] == '1' && s[i + 1] >= '5') || (s[i] == '2' && s[i + 1] == '0');
}

bool citation_like(const char *s, size_t n)
{
	if (citation_tail(s, n))
		return false;
	size_t i = skip_see(s, n), lim = n < 250 ? n : 250;
	while (i < lim && (s[i] == '*' || s[i] == '_' || s[i] == '"'))
		i++;
	unsigned char c = i < lim ? (unsigned char)s[i] : 0;
	if (!((c >= 'A' && c <= 'Z') || c >= 0xC3))
		return false;
	bool sentence = false;
	for (size_t j = i + 1; j < lim; j++) {
		if (s[j] == ':' && j + 2 < n && s[j + 1] == '/' && s[j + 2] == '/')
			return false; /* a year after a URL begins is the URL's */
		if ((s[j] == '.' || s[j] == ',') && j + 1 < lim && is_space(s[j + 1]))
			sentence = true;
		else if (sentence && lone_year(s, n, j))
			return true;
	}
	return false;
}

bool citation_tail(const char *s, size_t n)
{
	static const char *const lead[] = {
		"from ", "available", "archived", "disponível", "disponible", "disponibile", "online unter",
		"url:", "in: ", "en: ", "em: ", "[online]", "[en línea]", "[internet]", "tại: ",
	};
	size_t i = md_skip_blanks(s, n, 0);
	if (i == n)
		return false;
	char c = (char)(s[i] | 0x20);
	for (size_t k = 0; k < sizeof lead / sizeof lead[0]; k++)
		if ((lead[k][0] | 0x20) == c && ascii_ieq_prefix(s + i, n - i, lead[k]))
			return true;
	for (uint64_t words = access_table()[(unsigned char)s[i]]; words; words &= words - 1)
		if (ascii_ieq_prefix(s + i, n - i, access_words[__builtin_ctzll(words)].word))
			return true;
	return false;
}
