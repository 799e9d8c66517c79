/* pdf_furniture.h — a PDF's page furniture: running headers and footers,
 * which are neither body nor notes. A note above a footer would otherwise
 * go on through it, and a URL or date a footer repeats on every page would
 * be read as a reference on every page. */
#ifndef CITECHECK_PDF_FURNITURE_H
#define CITECHECK_PDF_FURNITURE_H

#include <stdbool.h>
#include <stddef.h>

#include "read/pdf_text.h"

/* Marks in gone[page][line] the lines at each page's highest and lowest
 * baseline that are furniture: a bare page number stands there ("19"
 * beside "4.5. The Developers Database"), or the same text (its page
 * number aside) stands at the same height on RUNNING_PAGES pages or more. */
#define RUNNING_PAGES 3
void pdf_drop_furniture(const struct pdf_page *pages, size_t npages, bool **gone);

#endif
