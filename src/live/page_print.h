/* page_print.h — what the live stage keeps of an alive page for the drift
 * comparison (compare/compare_drift.h): its main text's print, or for a
 * binary body its digest and size, and whether the cited title is in it. */
#ifndef CITECHECK_PAGE_PRINT_H
#define CITECHECK_PAGE_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/text_print.h"

/* What a fetched body is: HTML, XML and any text type are text; the rest binary. */
enum page_type page_type_of(const char *ctype, const char *body, size_t len);

/* HTML by Content-Type, or by a leading '<' when there is none. */
bool body_is_html(const char *ctype, const char *body, size_t len);

/* The print of a page from its (main) text, and whether title is in it
 * (title NULL: unknown). */
void page_print_text(struct page_print *p, const char *text, const char *title);
void page_print_binary(struct page_print *p, const char *body, size_t len);

/* Whether the words of title are in w, adjacent and in order: 1, 0, or -1
 * when title is NULL or has no words. */
signed char page_title_in(const struct words *w, const char *title);

#endif
