/* live_verdict.h — what an answer from the web (or its absence) means for a
 * cited page: the verdict, a short machine-readable reason, and whether
 * asking again could change it. Pure functions: the rules are tested
 * without a network.
 *
 * The rules lean one way on purpose: a page is called dead only on evidence
 * that it is gone (404, 410, no such host, connection refused, a soft 404);
 * anything that only says "not now" or "not you" is error or blocked. */
#ifndef CITECHECK_LIVE_VERDICT_H
#define CITECHECK_LIVE_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

struct http_outcome {
	int curl_code;  /* CURLcode of the transfer */
	int os_errno;   /* CURLINFO_OS_ERRNO */
	long status;    /* HTTP status; 0 when no response came */
	bool truncated; /* the body was cut at the size limit (not an error) */
	const char *title, *h1; /* of an HTML body; NULL if none */
};

struct judgement {
	enum live_verdict verdict;
	const char *reason;
	bool retry; /* transient: asking again may change the answer */
};

struct judgement judge_outcome(const struct http_outcome *o);

/* A robot check served instead of the page ("Just a moment...", captchas). */
bool is_bot_wall(const char *title, const char *h1);
/* A title or heading that says the page does not exist, in English,
 * Vietnamese, French, German or Spanish. */
bool says_not_found(const char *text);

#endif
