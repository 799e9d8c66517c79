#include "util/unicode.h"

#include <locale.h>
#include <wctype.h>

/* Unicode case and letter classes come from glibc's C.UTF-8 locale, used
 * through a locale object so the process locale is left alone. Without it
 * only ASCII is folded, and other code points count as letters. */
static locale_t utf8_locale(void)
{
	static locale_t loc;
	static bool tried;
	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

/* Decodes one code point at s; *len gets its bytes (1 for an invalid byte,
 * which decodes as U+FFFD). */
uint32_t utf8_decode(const unsigned char *s, size_t *len)
{
	size_t n = utf8_valid_seq(s, 4);
	if (n == 0) {
		*len = 1;
		return 0xFFFD;
	}
	*len = n;
	if (n == 1)
		return s[0];
	uint32_t c = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++)
		c = (c << 6) | (s[i] & 0x3F);
	return c;
}

void utf8_encode(struct buf *b, uint32_t c)
{
	char out[4];
	size_t n;
	if (c < 0x80) {
		out[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		out[0] = (char)(0xF0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	buf_append(b, out, n);
}

bool unicode_alnum(uint32_t c)
{
	locale_t loc = utf8_locale();
	if (c < 0x80)
		return isalnum_ascii((int)c);
	if (c == 0xFFFD)
		return false;
	return loc ? iswalnum_l((wint_t)c, loc) != 0 : true;
}

uint32_t unicode_lower(uint32_t c)
{
	locale_t loc = utf8_locale();
	if (c < 0x80)
		return (uint32_t)ascii_lower((int)c);
	return loc ? (uint32_t)towlower_l((wint_t)c, loc) : c;
}

