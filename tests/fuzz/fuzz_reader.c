/* One reader of a text-based format, chosen when built (FUZZ_FORMAT):
 * text, Markdown and reST, HTML, BibTeX, CSL-JSON. */
#include "fuzz_document.h"

#include <stdint.h>

#include "read/pdf_isolate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pdf_read_in_process = pdf_read_here; /* a child's coverage would not reach the fuzzer */
	fuzz_document(data, size, FUZZ_FORMAT);
	return 0;
}
