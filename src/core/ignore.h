/* ignore.h — what the user said to leave alone, applied to the checked run:
 * --ignore's codes and verdicts, and each host's ignore setting in the
 * config file. Ignore comments in the documents are the model's own
 * (model_drop_ignored). */
#ifndef CITECHECK_IGNORE_H
#define CITECHECK_IGNORE_H

#include "live/host_rules.h"
#include "model/model.h"

/* Drops the findings of the codes set, everywhere in the run, counting them
 * in m->ignored; marks the links whose verdict is among verdicts (1 << enum
 * live_verdict), counting them in m->ignored_links. rules: the config
 * file's hosts, whose ignore settings apply to the links to them (may be
 * NULL). */
void ignore_apply(struct model *m, const unsigned char *codes, unsigned verdicts, const struct host_rules *rules);

#endif
