/* cited_snapshot.h — a page cited with its snapshot beside it, as --fix
 * writes it: "[page](URL) ([archived](SNAPSHOT) DATE)", the visible
 * "(archived DATE)" link after an HTML anchor, a snapshot link in the same
 * footnote. Such a citation already says what the page said: when the page
 * is dead or has changed it is no problem to report or gate on, only an
 * info finding (snapshot-cited), and a copy --fix wrote passes its check. */
#ifndef CITECHECK_CITED_SNAPSHOT_H
#define CITECHECK_CITED_SNAPSHOT_H

#include "model/model.h"

/* Sets each direct link's snapshot_ref and snapshot_link: a Wayback
 * snapshot link whose original page is the link's own (normalised), in the
 * same source, or for a link of body text (each a source of its own) in the
 * sources that follow it on its line. */
void cited_snapshot_mark(struct model *m);

/* Whether l is a dead page cited with its snapshot: a failure of the page,
 * not of the citation. */
bool cited_snapshot_covers(const struct model *m, const struct link *l);

/* The snapshot-cited finding on each dead or changed page so cited. Runs
 * after the live and archive stages. */
void cited_snapshot_findings(struct model *m);

#endif
