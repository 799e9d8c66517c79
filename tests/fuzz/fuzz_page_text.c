/* A fetched page as the drift check reads it: title, first heading and the
 * main text, through libxml2's HTML parser. */
#include <stdint.h>

#include "page_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct page_heads ph;
	page_heads_read((const char *)data, size, true, &ph);
	page_heads_finish(&ph);
	return 0;
}
