/* run.h — the pipeline behind the command line: read the document, extract
 * its references, check them, report. Tests call run() in-process. */
#ifndef CITECHECK_RUN_H
#define CITECHECK_RUN_H

#include "core/cli.h"

/* Returns the exit status (enum exit_status). Prints the report and, unless
 * quiet, the findings; fatal errors as one line on standard error. */
int run(const struct options *opt);

#endif
