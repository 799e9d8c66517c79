#include "cli.h"

#include <getopt.h>
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

int cli_parse(int argc, char **argv, struct options *opt, char *err, size_t errlen)
{
	enum { OPT_EXTRACT_ONLY = 256 };
	static const struct option longopts[] = {
		{"extract-only", no_argument, NULL, OPT_EXTRACT_ONLY},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	memset(opt, 0, sizeof *opt);
	opterr = 0; /* errors are reported by the caller, in one line */
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, ":o:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_EXTRACT_ONLY:
			opt->extract_only = true;
			break;
		case 'o':
			if (!*optarg) {
				snprintf(err, errlen, "--output needs a file name");
				return -1;
			}
			opt->output = optarg;
			break;
		case 'q':
			opt->quiet = true;
			break;
		case 'v':
			opt->verbose = true;
			break;
		case 'h':
			opt->help = true;
			break;
		case 'V':
			opt->version = true;
			break;
		case ':':
			snprintf(err, errlen, "%s needs a file name", argv[optind - 1]);
			return -1;
		default:
			if (optopt)
				snprintf(err, errlen, "unknown option '-%c'", optopt);
			else
				snprintf(err, errlen, "unknown option '%s'", argv[optind - 1]);
			return -1;
		}
	}
	if (opt->help || opt->version)
		return 0;
	if (optind == argc) {
		snprintf(err, errlen, "no document given");
		return -1;
	}
	if (argc - optind > 1) {
		snprintf(err, errlen, "one document at a time: '%s' and '%s' given", argv[optind],
			 argv[optind + 1]);
		return -1;
	}
	opt->input = argv[optind];
	return 0;
}
