/* unicode.h — the little of Unicode citecheck needs: UTF-8 decoded and
 * encoded one code point at a time, and letters, digits and lower case
 * from glibc's C.UTF-8 locale (through a locale object: the process locale
 * is left alone; without it only ASCII is known). */
#ifndef CITECHECK_UNICODE_H
#define CITECHECK_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* The code point at s (NUL-terminated, or at least 4 readable bytes); *len
 * gets its bytes (1 for an invalid byte, which decodes as U+FFFD). */
uint32_t utf8_decode(const unsigned char *s, size_t *len);
void utf8_encode(struct buf *b, uint32_t c);

/* A letter or digit (U+FFFD is neither). */
bool unicode_alnum(uint32_t c);
uint32_t unicode_lower(uint32_t c);
/* A combining mark (general category M): a vowel sign, a virama, an accent. */
bool unicode_mark(uint32_t c);
/* Connector punctuation (general category Pc): '_' and its kin. */
bool unicode_connector(uint32_t c);

#endif
