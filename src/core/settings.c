#include "core/settings.h"

#include <stdio.h>
#include <stdlib.h>

/* The live stage's settings: the defaults, then what the command line says.
 * Returns 0, or -1 with the reason in err when a --exclude does not compile. */
static int live_settings(const struct options *o, struct live_config *c, regex_t *rx, struct curl_slist **to,
			 struct curl_slist **res, char *err, size_t errlen)
{
	live_config_defaults(c);
	if (o->jobs >= 0)
		c->jobs = o->jobs;
	if (o->host_jobs >= 0)
		c->host_jobs = o->host_jobs;
	if (o->retries >= 0)
		c->retries = (unsigned)o->retries;
	if (o->max_redirects >= 0)
		c->max_redirects = (unsigned)o->max_redirects;
	if (o->timeout_ms >= 0)
		c->timeout_ms = o->timeout_ms;
	if (o->connect_timeout_ms >= 0)
		c->connect_timeout_ms = o->connect_timeout_ms;
	if (o->deadline_ms >= 0)
		c->deadline_ms = o->deadline_ms;
	if (o->max_retry_after_ms >= 0)
		c->max_retry_after_s = o->max_retry_after_ms / 1000;
	if (o->max_body >= 0)
		c->max_body = (size_t)o->max_body;
	if (o->user_agent)
		c->user_agent = o->user_agent;
	c->cacert = o->cacert;
	c->insecure = o->insecure;
	c->no_private = o->no_private;
	c->check_example_hosts = o->check_example_hosts;
	c->probe = !o->no_probe;
	c->check_fragments = o->check_fragments;
	c->rules = o->host_rules;
	for (size_t i = 0; i < o->nconnect_to; i++)
		*to = curl_slist_append(*to, o->connect_to[i]);
	for (size_t i = 0; i < o->nresolve; i++)
		*res = curl_slist_append(*res, o->resolve[i]);
	c->connect_to = *to;
	c->resolve = *res;
	for (size_t i = 0; i < o->nexclude; i++) {
		int rc = regcomp(&rx[i], o->exclude[i], REG_EXTENDED | REG_NOSUB);
		if (rc) {
			char msg[256];
			regerror(rc, &rx[i], msg, sizeof msg);
			snprintf(err, errlen, "--exclude '%s': %s", o->exclude[i], msg);
			for (size_t k = 0; k < i; k++)
				regfree(&rx[k]);
			return -1;
		}
		c->nexcludes++;
	}
	c->excludes = rx;
	return 0;
}

int network_open(const struct options *opt, struct network *net, char *err, size_t errlen)
{
	net->to = net->res = NULL;
	return live_settings(opt, &net->cfg, net->rx, &net->to, &net->res, err, errlen);
}

void network_close(struct network *net)
{
	for (size_t i = 0; i < net->cfg.nexcludes; i++)
		regfree(&net->rx[i]);
	curl_slist_free_all(net->to);
	curl_slist_free_all(net->res);
}

/* The archive stage's settings: the defaults, then the command line and the
 * environment (Save Page Now's keys). */
void archive_settings(const struct options *o, const struct live_config *net, struct archive_config *c)
{
	archive_config_defaults(c, net);
	if (o->wayback)
		c->base = o->wayback;
	if (o->archive_rate > 0)
		c->replay_rate = o->archive_rate;
	if (o->cdx_rate > 0)
		c->cdx_rate = o->cdx_rate / 60.0;
	if (o->rate_limit_wait_ms >= 0)
		c->rate_limit_wait_ms = o->rate_limit_wait_ms;
	if (o->drift_threshold >= 0)
		c->drift_threshold = o->drift_threshold;
	c->save_missing = o->save_missing;
	c->access_key = getenv("WAYBACK_ACCESS_KEY");
	c->secret_key = getenv("WAYBACK_SECRET_KEY");
}

/* The cache's rules, from the command line; drift measured again from
 * stored prints is judged by the archive stage's threshold. */
void memory_policy(const struct options *o, const struct archive_config *archive, struct cache_policy *p)
{
	p->now = cache_clock();
	p->max_age = o->max_age_s >= 0 ? o->max_age_s : 86400;
	p->confirm_checks = o->confirm_checks > 0 ? (unsigned)o->confirm_checks : CACHE_CONFIRM_CHECKS;
	p->confirm_span = o->confirm_span_s >= 0 ? o->confirm_span_s : CACHE_CONFIRM_SPAN;
	p->only = o->cache_only;
	p->drift_threshold = archive->drift_threshold;
}
