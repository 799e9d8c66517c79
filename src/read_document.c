#include "read_document.h"

#include <stdio.h>
#include <string.h>

#include "doc_reader.h"
#include "extract.h"
#include "util.h"

static const char *format_by_name(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return NULL;
	static const char *const md[] = {".md", ".markdown", ".mdown", ".mkd", ".mdx"};
	for (size_t i = 0; i < sizeof md / sizeof md[0]; i++)
		if (strcmp(dot, md[i]) == 0)
			return "markdown";
	if (strcmp(dot, ".rst") == 0)
		return "rst";
	return NULL;
}

static void reader_warnings(struct model *m, const struct doc_reader *r)
{
	if (r->invalid_utf8_lines)
		problems_add(&m->problems, PROB_INVALID_UTF8, r->first_invalid_line, 0,
			     xasprintf("%u line%s %s not valid UTF-8 (first: line %u); the bad bytes "
				       "read as U+FFFD. Is the file in another encoding?",
				       r->invalid_utf8_lines, r->invalid_utf8_lines == 1 ? "" : "s",
				       r->invalid_utf8_lines == 1 ? "is" : "are", r->first_invalid_line),
			     NULL);
	if (r->long_lines)
		problems_add(&m->problems, PROB_LINE_TOO_LONG, r->first_long_line, 0,
			     xasprintf("%u line%s longer than %u bytes (first: line %u); only the first "
				       "%u bytes of each were read",
				       r->long_lines, r->long_lines == 1 ? " is" : "s are", DOC_LINE_CAP,
				       r->first_long_line, DOC_LINE_CAP),
			     NULL);
	if (r->bytes == 0)
		problems_add(&m->problems, PROB_EMPTY_DOCUMENT, 0, 0, xstrdup("the document is empty"), NULL);
}

int read_document(struct model *m, const struct classify_config *cfg, char *err, size_t errlen)
{
	struct doc_reader r;
	if (doc_reader_open(&r, m->doc.path) < 0) {
		snprintf(err, errlen, "%s", r.error);
		return -1;
	}
	struct extractor *x = extractor_create(m, cfg);
	int rc;
	while ((rc = doc_reader_next(&r)) > 0)
		extractor_line(x, r.text, r.len, r.lineno);
	if (rc < 0) {
		snprintf(err, errlen, "%s", r.error);
	} else {
		extractor_finish(x);
		m->doc.bytes = r.bytes;
		m->doc.lines = r.lineno;
		const char *f = format_by_name(m->doc.path);
		m->doc.format = f ? f : extractor_saw_markdown(x) ? "markdown" : "text";
		reader_warnings(m, &r);
	}
	extractor_destroy(x);
	doc_reader_close(&r);
	return rc < 0 ? -1 : 0;
}
