/* cli.h — the command line, parsed into one struct; nothing here runs. */
#ifndef CITECHECK_CLI_H
#define CITECHECK_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Exit statuses, documented in --help, README and citecheck(1). */
enum exit_status {
	EXIT_CLEAN = 0,    /* no finding of error severity */
	EXIT_FINDINGS = 1, /* at least one finding of error severity */
	EXIT_TROUBLE = 2,  /* usage error, unreadable input, unwritable output */
};

struct options {
	const char *input;  /* path, or "-" for standard input */
	const char *output; /* NULL: standard output */
	bool extract_only;
	bool quiet;   /* no findings on stderr, only fatal errors */
	bool verbose; /* also info-level findings on stderr */
	bool help, version;
};

/* Returns 0, or -1 with a one-line message in err. */
int cli_parse(int argc, char **argv, struct options *opt, char *err, size_t errlen);
void cli_usage(FILE *out);

#endif
