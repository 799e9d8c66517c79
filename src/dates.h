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

/* Month name or abbreviation (English or French, any case, optional '.') at s;
 * returns 1..12 and sets *len to the bytes it used, or 0. */
int month_parse(const char *s, size_t n, size_t *len);

/* A date in one of the shapes: "2023, Dec. 21", "2023, Dec.", "2024", "April 2022",
 * "Feb. 5, 2024", "Feb 14 2024", "20 October 2025", "9 juin 2022", "2024-02-27",
 * "2023-12". Leading blanks are skipped. On success sets *out, *len (bytes used,
 * counted from s) and returns true. */
bool date_parse(const char *s, size_t n, struct date *out, size_t *len);

/* ISO 8601 ("2023-12-21", "2023-12", "2023") into buf of at least 11 bytes. */
void date_format(struct date d, char buf[static 11]);

/* <0, 0, >0 comparing at the precision both have; 0 also when either is unknown. */
int date_compare(struct date a, struct date b);

/* Days between two full dates (b - a). */
long date_days_between(struct date a, struct date b);

bool date_valid(struct date d);

#endif
