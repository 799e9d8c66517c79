/* progress.h — how far a run is, on one line of standard error redrawn in
 * place (a terminal only, unless asked): documents read, then URLs checked
 * of all with the dead so far and requests a second, then archive lookups
 * with the time the archive's pace still needs. Cleared before the summary
 * is written, which takes its place. */
#ifndef CITECHECK_PROGRESS_H
#define CITECHECK_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/model.h"

enum progress_stage { PROGRESS_READING, PROGRESS_LIVE, PROGRESS_ARCHIVE };

struct progress {
	bool on;
	FILE *out;
	enum progress_stage stage;
	const struct model *m;
	size_t docs_read, docs_total;
	double archive_rate; /* lookups a second the archive's pace allows */
	double stage_start, last;
	bool drawn;
};

void progress_init(struct progress *p, bool on, FILE *out);
/* The stage the run is in now; m is read, never changed. */
void progress_stage(struct progress *p, enum progress_stage stage, const struct model *m);
void progress_documents(struct progress *p, size_t read, size_t total);
/* Redraws the line, at most a few times a second (a tick of the engine). */
void progress_tick(void *p);
/* Clears the line. */
void progress_end(struct progress *p);

#endif
