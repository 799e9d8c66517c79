/* The comparison of a citation with a DOI's registered work
 * (identity/work_match.h) and with a web page's titles
 * (identity/page_identity.h), the reading of an agency's CSL-JSON
 * (identity/check_dois.h) and of the works API's search answers
 * (identity/find_works.h), on literal cases. */
#include <stdlib.h>
#include <string.h>

#include "identity/check_dois.h"
#include "identity/doi_typos.h"
#include "identity/find_works.h"
#include "identity/page_identity.h"
#include "identity/work_match.h"
#include "check.h"

static void check_normalize(const char *in, const char *want)
{
	char *got = work_normalize(in);
	CHECK_STR(got, want);
	free(got);
}

int main(void)
{
	check_normalize("The Structure of Ordinary Water.", "structure of ordinary water");
	check_normalize("Café culture in Hà Nội", "cafe culture in ha noi");
	check_normalize("Author's “quoted” — dash", "authors quoted dash");
	check_normalize("An", "an"); /* a lone article is the title */
	check_normalize("", "");
	check_normalize("\xff\xfe", ""); /* invalid bytes: no letters */
	check_normalize("ÆSIR Øresund Łódź straße", "asir oresund lodz strase");

	/* the same title */
	CHECK(work_title_similarity("Measuring Link Rot", "measuring link rot") == 1);
	/* a subtitle left out, on either side */
	CHECK(work_title_similarity("Reference rot", "Reference rot: threats to the record") == 1);
	CHECK(work_title_similarity("Reference rot: threats to the record", "Reference rot") == 1);
	/* a title cut short */
	CHECK(work_title_similarity("Persistence of uniform resource locators cited...",
				    "Persistence of uniform resource locators cited in three decades") == 1);
	/* one letter wrong: close */
	CHECK(work_title_similarity("Measuring link rott in policy papers", "Measuring link rot in policy papers") >=
	      WORK_TITLE_SAME);
	/* another work */
	CHECK(work_title_similarity("Link decay in legal citations", "Protein folding kinetics at low temperature") <
	      WORK_TITLE_DIFFERENT);
	/* a short cut is no prefix match: "The ..." alone says nothing */
	CHECK(work_title_similarity("The...", "The structure of water") < WORK_TITLE_SAME);
	/* a title of 5,000 characters is compared in bounded time */
	char *huge = malloc(5001);
	memset(huge, 'a', 5000);
	huge[5000] = '\0';
	CHECK(work_title_similarity(huge, huge) == 1);
	free(huge);

	CHECK_INT(work_author_agrees("Okafor, Adaeze and Lindqvist, Per", "Okafor"), 1);
	CHECK_INT(work_author_agrees("A. Okafor; P. Lindqvist", "Okafor"), 1);
	CHECK_INT(work_author_agrees("Nguyen, Lan", "Nguyễn"), 1);
	CHECK_INT(work_author_agrees("Berg, Anna", "van der Berg"), 1);
	CHECK_INT(work_author_agrees("Okaforson, A.", "Okafor"), 0); /* a word, not a part of one */
	CHECK_INT(work_author_agrees("Smith, Jane", "Zhang"), 0);
	CHECK_INT(work_author_agrees(NULL, "Zhang"), -1);
	CHECK_INT(work_author_agrees("Smith", NULL), -1);

	int years[3] = {2019, 2020, 0};
	CHECK_INT(work_year_agrees(2020, years), 1);
	CHECK_INT(work_year_agrees(2018, years), 1); /* a year off by one */
	CHECK_INT(work_year_agrees(2017, years), 0);
	CHECK_INT(work_year_agrees(0, years), -1);
	int none[3] = {0, 0, 0};
	CHECK_INT(work_year_agrees(2017, none), -1);

	/* the verdicts */
	struct doi_lookup d = {0};
	d.verdict = DOI_FOUND;
	d.title = "Protein folding kinetics at low temperature";
	d.first_family = "Zhang";
	d.years[0] = 2011;
	struct ref_details det = {0};
	struct reference r = {.details = &det};
	det.title = "Link decay in legal citations";
	det.authors = "Smith, Jane";
	det.published.year = 2014;
	CHECK_INT(work_match(&r, &d).verdict, WORK_MISMATCH);
	/* the same title under another author and year: the work all the same */
	det.title = "Protein folding kinetics at low temperature";
	CHECK_INT(work_match(&r, &d).verdict, WORK_MATCH);
	/* a far title, but author and year both vouch: not sure (a translated
	 * title, a title read wrong from the text) */
	det.title = "Kinetik der Proteinfaltung bei tiefer Temperatur";
	det.authors = "Zhang, W.";
	det.published.year = 2011;
	CHECK_INT(work_match(&r, &d).verdict, WORK_UNSURE);
	/* no title cited: author and year decide, both or nothing */
	det.title = NULL;
	CHECK_INT(work_match(&r, &d).verdict, WORK_MATCH);
	det.authors = "Smith, Jane";
	CHECK_INT(work_match(&r, &d).verdict, WORK_UNSURE);
	det.published.year = 2014;
	CHECK_INT(work_match(&r, &d).verdict, WORK_MISMATCH);
	det.authors = NULL;
	det.published.year = 0;
	CHECK_INT(work_match(&r, &d).verdict, WORK_UNSURE);
	CHECK_INT(work_match(&r, NULL).verdict, WORK_UNCHECKED);
	d.verdict = DOI_NOT_FOUND;
	CHECK_INT(work_match(&r, &d).verdict, WORK_NOT_FOUND);
	d.verdict = DOI_UNKNOWN;
	CHECK_INT(work_match(&r, &d).verdict, WORK_UNKNOWN);

	/* an agency's CSL-JSON: Crossref's title as a string, DataCite's
	 * literal author, published-print and -online years */
	struct doi_lookup c = {0};
	const char *csl = "{\"type\":\"article-journal\",\"title\":\"Water\",\"author\":[{\"given\":\"D.\","
			  "\"family\":\"Eisenberg\"},{\"literal\":\"A Lab\"}],\"issued\":{\"date-parts\":[[1969,8]]},"
			  "\"published-print\":{\"date-parts\":[[1970]]},\"container-title\":[\"Science\"]}";
	CHECK_INT(doi_read_csl(&c, csl, strlen(csl)), 0);
	CHECK_STR(c.title, "Water");
	CHECK_STR(c.first_family, "Eisenberg");
	CHECK_STR(c.authors, "Eisenberg, D.; A Lab");
	CHECK_STR(c.container, "Science");
	CHECK_INT(c.years[0], 1969);
	CHECK_INT(c.years[1], 1970);
	CHECK_INT(c.years[2], 0);
	free(c.title);
	free(c.first_family);
	free(c.authors);
	free(c.type);
	free(c.container);
	/* not a work: an HTML page, an empty object, an array */
	struct doi_lookup e = {0};
	CHECK_INT(doi_read_csl(&e, "<html>", 6), -1);
	CHECK_INT(doi_read_csl(&e, "{}", 2), -1);
	CHECK_INT(doi_read_csl(&e, "[{\"title\":\"x\"}]", 15), -1);
	CHECK(e.title == NULL);

	/* the slips of a DOI typed by hand: the suffix "ab.1100" has 6
	 * neighbour pairs, 4 unlike (a|b, b|., .|1, 1|0: 4 swaps), 2 alike
	 * (1|1, 0|0: 2 to undouble), and 4 digits whose doubling gives 2
	 * DOIs (either 1 gives 10.1/ab.11100): 8, each once */
	char *c2[DOI_TYPO_CANDIDATES_MAX];
	size_t n = doi_typo_candidates("10.1/ab.1100", c2, DOI_TYPO_CANDIDATES_MAX);
	const char *want[] = {"10.1/ba.1100", "10.1/a.b1100", "10.1/ab1.100", "10.1/ab.1010",
			      "10.1/ab.100", "10.1/ab.110", "10.1/ab.11100", "10.1/ab.11000"};
	CHECK_INT((long)n, 8);
	for (size_t i = 0; i < n && i < 8; i++)
		CHECK_STR(c2[i], want[i]);
	for (size_t i = 0; i < n; i++)
		free(c2[i]);
	/* the prefix is never edited; a DOI with no suffix has no slips */
	CHECK_INT((long)doi_typo_candidates("10.1234/", c2, DOI_TYPO_CANDIDATES_MAX), 0);
	CHECK_INT((long)doi_typo_candidates("10.1234", c2, DOI_TYPO_CANDIDATES_MAX), 0);
	/* at most max, the swaps first */
	n = doi_typo_candidates("10.5555/jwc.2021.010", c2, 3);
	CHECK_INT((long)n, 3);
	CHECK_STR(c2[0], "10.5555/wjc.2021.010");
	for (size_t i = 0; i < n; i++)
		free(c2[i]);

	/* a page's titles against the cited one: each line a title */
	struct page_identity p;
	p = page_titles_compare("Measuring link rot", "Measuring Link Rot | Web Citation Review", "http://w.example/x", -1, false);
	CHECK_INT(p.verdict, WORK_MATCH);
	CHECK_INT((long)p.page_title_len, (long)strlen("Measuring Link Rot | Web Citation Review"));
	p = page_titles_compare("Measuring link rot in policy papers", "Daily Courier - Measuring link rot in policy papers",
				NULL, -1, false);
	CHECK_INT(p.verdict, WORK_MATCH); /* the site's name first */
	p = page_titles_compare("Press freedom in the northern provinces", "Lantern festival opens along the river", NULL,
				-1, false);
	CHECK_INT(p.verdict, WORK_MISMATCH);
	CHECK(p.title_similarity < WORK_TITLE_DIFFERENT);
	/* … unless the page's text names the cited work */
	p = page_titles_compare("Press freedom in the northern provinces", "Lantern festival opens along the river", NULL,
				1, false);
	CHECK_INT(p.verdict, WORK_MATCH);
	/* … or the citation says it translates */
	p = page_titles_compare("Press freedom in the northern provinces", "Lantern festival opens along the river", NULL,
				-1, true);
	CHECK_INT(p.verdict, WORK_UNSURE);
	/* the second line is compared when the first names the site */
	p = page_titles_compare("Floods displace thousands", "The Guardian\nFloods displace thousands in the north",
				"https://www.theguardian.com/world/1", -1, false);
	CHECK_INT(p.verdict, WORK_MATCH);
	CHECK_INT((long)p.page_title_len, (long)strlen("Floods displace thousands in the north"));
	/* nothing usable: a site name, one word */
	CHECK_INT(page_titles_compare("Floods displace thousands", "The Guardian", "https://www.theguardian.com/x", -1,
				      false).verdict,
		  WORK_UNCHECKED);
	CHECK_INT(page_titles_compare("Floods displace thousands", "Home", NULL, 0, false).verdict, WORK_UNCHECKED);
	CHECK_INT(page_titles_compare("Floods displace thousands", NULL, NULL, 0, false).verdict, WORK_UNCHECKED);
	/* a BBC page on a second-level domain of a country: bbc.co.uk */
	CHECK_INT(page_titles_compare("Floods displace thousands", "BBC News", "https://www.bbc.co.uk/news/1", 0, false)
			  .verdict,
		  WORK_UNCHECKED);
	/* a cited "title" that only names the site says nothing */
	CHECK_INT(page_titles_compare("Reuters", "Factbox: who sits on the committee", "https://www.reuters.com/x", 0,
				      false)
			  .verdict,
		  WORK_UNCHECKED);
	/* Cyrillic against its transliteration: unsure, never a mismatch */
	CHECK_INT(page_titles_compare("Zakon o zashchite informatsii",
				      "\xd0\x97\xd0\xb0\xd0\xba\xd0\xbe\xd0\xbd \xd0\xbe \xd0\xb7\xd0\xb0\xd1\x89\xd0\xb8"
				      "\xd1\x82\xd0\xb5",
				      NULL, -1, false)
			  .verdict,
		  WORK_UNSURE);

	/* a works API answer: the first work that matches is the one */
	struct ref_details rdet = {.title = "Reference rot in scholarly statements", .authors = "Marsh, T"};
	struct reference ref = {.details = &rdet};
	rdet.published.year = 2016;
	struct work_search s = {0};
	const char *answer =
		"{\"status\":\"ok\",\"message\":{\"items\":["
		"{\"DOI\":\"10.1/other\",\"title\":[\"Rot in the garden\"],\"author\":[{\"family\":\"Marsh\"}],"
		"\"issued\":{\"date-parts\":[[2016]]}},"
		"{\"DOI\":\"10.1/rrs\",\"title\":[\"Reference rot in scholarly statements: threats\"],"
		"\"author\":[{\"given\":\"Tobias\",\"family\":\"Marsh\"}],\"issued\":{\"date-parts\":[[2016,11]]}}]}}";
	CHECK_INT(works_read_answer(&s, &ref, answer, strlen(answer)), 0);
	CHECK_INT(s.verdict, SEARCH_FOUND);
	CHECK_STR(s.work.doi, "10.1/rrs");
	/* the same work by another author in another year: not it */
	rdet.authors = "Jones, P";
	rdet.published.year = 2022;
	CHECK_INT(works_read_answer(&s, &ref, answer, strlen(answer)), 0);
	CHECK_INT(s.verdict, SEARCH_NOT_FOUND);
	CHECK_STR(s.work.doi, "10.1/rrs"); /* named as the nearest */
	/* no item, items that are not works, a DOI that is none */
	const char *junk = "{\"message\":{\"items\":[1,{\"DOI\":\"x y\",\"title\":[\"Reference rot\"]}]}}";
	CHECK_INT(works_read_answer(&s, &ref, junk, strlen(junk)), 0);
	CHECK_INT(s.verdict, SEARCH_NOT_FOUND);
	CHECK(s.work.doi == NULL);
	CHECK_INT(works_read_answer(&s, &ref, "{\"message\":{}}", 14), -1);
	CHECK_INT(works_read_answer(&s, &ref, "[]", 2), -1);
	doi_lookup_finish(&s.work);
	printf("identity: %d checks, %d failed\n", check_total, check_failed);
	return check_failed != 0;
}
