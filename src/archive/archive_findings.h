/* archive_findings.h — what the archive and drift results mean for the
 * author: a dead link with a snapshot to cite instead, a dead link with none,
 * a cited snapshot the archive does not have or has at another time, a page
 * that changed since it was cited, the pinned snapshot for unpinned and save
 * links, and lookups the archive never answered. */
#ifndef CITECHECK_ARCHIVE_FINDINGS_H
#define CITECHECK_ARCHIVE_FINDINGS_H

#include "model/model.h"

void archive_findings(struct model *m);

#endif
