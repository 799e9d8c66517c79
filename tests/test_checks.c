#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/checks.h"
#include "extract/classify_url.h"
#include "util/util.h"
#include "check.h"

/* A model with one reference per URL, each published on the given date. */
static struct model *model_of(const char *const *urls, size_t n, struct date published)
{
	struct model *m = model_create("test.md");
	for (size_t i = 0; i < n; i++) {
		size_t r = model_add_reference(m, WHERE_REFERENCES, NULL, 1, (unsigned)(10 + i), 1);
		ref_details_make(&m->refs[r])->published = published;
		size_t li = model_add_link(m, r, xstrdup(urls[i]), SYNTAX_AUTOLINK, (unsigned)(10 + i), 5);
		classify_link(&m->refs[r].links[li], NULL);
		model_bind_target(m, r, li);
	}
	return m;
}

static const struct problem *first(const struct link *l, enum problem_code code)
{
	for (size_t i = 0; i < problems_len(&l->problems); i++)
		if (problems_at(&l->problems)[i].code == code)
			return &problems_at(&l->problems)[i];
	return NULL;
}

static void link_text(void)
{
	const char *urls[] = {
		"https://web.archive.org/web/20240228100606/https://www xaydungdang.org.vn/thoi-su",
		"https://web.archive.org/web/20240229044222/https://chinh sach cuoc song.vnanet.vn/a/32047.html",
		"https://thanhpho.laichau.gov.vn/upload/326_BIEU QUY_IV.xls",
		"https://www.youtube.com/watch?v=qnd39byvmw&ab_channel=t%e1%ba%a0pch%3%8dm",
		"https://web.archive.org/save/https://kinhtetrunguoc.vn/a.html",
		"https://web.archive.org/web/2/https://vtv.vn/a.htm",
		"https://example.org/a|b",
		"https://example.org:99999/",
	};
	struct model *m = model_of(urls, 8, (struct date){0, 0, 0});
	check_links(m);
	const struct problem *p = first(&m->refs[0].links[0], PROB_URL_SPACE);
	CHECK(p != NULL);
	CHECK_STR(p ? p->suggestion : NULL, "https://web.archive.org/web/20240228100606/https://www.xaydungdang.org.vn/thoi-su");
	p = first(&m->refs[1].links[0], PROB_URL_SPACE);
	CHECK_STR(p ? p->suggestion : NULL, "https://web.archive.org/web/20240229044222/https://chinh-sach-cuoc-song.vnanet.vn/a/32047.html");
	p = first(&m->refs[2].links[0], PROB_URL_SPACE);
	CHECK_STR(p ? p->suggestion : NULL, "https://thanhpho.laichau.gov.vn/upload/326_BIEU%20QUY_IV.xls");
	CHECK(first(&m->refs[3].links[0], PROB_URL_BAD_PERCENT) != NULL);
	CHECK(first(&m->refs[4].links[0], PROB_ARCHIVE_SAVE) != NULL);
	CHECK(first(&m->refs[5].links[0], PROB_ARCHIVE_UNPINNED) != NULL);
	p = first(&m->refs[6].links[0], PROB_URL_ILLEGAL_CHAR);
	CHECK_STR(p ? p->suggestion : NULL, "https://example.org/a%7Cb");
	CHECK(first(&m->refs[7].links[0], PROB_URL_MALFORMED) != NULL);
	CHECK_INT(problems_len(&m->refs[3].links[0].problems), 1); /* nothing else is wrong with it */
	model_destroy(m);
}

static const char *path_date(const char *url)
{
	static char buf[11];
	struct date d;
	if (!url_path_date(url, &d))
		return NULL;
	date_format(d, buf);
	return buf;
}

static void dates(void)
{
	CHECK_STR(path_date("https://www.nytimes.com/2014/10/03/world/asia/x.html"), "2014-10-03");
	CHECK_STR(path_date("https://www.hrw.org/report/2022/02/17/locked-inside"), "2022-02-17");
	CHECK_STR(path_date("https://www.reuters.com/business/vietnam-plans-2024-02-27/"), "2024-02-27");
	CHECK_STR(path_date("https://vinhloc.thanhhoa.gov.vn/portal/Pages/2023-9-13/Hoi-nghi.aspx"), "2023-09-13");
	CHECK_STR(path_date("https://jacobin.com/2019/07/vietnam-workers-rights"), "2019-07");
	CHECK_STR(path_date("https://www.article19.org/wp-content/uploads/2018/02/joburg.pdf"), NULL);
	CHECK_STR(path_date("https://www.tapchicongsan.org.vn/web/guest/-/2018/876902/view"), NULL);
	CHECK_STR(path_date("https://baoapbac.vn/chinh-tri/202312/bao-dam-999001/index.htm"), NULL);
	CHECK_STR(path_date("https://example.org/x?date=2020-01-01"), NULL); /* the query is not the path */

	const char *urls[] = {
		"https://www.nytimes.com/2014/10/03/world/asia/us-eases-embargo.html",
		"https://www.hrw.org/report/2006/06/13/no-sanctuary/x",
		"https://www.hrw.org/report/2006/06/14/no-sanctuary/x", /* a day later: time zones */
	};
	struct model *m = model_of(urls, 3, (struct date){2006, 6, 13});
	ref_details_make(&m->refs[0])->published = (struct date){2024, 10, 2};
	ref_details_make(&m->refs[0])->accessed = (struct date){2024, 2, 14};
	check_dates(m);
	CHECK(first(&m->refs[0].links[0], PROB_URL_DATE_MISMATCH) != NULL);
	CHECK_INT(problems_len(&m->refs[1].links[0].problems), 0);
	CHECK_INT(problems_len(&m->refs[2].links[0].problems), 0);
	CHECK_INT(problems_len(&m->refs[0].problems), 1);
	CHECK_INT(problems_at(&m->refs[0].problems)[0].code, PROB_ACCESSED_BEFORE_PUBLISHED);
	model_destroy(m);
}

static void typos(void)
{
	CHECK_INT(edit_distance_within("kitten", 6, "sitting", 7, 3), 3);
	CHECK_INT(edit_distance_within("kitten", 6, "sitting", 7, 2), 3); /* over the limit: limit + 1 */
	CHECK_INT(edit_distance_within("abc", 3, "abc", 3, 2), 0);
	CHECK_INT(edit_distance_within("web/quest/x", 11, "web/guest/x", 11, 2), 1);
	CHECK_INT(edit_distance_within("", 0, "ab", 2, 2), 2);

	const char *urls[] = {
		"https://web.archive.org/web/20240229051528/https://www.tapchicongsan.org.vn/web/quest/a",
		"https://web.archive.org/web/20240229051528/https://www.tapchicongsan.org.vn/web/guest/a",
		"https://tamduong.laichau.gov.vn/index.php/laws/detail/a-3257/",
		"https://tamduong.laichau.gov.vn/index.php/laws/detail/a-3252/", /* another document */
		"http://www.vietnam.vn/a",
		"https://vietnam.vn/a/", /* the same page cited two ways */
		"https://web.archive.org/web/2/https://www.tapchicongsan.org.vn/web/quest/a", /* same original */
		"https://web.archive.org/web/20240229044222/https://chinh sach.vn/x.html",
		"https://chinh-sach.vn/x.html", /* the space-repaired twin: url-space covers it */
		"https://doi.org/10.6028/NIST.SP.800-63-3",
		"https://doi.org/10.6028/NIST.SP.800-63a", /* another document of the series */
		"https://doi.org/10.6028/NIST.SP.800-63b",
	};
	struct model *m = model_of(urls, 12, (struct date){0, 0, 0});
	check_typos(m);
	const struct problem *p = first(&m->refs[1].links[0], PROB_URL_NEAR_DUPLICATE);
	CHECK(p != NULL);
	CHECK(p && strstr(p->message, "differs by 1 character from https://web.archive.org/web/20240229051528/https://www.tapchicongsan.org.vn/web/quest/a (line 10)"));
	size_t total = 0;
	for (size_t r = 0; r < m->nrefs; r++)
		total += problems_len(&m->refs[r].links[0].problems);
	CHECK_INT(total, 1);
	model_destroy(m);

	/* language editions are other sites; a typo in a longer label is still one */
	const char *editions[] = {
		"https://ar.wikipedia.org/wiki/Mozilla",
		"https://af.wikipedia.org/wiki/Mozilla",
		"https://www.exmaple.org/report",
		"https://www.example.org/report",
	};
	m = model_of(editions, 4, (struct date){0, 0, 0});
	check_typos(m);
	CHECK_INT(problems_len(&m->refs[1].links[0].problems), 0);
	CHECK(first(&m->refs[3].links[0], PROB_URL_NEAR_DUPLICATE) != NULL);
	model_destroy(m);
}

static void footnotes(void)
{
	struct footnotes f;
	footnotes_init(&f);
	footnotes_cite(&f, NOTES_MARKED, "1", 1, 10, 5);
	footnotes_cite(&f, NOTES_MARKED, "3", 1, 11, 5);
	footnotes_cite(&f, NOTES_MARKED, "2", 1, 12, 5); /* cited after 3 */
	footnotes_cite(&f, NOTES_MARKED, "1", 1, 13, 5); /* citing again is fine */
	footnotes_cite(&f, NOTES_MARKED, "7", 1, 14, 5); /* 4 to 6 never used, 7 undefined */
	footnotes_define(&f, NOTES_MARKED, "1", 1, 100, 1);
	footnotes_define(&f, NOTES_MARKED, "2", 1, 101, 1);
	footnotes_define(&f, NOTES_MARKED, "3", 1, 102, 1);
	footnotes_define(&f, NOTES_MARKED, "3", 1, 103, 1); /* twice */
	footnotes_define(&f, NOTES_MARKED, "8", 1, 104, 1); /* never cited */
	footnotes_define(&f, NOTES_CARET, "1", 1, 105, 1);  /* [^1]: another namespace, no duplicate of 1 */
	footnotes_cite(&f, NOTES_CARET, "1", 1, 15, 5);
	struct problem_list out = {0};
	footnotes_check(&f, &out);
	int counts[PROB__COUNT] = {0};
	for (size_t i = 0; i < problems_len(&out); i++)
		counts[problems_at(&out)[i].code]++;
	CHECK_INT(counts[PROB_FOOTNOTE_UNDEFINED], 1);
	CHECK_INT(counts[PROB_FOOTNOTE_UNCITED], 1);
	CHECK_INT(counts[PROB_FOOTNOTE_DUPLICATE], 1);
	CHECK_INT(counts[PROB_FOOTNOTE_GAP], 1);
	CHECK_INT(counts[PROB_FOOTNOTE_ORDER], 1);
	for (size_t i = 0; i < problems_len(&out); i++) {
		if (problems_at(&out)[i].code == PROB_FOOTNOTE_GAP)
			CHECK_STR(problems_at(&out)[i].message, "footnotes 4 to 6 are missing: numbering jumps from 3 to 7");
		if (problems_at(&out)[i].code == PROB_FOOTNOTE_ORDER)
			CHECK_INT(problems_at(&out)[i].line, 12);
		if (problems_at(&out)[i].code == PROB_FOOTNOTE_UNDEFINED)
			CHECK_STR(problems_at(&out)[i].message, "footnote 7 is cited but never defined");
	}
	CHECK_INT(footnotes_count_cited(&f), 5);
	CHECK_INT(footnotes_count_defined(&f), 5);
	CHECK_INT(counts[PROB_FOOTNOTES_MISSING], 0);
	problems_finish(&out);
	footnotes_finish(&f);

	/* markers and no definition of their kind at all: one warning, no errors */
	footnotes_init(&f);
	footnotes_cite(&f, NOTES_MARKED, "1", 1, 3, 9);
	footnotes_cite(&f, NOTES_MARKED, "2", 1, 4, 9);
	footnotes_cite(&f, NOTES_MARKED, "4", 1, 5, 9);
	footnotes_cite(&f, NOTES_CARET, "x", 1, 6, 9);
	footnotes_define(&f, NOTES_CARET, "x", 1, 60, 1);
	struct problem_list out2 = {0};
	footnotes_check(&f, &out2);
	CHECK_INT(problems_len(&out2), 1);
	CHECK_INT(problems_len(&out2) ? (int)problems_at(&out2)[0].code : -1, PROB_FOOTNOTES_MISSING);
	CHECK_STR(problems_len(&out2) ? problems_at(&out2)[0].message : NULL,
		  "3 footnotes are cited (first: 1) but no footnote definitions were found: is the notes "
		  "section missing, or written in a way citecheck does not read?");
	CHECK_INT(problems_len(&out2) ? problems_at(&out2)[0].line : 0, 3);
	problems_finish(&out2);
	footnotes_finish(&f);
}

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13; /* xorshift64: the same rounds every run */
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* The index typo_twins searches through against every pair, judged by
 * typo_pair: it must find the same nearest earlier URL for each. URLs are
 * made as slips are: 40 bases, each also cited with one to three letters
 * changed, dropped or added; 200 rounds of a few hundred URLs (fewer than
 * the 256 that make a stretch too common to index). */
static void typo_index_against_all_pairs(void)
{
	/* letters mostly: a slip within a token of digits names another
	 * document (typo_pair), and those are a few here, not most */
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz/.-_abcdefghijklmnopqrstuvwxyz7";
	size_t pairs = 0, checked = 0;
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (int round = 0; round < 200; round++) {
		char *keys[200];
		size_t n = 0;
		while (n < 160) {
			char base[96];
			size_t len = 20 + rnd(60);
			for (size_t i = 0; i < len; i++)
				base[i] = alphabet[rnd(sizeof alphabet - 1)];
			base[len] = '\0';
			keys[n++] = xstrdup(base);
			for (unsigned v = rnd(4); v > 0; v--) {
				char slip[96];
				memcpy(slip, base, len + 1);
				size_t sl = len;
				for (unsigned e = 1 + rnd(3); e > 0; e--) {
					size_t at = rnd((unsigned)sl);
					unsigned how = rnd(3);
					if (how == 0) {
						slip[at] = alphabet[rnd(sizeof alphabet - 1)];
					} else if (how == 1 && sl > 10) {
						memmove(slip + at, slip + at + 1, sl - at);
						sl--;
					} else if (sl < 90) {
						memmove(slip + at + 1, slip + at, sl - at + 1);
						slip[at] = alphabet[rnd(sizeof alphabet - 1)];
						sl++;
					}
				}
				keys[n++] = xstrdup(slip);
			}
		}
		for (size_t i = n; i > 1; i--) { /* cited in any order */
			size_t j = rnd((unsigned)i);
			char *t = keys[i - 1];
			keys[i - 1] = keys[j];
			keys[j] = t;
		}
		size_t twin[200], dist[200];
		typo_twins((const char *const *)keys, n, twin, dist);
		for (size_t b = 0; b < n; b++) {
			size_t want = (size_t)-1, want_dist = 0;
			for (size_t a = 0; a < b; a++) {
				size_t d;
				if (typo_pair(keys[a], strlen(keys[a]), keys[b], strlen(keys[b]), &d) &&
				    (want == (size_t)-1 || d < want_dist)) {
					want = a;
					want_dist = d;
				}
			}
			checked++;
			pairs += want != (size_t)-1;
			if (twin[b] != want || (want != (size_t)-1 && dist[b] != want_dist)) {
				fprintf(stderr, "typo index: %s: index %zu (%zu), all pairs %zu (%zu)\n", keys[b],
					twin[b], dist[b], want, want_dist);
				CHECK(0);
				break;
			}
		}
		for (size_t i = 0; i < n; i++)
			free(keys[i]);
	}
	/* a fifth of the URLs have a twin (slips of three edits are too far,
	 * the first cited of a family has none): the comparison is not empty */
	CHECK(pairs > checked / 10);
}

int main(void)
{
	typo_index_against_all_pairs();
	link_text();
	dates();
	typos();
	footnotes();
	return check_done("checks");
}
