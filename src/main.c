/* citecheck — verify the citations of a report. main only parses the
 * command line and hands over to run(). */
#include <curl/curl.h>
#include <stdio.h>

#include "cli.h"
#include "run.h"

#ifndef CITECHECK_VERSION
#define CITECHECK_VERSION "0.0.0"
#endif

int main(int argc, char **argv)
{
	struct options opt;
	char err[256];
	if (cli_parse(argc, argv, &opt, err, sizeof err) < 0) {
		fprintf(stderr, "citecheck: %s\nTry 'citecheck --help'.\n", err);
		return EXIT_TROUBLE;
	}
	if (opt.help) {
		cli_usage(stdout);
		return EXIT_CLEAN;
	}
	if (opt.version) {
		printf("citecheck %s\n", CITECHECK_VERSION);
		return EXIT_CLEAN;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fputs("citecheck: libcurl could not start\n", stderr);
		return EXIT_TROUBLE;
	}
	int rc = run(&opt);
	curl_global_cleanup();
	return rc;
}
