/* citecheck-pdf-reader: reads a PDF for citecheck in a process of its own
 * (pdf_isolate.h). citecheck runs it; a user has no reason to. */
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "read/pdf_isolate.h"

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], PDF_VERSION_ARG)) {
		printf("%s\n", poppler_get_version());
		return 0;
	}
	if (!pdf_child_asked(argc, argv)) {
		fprintf(stderr, "%s: reads a PDF for citecheck, which runs it; it is not a command of its own\n",
			PDF_READER_NAME);
		return 2;
	}
	return pdf_child_main();
}
