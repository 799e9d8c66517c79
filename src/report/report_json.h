/* report_json.h — the model as JSON (jansson encodes every value): the run,
 * its documents each with its references, findings and summary, the run's
 * findings and summary. The report is written one reference at a time, one line each, so memory does
 * not double for a large document and the output diffs and greps well. */
#ifndef CITECHECK_REPORT_JSON_H
#define CITECHECK_REPORT_JSON_H

#include <stdio.h>

#include "model/model.h"
#include "report/summary.h"

/* Returns 0, or -1 when writing failed (errno set by stdio). */
int report_json_write(const struct model *m, const struct summaries *s, FILE *out);

#endif
