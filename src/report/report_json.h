/* report_json.h — the model as JSON (jansson encodes every value): the run,
 * its documents each with its references, findings and summary, the run's
 * findings and summary. References, links and findings are written as the
 * model is walked (report/json_stream.h), one reference a line: no tree is
 * built for them, so memory does not grow with the report, 100,000 links
 * take a fraction of a second, and the output diffs and greps well. */
#ifndef CITECHECK_REPORT_JSON_H
#define CITECHECK_REPORT_JSON_H

#include <stdio.h>

#include "model/model.h"
#include "report/summary.h"

/* jobs: threads that render the documents (report/json_parallel.h); the
 * bytes are the same whatever the number. Returns 0, or -1 when writing
 * failed (errno set by stdio). */
int report_json_write(const struct model *m, const struct summaries *s, unsigned jobs, FILE *out);

#endif
