#include "report/report_formats.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "report/report_json.h"

static const char *const names[] = {
	[REPORT_JSON] = "json",	    [REPORT_TEXT] = "text",   [REPORT_MARKDOWN] = "markdown",
	[REPORT_GITHUB] = "github", [REPORT_SARIF] = "sarif", [REPORT_JUNIT] = "junit",
};

bool report_format_parse(const char *name, enum report_format *f)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i])) {
			*f = (enum report_format)i;
			return true;
		}
	return false;
}

const char *report_format_name(enum report_format f)
{
	return names[f];
}

bool report_format_of_path(const char *path, enum report_format *f)
{
	static const struct {
		const char *ext;
		enum report_format f;
	} exts[] = {{".json", REPORT_JSON},	{".txt", REPORT_TEXT},	 {".md", REPORT_MARKDOWN},
		    {".markdown", REPORT_MARKDOWN}, {".sarif", REPORT_SARIF}, {".xml", REPORT_JUNIT}};
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
		if (!strcasecmp(dot, exts[i].ext)) {
			*f = exts[i].f;
			return true;
		}
	return false;
}

static int json_writer(const struct report *r, FILE *out)
{
	return report_json_write(r->m, r->s, r->jobs, out);
}

report_writer *report_writer_of(enum report_format f)
{
	switch (f) {
	case REPORT_TEXT:
		return report_readable_write;
	case REPORT_MARKDOWN:
		return report_markdown_write;
	case REPORT_GITHUB:
		return report_github_write;
	case REPORT_SARIF:
		return report_sarif_write;
	case REPORT_JUNIT:
		return report_junit_write;
	case REPORT_JSON:
		break;
	}
	return json_writer;
}

const char *report_relative_path(const char *path)
{
	static char cwd[PATH_MAX];
	static bool known;
	if (!known) {
		known = true;
		if (!getcwd(cwd, sizeof cwd))
			cwd[0] = '\0';
	}
	size_t n = strlen(cwd);
	if (path[0] == '/' && n > 1 && !strncmp(path, cwd, n) && path[n] == '/')
		return path + n + 1;
	if (!strncmp(path, "./", 2))
		return path + 2;
	return path;
}

static bool starts(const unsigned char *head, size_t n, const char *s)
{
	size_t k = strlen(s);
	return n >= k && !memcmp(head, s, k);
}

/* The second line of a text report's document: a source, a document's
 * own finding (indented), or why it could not be read. */
static bool text_document_line(const unsigned char *head, size_t n)
{
	const unsigned char *nl = memchr(head, '\n', n);
	if (!nl)
		return false;
	size_t at = (size_t)(nl - head) + 1;
	static const char *const second[] = {"line ", "footnote ", "endnote ", "paragraph ", "item ", "    ",
					     "  could not be read: "};
	for (size_t i = 0; i < sizeof second / sizeof second[0]; i++)
		if (starts(head + at, n - at, second[i]))
			return true;
	return false;
}

bool report_written_by_citecheck(const unsigned char *head, size_t n)
{
	size_t i = 0;
	while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
		i++;
	if (i < n && head[i] == '{') { /* JSON: {"citecheck": {…}, … first */
		for (i++; i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'); i++)
			;
		return starts(head + i, n - i, "\"citecheck\"");
	}
	return starts(head, n, "## citecheck\n\n| documents | links |") || starts(head, n, "=== new since ") ||
	       starts(head, n, "nothing to fix\n\ncitecheck: ") || (starts(head, n, "== ") && text_document_line(head, n));
}
