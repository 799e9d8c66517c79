/* citecheck — verify the citations of a report. main only parses the
 * command line and hands over to run(). */
#include <archive.h>
#include <curl/curl.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

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
		/* the libraries as loaded now, which may be newer than built
		 * against; libxml2 says 20914 for 2.9.14 */
		long x = strtol(xmlParserVersion, NULL, 10);
		printf("citecheck %s\n%s, jansson %s, %s, libxml2 %ld.%ld.%ld, SQLite %s\n", CITECHECK_VERSION,
		       curl_version(), jansson_version_str(), archive_version_details(), x / 10000, x / 100 % 100, x % 100,
		       sqlite3_libversion());
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
