/* The live verdict rules, without a network. */
#include <curl/curl.h>
#include <errno.h>

#include "live/live_soft404.h"
#include "live/live_verdict.h"
#include "check.h"

static const char *judge(int code, int os_errno, long status, const char *title)
{
	static char buf[64];
	struct http_outcome o = {code, os_errno, status, false, title, NULL};
	struct judgement j = judge_outcome(&o);
	snprintf(buf, sizeof buf, "%s %s%s", live_verdict_name(j.verdict), j.reason, j.retry ? " retry" : "");
	return buf;
}

int main(void)
{
	CHECK_STR(judge(CURLE_OK, 0, 200, "A page"), "alive ok");
	CHECK_STR(judge(CURLE_OK, 0, 204, NULL), "alive ok");
	CHECK_STR(judge(CURLE_OK, 0, 404, NULL), "dead http-404");
	CHECK_STR(judge(CURLE_OK, 0, 410, NULL), "dead http-410");
	CHECK_STR(judge(CURLE_OK, 0, 401, NULL), "blocked http-401");
	CHECK_STR(judge(CURLE_OK, 0, 403, "Forbidden"), "blocked http-403");
	CHECK_STR(judge(CURLE_OK, 0, 403, "Just a moment..."), "blocked bot-wall");
	CHECK_STR(judge(CURLE_OK, 0, 200, "Attention Required! | Cloudflare"), "blocked bot-wall");
	CHECK_STR(judge(CURLE_OK, 0, 999, NULL), "blocked bot-wall");
	CHECK_STR(judge(CURLE_OK, 0, 429, NULL), "blocked rate-limited retry");
	CHECK_STR(judge(CURLE_OK, 0, 503, NULL), "error http-503 retry");
	CHECK_STR(judge(CURLE_OK, 0, 503, "Just a moment..."), "blocked bot-wall");
	CHECK_STR(judge(CURLE_OK, 0, 500, NULL), "error http-500 retry");
	CHECK_STR(judge(CURLE_OK, 0, 400, NULL), "error http-4xx");
	CHECK_STR(judge(CURLE_COULDNT_RESOLVE_HOST, 0, 0, NULL), "dead dns retry");
	CHECK_STR(judge(CURLE_COULDNT_CONNECT, ECONNREFUSED, 0, NULL), "dead connect-refused retry");
	CHECK_STR(judge(CURLE_COULDNT_CONNECT, ENETUNREACH, 0, NULL), "error connect retry");
	CHECK_STR(judge(CURLE_OPERATION_TIMEDOUT, 0, 0, NULL), "error timeout retry");
	CHECK_STR(judge(CURLE_PEER_FAILED_VERIFICATION, 0, 0, NULL), "error tls");
	CHECK_STR(judge(CURLE_GOT_NOTHING, 0, 0, NULL), "error reset retry");
	/* a body cut at --max-body is an answer, not a failure */
	struct http_outcome cut = {CURLE_WRITE_ERROR, 0, 200, true, NULL, NULL};
	CHECK_INT(judge_outcome(&cut).verdict, LIVE_ALIVE);

	CHECK(says_not_found("404 Not Found"));
	CHECK(says_not_found("Error 404 - page"));
	CHECK(says_not_found("Không tìm thấy trang"));
	CHECK(says_not_found("Trang bạn tìm không tồn tại"));
	CHECK(says_not_found("Page introuvable"));
	CHECK(!says_not_found("Article /web/20230518040448/https://x.vn/a.htm")); /* digits around 404 */
	CHECK(!says_not_found("Founders of the party"));
	CHECK(!says_not_found("Article 404 of the Penal Code"));
	CHECK(!says_not_found("Article /page/404"));
	CHECK(says_not_found("404"));
	CHECK(says_not_found("404 | Example News"));
	CHECK(says_not_found("Lỗi 404"));
	CHECK(!says_not_found(NULL));
	CHECK(is_bot_wall("Just a moment...", NULL));
	CHECK(is_bot_wall(NULL, "Verify you are human"));
	CHECK(!is_bot_wall("Access to Names in Outer Scopes", NULL));

	/* soft 404: a page is the probe's page when the two say the same */
	const char *notfound_a = "Sorry, the page /a/story could not be found on this site. Please check the address.";
	const char *notfound_b = "Sorry, the page /citecheck-probe-1f2e could not be found on this site. Please check the address.";
	const char *story = "The council approved the budget for the new bridge over the river after a long debate.";
	const char *shell = "<html><body><div id=app></div><script src=app.js></script></body></html>";
	struct soft_sig a, b, c, d;
	soft_sig_make(&a, "A", 1, notfound_a);
	soft_sig_make(&b, "B", 1, notfound_b);
	soft_sig_make(&c, "C", 1, story);
	/* a: 15 distinct words, b: 16; 13 shared (all but "a story" / "citecheck probe 1f2e") */
	CHECK(soft_sig_similarity(&a, &b) > 0.72 && soft_sig_similarity(&a, &b) < 0.73); /* 13 / 18 */
	CHECK(soft_sig_same_page(&a, &b));
	CHECK(!soft_sig_same_page(&c, &b)); /* the same length class, other words */
	CHECK(soft_sig_similarity(&c, &b) < 0.2);
	/* the same bytes: the same page, when there are words to show for it */
	soft_sig_make(&c, story, strlen(story), NULL);
	soft_sig_make(&d, story, strlen(story), NULL);
	CHECK(soft_sig_same_page(&c, &d)); /* not HTML: the bytes say it */
	soft_sig_make(&c, shell, strlen(shell), "");
	soft_sig_make(&d, shell, strlen(shell), "");
	CHECK(!soft_sig_same_page(&c, &d)); /* a script shell every path serves: no evidence */
	return check_done("verdict");
}
