#include <stdlib.h>

#include "extract/citation_meta.h"
#include "check.h"

static struct citation_meta m;
static char pub[11], acc[11];

static void parse(const char *s)
{
	free(m.authors);
	free(m.title);
	citation_parse(s, strlen(s), &m);
	date_format(m.published, pub);
	date_format(m.accessed, acc);
}

int main(void)
{
	parse("Bộ Công An (2023, Dec. 21). Bảo Đảm Vững Chắc An Ninh Quốc Gia. Retrieved Feb. 5, 2024, from <https://bocongan.gov.vn/x.html>");
	CHECK_STR(m.authors, "Bộ Công An");
	CHECK_STR(m.title, "Bảo Đảm Vững Chắc An Ninh Quốc Gia");
	CHECK_STR(pub, "2023-12-21");
	CHECK_STR(acc, "2024-02-05");

	/* title first, no author: the longer part is the title */
	parse("Fight against the wrong and distorted views of the enemy forces (2023, April 23). People's Army Newspaper. Retrieved Feb. 29, 2024, from <https://www.vietnam.vn/en/x/>");
	CHECK_STR(m.authors, NULL);
	CHECK_STR(m.title, "Fight against the wrong and distorted views of the enemy forces");
	CHECK_STR(pub, "2023-04-23");

	/* an organisation of many short words is still the author */
	parse("Truyền hình Quốc hội Việt Nam (2023, Dec. 21). Tăng cường sự lãnh đạo của Đảng trong bảo đảm an ninh kinh tế. Retrieved Feb. 27, 2024, from <https://x.vn/>");
	CHECK_STR(m.authors, "Truyền hình Quốc hội Việt Nam");

	/* abbreviations do not end the title; the access clause does */
	parse("Human Rights Committee (2011, Sept. 12). General Comment No. 34. UN Doc. CCPR/C/GC/34. para. 23. Retrieved Feb. 16, 2024, from <https://www2.ohchr.org/x.pdf>");
	CHECK_STR(m.title, "General Comment No. 34");
	parse("Article 4. Constitution of the Socialist Republic of Vietnam (2013). Retrieved Feb. 17, 2024, from <https://thuvienphapluat.vn/x.aspx>");
	CHECK_STR(m.authors, NULL);
	CHECK_STR(m.title, "Article 4. Constitution of the Socialist Republic of Vietnam");
	CHECK_STR(pub, "2013");
	CHECK_STR(acc, "2024-02-17");

	/* partial dates, initials, emphasis, "See" */
	parse("Socialist Republic of Vietnam (April 2022). Viet Nam's voluntary mid-term report. p.1. Retrieved Feb. 7, 2024, from [x](https://www.ohchr.org/x.pdf)");
	CHECK_STR(pub, "2022-04");
	parse("See Thayer, Carlyle A. (2008, Dec. 3). One Party Rule. Presentation.");
	CHECK_STR(m.authors, "Thayer, Carlyle A");
	CHECK_STR(m.title, "One Party Rule");
	parse("Nowak, Manfred (2005). *U.N. Covenant of Civil and Political Rights: CCPR Commentary*. (2nd ed.). Engel. p.445");
	CHECK_STR(m.title, "U.N. Covenant of Civil and Political Rights: CCPR Commentary");
	parse("Đảng Bộ Thành Phố Lai Châu (2023, Dec.) Báo Cáo Tổng Hợp kết quả. Retrieved Feb. 27, 2024, from");
	CHECK_STR(pub, "2023-12");
	parse("UK Office (2020, Sept. 30). Joint Declaration. Retrieved Feb. 14, 2024 from <https://www.gov.uk/x>");
	CHECK_STR(acc, "2024-02-14");

	/* other styles */
	parse("Kirvan, P. (2022). Multithreading. TechTarget. Available from: <https://www.techtarget.com/x> \\[Accessed 20 October 2025]");
	CHECK_STR(acc, "2025-10-20");
	CHECK_STR(pub, "2022");
	parse("Ted Underwood, «&nbsp;Identifying diction that characterizes an author&nbsp;», _The Stone and the Shell_, 9 novembre 2011, [https://tedunderwood.com/2011/11/09/x/](https://perma.cc/ABC)");
	CHECK_STR(m.authors, "Ted Underwood");
	CHECK_STR(m.title, "Identifying diction that characterizes an author");
	CHECK_STR(pub, "2011-11-09");
	parse("Scikit-Learn Developers, «&nbsp;TfidfVectorizer&nbsp;» (en anglais), consulté le 9 juin 2022, [https://scikit-learn.org/x](https://perma.cc/JUN8)");
	CHECK_STR(acc, "2022-06-09");
	CHECK_STR(pub, "");
	parse("Boneh, Dan, and Stuart Schechter. \"Balloon Hashing: A Memory-Hard Function,\" *Asiacrypt 2016*, October, 2016. Available at: <https://eprint.iacr.org/2016/027.pdf>");
	CHECK_STR(m.title, "Balloon Hashing: A Memory-Hard Function");
	CHECK_STR(pub, "2016-10");
	parse("GCC team, [Attribute Syntax](https://gcc.gnu.org/onlinedocs/gcc/Attribute-Syntax.html), GCC manual, 2024-01-17");
	CHECK_STR(m.authors, "GCC team");
	CHECK_STR(m.title, "Attribute Syntax");
	CHECK_STR(pub, "2024-01-17");

	/* prose quoting something is no title */
	parse("Official guidelines published in 2018 set new norms of conduct for communist party members, grouped into \"manifestations of degradation\" and more.");
	CHECK_STR(m.title, NULL);

	CHECK(citation_starts(" Bộ Công An (2023, Dec. 21). Bảo Đảm", 38));
	CHECK(citation_starts("See Minh, Quang (2023, Sept. 15). X", 35));
	CHECK(!citation_starts("Retrieved Feb. 27, 2024, from", 29));
	CHECK(!citation_starts("Project 88, March 1, 2024 (CC BY-NC 4.0)", 40));
	CHECK(!citation_starts("<https://x.org/a_(2023)>", 24));
	free(m.authors);
	free(m.title);
	return check_done("meta");
}
