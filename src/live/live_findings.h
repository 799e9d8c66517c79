/* live_findings.h — findings from the live stage's answers: a page that has
 * moved for good (cite its new address), a cited #fragment the page does
 * not have (--check-fragments). */
#ifndef CITECHECK_LIVE_FINDINGS_H
#define CITECHECK_LIVE_FINDINGS_H

#include "model/model.h"

void live_findings(struct model *m);

#endif
