#include "util/dates.h"
#include "check.h"

static const char *iso(const char *text)
{
	static char buf[11];
	struct date d;
	size_t len;
	if (!date_parse(text, strlen(text), &d, &len))
		return NULL;
	date_format(d, buf);
	return buf;
}

int main(void)
{
	/* the shapes the seed report uses */
	CHECK_STR(iso("2023, Dec. 21"), "2023-12-21");
	CHECK_STR(iso("2023, July 28"), "2023-07-28");
	CHECK_STR(iso("2023, Sept. 13"), "2023-09-13");
	CHECK_STR(iso("2023, Jul. 13"), "2023-07-13");
	CHECK_STR(iso("April 2022"), "2022-04");
	CHECK_STR(iso("Nov. 2022"), "2022-11");
	CHECK_STR(iso("2023, Dec."), "2023-12");
	CHECK_STR(iso("2024"), "2024");
	CHECK_STR(iso("Feb. 5, 2024"), "2024-02-05");
	CHECK_STR(iso("Feb 14, 2024"), "2024-02-14");
	CHECK_STR(iso("Feb 14 2024"), "2024-02-14");
	/* other styles */
	CHECK_STR(iso("20 October 2025"), "2025-10-20");
	CHECK_STR(iso("9 juin 2022"), "2022-06-09");
	CHECK_STR(iso("28 août 1963"), "1963-08-28");
	CHECK_STR(iso("October, 2016"), "2016-10");
	CHECK_STR(iso("2024-02-27"), "2024-02-27");
	CHECK_STR(iso("2023-9-13"), "2023-09-13");
	CHECK_STR(iso("2022-04"), "2022-04");
	/* not dates */
	CHECK_STR(iso("20240229041839"), NULL);
	CHECK_STR(iso("2023, Feb. 30"), NULL);
	CHECK_STR(iso("Decree 72"), NULL);
	CHECK_STR(iso("CC BY-NC 4.0"), NULL);
	CHECK_STR(iso(""), NULL);

	size_t len;
	CHECK_INT(month_parse("Sept.", 5, &len), 9);
	CHECK_INT(len, 5);
	CHECK_INT(month_parse("décembre", 9, &len), 12);
	CHECK_INT(month_parse("Septic", 6, &len), 0);

	struct date a = {2024, 2, 14}, b = {2024, 10, 2}, y = {2024, 0, 0};
	CHECK(date_compare(a, b) < 0);
	CHECK(date_compare(b, a) > 0);
	CHECK_INT(date_compare(a, y), 0); /* same year: equal at the shared precision */
	CHECK_INT(date_days_between((struct date){2022, 2, 7}, (struct date){2022, 2, 17}), 10);
	CHECK_INT(date_days_between((struct date){2023, 12, 31}, (struct date){2024, 3, 1}), 61);
	return check_done("dates");
}
