#include "read/md_tree.h"

#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <string.h>

/* cmark-gfm keeps its extensions in a registry filled once per process. */
static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

cmark_node *md_parse(const char *text, size_t len)
{
	pthread_once(&registered, register_extensions);
	cmark_parser *p = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES);
	if (!p)
		return NULL;
	/* what github.com renders with (tagfilter changes nothing citecheck reads) */
	static const char *const extensions[] = {"table", "autolink", "strikethrough", "tasklist"};
	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text ? text : "", len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

char *md_heading_text(cmark_node *heading)
{
	struct buf b;
	buf_init(&b);
	cmark_iter *it = cmark_iter_new(heading);
	cmark_event_type ev;
	int images = 0; /* an image's alt text is no text of the page */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_IMAGE) {
			images += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER || images)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *s = cmark_node_get_literal(n);
			if (s)
				buf_append(&b, s, strlen(s));
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			buf_putc(&b, ' ');
		}
	}
	cmark_iter_free(it);
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

void md_raw_html(cmark_node *doc, struct buf *out, size_t cap)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE))
			continue;
		const char *s = cmark_node_get_literal(n);
		size_t len = s ? strlen(s) : 0;
		if (out->len + len + 1 > cap)
			break;
		buf_append(out, s ? s : "", len);
		buf_putc(out, '\n');
	}
	cmark_iter_free(it);
}
