#include "read/pdf_page.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

bool pdf_font_mono(const char *name)
{
	if (!name)
		return false;
	const char *plus = strchr(name, '+');
	char low[128];
	size_t n = 0;
	for (const char *c = plus ? plus + 1 : name; *c && n + 1 < sizeof low; c++)
		low[n++] = (char)ascii_lower((unsigned char)*c);
	low[n] = '\0';
	static const char *const marks[] = {"mono", "courier", "consol", "menlo", "inconsolata", "code",
					    "cmtt",  "lmtt",    "ectt",   "sftt",  "xtt",         "xbtt"};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strstr(low, marks[i]))
			return true;
	return false;
}

void pdf_page_finish(struct pdf_page *p)
{
	for (size_t i = 0; i < p->nlines; i++) {
		free(p->lines[i].text);
		free(p->lines[i].runs);
		free(p->lines[i].links);
	}
	free(p->lines);
	for (size_t i = 0; i < p->nuris; i++)
		free(p->uris[i]);
	free(p->uris);
	memset(p, 0, sizeof *p);
}

double pdf_line_size_at(const struct pdf_line *l, size_t at)
{
	for (size_t i = 0; i < l->nruns; i++)
		if (at >= l->runs[i].start && at < l->runs[i].end)
			return l->runs[i].size;
	return 0;
}

bool pdf_line_mono(const struct pdf_line *l)
{
	for (size_t i = 0; i < l->nruns; i++)
		if (!l->runs[i].mono && l->runs[i].end > l->runs[i].start)
			return false;
	return l->nruns > 0;
}
