/* Prints the ranges of code points util/unicode.c calls combining marks,
 * "FIRST LAST" in hex, for tests/unicode.sh to hold against Python's
 * Unicode database. */
#include <stdio.h>

#include "util/unicode.h"

int main(void)
{
	long start = -1;
	for (long c = 0; c <= 0x110000; c++) {
		int mark = c < 0x110000 && unicode_mark((uint32_t)c);
		if (mark && start < 0)
			start = c;
		if (!mark && start >= 0) {
			printf("%04lX %04lX\n", start, c - 1);
			start = -1;
		}
	}
	return 0;
}
