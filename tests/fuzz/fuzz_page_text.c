/* A fetched page as the drift check reads it: title, first heading and the
 * main text, through libxml2's HTML parser, and its titles as the
 * title-mismatch check compares them; and, when the bytes are a PDF,
 * DOCX or ODT, the document's text (document_text.c), which drift compares
 * instead of the bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "read/document_text.h"
#include "identity/page_identity.h"
#include "live/page_text.h"
#include "read/pdf_isolate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pdf_read_in_process = pdf_read_here; /* a child's coverage would not reach the fuzzer */
	struct page_heads ph;
	page_heads_read((const char *)data, size, true, &ph);
	char *titles = page_heads_titles(&ph);
	/* what the page says it is, against a citation's title */
	(void)page_titles_compare("Measuring link rot in policy papers | Web Citation Review", titles,
				  "https://www.example.co.uk/a", -1, false);
	free(titles);
	page_heads_finish(&ph);
	free(document_text((const char *)data, size));
	return 0;
}
