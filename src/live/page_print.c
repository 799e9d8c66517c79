#include "live/page_print.h"

#include <string.h>

#include "util/text_print.h"
#include "util/util.h"

bool body_is_html(const char *ctype, const char *body, size_t len)
{
	if (ctype)
		return strstr(ctype, "html") != NULL;
	size_t i = 0;
	while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
		i++;
	return i < len && body[i] == '<';
}

enum page_type page_type_of(const char *ctype, const char *body, size_t len)
{
	if (ctype)
		return strstr(ctype, "html") || strstr(ctype, "text/") || strstr(ctype, "xml") ? PAGE_TEXT
											       : PAGE_BINARY;
	/* no Content-Type: sniff the start, as a browser would */
	if (body_is_html(NULL, body, len))
		return PAGE_TEXT;
	return memchr(body, '\0', len < 512 ? len : 512) ? PAGE_BINARY : PAGE_TEXT;
}

signed char page_title_in(const struct words *w, const char *title)
{
	if (!title)
		return -1;
	struct words t;
	words_split(title, &t);
	signed char found = t.n ? words_contain(w, &t) : -1;
	words_finish(&t);
	return found;
}

void page_print_text(struct page_print *p, const char *text, const char *title)
{
	struct words w;
	words_split(text ? text : "", &w);
	p->type = PAGE_TEXT;
	text_print_finish(&p->text);
	text_print_make(&w, &p->text);
	p->title_found = page_title_in(&w, title);
	words_finish(&w);
}

void page_print_binary(struct page_print *p, const char *body, size_t len)
{
	p->type = PAGE_BINARY;
	p->digest = fnv1a64(body ? body : "", len);
	p->bytes = len;
	p->title_found = -1;
}
