/* check.h — the smallest test harness that says where and what failed.
 * Each test program returns check_done(): 0 when every check held. */
#ifndef CITECHECK_TEST_CHECK_H
#define CITECHECK_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed, check_total;

#define CHECK(cond)                                                                      \
	do {                                                                             \
		check_total++;                                                           \
		if (!(cond)) {                                                           \
			check_failed++;                                                  \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                        \
	} while (0)

#define CHECK_STR(got, want)                                                                   \
	do {                                                                                   \
		const char *g_ = (got), *w_ = (want);                                          \
		check_total++;                                                                 \
		if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_) != 0)) {             \
			check_failed++;                                                        \
			fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
				#got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");                 \
		}                                                                              \
	} while (0)

#define CHECK_INT(got, want)                                                                  \
	do {                                                                                  \
		long long g_ = (long long)(got), w_ = (long long)(want);                      \
		check_total++;                                                                \
		if (g_ != w_) {                                                               \
			check_failed++;                                                       \
			fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
		}                                                                             \
	} while (0)

static inline int check_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, check_total, check_failed);
	return check_failed ? 1 : 0;
}

#endif
