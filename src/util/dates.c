#include "util/dates.h"

#include <stdio.h>
#include <string.h>

#include "util/util.h"

static const struct {
	const char *name;
	int month;
} months[] = {
	{"january", 1},   {"jan", 1},       {"february", 2},  {"feb", 2},      {"march", 3},
	{"mar", 3},       {"april", 4},     {"apr", 4},       {"may", 5},      {"june", 6},
	{"jun", 6},       {"july", 7},      {"jul", 7},       {"august", 8},   {"aug", 8},
	{"september", 9}, {"sept", 9},      {"sep", 9},       {"october", 10}, {"oct", 10},
	{"november", 11}, {"nov", 11},      {"december", 12}, {"dec", 12},
	/* French, as Programming Historian and many francophone reports write them */
	{"janvier", 1},   {"janv", 1},      {"février", 2},   {"fevrier", 2},  {"févr", 2},
	{"mars", 3},      {"avril", 4},     {"avr", 4},       {"mai", 5},      {"juin", 6},
	{"juillet", 7},   {"juil", 7},      {"août", 8},      {"aout", 8},     {"septembre", 9},
	{"octobre", 10},  {"novembre", 11}, {"décembre", 12}, {"decembre", 12},
	/* German */
	{"januar", 1},    {"jänner", 1},    {"jän", 1},       {"februar", 2},  {"märz", 3},
	{"mär", 3},       {"juni", 6},      {"juli", 7},      {"oktober", 10}, {"okt", 10},
	{"dezember", 12}, {"dez", 12},
	/* Spanish */
	{"enero", 1},     {"ene", 1},       {"febrero", 2},   {"marzo", 3},    {"abril", 4},
	{"mayo", 5},      {"junio", 6},     {"julio", 7},     {"agosto", 8},   {"ago", 8},
	{"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
	{"dic", 12},
	/* Portuguese (ABNT abbreviates all but "maio") */
	{"janeiro", 1},   {"fevereiro", 2}, {"fev", 2},       {"março", 3},    {"maio", 5},
	{"junho", 6},     {"julho", 7},     {"setembro", 9},  {"set", 9},      {"outubro", 10},
	{"out", 10},      {"novembro", 11}, {"dezembro", 12},
	/* Italian */
	{"gennaio", 1},   {"gen", 1},       {"febbraio", 2},  {"aprile", 4},   {"maggio", 5},
	{"mag", 5},       {"giugno", 6},    {"giu", 6},       {"luglio", 7},   {"lug", 7},
	{"settembre", 9}, {"ottobre", 10},  {"ott", 10},      {"dicembre", 12},
	/* Dutch */
	{"januari", 1},   {"februari", 2},  {"maart", 3},     {"mrt", 3},      {"mei", 5},
	{"augustus", 8},
};

static bool is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

int month_parse(const char *s, size_t n, size_t *len)
{
	size_t w = 0;
	while (w < n && is_word_byte((unsigned char)s[w]))
		w++;
	if (w < 3 || w > 12)
		return 0;
	char word[16];
	for (size_t i = 0; i < w; i++)
		word[i] = (char)ascii_lower((unsigned char)s[i]);
	word[w] = '\0';
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
		if (months[i].name[0] == word[0] && strcmp(word, months[i].name) == 0) {
			*len = w + (w < n && s[w] == '.');
			return months[i].month;
		}
	}
	return 0;
}

/* Blanks include the no-break spaces word processors put after "Dec." */
static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	for (;;) {
		if (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else if (i + 2 < n && memcmp(s + i, "\xE2\x80\xAF", 3) == 0)
			i += 3;
		else
			return i;
	}
}

/* Reads 1..maxd digits as a number; returns digits read (0 if none or too many). */
static size_t read_num(const char *s, size_t n, size_t i, size_t maxd, int *out)
{
	size_t d = 0;
	int v = 0;
	while (i + d < n && s[i + d] >= '0' && s[i + d] <= '9') {
		if (++d > maxd)
			return 0;
		v = v * 10 + (s[i + d - 1] - '0');
	}
	*out = v;
	return d;
}

static bool plausible_year(int y)
{
	return y >= 1000 && y <= 2999;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

bool date_valid(struct date d)
{
	if (!plausible_year(d.year) || d.month < 0 || d.month > 12 || d.day < 0)
		return false;
	if (d.day && (!d.month || d.day > days_in_month(d.year, d.month)))
		return false;
	return true;
}

/* "2023", "2023-12", "2023-12-21", "2023-9-13", "2023, Dec.", "2023, Dec. 21" */
static bool parse_year_first(const char *s, size_t n, size_t i, struct date *d, size_t *end)
{
	size_t k = read_num(s, n, i, 4, &d->year);
	if (k != 4)
		return false;
	i += k;
	*end = i;
	if (i + 1 < n && s[i] == '-') {
		int m, day;
		size_t km = read_num(s, n, i + 1, 2, &m);
		if (km && m >= 1 && m <= 12 && !(i + 1 + km < n && s[i + 1 + km] == '.')) {
			d->month = m;
			i += 1 + km;
			*end = i;
			size_t kd = i + 1 < n && s[i] == '-' ? read_num(s, n, i + 1, 2, &day) : 0;
			if (kd) {
				d->day = day;
				*end = i + 1 + kd;
			}
		}
		return true;
	}
	/* "2023, Dec. 21" (the seed), "2024 Feb 5" (Vancouver) */
	if (i < n && (s[i] == ',' || s[i] == ' ')) {
		size_t j = skip_blanks(s, n, i + 1), ml;
		int m = month_parse(s + j, n - j, &ml);
		if (m) {
			size_t k2 = skip_blanks(s, n, j + ml);
			int day;
			size_t kd = read_num(s, n, k2, 2, &day);
			/* after a space only a month that is clearly one: "2019 may
			 * have" is a year and a verb */
			if (s[i] == ',' || kd || j + ml >= n || strchr(";.,])", s[j + ml])) {
				d->month = m;
				*end = j + ml;
				if (kd && day >= 1) {
					d->day = day;
					*end = k2 + kd;
				}
			}
		}
	}
	return true;
}

/* What may follow a day's number: "1er mars", "1º de março", "5th May". */
static size_t ordinal_suffix(const char *s, size_t n, size_t j)
{
	static const char *const suffix[] = {"er", "st", "nd", "rd", "th", "\xC2\xBA", "\xC2\xB0"};
	for (size_t k = 0; k < sizeof suffix / sizeof suffix[0]; k++) {
		size_t l = strlen(suffix[k]);
		if (j + l <= n && memcmp(s + j, suffix[k], l) == 0 && !(j + l < n && is_word_byte((unsigned char)s[j + l]) &&
									 (unsigned char)s[j + l] < 0x80))
			return j + l;
	}
	return j;
}

/* The words some languages put between a date's parts: Spanish and
 * Portuguese "5 de febrero de 2024", Vietnamese "5 tháng 2 năm 2024". */
static size_t skip_word(const char *s, size_t n, size_t j, const char *w)
{
	size_t l = strlen(w);
	if (j + l < n && ascii_ieq_prefix(s + j, n - j, w) && (s[j + l] == ' ' || s[j + l] == '\t'))
		return skip_blanks(s, n, j + l);
	return j;
}

/* "Feb. 5, 2024", "Feb 14 2024", "April 2022", "Nov. 2022" */
static bool parse_month_first(const char *s, size_t n, size_t i, struct date *d, size_t *end)
{
	size_t ml;
	int m = month_parse(s + i, n - i, &ml);
	if (!m)
		return false;
	size_t j = i + ml;
	if (j < n && s[j] == ',') /* "October, 2016" */
		j++;
	j = skip_blanks(s, n, j);
	int a;
	size_t k = read_num(s, n, j, 4, &a);
	if (k == 4) {
		*d = (struct date){a, m, 0};
		*end = j + 4;
		return true;
	}
	if (k == 0 || k > 2)
		return false;
	size_t y = ordinal_suffix(s, n, j + k);
	if (y < n && s[y] == ',')
		y++;
	y = skip_blanks(s, n, y);
	int year;
	if (read_num(s, n, y, 4, &year) != 4)
		return false;
	*d = (struct date){year, m, a};
	*end = y + 4;
	return true;
}

/* "5 tháng 2 năm 2024": the month by number, after "tháng" */
static int vietnamese_month(const char *s, size_t n, size_t j, size_t *end)
{
	size_t k = skip_word(s, n, j, "th\xC3\xA1ng");
	int m;
	size_t d = k > j ? read_num(s, n, k, 2, &m) : 0;
	if (!d || m < 1 || m > 12)
		return 0;
	*end = skip_word(s, n, skip_blanks(s, n, k + d), "n\xC4\x83m");
	return m;
}

/* "20 October 2025", "9 juin 2022", "1er mars 2020", "5. Februar 2024",
 * "5 de febrero de 2024", "5 fev. 2024", "5 tháng 2 năm 2024" */
static bool parse_day_first(const char *s, size_t n, size_t i, struct date *d, size_t *end)
{
	int day;
	size_t k = read_num(s, n, i, 2, &day);
	if (!k)
		return false;
	size_t j = ordinal_suffix(s, n, i + k);
	if (j == i + k && j < n && s[j] == '.')
		j++; /* German "5." */
	j = skip_word(s, n, skip_blanks(s, n, j), "de");
	size_t ml;
	int m = month_parse(s + j, n - j, &ml);
	if (m)
		j = skip_word(s, n, skip_blanks(s, n, j + ml), "de");
	else if (!(m = vietnamese_month(s, n, j, &j)))
		return false;
	j = skip_blanks(s, n, j);
	int year;
	if (read_num(s, n, j, 4, &year) != 4)
		return false;
	*d = (struct date){year, m, day};
	*end = j + 4;
	return true;
}

bool date_parse(const char *s, size_t n, struct date *out, size_t *len)
{
	size_t i = skip_blanks(s, n, 0), end = 0;
	struct date d = {0, 0, 0};
	bool ok = parse_year_first(s, n, i, &d, &end) || parse_month_first(s, n, i, &d, &end) ||
		  parse_day_first(s, n, i, &d, &end);
	/* a longer digit run is an identifier, not a year */
	if (!ok || (end < n && s[end] >= '0' && s[end] <= '9') || !date_valid(d))
		return false;
	*out = d;
	*len = end;
	return true;
}

bool date_parse_numeric(const char *s, size_t n, bool day_first, struct date *out, size_t *len)
{
	size_t i = skip_blanks(s, n, 0);
	int a, b, c;
	size_t ka = read_num(s, n, i, 4, &a);
	if (!ka || i + ka >= n || !strchr("./-", s[i + ka]))
		return false;
	char sep = s[i + ka];
	size_t j = i + ka + 1, kb = read_num(s, n, j, 2, &b);
	if (!kb || j + kb >= n || s[j + kb] != sep)
		return false;
	size_t k = j + kb + 1, kc = read_num(s, n, k, 4, &c);
	if (!kc || (k + kc < n && s[k + kc] >= '0' && s[k + kc] <= '9'))
		return false;
	struct date d;
	if (ka == 4 && kc <= 2)
		d = (struct date){a, b, c}; /* 2024/02/05 */
	else if (ka > 2 || kc != 4)
		return false;
	else if (day_first || a > 12)
		d = (struct date){c, b, a};
	else if (b > 12 || a == b)
		d = (struct date){c, a, b};
	else
		return false; /* 05/02/2024 in English: May or February, nobody can tell */
	if (!date_valid(d) || !d.month || !d.day)
		return false;
	*out = d;
	*len = k + kc;
	return true;
}

void date_format(struct date d, char buf[static 11])
{
	if (!d.year)
		buf[0] = '\0';
	else if (!d.month)
		snprintf(buf, 11, "%04d", d.year);
	else if (!d.day)
		snprintf(buf, 11, "%04d-%02d", d.year, d.month);
	else
		snprintf(buf, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
}

int date_compare(struct date a, struct date b)
{
	if (!a.year || !b.year)
		return 0;
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (!a.month || !b.month)
		return 0;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (!a.day || !b.day)
		return 0;
	return a.day < b.day ? -1 : a.day > b.day;
}

/* Days since 1970-01-01 (Howard Hinnant's civil-from-days inverse). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_days_between(struct date a, struct date b)
{
	return days_from_civil(b.year, b.month, b.day) - days_from_civil(a.year, a.month, a.day);
}
