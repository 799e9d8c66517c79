/* The fixers' pieces on small inputs written by hand: the tag lexer (quotes
 * holding ">", comments and scripts passed over, unquoted values, character
 * references), the text fixer in reST and Markdown (what changes and what
 * stays), and the unified diff's hunks. */
#include <stdlib.h>

#include "fix/fix_diff.h"
#include "fix/fix_markup.h"
#include "fix/fix_text.h"
#include "check.h"

static char *attr_of(const char *s, const char *tag, const char *name, int nth)
{
	size_t pos = 0, n = strlen(s);
	struct tag t;
	while (tag_next(s, n, &pos, true, &t))
		if (!t.closing && tag_is(s, &t, tag) && nth-- == 0) {
			const struct tag_attr *a = tag_attr(s, &t, name);
			return a ? tag_attr_value(s, a) : NULL;
		}
	return NULL;
}

static void test_tags(void)
{
	const char *html = "<p title='a > b'><!-- <a href=\"x\"> --><script>var s = '<a href=\"y\">';</script>"
			   "<A HREF=http://e.org/?a=1&amp;b=2>one</A><a class=\"k\" href=\"http://e.org/&#233;t&#xE9;\">two</a>";
	char *v = attr_of(html, "a", "href", 0);
	CHECK_STR(v, "http://e.org/?a=1&b=2"); /* the comment's and the script's links are no tags */
	free(v);
	v = attr_of(html, "a", "href", 1);
	CHECK_STR(v, "http://e.org/\xC3\xA9t\xC3\xA9");
	free(v);
	v = attr_of(html, "p", "title", 0);
	CHECK_STR(v, "a > b");
	free(v);
	CHECK(markup_in_text("<a b=\"c\">text", 10));
	CHECK(!markup_in_text("<a b=\"c\">text", 4));
	struct buf b;
	buf_init(&b);
	markup_escape(&b, "a&b\"c<d", '"');
	CHECK_STR(b.data, "a&amp;b&quot;c&lt;d");
	buf_finish(&b);
}

static struct fix one_fix(enum fix_kind kind, unsigned line, unsigned column, const char *before, const char *after)
{
	struct fix f = {.kind = kind, .line = line, .column = column};
	f.before = (char *)before;
	f.after = (char *)after;
	strcpy(f.day, "2023-05-18");
	return f;
}

static char *fixed(const char *src, struct fix *fixes, size_t n, const char *tmpl)
{
	struct document d = {.fixes = fixes, .nfixes = n};
	struct buf out;
	buf_init(&out);
	fix_text(src, strlen(src), &d, tmpl, &out);
	return buf_steal(&out);
}

static void test_text(void)
{
	/* reST: its own idiom for the link added; CR LF kept */
	struct fix f[2] = {one_fix(FIX_DEAD, 2, 5, "http://e.org/gone", "https://web.archive.org/web/20230518040448/http://e.org/gone"),
			   one_fix(FIX_PIN, 3, 1, "https://web.archive.org/web/2/http://e.org/x", "https://web.archive.org/web/20230518040448/http://e.org/x")};
	char *out = fixed("Title\r\nSee http://e.org/gone now.\r\nhttps://web.archive.org/web/2/http://e.org/x\r\n", f, 2,
			  fix_text_template("rst", NULL));
	CHECK_STR(out, "Title\r\nSee http://e.org/gone (`archived <https://web.archive.org/web/20230518040448/http://e.org/gone>`__ 2023-05-18) now.\r\n"
		       "https://web.archive.org/web/20230518040448/http://e.org/x\r\n");
	CHECK(f[0].applied && f[1].applied);
	free(out);
	/* a link definition has no room for a second link; a column that is not
	 * the link's finds nothing */
	struct fix g[2] = {one_fix(FIX_DEAD, 1, 6, "http://e.org/a", "S"), one_fix(FIX_MOVED, 2, 3, "http://e.org/b", "http://e.org/c")};
	out = fixed("[a]: http://e.org/a\nSee http://e.org/b.\n", g, 2, fix_text_template("markdown", NULL));
	CHECK_STR(out, "[a]: http://e.org/a\nSee http://e.org/b.\n");
	CHECK_STR(g[0].reason, "link-definition");
	CHECK_STR(g[1].reason, "not-found");
	free(out);
	/* columns count characters, not bytes; no newline at the end is kept so */
	struct fix h = one_fix(FIX_MOVED, 1, 4, "http://e.org/b", "http://e.org/c");
	out = fixed("\xC3\xA9\xC3\xA9 http://e.org/b", &h, 1, "");
	CHECK_STR(out, "\xC3\xA9\xC3\xA9 http://e.org/c");
	free(out);
}

static void test_diff(void)
{
	const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\nend";
	const char *b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\nEND";
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	CHECK_INT(fix_diff_write(f, "/docs/a.md", a, strlen(a), b, strlen(b)), 0);
	fclose(f);
	CHECK_STR(out, "--- a/docs/a.md\n+++ b/docs/a.md\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
		       "@@ -10,4 +10,4 @@\n 10\n 11\n 12\n-end\n\\ No newline at end of file\n+END\n\\ No newline at end of file\n");
	free(out);
}

int main(void)
{
	test_tags();
	test_text();
	test_diff();
	return check_done("fix");
}
