/* check_wraps.h — both readings of a URL a PDF's text may have wrapped
 * (url-wrap-unsure: it ends its line where no URL ends, and the next line
 * begins with a word that may be its rest). The joined reading gets a
 * target of its own, fetched by the live stage beside the URL as it ends
 * on its line; live/live_wraps.h keeps the one that answers. */
#ifndef CITECHECK_CHECK_WRAPS_H
#define CITECHECK_CHECK_WRAPS_H

#include "extract/classify_url.h"
#include "model/model.h"

/* For each url-wrap-unsure finding, its link's wrap_target, and the
 * finding's other: the joined reading's target key. */
void check_wraps(struct model *m, const struct classify_config *cc);

#endif
