/* check_local.h — links between the documents of a repository, checked
 * offline: a relative link (../guide.md, img/x.png) must name a file or
 * folder that exists, and its #fragment a heading or anchor of that file
 * (anchors.h); a bare #fragment one of the linking document's own. */
#ifndef CITECHECK_CHECK_LOCAL_H
#define CITECHECK_CHECK_LOCAL_H

#include "model/model.h"

/* Gives every relative link's target its verdict: alive (reason "file",
 * "directory" or "anchor"), dead ("no-such-file", "no-such-anchor"),
 * error ("unreadable"), or skipped ("root-relative", "no-path", or
 * "outside": it leaves the folder being checked, lexically or through a
 * symbolic link, and is never looked at). */
void check_local(struct model *m);

#endif
