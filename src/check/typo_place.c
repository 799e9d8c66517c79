#include "check/typo_place.h"

#include <string.h>

#include "util/util.h"

/* The parts of a URL without scheme ("host/path?query#fragment"). */
struct parts {
	size_t host_end, query, fragment, len; /* query, fragment: where '?', '#' are; len if none */
};

static void split(const char *s, size_t n, struct parts *p)
{
	p->len = n;
	p->host_end = p->query = p->fragment = n;
	for (size_t i = 0; i < n; i++) {
		if (p->host_end == n && (s[i] == '/' || s[i] == '?' || s[i] == '#'))
			p->host_end = i;
		if (p->query == n && p->fragment == n && s[i] == '?')
			p->query = i;
		if (p->fragment == n && s[i] == '#')
			p->fragment = i;
	}
}

/* The site a host belongs to: its last two labels, or three where the
 * second is a short registry label under a country code ("gov.vn",
 * "co.uk", "com.au"). */
static size_t site_start(const char *s, size_t host_end)
{
	size_t dots[3] = {0}, k = 0;
	for (size_t i = host_end; i > 0 && k < 3; i--)
		if (s[i - 1] == '.')
			dots[k++] = i;
	if (k < 1)
		return 0;
	size_t tld = host_end - dots[0];
	size_t second = k >= 2 ? dots[0] - 1 - dots[1] : dots[0] - 1;
	if (tld == 2 && second <= 3 && k >= 2)
		return k >= 3 ? dots[2] : 0;
	return k >= 2 ? dots[1] : 0;
}

static bool word_char(char c)
{
	return isalnum_ascii((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Whether s[b, e) reads as a name (a package, a page, a command: at most
 * three words, an extension aside) rather than a sentence made a slug
 * ("bao-dam-an-ninh-kinh-te-trong-boi-canh-…"). Short names crowd each
 * other: "wget", "kget", "uget" are three programs. */
static bool a_name(const char *s, size_t b, size_t e)
{
	const char *dot = NULL;
	for (size_t i = e; i > b; i--)
		if (s[i - 1] == '.') {
			dot = s + i - 1;
			break;
		}
	if (dot && e - (size_t)(dot - s) <= 6 && (size_t)(dot - s) > b)
		e = (size_t)(dot - s);
	unsigned words = 0;
	for (size_t i = b; i < e; i++)
		if (word_char(s[i]) && (i == b || !word_char(s[i - 1])))
			words++;
	return words <= 3;
}

/* Whether the word holding s[b, e) (where a pair starts to differ) is an opaque id of letters and digits
 * both ("qnd39byvmw"): such ids are drawn at random, and two a letter
 * apart are one id mistyped, where two names a letter apart (wget, gwget)
 * or two numbers (3252, 3257) are two things. */
static bool random_id(const char *s, size_t n, size_t b, size_t e)
{
	while (b > 0 && isalnum_ascii((unsigned char)s[b - 1]))
		b--;
	while (e < n && isalnum_ascii((unsigned char)s[e]))
		e++;
	bool letter = false, digit = false;
	for (size_t i = b; i < e; i++) {
		if (!isalnum_ascii((unsigned char)s[i]))
			return false;
		digit |= s[i] >= '0' && s[i] <= '9';
		letter |= !(s[i] >= '0' && s[i] <= '9');
	}
	return letter && digit && e - b >= 8;
}

/* The same keys in the same order: "?name=wget" and "?name=gwget" differ
 * in a value only. */
static bool same_keys(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	while (i < an && j < bn) {
		size_t ie = i, je = j;
		while (ie < an && a[ie] != '=' && a[ie] != '&')
			ie++;
		while (je < bn && b[je] != '=' && b[je] != '&')
			je++;
		if (ie - i != je - j || memcmp(a + i, b + j, ie - i))
			return false;
		while (ie < an && a[ie] != '&')
			ie++;
		while (je < bn && b[je] != '&')
			je++;
		i = ie + (ie < an);
		j = je + (je < bn);
	}
	return i >= an && j >= bn;
}

/* The segment of s holding [from, to): from the '/' before from (or
 * floor) to the next '/' at or after to (or ceil). */
static void segment_of(const char *s, size_t from, size_t to, size_t floor, size_t ceil, size_t *b, size_t *e)
{
	*b = from;
	while (*b > floor && s[*b - 1] != '/')
		(*b)--;
	*e = to;
	while (*e < ceil && s[*e] != '/')
		(*e)++;
}

void typo_span(const char *a, size_t an, const char *b, size_t bn, size_t *p, size_t *sa, size_t *sb)
{
	*p = 0;
	while (*p < an && *p < bn && a[*p] == b[*p])
		(*p)++;
	*sa = an;
	*sb = bn;
	while (*sa > *p && *sb > *p && a[*sa - 1] == b[*sb - 1])
		(*sa)--, (*sb)--;
}

bool typo_place_benign(const char *a, size_t an, const char *b, size_t bn)
{
	size_t p, sa, sb;
	typo_span(a, an, b, bn, &p, &sa, &sb);
	struct parts pa, pb;
	split(a, an, &pa);
	split(b, bn, &pb);
	if (sa <= pa.host_end && sb <= pb.host_end) { /* the hosts differ, the rest is the same */
		size_t ka = site_start(a, pa.host_end), kb = site_start(b, pb.host_end);
		if (p < ka && p < kb && pa.host_end - ka == pb.host_end - kb &&
		    !memcmp(a + ka, b + kb, pa.host_end - ka))
			return true; /* bugs.archlinux.org, bbs.archlinux.org: one site */
		/* a page's whole address on two hosts is the same page mistyped;
		 * two home pages of short names are two sites */
		bool page = pa.host_end + 1 < an && a[pa.host_end] == '/';
		return !page && a_name(a, ka, pa.host_end) && a_name(b, kb, pb.host_end);
	}
	if (p >= pa.fragment && p >= pb.fragment) /* #ftp-invocation, #ftpd-invocation */
		return a_name(a, pa.fragment + 1, an) && a_name(b, pb.fragment + 1, bn);
	if (p > pa.query && p > pb.query && sa <= pa.fragment && sb <= pb.fragment)
		return same_keys(a + pa.query + 1, pa.fragment - pa.query - 1, b + pb.query + 1,
				 pb.fragment - pb.query - 1) &&
		       !random_id(a, an, p, p + 1) && !random_id(b, bn, p, p + 1);
	/* the path: a typo where a folder differs and the rest is the same page
	 * (/web/guest/… and /web/quest/…); where the last name differs, two
	 * names of a list (/packages/wget/, /packages/kget/) unless the name
	 * is a sentence made a slug */
	size_t ea = pa.query < pa.fragment ? pa.query : pa.fragment;
	size_t eb = pb.query < pb.fragment ? pb.query : pb.fragment;
	if (p < pa.host_end || sa > ea || sb > eb)
		return false;
	while (ea > sa && a[ea - 1] == '/')
		ea--;
	while (eb > sb && b[eb - 1] == '/')
		eb--;
	if (memchr(a + sa, '/', ea - sa) || memchr(b + sb, '/', eb - sb))
		return false; /* a folder differs */
	size_t ab, ae, bb, be;
	segment_of(a, p, sa, pa.host_end, ea, &ab, &ae);
	segment_of(b, p, sb, pb.host_end, eb, &bb, &be);
	return a_name(a, ab, ae) && a_name(b, bb, be);
}
