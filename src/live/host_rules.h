/* host_rules.h — what the config file says of particular hosts: request
 * headers (a token for an intranet; values may name environment variables,
 * ${NAME}, and never appear in any report or message), the statuses that
 * count as alive there, its connections and pace, or that it is not to be
 * fetched. A pattern is a host name or *.domain (the domain's hosts and
 * itself). */
#ifndef CITECHECK_HOST_RULES_H
#define CITECHECK_HOST_RULES_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

struct host_rule {
	char *pattern;
	struct curl_slist *headers; /* "Name: value", expanded */
	long *accept;               /* statuses that count as alive */
	size_t naccept;
	long connections;           /* 0: --host-jobs */
	double pace;                /* requests a second; 0: no pace of its own */
	bool exclude;
	/* known, accepted problems of its pages: links of these verdicts (1 <<
	 * enum live_verdict) and findings of these codes are left alone */
	unsigned ignore_verdicts;
	unsigned char ignore_codes[PROB__COUNT];
};

struct host_rules {
	struct host_rule *v;
	size_t n, cap;
};

/* The first rule whose pattern matches host (lower case), or NULL. */
const struct host_rule *host_rule_for(const struct host_rules *r, const char *host);
/* The same for an engine host key, "scheme://host:port". */
const struct host_rule *host_rule_for_key(const struct host_rules *r, const char *key);
bool host_rule_accepts(const struct host_rule *r, long status);

/* The rule for the host of url, or NULL. */
const struct host_rule *host_rule_for_url(const struct host_rules *r, const char *url);

/* value with each ${NAME} replaced by the environment's NAME. Returns the
 * new string, or NULL with *bad set to the first name that is not set or
 * whose value holds a line break (*broken true): a header value on two
 * lines would send its second line as a header of its own. */
char *host_rule_expand(const char *value, char **bad, bool *broken);

void host_rules_finish(struct host_rules *r);

#endif
