/* identity_findings.h — findings from the DOI stage: a DOI no work has
 * (doi-not-found) and a DOI registered for another work than the one the
 * citation names (doi-mismatch), on the link that gives the DOI. */
#ifndef CITECHECK_IDENTITY_FINDINGS_H
#define CITECHECK_IDENTITY_FINDINGS_H

#include "model/model.h"

void identity_findings(struct model *m);

#endif
