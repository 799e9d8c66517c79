#include "cli.h"

#include <string.h>

void cli_usage(FILE *out)
{
	fputs("Usage: citecheck [OPTIONS] --extract-only FILE\n"
	      "Verify the citations of a report: extract its reference list, footnotes and\n"
	      "cited URLs, and report the problems visible in the text itself, as JSON.\n"
	      "FILE is Markdown or plain text; - reads standard input.\n"
	      "\n"
	      "Options:\n"
	      "      --extract-only  read the document and check its text; no network\n"
	      "                      (checking links on the web is not built yet)\n"
	      "  -o, --output FILE   write the JSON report to FILE instead of standard output\n"
	      "  -q, --quiet         print no findings on standard error, only fatal errors\n"
	      "  -v, --verbose       also print info-level findings on standard error\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n"
	      "\n"
	      "Exit status:\n"
	      "  0  no finding of error severity\n"
	      "  1  at least one finding of error severity\n"
	      "  2  usage error, unreadable input or unwritable output\n"
	      "\n"
	      "See citecheck(1) for the JSON report and the list of findings.\n",
	      out);
}

static bool is(const char *a, const char *s, const char *l)
{
	return (s && strcmp(a, s) == 0) || strcmp(a, l) == 0;
}

int cli_parse(int argc, char **argv, struct options *opt, char *err, size_t errlen)
{
	memset(opt, 0, sizeof *opt);
	bool options_done = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
			if (opt->input) {
				snprintf(err, errlen, "one document at a time: '%s' and '%s' given", opt->input, a);
				return -1;
			}
			opt->input = a;
		} else if (strcmp(a, "--") == 0) {
			options_done = true;
		} else if (is(a, "-h", "--help")) {
			opt->help = true;
		} else if (is(a, "-V", "--version")) {
			opt->version = true;
		} else if (is(a, NULL, "--extract-only")) {
			opt->extract_only = true;
		} else if (is(a, "-q", "--quiet")) {
			opt->quiet = true;
		} else if (is(a, "-v", "--verbose")) {
			opt->verbose = true;
		} else if (is(a, "-o", "--output") || strncmp(a, "--output=", 9) == 0) {
			if (a[1] == '-' && a[8] == '=') {
				opt->output = a + 9;
			} else if (i + 1 < argc) {
				opt->output = argv[++i];
			} else {
				snprintf(err, errlen, "%s needs a file name", a);
				return -1;
			}
			if (!*opt->output) {
				snprintf(err, errlen, "%s needs a file name", a);
				return -1;
			}
		} else {
			snprintf(err, errlen, "unknown option '%s'", a);
			return -1;
		}
	}
	if (opt->help || opt->version)
		return 0;
	if (!opt->input) {
		snprintf(err, errlen, "no document given");
		return -1;
	}
	return 0;
}
