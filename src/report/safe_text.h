/* safe_text.h — text from documents and servers written where a person reads
 * it (a terminal, a text report): control characters are shown, never sent.
 * A footnote label holding ESC c would otherwise reset the reader's terminal,
 * and a line break in a message would forge a finding of its own. */
#ifndef CITECHECK_SAFE_TEXT_H
#define CITECHECK_SAFE_TEXT_H

#include <stdarg.h>
#include <stdio.h>

/* Writes s with C0 controls, DEL and C1 controls (U+0080–U+009F) written as
 * \xHH or \u00HH; everything else, UTF-8 included, as it is. */
void fput_safe(const char *s, FILE *out);

/* printf whose whole result goes through fput_safe. */
void fprintf_safe(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
