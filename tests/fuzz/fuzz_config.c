/* The config file: a repository's .citecheck.yml is written by whoever
 * opens a pull request, so its reader meets hostile YAML (libyaml's
 * parser, then the keys, lists, hosts and ${NAME} expansion). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	struct config_args args = {0};
	args.path = strdup("fuzz.yml"); /* freed with the rest */
	char err[512];
	config_parse(&args, f, err, sizeof err);
	fclose(f);
	config_args_finish(&args);
	return 0;
}
