#include "read/zip_markup.h"

#include <stdio.h>
#include <stdlib.h>

int zip_markup_parse(struct zip_doc *z, const char *part, bool html, const struct markup_events *ev,
		     void *u, char *err, size_t errlen)
{
	int found = zip_part_open(z, part);
	if (found <= 0) {
		if (found < 0)
			snprintf(err, errlen, "%s", z->error);
		return found;
	}
	z->error[0] = '\0';
	int rc = markup_parse(html, part, zip_part_source, z, ev, u, err, errlen);
	if (rc < 0 && z->error[0])
		snprintf(err, errlen, "%s", z->error); /* the archive's reason comes first */
	zip_part_close(z);
	return rc < 0 ? -1 : 1;
}

int zip_markup_parse_small(struct zip_doc *z, const char *part, const struct markup_events *ev, void *u,
			   char *err, size_t errlen)
{
	char *data;
	size_t len;
	int found = zip_part_slurp(z, part, &data, &len);
	if (found <= 0) {
		if (found < 0)
			snprintf(err, errlen, "%s", z->error);
		return found;
	}
	struct mem_source m = {data, len, 0};
	int rc = markup_parse(false, part, mem_source_read, &m, ev, u, err, errlen);
	free(data);
	return rc < 0 ? -1 : 1;
}
