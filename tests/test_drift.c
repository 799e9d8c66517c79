/* The text prints behind the drift check: words with Unicode case folded and
 * accents kept, shingle similarity, and the text that disappeared. */
#include <stdlib.h>

#include "util/text_print.h"
#include "util/util.h"
#include "check.h"

static double similarity(const char *a, const char *b)
{
	struct words wa, wb;
	struct text_print pa, pb;
	words_split(a, &wa);
	words_split(b, &wb);
	text_print_make(&wa, &pa);
	text_print_make(&wb, &pb);
	double s = text_print_similarity(&pa, &pb);
	text_print_finish(&pa);
	text_print_finish(&pb);
	words_finish(&wa);
	words_finish(&wb);
	return s;
}

static bool contains(const char *text, const char *phrase)
{
	struct words w, p;
	words_split(text, &w);
	words_split(phrase, &p);
	bool found = words_contain(&w, &p);
	words_finish(&w);
	words_finish(&p);
	return found;
}

static char *lost(const char *old, const char *now)
{
	struct words wo, wn;
	struct text_print pn;
	words_split(old, &wo);
	words_split(now, &wn);
	text_print_make(&wn, &pn);
	char *out = text_print_lost(&wo, &pn, 200);
	text_print_finish(&pn);
	words_finish(&wo);
	words_finish(&wn);
	return out;
}

int main(void)
{
	struct words w;
	words_split("  Đảng Cộng sản Việt Nam, 2024! ", &w);
	CHECK_INT(w.n, 6);
	CHECK_STR(w.folded, "đảng cộng sản việt nam 2024 ");
	CHECK_INT(w.start[0], 2);
	CHECK_INT(w.end[0], 2 + strlen("Đảng"));
	words_finish(&w);

	/* case folds, diacritics stay: "Dang" is another word */
	CHECK(contains("Báo điện tử ĐẢNG CỘNG SẢN Việt Nam", "Đảng Cộng Sản"));
	CHECK(!contains("Báo điện tử ĐẢNG CỘNG SẢN Việt Nam", "Dang Cong San"));
	CHECK(contains("The Press-Freedom Report (2023)", "press freedom report"));
	CHECK(!contains("press freedom", ""));
	CHECK(!contains("press", "press freedom"));

	const char *ten = "one two three four five six seven eight nine ten";
	CHECK(similarity(ten, ten) == 1.0);
	CHECK(similarity(ten, "ONE, two; three four five six seven eight nine ten.") == 1.0);
	/* the last word differs: 6 shingles each, 5 shared, 7 in all */
	double s = similarity(ten, "one two three four five six seven eight nine eleven");
	CHECK(s > 5.0 / 7 - 1e-9 && s < 5.0 / 7 + 1e-9);
	CHECK(similarity(ten, "alpha beta gamma delta epsilon zeta eta theta iota kappa") == 0.0);
	CHECK(similarity("", "") == 1.0);
	CHECK(similarity("short text", "short text") == 1.0); /* fewer words than a shingle */
	CHECK(similarity("short text", "other text") == 0.0);

	/* a long page: the sketch keeps 256 of its 1996 shingles */
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	for (int i = 0; i < 2000; i++) {
		char word[32];
		snprintf(word, sizeof word, "w%d ", i);
		buf_append(&a, word, strlen(word));
		if (i >= 1000)
			snprintf(word, sizeof word, "v%d ", i);
		buf_append(&b, word, strlen(word));
	}
	words_split(a.data, &w);
	struct text_print p;
	text_print_make(&w, &p);
	CHECK_INT(p.n, PRINT_K);
	CHECK(p.partial);
	CHECK_INT(p.words, 2000);
	text_print_finish(&p);
	words_finish(&w);
	CHECK(similarity(a.data, a.data) == 1.0);
	/* half the words replaced: 996 of 1996 + 1000 - 996 ... shingles shared:
	 * the first 996 are whole in both; union 1996 + 1000 = 2996; J = 1/3 */
	s = similarity(a.data, b.data);
	CHECK(s > 0.25 && s < 0.42);
	buf_finish(&a);
	buf_finish(&b);

	/* what disappeared: the longest run of gone shingles, as written */
	char *gone = lost("a b c d e f g h", "a b c d e");
	CHECK_STR(gone, "b c d e f g h");
	free(gone);
	/* shared words before and after the gone passage are left out */
	gone = lost("one two three four five six. Then, the removed sentence about detentions ends. seven eight nine ten eleven",
		    "one two three four five six. Something else. seven eight nine ten eleven");
	CHECK_STR(gone, "Then, the removed sentence about detentions ends");
	free(gone);
	gone = lost("a b c d e f g h i j k l m", "a b c d e f x h i j k l m");
	CHECK_STR(gone, "g"); /* one word changed in the middle */
	free(gone);
	gone = lost("alpha beta gamma delta epsilon zeta eta theta", "nothing in common");
	CHECK_STR(gone, "alpha beta gamma delta epsilon zeta eta theta");
	free(gone);
	gone = lost("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda", "x");
	CHECK(gone && strlen(gone) <= 200);
	free(gone);
	CHECK(lost("same words in both texts here", "same words in both texts here") == NULL);
	return check_done("drift");
}
