/* Links, markers, definitions and Markdown line shapes, on lines taken from
 * the seed report and the corpus. */
#include <stdlib.h>

#include "extract/md_syntax.h"
#include "extract/scan_dois.h"
#include "extract/scan_footnotes.h"
#include "extract/scan_links.h"
#include "check.h"

/* The n-th link's URL in s (0-based), or NULL. */
static char got[4096];
static const char *link_n(const char *s, int n, enum link_syntax *syn, size_t *start)
{
	size_t pos = 0, len = strlen(s);
	struct link_hit h;
	for (int i = 0; scan_next_link(s, len, &pos, &h, NULL); i++) {
		if (i == n) {
			snprintf(got, sizeof got, "%s", h.url ? h.url : "(empty)");
			if (syn)
				*syn = h.syntax;
			if (start)
				*start = h.start;
			free(h.url);
			return got;
		}
		free(h.url);
	}
	return NULL;
}

static int count_links(const char *s)
{
	size_t pos = 0, len = strlen(s);
	struct link_hit h;
	int k = 0;
	while (scan_next_link(s, len, &pos, &h, NULL)) {
		free(h.url);
		k++;
	}
	return k;
}

static void links(void)
{
	enum link_syntax syn;
	size_t start;
	/* seed line 308: text with doubled escapes, target already clean */
	const char *yt = "Youtube. Retrieved Feb. 5, 2024, from [https://www.youtube.com/watch?v=gnd39byvmw&ab\\\\_channel=t%e1%ba%a0pch](https://www.youtube.com/watch?v=gnd39byvmw&ab_channel=t%e1%ba%a0pch)";
	CHECK_STR(link_n(yt, 0, &syn, NULL), "https://www.youtube.com/watch?v=gnd39byvmw&ab_channel=t%e1%ba%a0pch");
	CHECK_INT(syn, SYNTAX_INLINE);
	CHECK_INT(count_links(yt), 1);
	/* seed line 482: escaped parentheses in the text, balanced ones in the target */
	const char *par = "[https://x.vn/ok-9\\(28.09.2023\\\\_16h50p50\\)\\\\_signed.pdf](https://x.vn/ok-9(28.09.2023_16h50p50)_signed.pdf)";
	CHECK_STR(link_n(par, 0, NULL, NULL), "https://x.vn/ok-9(28.09.2023_16h50p50)_signed.pdf");
	/* a target with a space (seed line 496) is kept whole */
	CHECK_STR(link_n("[a](https://t.vn/326_BIEU QUY_IV.xls)", 0, NULL, NULL), "https://t.vn/326_BIEU QUY_IV.xls");
	/* an autolink with spaces in the host (seed line 317) */
	CHECK_STR(link_n("from <https://web.archive.org/web/20240229044222/https://chinh sach.vn/x.html>", 0, &syn, &start),
		  "https://web.archive.org/web/20240229044222/https://chinh sach.vn/x.html");
	CHECK_INT(syn, SYNTAX_AUTOLINK);
	CHECK_INT(start, 6);
	/* bare URLs: trailing punctuation is the sentence's, balanced parentheses the URL's */
	CHECK_STR(link_n("See https://en.wikipedia.org/wiki/Mozilla_(disambiguation).", 0, &syn, NULL),
		  "https://en.wikipedia.org/wiki/Mozilla_(disambiguation)");
	CHECK_INT(syn, SYNTAX_BARE);
	CHECK_STR(link_n("(see https://example.org/a/b), and", 0, NULL, NULL), "https://example.org/a/b");
	CHECK_STR(link_n("   https://legacy.python.org/search/hypermail/python-1994q1/0301.html", 0, NULL, NULL),
		  "https://legacy.python.org/search/hypermail/python-1994q1/0301.html");
	/* empty targets are reported */
	CHECK_STR(link_n("can be viewed [here](#).", 0, NULL, NULL), "(empty)");
	CHECK_STR(link_n("[x]()", 0, NULL, NULL), "(empty)");
	/* relative links and other schemes are listed (checked offline, or skipped) */
	CHECK_INT(count_links("[doc](../README.md) and [mail](mailto:a@b.org)"), 2);
	CHECK_STR(link_n("see [intro](#intro).", 0, NULL, NULL), "#intro");
	/* a picture is a link like any, in the repository or on the web (as
	 * an HTML page's <img src> is); inline data is none */
	CHECK_STR(link_n("![logo](img/logo.png)", 0, NULL, NULL), "img/logo.png");
	CHECK_STR(link_n("![chart](https://example.org/chart.png)", 0, NULL, NULL), "https://example.org/chart.png");
	CHECK_INT(count_links("![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)"), 0);
	/* CommonMark: no space in a destination unless in <> */
	CHECK_INT(count_links("[see](page 5) and [that](<my file.md>)"), 1);
	/* code spans and images are passed over */
	CHECK_INT(count_links("run `curl https://example.org/x` first"), 0);
	CHECK_INT(count_links("`![logo](https://example.org/logo.png)`"), 0);
	/* titles and angle brackets in targets */
	CHECK_STR(link_n("[t](<https://e.org/a b> \"Title\")", 0, NULL, NULL), "https://e.org/a b");
	CHECK_STR(link_n("[t](https://e.org/p \"Title\")", 0, NULL, NULL), "https://e.org/p");
	/* reference definitions */
	CHECK_STR(link_n("[1]: https://e.org/ref \"t\"", 0, &syn, NULL), "https://e.org/ref");
	CHECK_INT(syn, SYNTAX_REFDEF);
	/* nested brackets in link text (OpenSSF table) */
	CHECK_STR(link_n("|[[Zaman 2021]](https://medium.com/x)|Tug of War. Available from: <https://medium.com/x> \\[Accessed 6 June 2024]|", 1, &syn, NULL),
		  "https://medium.com/x");
	CHECK_INT(syn, SYNTAX_AUTOLINK);
	/* a scheme inside a word is not a URL */
	CHECK_INT(count_links("xhttp://no"), 0);
}

static const char *marker_n(const char *s, int n)
{
	size_t pos = 0, len = strlen(s);
	struct footnote_marker mk;
	for (int i = 0; scan_next_marker(s, len, &pos, &mk, NULL); i++)
		if (i == n) {
			if (mk.superscript)
				superscript_digits(s + mk.label, mk.label_len, got);
			else
				snprintf(got, sizeof got, "%.*s", (int)mk.label_len, s + mk.label);
			return got;
		}
	return NULL;
}

static void markers(void)
{
	CHECK_STR(marker_n("integration'.<sup>1</sup> The directive", 0), "1");
	CHECK_STR(marker_n("Vietnam's 13<sup>th</sup> National Party Congress", 0), NULL);
	CHECK_STR(marker_n("Mới, N<sup>o</sup> 02-HD/BĐNTW", 0), NULL);
	CHECK_STR(marker_n("as shown[^GCCATTR] and [^C23].", 1), "C23");
	CHECK_STR(marker_n("rejected [2]_ and [13]", 0), "2");
	CHECK_STR(marker_n("rejected [2]_ and [13]", 1), "13");
	CHECK_STR(marker_n("a[0] = b[1];", 0), NULL);        /* indexing, not notes */
	CHECK_STR(marker_n("[1](https://e.org)", 0), NULL);  /* a link */
	CHECK_STR(marker_n("[1]: https://e.org", 0), NULL);  /* a definition */
	CHECK_STR(marker_n("as Smith argued.¹² Later", 0), "12");
	CHECK_STR(marker_n("an area of 40 m² only", 0), NULL);
	CHECK_STR(marker_n("`x[1]` in code", 0), NULL);
}

static void definitions(void)
{
	struct footnote_def d;
	const char *s = "- <sup>5</sup> Phương Hằng (2023, Aug. 10).";
	CHECK(scan_footnote_def(s, strlen(s), true, &d));
	CHECK_INT(d.style, DEF_SUP);
	CHECK_INT(d.label_len, 1);
	CHECK_INT(s[d.label], '5');
	CHECK_STR(s + d.text, "Phương Hằng (2023, Aug. 10).");
	s = "<sup>14</sup> Thayer, Carlyle A.";
	CHECK(scan_footnote_def(s, strlen(s), true, &d));
	CHECK_INT(d.label_len, 2);
	CHECK(!scan_footnote_def(s, strlen(s), false, &d)); /* <sup> defines only in a reference section */
	s = "[^gcc-malloc]: GCC team, [Using GCC](https://gcc.gnu.org/)";
	CHECK(scan_footnote_def(s, strlen(s), false, &d));
	CHECK_INT(d.style, DEF_CARET);
	CHECK_INT(d.label_len, 10);
	s = ".. [12] Lexical scoping in Python 3k (Guido van Rossum)";
	CHECK(scan_footnote_def(s, strlen(s), false, &d));
	CHECK_INT(d.style, DEF_REST);
	s = "[EO 13681] Executive Order 13681";
	CHECK(scan_footnote_def(s, strlen(s), true, &d));
	CHECK_INT(d.style, DEF_BRACKET);
	CHECK_INT(d.label_len, 8);
	s = "1. Give credit to Project 88.";
	CHECK(scan_footnote_def(s, strlen(s), true, &d));
	CHECK_INT(d.style, DEF_NUMDOT);
	s = "[https://web.archive.org/web/2/https://x.vn/a.pdf](https://web.archive.org/web/2/https://x.vn/a.pdf)";
	CHECK(!scan_footnote_def(s, strlen(s), true, &d));
	s = "Vũ (2023). an ninh<sup>34</sup> trật tự";
	CHECK(!scan_footnote_def(s, strlen(s), true, &d)); /* a stray <sup> mid-sentence */
}

static void syntax(void)
{
	size_t t, l;
	CHECK_INT(md_atx_heading("# REFERENCES", 12, &t, &l), 1);
	CHECK_INT(l, 10);
	CHECK_INT(md_atx_heading("#hashtag", 8, &t, &l), 0);
	CHECK(md_is_reference_heading("REFERENCES", 10));
	CHECK(md_is_reference_heading("Works Cited:", 12));
	CHECK(md_is_reference_heading("11 References", 13));
	CHECK(md_is_reference_heading("**Notes**", 9));
	CHECK(md_is_reference_heading("Références et lectures supplémentaires", strlen("Références et lectures supplémentaires")));
	CHECK(md_is_reference_heading("RÉFÉRENCES", strlen("RÉFÉRENCES")));
	const char *toc = "<b>REFERENCES</b>\t<b>29</b>"; /* the seed's table of contents */
	CHECK(!md_is_reference_heading(toc, strlen(toc)));
	CHECK(!md_is_reference_heading("Notes on usage", 14));
	CHECK(md_thematic_break("---", 3));
	CHECK(md_thematic_break("* * *", 5));
	CHECK(!md_thematic_break("--", 2));
	CHECK_INT(md_setext_underline("==========", 10), 1);
	CHECK_INT(md_bullet("- <sup>1</sup> x", 16), 2);
	CHECK_INT(md_bullet("- ", 2), 2);
	CHECK_INT(md_bullet("-1 degrees", 10), 0);
	char *u = md_unescape("ab\\\\_channel \\( x\\y", 19);
	CHECK_STR(u, "ab_channel ( x\\y");
	free(u);
}

/* The first bare DOI of s as "url@start-end", or "" for none. */
static char *first_doi(const char *s)
{
	static char out[256];
	size_t pos = 0;
	struct link_hit hit;
	out[0] = '\0';
	if (scan_next_doi(s, strlen(s), &pos, &hit)) {
		snprintf(out, sizeof out, "%s@%zu-%zu", hit.url, hit.start, hit.end);
		free(hit.url);
	}
	return out;
}

static void bare_dois(void)
{
	CHECK_STR(first_doi("ACM, 2010. doi:10.1145/1866307.1866327."), "doi:10.1145/1866307.1866327@11-38");
	CHECK_STR(first_doi("(DOI: 10.5555/x)."), "doi:10.5555/x@1-15");
	CHECK_STR(first_doi("RFC 7525, DOI 10.17487/RFC7525, May 2015"), "doi:10.17487/RFC7525@10-30");
	/* parentheses the DOI opened are its own */
	CHECK_STR(first_doi("doi:10.1002/(SICI)1097-4636(199706)35:4.CO;2-N)"),
		  "doi:10.1002/(SICI)1097-4636(199706)35:4.CO;2-N@0-46");
	CHECK_STR(first_doi("doi:\t10.4000/a.b.c"), "doi:10.4000/a.b.c@0-18");
	/* a DOI in a URL is the URL's; no label, no DOI */
	CHECK_STR(first_doi("https://doi.org/10.5555/x"), "");
	CHECK_STR(first_doi("dx.doi.org/10.5555/x"), "");
	CHECK_STR(first_doi("Ladoi:10.5555/x"), "");
	CHECK_STR(first_doi("doi10.5555/x"), "");
	CHECK_STR(first_doi("10.5555/x"), "");
	/* not a DOI's prefix: 3 digits, no slash, no suffix */
	CHECK_STR(first_doi("doi: 10.123/x"), "");
	CHECK_STR(first_doi("doi: 10.12345"), "");
	CHECK_STR(first_doi("doi: 10.12345/."), "");
	CHECK_STR(first_doi("doi:"), "");
	CHECK_STR(first_doi("d"), "");
}

int main(void)
{
	bare_dois();
	links();
	markers();
	definitions();
	syntax();
	return check_done("scan");
}
