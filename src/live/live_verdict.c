#include "live/live_verdict.h"

#include <curl/curl.h>
#include <errno.h>
#include <string.h>

#include "util/util.h"

/* Whether needle occurs in hay as whole words: ASCII letters compared
 * without case, other bytes exactly (the Vietnamese phrases are listed in the
 * cases sites use), and no letter or digit just before or after, so that
 * "404" is not found in "20230518040448". */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(hay), k = strlen(needle);
	for (size_t i = 0; k && i + k <= n; i++) {
		if (!ascii_ieq_prefix(hay + i, n - i, needle))
			continue;
		bool before = i > 0 && isalnum_ascii((unsigned char)hay[i - 1]);
		bool after = i + k < n && isalnum_ascii((unsigned char)hay[i + k]);
		if (!before && !after)
			return true;
	}
	return false;
}

static bool contains_any(const char *text, const char *const *phrases)
{
	if (!text)
		return false;
	for (; *phrases; phrases++)
		if (contains(text, *phrases))
			return true;
	return false;
}

bool says_not_found(const char *text)
{
	/* A bare "404" is no evidence ("Article 404 of the Penal Code"): only at
	 * the start of a title, or with a word that says what it means. */
	static const char *const phrases[] = {
		"error 404", "404 error", "404 not found", "404 page", "page 404", "http 404", "erreur 404",
		"lỗi 404", "Lỗi 404", "fehler 404",
		"not found", "page not found", "doesn't exist", "does not exist", "no longer available",
		"không tìm thấy", "Không tìm thấy", "KHÔNG TÌM THẤY", "không tồn tại", "Không tồn tại",
		"trang bạn tìm", "Trang bạn tìm", "introuvable", "n'existe pas", "nicht gefunden",
		"no encontrada", "no encontrado", NULL,
	};
	if (text && strncmp(text, "404", 3) == 0 && !isalnum_ascii((unsigned char)text[3]))
		return true;
	return contains_any(text, phrases);
}

bool is_bot_wall(const char *title, const char *h1)
{
	static const char *const phrases[] = {
		"just a moment", "attention required", "are you a robot", "are you human", "captcha",
		"verify you are human", "checking your browser", "ddos protection", "access denied",
		"request blocked", "bot verification", NULL,
	};
	return contains_any(title, phrases) || contains_any(h1, phrases);
}

static struct judgement j(enum live_verdict v, const char *reason, bool retry)
{
	return (struct judgement){v, reason, retry};
}

static struct judgement judge_status(const struct http_outcome *o)
{
	long s = o->status;
	bool wall = is_bot_wall(o->title, o->h1);
	if (s >= 200 && s < 300)
		return wall ? j(LIVE_BLOCKED, "bot-wall", false) : j(LIVE_ALIVE, "ok", false);
	switch (s) {
	case 404:
		return j(LIVE_DEAD, "http-404", false);
	case 410:
		return j(LIVE_DEAD, "http-410", false);
	case 401:
		return j(LIVE_BLOCKED, "http-401", false);
	case 403:
		return j(LIVE_BLOCKED, wall ? "bot-wall" : "http-403", false);
	case 407:
		return j(LIVE_BLOCKED, "http-407", false);
	case 429:
		return j(LIVE_BLOCKED, "rate-limited", true);
	case 451:
		return j(LIVE_BLOCKED, "http-451", false);
	case 999: /* LinkedIn and others: "request denied" to robots */
		return j(LIVE_BLOCKED, "bot-wall", false);
	case 500:
		return j(LIVE_ERROR, "http-500", true);
	case 502:
		return j(LIVE_ERROR, "http-502", true);
	case 503:
		return wall ? j(LIVE_BLOCKED, "bot-wall", false) : j(LIVE_ERROR, "http-503", true);
	case 504:
		return j(LIVE_ERROR, "http-504", true);
	default:
		break;
	}
	if (s >= 300 && s < 400)
		return j(LIVE_ERROR, "redirect-without-location", false);
	if (s >= 500)
		return j(LIVE_ERROR, "http-5xx", true);
	return j(LIVE_ERROR, "http-4xx", false);
}

struct judgement judge_outcome(const struct http_outcome *o)
{
	CURLcode c = (CURLcode)o->curl_code;
	if (o->status && (c == CURLE_OK || (c == CURLE_WRITE_ERROR && o->truncated)))
		return judge_status(o);
	switch (c) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return j(LIVE_DEAD, "dns", true); /* one more try: resolvers fail too */
	case CURLE_COULDNT_CONNECT:
		if (o->os_errno == ECONNREFUSED)
			return j(LIVE_DEAD, "connect-refused", true);
		return j(LIVE_ERROR, "connect", true);
	case CURLE_OPERATION_TIMEDOUT:
		return j(LIVE_ERROR, "timeout", true);
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		return j(LIVE_ERROR, "tls", false);
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return j(LIVE_ERROR, "reset", true);
	case CURLE_BAD_CONTENT_ENCODING:
		return j(LIVE_ERROR, "bad-encoding", false);
	case CURLE_UNSUPPORTED_PROTOCOL:
		return j(LIVE_SKIPPED, "scheme", false);
	case CURLE_URL_MALFORMAT:
		return j(LIVE_SKIPPED, "invalid-url", false);
	default:
		break;
	}
	return j(LIVE_ERROR, "transfer", false);
}
