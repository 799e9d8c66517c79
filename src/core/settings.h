/* settings.h — what the command line makes of each stage's settings: the
 * network every request is sent with, the archive stage's, the cache's
 * rules. Each starts from the stage's defaults. */
#ifndef CITECHECK_SETTINGS_H
#define CITECHECK_SETTINGS_H

#include <regex.h>

#include "archive/check_archive.h"
#include "cache/cache.h"
#include "core/cli.h"
#include "live/check_live.h"

/* What every request of the run is sent with; the lists and patterns it
 * points into are its own. */
struct network {
	struct live_config cfg;
	regex_t rx[MAX_LIST_OPTIONS];
	struct curl_slist *to, *res;
};

/* Returns 0, or -1 with the reason in err when an option does not hold
 * (an --exclude that does not compile). */
int network_open(const struct options *opt, struct network *net, char *err, size_t errlen);
void network_close(struct network *net);

/* The archive stage's: the defaults, the command line, and the environment
 * (Save Page Now's keys). */
void archive_settings(const struct options *o, const struct live_config *net, struct archive_config *c);

/* The cache's rules, from the command line and the clock (CITECHECK_NOW);
 * archive: the archive stage's settings (archive_settings). */
void memory_policy(const struct options *o, const struct archive_config *archive, struct cache_policy *p);

#endif
