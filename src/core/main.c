/* citecheck — verify the citations of a report. main only parses the
 * command line and hands over to run(). */
#include <archive.h>
#include <curl/curl.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <zlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/config.h"
#include "core/run.h"
#include "read/pdf_isolate.h"
#include "util/util.h"

#ifndef CITECHECK_VERSION
#define CITECHECK_VERSION "0.0.0"
#endif

/* The config file's options first, then the command line's: the later
 * one wins. An error in a value the file gave names its file and line. */
static int parse_all(int argc, char **argv, struct config_args *cfg, char ***merged, struct options *opt)
{
	char err[512];
	if (config_read(argc, argv, cfg, err, sizeof err) < 0) {
		fprintf(stderr, "citecheck: %s\n", err);
		return -1;
	}
	*merged = xmalloc(((size_t)argc + cfg->argc + 1) * sizeof **merged);
	(*merged)[0] = argv[0];
	for (size_t i = 0; i < cfg->argc; i++)
		(*merged)[1 + i] = cfg->argv[i];
	for (int i = 1; i < argc; i++)
		(*merged)[cfg->argc + (size_t)i] = argv[i];
	(*merged)[cfg->argc + (size_t)argc] = NULL;
	if (cli_parse(argc + (int)cfg->argc, *merged, opt, err, sizeof err) == 0) {
		opt->host_rules = &cfg->hosts;
		return 0;
	}
	for (size_t i = 0; i < cfg->argc; i++) {
		size_t n = strcspn(cfg->argv[i], "=");
		char *name = xstrndup(cfg->argv[i], n); /* "--timeout" */
		const char *hit = strstr(err, name);
		free(name);
		if (hit && !isalnum_ascii((unsigned char)hit[n]) && hit[n] != '-') {
			fprintf(stderr, "citecheck: %s:%u: %s\n", cfg->path, cfg->line[i], err);
			return -1;
		}
	}
	fprintf(stderr, "citecheck: %s\nTry 'citecheck --help'.\n", err);
	return -1;
}

int main(int argc, char **argv)
{
	struct options opt;
	struct config_args cfg;
	char **merged = NULL;
	if (parse_all(argc, argv, &cfg, &merged, &opt) < 0) {
		config_args_finish(&cfg);
		free(merged);
		return EXIT_TROUBLE;
	}
	if (opt.help) {
		cli_usage(stdout);
		config_args_finish(&cfg);
		free(merged);
		return EXIT_CLEAN;
	}
	if (opt.version) {
		/* the libraries as loaded now, which may be newer than built
		 * against; libxml2 says 20914 for 2.9.14; poppler as the PDF
		 * reader loads it, or why it cannot (an install without it) */
		long x = strtol(xmlParserVersion, NULL, 10);
		char poppler[4200];
		bool reader = pdf_reader_version(poppler, sizeof poppler) == 0;
		printf("citecheck %s\n%s, jansson %s, %s, libxml2 %ld.%ld.%ld, SQLite %s, poppler %s%s%s, zlib %s\n",
		       CITECHECK_VERSION, curl_version(), jansson_version_str(), archive_version_details(), x / 10000,
		       x / 100 % 100, x % 100, sqlite3_libversion(), reader ? "" : "(", poppler, reader ? "" : ")",
		       zlibVersion());
		config_args_finish(&cfg);
		free(merged);
		return EXIT_CLEAN;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fputs("citecheck: libcurl could not start\n", stderr);
		config_args_finish(&cfg);
		free(merged);
		return EXIT_TROUBLE;
	}
	int rc = run(&opt);
	curl_global_cleanup();
	config_args_finish(&cfg); /* opt points into merged and cfg until here */
	free(merged);
	return rc;
}
