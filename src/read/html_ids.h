/* html_ids.h — the names a #fragment can point at in HTML: every id, and
 * the name of every <a>, as a browser's parser reads them (libxml2's HTML
 * parser: quoted or not, in broken markup too). */
#ifndef CITECHECK_HTML_IDS_H
#define CITECHECK_HTML_IDS_H

#include <stddef.h>

/* Calls fn(name, arg) for each id and <a name> of body[0, len), in
 * document order, until fn returns false. */
void html_ids(const char *body, size_t len, int (*fn)(const char *name, void *arg), void *arg);

#endif
