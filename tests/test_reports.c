/* The report formats on a report fixture built here by hand (a run of two
 * documents: one read, with a dead link the archive has, an unverified one
 * and a URL with a space whose message holds the characters each format
 * must escape; one that could not be read), each compared with the output
 * written out below from reading the fixture. */

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "model/model.h"
#include "report/json_parallel.h"
#include "report/json_stream.h"
#include "report/report_formats.h"
#include "report/summary.h"
#include "util/util.h"
#include "check.h"

static size_t link_at(struct model *d, const char *note, unsigned line, const char *url, unsigned column)
{
	size_t ri = model_add_reference(d, WHERE_REFERENCES, note, 1, line, 1);
	d->refs[ri].text = xasprintf("Source %s", note);
	size_t li = model_add_link(d, ri, xstrdup(url), SYNTAX_AUTOLINK, line, column);
	d->refs[ri].links[li].valid = true;
	model_bind_target(d, ri, li);
	return ri;
}

/* docs/brief.md: note 1 (line 5) cites a dead page the archive has; note 2
 * (line 6) a page that timed out; note 3 (line 7) a URL with a space, whose
 * finding's message is hostile. missing.md could not be read. */
static struct model *fixture(void)
{
	struct model *d = model_create("docs/brief.md");
	size_t r1 = link_at(d, "1", 5, "https://example.org/gone", 4);
	link_at(d, "2", 6, "https://example.org/slow", 4);
	size_t r3 = link_at(d, "3", 7, "https://example.org/a b", 4);
	problems_add(&d->refs[r1].links[0].problems, PROB_DEAD_ARCHIVED, 5, 4,
		     xstrdup("the page is gone (http-404); the Wayback Machine has it"),
		     xstrdup("https://web.archive.org/web/20230101000000/https://example.org/gone"));
	problems_add(&d->refs[r3].links[0].problems, PROB_URL_SPACE, 7, 4,
		     xstrdup("100% broken,\nsee: a::b"), xstrdup("https://example.org/a%20b"));
	struct model *m = model_create(NULL);
	model_merge(m, d);
	model_destroy(d);
	model_add_unreadable(m, "missing.md", NULL, "cannot open missing.md: No such file or directory");
	*target_live_make(&m->targets[0]) = (struct live_result){.verdict = LIVE_DEAD, .reason = "http-404", .http_status = 404};
	*target_live_make(&m->targets[1]) = (struct live_result){.verdict = LIVE_ERROR, .reason = "timeout"};
	*target_live_make(&m->targets[2]) = (struct live_result){.verdict = LIVE_SKIPPED, .reason = "invalid-url"};
	return m;
}

#define LOC(line, col)                                                                                    \
	"[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"docs/brief.md\",\"uriBaseId\":\"SRCROOT\"},"  \
	"\"region\":{\"startColumn\":" #col ",\"startLine\":" #line "}}}]"

/* The SARIF results and invocation, whole (keys sorted): written from the
 * fixture; the fingerprints, hashes, only checked for their form. */
static void sarif_literal(const char *sarif)
{
	json_t *doc = json_loads(sarif, 0, NULL);
	json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
	json_t *results = json_object_get(run, "results");
	size_t i;
	json_t *res;
	json_array_foreach(results, i, res)
	{
		const char *fp = json_string_value(json_object_get(json_object_get(res, "partialFingerprints"), "citecheckFinding/v1"));
		CHECK(fp && strlen(fp) == 16 && strspn(fp, "0123456789abcdef") == 16);
		json_object_del(res, "partialFingerprints");
	}
	char *got = json_dumps(results, JSON_COMPACT | JSON_SORT_KEYS);
	CHECK_STR(got,
		  "[{\"level\":\"warning\",\"locations\":" LOC(5, 4) ",\"message\":{\"text\":\"the page is gone (http-404); "
		  "the Wayback Machine has it. Suggestion: https://web.archive.org/web/20230101000000/https://example.org/gone\"},"
		  "\"properties\":{\"suggestion\":\"https://web.archive.org/web/20230101000000/https://example.org/gone\"},"
		  "\"ruleId\":\"dead-archived\",\"ruleIndex\":14},"
		  "{\"level\":\"warning\",\"locations\":" LOC(6, 4) ",\"message\":{\"text\":\"unverified link (could not be "
		  "checked now): https://example.org/slow (timeout)\"},\"ruleId\":\"link-unverified\",\"ruleIndex\":42},"
		  "{\"level\":\"error\",\"locations\":" LOC(7, 4) ",\"message\":{\"text\":\"100% broken,\\nsee: a::b. "
		  "Suggestion: https://example.org/a%20b\"},\"properties\":{\"suggestion\":\"https://example.org/a%20b\"},"
		  "\"ruleId\":\"url-space\",\"ruleIndex\":0}]");
	free(got);
	got = json_dumps(json_array_get(json_object_get(run, "invocations"), 0), JSON_COMPACT | JSON_SORT_KEYS);
	CHECK_STR(got, "{\"executionSuccessful\":false,\"exitCode\":2,\"toolExecutionNotifications\":[{\"level\":\"error\","
		       "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"missing.md\",\"uriBaseId\":"
		       "\"SRCROOT\"}}}],\"message\":{\"text\":\"cannot open missing.md: No such file or directory\"}}]}");
	free(got);
	/* a rule per finding code and per failing verdict (dead, blocked, unverified) */
	CHECK_INT(json_array_size(json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules")),
		  PROB__COUNT + 3);
	json_decref(doc);
}

static char *write_format(report_writer *w, const struct report *r)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	CHECK(w(r, f) == 0);
	fclose(f);
	return out;
}

/* The JSON stream: commas and brackets placed by the writer, values as
 * jansson encodes them; bad bytes mended, write failures returned. */
static void test_json_stream(void)
{
	char *got = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);
	struct json_stream js;
	json_stream_init(&js, f);
	js_open(&js, '{');
	js_kstring(&js, "a", "x\"y\\z\n\x01");
	js_kint(&js, "n", -42);
	js_key(&js, "list");
	js_open(&js, '[');
	js_string(&js, NULL);
	js_bool(&js, true);
	js_real(&js, 0.5);
	js_real(&js, 0.0 / 0.0); /* NaN: JSON has none */
	js_open(&js, '{');
	js_close(&js, '}');
	js_open(&js, '[');
	js_close(&js, ']');
	js_close(&js, ']');
	js_kstring(&js, "bad", "caf\xc3\xa9 \xff\xfe!"); /* two bytes that start no UTF-8 sequence */
	js_key(&js, "tree");
	js_json_new(&js, json_pack("{s:i}", "k", 1));
	js_close(&js, '}');
	js_frame(&js, "\n");
	js_open(&js, '[');
	js_close(&js, ']');
	CHECK_INT(json_stream_finish(&js), 0);
	fclose(f);
	CHECK_STR(got, "{\"a\":\"x\\\"y\\\\z\\n\\u0001\",\"n\":-42,\"list\":[null,true,0.5,null,{},[]],"
		       "\"bad\":\"caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd!\",\"tree\":{\"k\":1}}\n[]");
	free(got);

	/* strings and integers written without jansson's round trip are the
	 * bytes jansson writes: every byte value in a string, and integers at
	 * the ends of their range */
	for (int c = 1; c < 256; c++) {
		char s[8] = {'a', (char)c, '/', 'z', '\0'};
		f = open_memstream(&got, &len);
		json_stream_init(&js, f);
		js_string(&js, s);
		CHECK_INT(json_stream_finish(&js), 0);
		fclose(f);
		json_t *j = json_string(s);
		char *want = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
		if (want) /* a lone byte over 0x7f is no UTF-8: written mended, as above */
			CHECK_STR(got, want);
		free(want);
		json_decref(j);
		free(got);
	}
	const int64_t ints[] = {0, -1, 7, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
		f = open_memstream(&got, &len);
		json_stream_init(&js, f);
		js_int(&js, ints[i]);
		CHECK_INT(json_stream_finish(&js), 0);
		fclose(f);
		json_t *j = json_integer((json_int_t)ints[i]);
		char *want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
		CHECK_STR(got, want);
		free(want);
		json_decref(j);
		free(got);
	}

	/* a string longer than the stream's pieces, and one that fills many */
	f = open_memstream(&got, &len);
	json_stream_init(&js, f);
	char *big = malloc(200001);
	memset(big, 'q', 200000);
	big[200000] = '\0';
	js_open(&js, '[');
	for (int i = 0; i < 3; i++)
		js_string(&js, big);
	js_close(&js, ']');
	CHECK_INT(json_stream_finish(&js), 0);
	fclose(f);
	CHECK_INT(len, 3 * 200002 + 2 + 2);
	CHECK(got[0] == '[' && got[1] == '"' && got[200003] == ',' && got[len - 1] == ']');
	free(got);
	free(big);

	/* a full device: the failure comes back */
	f = fopen("/dev/full", "w");
	if (f) {
		json_stream_init(&js, f);
		js_open(&js, '[');
		for (int i = 0; i < 100000; i++)
			js_string(&js, "abcdefghij");
		js_close(&js, ']');
		CHECK_INT(json_stream_finish(&js), -1);
		fclose(f);
	}
	/* brackets that do not match: an error, never a crash */
	f = open_memstream(&got, &len);
	json_stream_init(&js, f);
	js_close(&js, ']');
	CHECK_INT(json_stream_finish(&js), -1);
	json_stream_init(&js, f);
	for (int i = 0; i < JSON_STREAM_DEPTH + 2; i++)
		js_open(&js, '[');
	CHECK_INT(json_stream_finish(&js), -1);
	fclose(f);
	free(got);
}

/* Item i of the parallel test: i's number, then a string whose length
 * grows with i (past a stream's first piece from item 150 on). */
static void numbered_item(struct json_stream *js, size_t i, const void *arg)
{
	(void)arg;
	js_frame(js, i ? ",\n" : "\n");
	js_open(js, '[');
	js_int(js, (int64_t)i);
	char *s = xmalloc(i * 500 + 1);
	memset(s, 'a' + (int)(i % 26), i * 500);
	s[i * 500] = '\0';
	js_string(js, s);
	free(s);
	js_close(js, ']');
}

/* Items rendered by several threads: the bytes one thread writes, in the
 * same order; a failing output stops them, and the failure comes back. */
static void test_json_parallel(void)
{
	char *want = NULL, *got = NULL;
	size_t wlen = 0, glen = 0;
	FILE *f = open_memstream(&want, &wlen);
	struct json_stream js;
	json_stream_init(&js, f);
	js_items_parallel(&js, 300, 1, numbered_item, NULL);
	CHECK_INT(json_stream_finish(&js), 0);
	fclose(f);
	/* item 2: its number, then 1,000 letters c, after item 1's line */
	CHECK(strstr(want, "\n[2,\"cccc") != NULL);
	CHECK_INT(wlen, 300 * 500 * 299 / 2 + 300 * 5 + 10 * 1 + 90 * 2 + 200 * 3 + 299 * 2 + 1);
	for (unsigned jobs = 2; jobs <= 8; jobs *= 2) {
		f = open_memstream(&got, &glen);
		json_stream_init(&js, f);
		js_items_parallel(&js, 300, jobs, numbered_item, NULL);
		CHECK_INT(json_stream_finish(&js), 0);
		fclose(f);
		CHECK(glen == wlen && !memcmp(got, want, wlen));
		free(got);
	}
	free(want);
	f = fopen("/dev/full", "w");
	if (f) {
		json_stream_init(&js, f);
		js_items_parallel(&js, 300, 3, numbered_item, NULL);
		CHECK_INT(json_stream_finish(&js), -1);
		fclose(f);
	}
	/* a stream into memory: what was put, taken whole */
	json_stream_init(&js, NULL);
	numbered_item(&js, 200, NULL);
	size_t n, cap;
	char *bytes = json_stream_take(&js, &n, &cap);
	CHECK_INT(n, 2 + 1 + 3 + 1 + 100002 + 1);
	CHECK(bytes && !memcmp(bytes, ",\n[200,\"ssss", 12) && bytes[n - 1] == ']');
	CHECK(cap >= n);
	/* the block used again for a shorter item: its bytes from the start */
	char *block = bytes;
	json_stream_init_memory(&js, block, cap);
	numbered_item(&js, 7, NULL);
	size_t n2, cap2;
	bytes = json_stream_take(&js, &n2, &cap2);
	CHECK(bytes == block && cap2 == cap);
	CHECK_INT(n2, 2 + 1 + 1 + 1 + 3502 + 1); /* ",\n" "[" "7" "," 3,500 h's quoted "]" */
	CHECK(bytes && !memcmp(bytes, ",\n[7,\"hhhh", 10) && !memcmp(bytes + n2 - 3, "h\"]", 3));
	free(bytes);
}

int main(void)
{
	test_json_stream();
	test_json_parallel();
	struct model *m = fixture();
	struct summaries sums;
	summaries_compute(m, 2, &sums); /* the documents' counts by a thread beside the run's */
	/* docs/brief.md: the gone page dead, url-space its one error */
	CHECK_INT(sums.doc[0].dead, 1);
	CHECK_INT(sums.doc[0].changed, 0);
	CHECK_INT(sums.doc[0].errors, 1);
	CHECK_INT(sums.doc[1].dead + sums.doc[1].errors, 0);
	CHECK_INT(sums.rank[0], 0);
	CHECK_INT(sums.rank[1], 1);
	CHECK_INT(sums.run.live[LIVE_DEAD], 1);
	struct summaries alone;
	summaries_compute(m, 1, &alone);
	CHECK(!memcmp(alone.doc, sums.doc, m->ndocs * sizeof *sums.doc));
	CHECK(!memcmp(&alone.run, &sums.run, sizeof sums.run));
	summaries_finish(&alone);
	struct report r = {.m = m, .s = &sums, .exit_status = 2, .fail_on = FAIL_DEAD | FAIL_ERROR};

	char *github = write_format(report_github_write, &r);
	CHECK_STR(github,
		  "::warning file=docs/brief.md,line=5,col=4,title=dead-archived::the page is gone (http-404); the Wayback "
		  "Machine has it%0Asuggestion: https://web.archive.org/web/20230101000000/https://example.org/gone\n"
		  "::warning file=docs/brief.md,line=6,col=4,title=link-unverified::unverified link (could not be checked "
		  "now): https://example.org/slow (timeout)\n"
		  "::error file=docs/brief.md,line=7,col=4,title=url-space::100%25 broken,%0Asee: a::b%0Asuggestion: "
		  "https://example.org/a%2520b\n"
		  "::error file=missing.md,title=unreadable::cannot open missing.md: No such file or directory\n");
	free(github);

	char *junit = write_format(report_junit_write, &r);
	CHECK_STR(junit,
		  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		  "<testsuites name=\"citecheck\" tests=\"4\" failures=\"2\" errors=\"1\" skipped=\"1\">\n"
		  " <testsuite name=\"docs/brief.md\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"1\">\n"
		  "  <testcase classname=\"docs/brief.md\" name=\"https://example.org/gone\">\n"
		  "   <failure type=\"link-dead\" message=\"dead (http-404)\">https://example.org/gone, line 5</failure>\n"
		  "  </testcase>\n"
		  "  <testcase classname=\"docs/brief.md\" name=\"https://example.org/slow\">\n"
		  "   <skipped message=\"error (timeout)\"/>\n"
		  "  </testcase>\n"
		  "  <testcase classname=\"docs/brief.md\" name=\"https://example.org/a b\">\n"
		  "   <failure type=\"url-space\" message=\"100% broken,&#10;see: a::b\">https://example.org/a b, line "
		  "7</failure>\n"
		  "  </testcase>\n"
		  " </testsuite>\n"
		  " <testsuite name=\"missing.md\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
		  "  <testcase classname=\"missing.md\" name=\"read the document\">\n"
		  "   <error message=\"cannot open missing.md: No such file or directory\"/>\n"
		  "  </testcase>\n"
		  " </testsuite>\n"
		  "</testsuites>\n");
	free(junit);

	char *md = write_format(report_markdown_write, &r);
	CHECK_STR(md,
		  "## citecheck\n\n"
		  "| documents | links | dead | blocked | unverified | changed | archived | not archived |\n"
		  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
		  "| 2 | 3 | 1 | 0 | 1 | 0 | 0 | 0 |\n\n"
		  "### docs/brief.md\n\n"
		  "- line 5, footnote 1: the page is gone (http-404); the Wayback Machine has it — cite [the "
		  "snapshot](https://web.archive.org/web/20230101000000/https://example.org/gone)\n"
		  "- line 6, footnote 2: unverified link (could not be checked now): https://example.org/slow (timeout)\n"
		  "- line 7, footnote 3: 100% broken, see: a::b — cite [this](https://example.org/a%20b)\n\n"
		  "### missing.md\n\n"
		  "Could not be read: cannot open missing.md: No such file or directory\n\n\n");
	free(md);

	/* for a person: per document, per source, each with its suggestion; a
	 * control character in a message shown, not sent to the terminal */
	char *text = write_format(report_readable_write, &r);
	CHECK_STR(text,
		  "== docs/brief.md\n"
		  "footnote 1, line 5 — Source 1\n"
		  "  dead: https://example.org/gone (http-404) — column 4\n"
		  "    warning: the page is gone (http-404); the Wayback Machine has it [dead-archived]\n"
		  "      suggestion: https://web.archive.org/web/20230101000000/https://example.org/gone\n"
		  "footnote 2, line 6 — Source 2\n"
		  "  unverified: https://example.org/slow (timeout) — column 4\n"
		  "footnote 3, line 7 — Source 3\n"
		  "  https://example.org/a b\n"
		  "    error: 100% broken,\\x0asee: a::b [url-space]\n"
		  "      suggestion: https://example.org/a%20b\n"
		  "\n"
		  "== missing.md\n"
		  "  could not be read: cannot open missing.md: No such file or directory\n"
		  "\n"
		  "citecheck: 2 documents (1 unreadable): 3 references, 3 links (3 distinct URLs); 1 error, 1 warning\n"
		  "citecheck: documents with the most to fix:\n"
		  "  docs/brief.md: 1 dead, 0 changed, 1 error\n"
		  "  missing.md: unreadable\n"
		  "citecheck: links: 0 alive, 1 dead, 0 blocked, 1 unverified, 1 skipped\n"
		  "citecheck: unverified (could not be checked now):\n"
		  "  https://example.org/slow (timeout)\n");
	free(text);

	char *sarif = write_format(report_sarif_write, &r);
	sarif_literal(sarif);
	/* the whole document is validated against the SARIF schema by
	 * tests/formats_cli.sh; here, what the fixture must give */
	CHECK(strstr(sarif, "\"version\": \"2.1.0\"") != NULL);
	CHECK(strstr(sarif, "\"ruleId\": \"dead-archived\"") != NULL);
	CHECK(strstr(sarif, "\"ruleId\": \"link-unverified\"") != NULL);
	CHECK(strstr(sarif, "\"exitCode\": 2") != NULL);
	CHECK(strstr(sarif, "\"executionSuccessful\": false") != NULL);
	CHECK(strstr(sarif, "\"uri\": \"docs/brief.md\"") != NULL);
	CHECK(strstr(sarif, "\"startLine\": 7") != NULL);
	CHECK(strstr(sarif, "\"text\": \"cannot open missing.md: No such file or directory\"") != NULL);
	CHECK(strstr(sarif, "\"text\": \"100% broken,\\nsee: a::b. Suggestion: https://example.org/a%20b\"") != NULL);
	CHECK(strstr(sarif, "\"suggestion\": \"https://example.org/a%20b\"") != NULL);
	free(sarif);

	summaries_finish(&sums);
	model_destroy(m);

	/* 3,000 dead links of 80-character URLs: about 300,000 characters of
	 * Markdown, cut under GitHub's 65,536 at an item's end, the cut said */
	struct model *big = model_create("big.md");
	for (unsigned i = 0; i < 3000; i++) {
		char url[96];
		snprintf(url, sizeof url, "https://example.org/a-long-path-to-make-each-line-long/%06u/page.html", i);
		link_at(big, "1", i + 1, url, 1);
	}
	struct model *bm = model_create(NULL);
	model_merge(bm, big);
	model_destroy(big);
	for (size_t t = 0; t < bm->ntargets; t++)
		*target_live_make(&bm->targets[t]) = (struct live_result){.verdict = LIVE_DEAD, .reason = "http-404", .http_status = 404};
	summaries_compute(bm, 1, &sums);
	struct report br = {.m = bm, .s = &sums, .exit_status = 1, .fail_on = FAIL_DEAD};
	char *cut = write_format(report_markdown_write, &br);
	size_t len = strlen(cut);
	CHECK(len <= 65536);
	CHECK(len > 60000); /* cut near the limit, not long before it */
	const char *note = strstr(cut, "more items in 1 document are left out to stay under GitHub's 65536-character limit");
	CHECK(note != NULL);
	/* the items kept and the items counted as left out make 3,000 */
	size_t kept = 0;
	for (const char *p = cut; (p = strstr(p, "\n- line ")) != NULL; p++)
		kept++;
	const char *count = note;
	while (count && count > cut && count[-1] != '*') /* "*2345 more items…": back to the number */
		count--;
	CHECK_INT(kept + (count ? strtoul(count, NULL, 10) : 0), 3000);
	CHECK(strstr(cut, "</details>") != NULL); /* the fold closed before the note */
	free(cut);
	summaries_finish(&sums);
	model_destroy(bm);
	printf("reports: %d checks, %d failed\n", check_total, check_failed);
	return check_failed != 0;
}
