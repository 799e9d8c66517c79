/* The Wayback Machine's formats: addresses, timestamps, CDX answers, Save
 * Page Now answers. Expectations from the archive's documented formats. */
#include <curl/curl.h>
#include <stdlib.h>

#include "util/util.h"
#include "archive/wayback_api.h"
#include "check.h"

static char *decoded(const char *s, size_t n)
{
	int len = 0;
	char *d = curl_easy_unescape(NULL, s, (int)n, &len);
	char *out = xstrndup(d, (size_t)len);
	curl_free(d);
	return out;
}

int main(void)
{
	char *u = wayback_replay_url("https://web.archive.org/", "20230520000000", "http://x.org/a?b=1");
	CHECK_STR(u, "https://web.archive.org/web/20230520000000id_/http://x.org/a?b=1");
	free(u);
	u = wayback_snapshot_url("http://127.0.0.1:8080", "20230518040448", "http://x.org/");
	CHECK_STR(u, "http://127.0.0.1:8080/web/20230518040448/http://x.org/");
	free(u);
	u = wayback_rebase("http://mirror.test", "https://web.archive.org/web/20171124151315id_/https://www.fws.gov/birds/");
	CHECK_STR(u, "http://mirror.test/web/20171124151315id_/https://www.fws.gov/birds/");
	free(u);
	CHECK(wayback_rebase("http://mirror.test", "https://example.org/") == NULL);
	u = wayback_save_status_url("https://web.archive.org", "spn2-abc");
	CHECK_STR(u, "https://web.archive.org/save/status/spn2-abc");
	free(u);

	/* the query: seven parameters, the original's own ? and & encoded; the
	 * captures of the year before, no redirects or errors, no limit */
	u = wayback_cdx_url("http://127.0.0.1:8080", "http://x.org/a?b=1&c=2", "20230520000000", true, false);
	const char *want[] = {"url=http://x.org/a?b=1&c=2", "output=json", "fl=timestamp,original,statuscode",
			      "filter=!statuscode:[345]..", "collapse=timestamp:10", "from=20220520000000",
			      "to=20230520000000"};
	const char *q = u ? strchr(u, '?') : NULL;
	CHECK(u && strncmp(u, "http://127.0.0.1:8080/cdx/search/cdx?", 37) == 0);
	for (size_t i = 0; q && i < 7; i++) {
		q++;
		size_t n = strcspn(q, "&");
		char *part = decoded(q, n);
		CHECK_STR(part, want[i]);
		free(part);
		q += n;
		if (!*q)
			CHECK_INT(i, 6);
	}
	free(u);
	u = wayback_cdx_url("http://127.0.0.1:8080", "http://x.org/", "20230520000000", false, false);
	CHECK(u && strstr(u, "&from=20230520000000&to=20240520000000") != NULL && !strstr(u, "limit"));
	free(u);
	/* all of time on one side: the far bound left out */
	u = wayback_cdx_url("http://127.0.0.1:8080", "http://x.org/", "20230520000000", true, true);
	CHECK(u && strstr(u, "timestamp%3a10&to=20230520000000") != NULL && !strstr(u, "from="));
	free(u);
	u = wayback_cdx_url("http://127.0.0.1:8080", "http://x.org/", "20230520000000", false, true);
	CHECK(u && strstr(u, "&from=20230520000000") != NULL && !strstr(u, "to="));
	free(u);

	char ts[15];
	CHECK(wayback_replay_timestamp("https://web.archive.org/web/20171124151315id_/https://www.fws.gov/birds/", ts));
	CHECK_STR(ts, "20171124151315");
	CHECK(wayback_replay_timestamp("/web/20171124151315/http://x.org/", ts));
	CHECK(!wayback_replay_timestamp("/web/2017id_/http://x.org/", ts));
	CHECK(!wayback_replay_timestamp("https://x.org/a", ts));
	CHECK(wayback_http_date("Fri, 24 Nov 2017 15:13:15 GMT", ts));
	CHECK_STR(ts, "20171124151315");
	CHECK(!wayback_http_date("yesterday", ts));
	wayback_timestamp(2023, 5, 0, ts);
	CHECK_STR(ts, "20230501000000");
	double d = wayback_days_between("20230518040448", "20230520000000");
	CHECK(d > 1.8299 && d < 1.8301); /* 1 day 19:55:12 = 1 + 71712/86400 = 1.83 */
	CHECK(wayback_days_between("20230520000000", "20230518000000") == -2.0);

	/* the CDX answer: the last capture at or before the time, else the first after */
	const char *rows = "[[\"timestamp\",\"original\",\"statuscode\"],"
			   "[\"20230101000000\",\"u\",\"200\"],[\"20230519000000\",\"u\",\"200\"],"
			   "[\"20230601000000\",\"u\",\"200\"]]";
	CHECK_INT(wayback_cdx_closest(rows, strlen(rows), "20230520000000", ts), 0);
	CHECK_STR(ts, "20230519000000");
	CHECK_INT(wayback_cdx_closest(rows, strlen(rows), "20221201000000", ts), 0);
	CHECK_STR(ts, "20230101000000");
	CHECK_INT(wayback_cdx_closest(rows, strlen(rows), "20230519000000", ts), 0);
	CHECK_STR(ts, "20230519000000");
	const char *other_order = "[[\"original\",\"timestamp\"],[\"u\",\"20200101000000\"]]";
	CHECK_INT(wayback_cdx_closest(other_order, strlen(other_order), "20230520000000", ts), 0);
	CHECK_STR(ts, "20200101000000");
	CHECK_INT(wayback_cdx_closest("", 0, "20230520000000", ts), 0);
	CHECK_STR(ts, "");
	CHECK_INT(wayback_cdx_closest("[]\n", 3, "20230520000000", ts), 0);
	CHECK_STR(ts, "");
	const char *bad[] = {"<html>error</html>", "{\"a\":1}", "[[\"original\"],[\"u\"]]",
			     "[[\"timestamp\"],[\"2023\"]]", "[[\"timestamp\"],[7]]", "[[\"timestamp\"],"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_INT(wayback_cdx_closest(bad[i], strlen(bad[i]), "20230520000000", ts), -1);

	struct spn_answer a;
	const char *started = "{\"url\":\"http://x.org/\",\"job_id\":\"spn2-1f2e\"}";
	CHECK_INT(wayback_spn_parse(started, strlen(started), &a), 0);
	CHECK_STR(a.job_id, "spn2-1f2e");
	CHECK(a.status == NULL);
	spn_answer_finish(&a);
	const char *done = "{\"status\":\"success\",\"timestamp\":\"20261122120000\",\"original_url\":\"u\"}";
	CHECK_INT(wayback_spn_parse(done, strlen(done), &a), 0);
	CHECK_STR(a.status, "success");
	CHECK_STR(a.timestamp, "20261122120000");
	spn_answer_finish(&a);
	const char *err = "{\"status\":\"error\",\"status_ext\":\"error:too-many-daily-captures\"}";
	CHECK_INT(wayback_spn_parse(err, strlen(err), &a), 0);
	CHECK_STR(a.message, "error:too-many-daily-captures");
	spn_answer_finish(&a);
	CHECK_INT(wayback_spn_parse("[1]", 3, &a), -1);

	/* the block a 429's page announces (Save Page Now's words, 2021-2022) */
	const char *spn429 = "<h1>Too Many Requests</h1>\n\nWe are limiting the number of URLs you can submit to be "
			     "Archived to the Wayback Machine, using the Save Page Now features, to no more than 15 per "
			     "minute.\n<p>\n  If you submit more than that we will block Save Page Now requests from your "
			     "IP number for 5 minutes.\n</p>";
	CHECK(wayback_block_seconds(spn429, strlen(spn429)) == 300); /* "for 15 per" is no duration */
	CHECK(wayback_block_seconds("blocked for 1 hour", 18) == 3600);
	CHECK(wayback_block_seconds("<html><title>Too Many Requests</title></html>", 45) == 0);
	CHECK(wayback_block_seconds("for 5", 5) == 0);
	return check_done("wayback");
}
