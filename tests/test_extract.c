/* The extractor on small documents written for each rule. */
#include <stdlib.h>

#include "extract/extract.h"
#include "util/util.h"
#include "check.h"

static struct model *extract(const char *doc)
{
	struct model *m = model_create("t.md");
	struct extractor *x = extractor_create(m, NULL);
	unsigned no = 0;
	for (const char *p = doc; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		extractor_line(x, p, n, ++no);
		p += n + (nl != NULL);
	}
	extractor_finish(x);
	extractor_destroy(x);
	return m;
}

static void seed_shapes(void)
{
	struct model *m = extract(
		"# Title\n"
		"\n"
		"Body cites one.<sup>1</sup> And two.<sup>2</sup> And three.<sup>3</sup>\n"
		"\n"
		"# REFERENCES\n"
		"\n"
		"---\n"
		"\n"
		"- <sup>1</sup> Org (2023, Jul. 13). First title, 24-CT/TW.  \n"
		" Bộ Công An (2023, Dec. 21). Second. Retrieved Feb. 5, 2024, from <https://a.vn/x>\n"
		"- Tạp Chí (2023, Dec. 21). Third. Retrieved Feb. 5, 2024, from [https://b.vn/a\\\\_b](https://b.vn/a_b)\n"
		"\n"
		"Thùy Linh (2023, Dec. 22). Fourth. Retrieved Feb. 27, 2024, from\n"
		"\n"
		"[https://c.vn/x](https://c.vn/x)\n"
		"\n"
		"Phi Hồng (2023, Sept. 22). Fifth. Cổng Thông Tin\n"
		"\n"
		"Retrieved Feb. 27, 2024, from\n"
		"\n"
		"<https://d.vn/y>\n"
		"\n"
		"Phạm (2023, Dec. 29). Sixth, no URL. Ban Tuyên Giáo.\n"
		"\n"
		"<sup>2</sup> Vũ (2023, Dec. 28). Seventh an ninh<sup>34</sup> trật tự. Retrieved Feb. 27, 2024, from\n"
		"\n"
		"---\n"
		"\n"
		"<https://e.vn/z>\n"
		"\n"
		"- \n"
		"- <sup>3</sup> Last (2024, Feb. 27). Eighth. Retrieved Feb. 29, 2024 from <https://f.vn/>\n"
		"\n"
		"Licence text, March 1, 2024 (CC BY-NC 4.0)\n"
		"\n"
		"1. Give credit.\n"
		"2. To read it, visit:  \n"
		"<https://creativecommons.org/licenses/by/4.0/>\n");
	CHECK_INT(m->nrefs, 9);
	if (m->nrefs == 9) {
		const char *notes[] = {"1", "1", "1", "1", "1", "1", "2", "3", NULL};
		const unsigned entries[] = {1, 2, 3, 4, 5, 6, 1, 1, 1};
		const size_t nlinks[] = {0, 1, 1, 1, 1, 0, 1, 1, 1};
		const unsigned lines[] = {9, 10, 11, 13, 17, 23, 25, 32, 34};
		for (size_t i = 0; i < 9; i++) {
			CHECK_STR(m->refs[i].details->footnote, notes[i]);
			CHECK_INT(m->refs[i].entry, entries[i]);
			CHECK_INT(m->refs[i].nlinks, nlinks[i]);
			CHECK_INT(m->refs[i].line, lines[i]);
		}
		CHECK_STR(m->refs[2].links[0].url, "https://b.vn/a_b");
		CHECK_INT(m->refs[3].links[0].line, 15);
		CHECK_STR(m->refs[4].text, "Phi Hồng (2023, Sept. 22). Fifth. Cổng Thông Tin Retrieved Feb. 27, 2024, from <https://d.vn/y>");
		CHECK_INT(m->refs[4].details->accessed.day, 27);
		CHECK_STR(m->refs[6].links[0].url, "https://e.vn/z");
		CHECK_STR(m->refs[8].links[0].url, "https://creativecommons.org/licenses/by/4.0/");
		CHECK_INT(m->refs[8].details->published.year, 0); /* prose: no citation to read */
		CHECK_INT(m->refs[1].column, 2);
		CHECK_INT(m->refs[1].links[0].column, 68); /* 11 + 17 + 8 + 30 + "<" */
	}
	CHECK_INT(footnotes_count_defined(&m->notes), 3);
	CHECK_INT(footnotes_count_cited(&m->notes), 3);
	model_destroy(m);
}

static void other_styles(void)
{
	/* reST: setext heading, .. [N] definitions with indented URLs, [N]_ markers */
	struct model *m = extract("Text [1]_ and [2]_.\n\nReferences\n==========\n\n.. [1] Scoping (Rafael Bracho)\n   https://legacy.python.org/a.html\n\n.. [2] Extended (Just)\n   https://mail.python.org/b.html\n");
	CHECK_INT(m->nrefs, 2);
	CHECK_STR(m->nrefs ? m->refs[1].details->footnote : NULL, "2");
	CHECK_STR(m->nrefs ? m->refs[1].links[0].url : NULL, "https://mail.python.org/b.html");
	CHECK_INT(footnotes_count_cited(&m->notes), 2);
	model_destroy(m);

	/* Markdown footnotes defined anywhere, body links, code fences */
	m = extract("Uses attrs[^GCC] and [a link](https://example.org/page).\n\n"
		    "```\nnot https://in.code/ [^X]\n```\n\n"
		    "[^GCC]: GCC team, [Attribute Syntax](https://gcc.gnu.org/a.html), GCC manual, 2024-01-17\n"
		    "    continued https://gcc.gnu.org/b.html\n\nAfter.[^NONE]\n");
	CHECK_INT(m->nrefs, 2);
	if (m->nrefs == 2) {
		CHECK_INT(m->refs[0].where, WHERE_BODY);
		CHECK_STR(m->refs[0].text, "a link");
		CHECK_STR(m->refs[1].details->footnote, "GCC");
		CHECK_INT(m->refs[1].nlinks, 2);
		CHECK_STR(m->refs[1].details->title, "Attribute Syntax");
	}
	CHECK_INT(footnotes_count_cited(&m->notes), 2);
	CHECK_INT(footnotes_count_defined(&m->notes), 1);
	model_destroy(m);

	/* NIST: anchors before [LABEL] entries; sub-headings stay in the section */
	m = extract("## 11 References\n\n### 11.1 General\n\n<a name=\"b\"></a>[BALLOON] Boneh, Dan. \"Balloon,\" 2016. Available at: <https://eprint.iacr.org/2016/027.pdf>\n\n"
		    "<a name=\"E\"></a>[E-Gov] *E-Government Act*, December 2002, available at: <http://www.gpo.gov/x.pdf>.\n\n## 12 Next\n\nhttps://after.example/\n");
	CHECK_INT(m->nrefs, 3);
	CHECK_STR(m->nrefs == 3 ? m->refs[1].details->footnote : NULL, "E-Gov");
	CHECK_INT(m->nrefs == 3 ? (int)m->refs[2].where : -1, WHERE_BODY);
	model_destroy(m);

	/* a table of references: one row, one source */
	m = extract("## References\n\n|||\n|:---|:---|\n|[[Kirvan 2022]](https://t.com/m)|Kirvan (2022). M. Available from: <https://t.com/m> \\[Accessed 20 October 2025]|\n");
	CHECK_INT(m->nrefs, 1);
	CHECK_INT(m->nrefs ? m->refs[0].nlinks : 0, 2);
	model_destroy(m);

	/* nothing to find */
	m = extract("Decree 72/2015/ND-CP regulates the internet.\n\nNo links here.\n");
	CHECK_INT(m->nrefs, 0);
	model_destroy(m);
}

/* A note's sources as a PDF with no link annotations gives them: bare URLs
 * end their sources, and the line after a short line is a new one. */
static void bare_url_notes(void)
{
	struct model *m = extract(
		"Text.[^10]\n"
		"\n"
		"[^10]: Minh (2023, Sept. 15). First. Retrieved Oct. 4, 2023, from https://a.vn/first\n"
		"Party fights degradation (2016, Nov. 30). Forum. Retrieved Feb. 29, 2024, from\n"
		"https://b.vn/second  \n"
		"New peaceful evolution artifices by hostile forces against Vietnam's\n"
		"revolution (2018, April 2). National Defence Journal. Retrieved Feb. 29,\n"
		"2024, from http://c.vn/third\n");
	CHECK_INT(m->nrefs, 3);
	/* a bare URL closed the first: the second, author-date, starts anew */
	CHECK_INT(m->nrefs == 3 ? m->refs[1].details->published.year : 0, 2016);
	/* after the second's short line, a title-first source with its own dates */
	CHECK_INT(m->nrefs == 3 ? m->refs[2].details->published.year : 0, 2018);
	CHECK_INT(m->nrefs == 3 ? m->refs[2].details->accessed.year : 0, 2024);
	CHECK_INT(m->nrefs == 3 ? (int)m->refs[2].nlinks : 0, 1);
	model_destroy(m);
}

/* A list caps a code's findings at PROBLEMS_PER_CODE_MAX once capped, and
 * counts the rest; capped lists without findings share one empty stand-in
 * that none of them may write. */
static void problem_caps(void)
{
	struct problem_list plain = {0}, a = {0}, b = {0};
	problems_add(&plain, PROB_URL_SPACE, 1, 1, xstrdup("x"), NULL);
	CHECK(!problems_capped(&plain));
	CHECK(problems_counts(&plain) == NULL);
	problems_cap(&a);
	problems_cap(&b);
	CHECK(problems_capped(&a) && problems_capped(&b));
	CHECK(problems_counts(&a) == NULL);
	for (int i = 0; i < PROBLEMS_PER_CODE_MAX + 2; i++)
		problems_add(&a, PROB_FOOTNOTE_UNCITED, (unsigned)i + 1, 0, xstrdup("uncited"), NULL);
	CHECK_INT(problems_len(&a), PROBLEMS_PER_CODE_MAX);
	CHECK_INT(problems_counts(&a)->kept[PROB_FOOTNOTE_UNCITED], PROBLEMS_PER_CODE_MAX);
	CHECK_INT(problems_counts(&a)->omitted[PROB_FOOTNOTE_UNCITED], 2);
	CHECK(problems_counts(&b) == NULL); /* b still shares the stand-in, untouched */
	problems_remove(&a, 0);
	CHECK_INT(problems_len(&a), PROBLEMS_PER_CODE_MAX - 1);
	CHECK_INT(problems_counts(&a)->kept[PROB_FOOTNOTE_UNCITED], PROBLEMS_PER_CODE_MAX - 1);
	CHECK_INT(problems_at(&a)[0].line, 2);
	problems_finish(&a);
	problems_finish(&b);
	problems_finish(&plain);
	CHECK(!problems_capped(&a) && !problems_capped(&b) && problems_len(&a) == 0);
}

int main(void)
{
	problem_caps();
	seed_shapes();
	other_styles();
	bare_url_notes();
	return check_done("extract");
}
