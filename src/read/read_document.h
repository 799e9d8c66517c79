/* read_document.h — the first stage: a document on disk (or stdin) into the
 * model. The format is told from the content; text and Markdown go through
 * the line reader, the others through a reader of their own, and all of
 * them into the one extractor. */
#ifndef CITECHECK_READ_DOCUMENT_H
#define CITECHECK_READ_DOCUMENT_H

#include <stddef.h>

#include "extract/classify_url.h"
#include "model/model.h"
#include "read/detect_format.h"

struct read_options {
	const struct classify_config *classify;
	enum doc_format format; /* FORMAT_AUTO: told from the content */
	const char *base_url;   /* for relative links in HTML; NULL when not given */
	bool check_chrome;      /* --check-chrome: an HTML page's navigation, footer and head are its text */
	const char *file;       /* where to read m->doc.path from (a download); NULL: that path */
};

/* What the readers share, made ready once before documents are read on
 * several threads (libxml2's globals, which it asks to be set up so). */
void read_document_init(void);

/* Reads m->doc.path into m. Safe on several threads at once once
 * read_document_init has run, each with its own model. Returns 0, or -1 with a one-line reason in err. */
int read_document(struct model *m, const struct read_options *o, char *err, size_t errlen);

#endif
