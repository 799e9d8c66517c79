/* A document's model as --cache keeps it (model/model_pack.h): the cache
 * file is anybody's, so any bytes are unpacked; what unpacks is packed
 * again, and that pack unpacks to the same bytes once more. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *any_name(const char *name)
{
	static const char *const names[] = {"markdown", "text", "html", "docx", "line", "paragraph", NULL};
	for (const char *const *n = names; *n; n++)
		if (!strcmp(name, *n))
			return *n;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model *m = model_create("doc.md");
	if (model_unpack(m, data, size, any_name) == 0) {
		size_t len;
		unsigned char *p = model_pack(m, &len);
		struct model *again = model_create("doc.md");
		if (model_unpack(again, p, len, any_name) != 0)
			abort(); /* a pack of ours that does not unpack */
		size_t len2;
		unsigned char *p2 = model_pack(again, &len2);
		if (len2 != len || memcmp(p, p2, len))
			abort(); /* the round trip changed the model */
		free(p2);
		free(p);
		model_destroy(again);
	}
	model_destroy(m);
	return 0;
}
