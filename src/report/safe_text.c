#include "report/safe_text.h"

#include <stdlib.h>

#include "util/util.h"

void fput_safe(const char *s, FILE *out)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			fprintf(out, "\\u%04x", *++p);
		else
			putc(*p, out);
	}
}

void fprintf_safe(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	fput_safe(s, out);
	free(s);
}
