/* dates.h — the partial calendar dates citations carry ("2024", "April 2022",
 * "2023, Dec. 21"): parsing the shapes authors write, ISO 8601 output, and
 * comparison at the precision both dates share. */
#ifndef CITECHECK_DATES_H
#define CITECHECK_DATES_H

#include <stdbool.h>
#include <stddef.h>

struct date {
	int year;  /* 0: no date */
	int month; /* 0: year only */
	int day;   /* 0: year and month only */
};

static inline bool date_known(struct date d)
{
	return d.year != 0;
}

/* Month name or abbreviation (English, French, German, Spanish, Portuguese,
 * Italian or Dutch, any case, optional '.') at s;
 * returns 1..12 and sets *len to the bytes it used, or 0. */
int month_parse(const char *s, size_t n, size_t *len);

/* A date in one of the shapes: "2023, Dec. 21", "2023, Dec.", "2024", "April 2022",
 * "Feb. 5, 2024", "Feb 14 2024", "February 5th, 2024", "20 October 2025",
 * "9 juin 2022", "5. Februar 2024", "5 de febrero de 2024", "5 tháng 2 năm 2024",
 * "2024 Feb 5" (Vancouver), "2024-02-27",
 * "2023-12". Leading blanks are skipped. On success sets *out, *len (bytes used,
 * counted from s) and returns true. */
bool date_parse(const char *s, size_t n, struct date *out, size_t *len);

/* An all-numbers date: "30.01.2024", "5/2/2024", "2024/02/05". day_first:
 * the language writes the day first (most do); when false (English), only a
 * date whose order is certain ("13/02/2024", "2/13/2024") is read. Only where
 * a date is expected (after "accessed", …): elsewhere such numbers are
 * anything. */
bool date_parse_numeric(const char *s, size_t n, bool day_first, struct date *out, size_t *len);

/* ISO 8601 ("2023-12-21", "2023-12", "2023") into buf of at least 11 bytes. */
void date_format(struct date d, char buf[static 11]);

/* <0, 0, >0 comparing at the precision both have; 0 also when either is unknown. */
int date_compare(struct date a, struct date b);

/* Days between two full dates (b - a). */
long date_days_between(struct date a, struct date b);

bool date_valid(struct date d);

#endif
