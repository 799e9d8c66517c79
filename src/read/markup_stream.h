/* markup_stream.h — XML and HTML read as a stream of events with libxml2's
 * pull parsers reading from the source, so memory follows the element being
 * read, not the file.
 *
 * XML is parsed without network access, without loading any DTD, and a
 * document that declares entities is refused outright: no external entity
 * is fetched and no billion laughs is expanded. HTML goes through libxml2's
 * forgiving HTML parser, which knows no entities but the built-in ones. */
#ifndef CITECHECK_MARKUP_STREAM_H
#define CITECHECK_MARKUP_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/util.h"

/* An attribute: uri is its namespace (NULL in HTML and for plain names). */
struct markup_attr {
	const char *uri, *name, *value;
};

struct markup_events {
	/* uri: the element's namespace; NULL in HTML. name: its local name
	 * (HTML: lower case). line and col: where its '<' is (col in
	 * characters, 0 when not known). */
	void (*start)(void *u, const char *uri, const char *name, const struct markup_attr *attrs,
		      size_t nattrs, unsigned line, unsigned col);
	void (*end)(void *u, const char *uri, const char *name);
	/* line and col: where its first word is (col 0: not known) */
	void (*text)(void *u, const char *s, size_t n, unsigned line, unsigned col);
	/* a comment's text (HTML and XML alike); NULL: comments are not wanted */
	void (*comment)(void *u, const char *s, unsigned line);
};

/* The value of the attribute named name in namespace uri (any namespace when
 * uri is NULL), or NULL. */
const char *markup_attr(const struct markup_attr *attrs, size_t n, const char *uri, const char *name);

/* Where the bytes come from (the source keeps its own message on error). */
typedef byte_source markup_read_fn;

/* Bytes held in memory, as a source. */
struct mem_source {
	const char *p;
	size_t n, pos;
};
ssize_t mem_source_read(void *src, void *buf, size_t n);

/* Parses everything read from src. Returns 0, or -1 with a one-line reason
 * naming what (a part's name, for messages) in err. */
int markup_parse(bool html, const char *what, markup_read_fn read, void *src,
		 const struct markup_events *ev, void *u, char *err, size_t errlen);

#endif
