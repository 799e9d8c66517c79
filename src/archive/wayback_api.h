/* wayback_api.h — the Wayback Machine's formats, and nothing else: the
 * addresses of its replay, CDX and Save Page Now endpoints under a base
 * address, the timestamp in a replay redirect, the answer of the CDX API
 * (JSON, header row first) and of Save Page Now 2, and the choice of the
 * capture closest to a time. No I/O: check_archive.c does the asking.
 *
 * Timestamps are the archive's 14 digits, YYYYMMDDhhmmss, UTC. */
#ifndef CITECHECK_WAYBACK_API_H
#define CITECHECK_WAYBACK_API_H

#include <stdbool.h>
#include <stddef.h>

#define WAYBACK_DEFAULT_BASE "https://web.archive.org"

/* <base>/web/<ts>id_/<original>: the capture closest to ts, raw ("id_": as
 * the site sent it, no archive toolbar or rewritten links). */
char *wayback_replay_url(const char *base, const char *ts, const char *original);
/* <base>/web/<ts>/<original>: the address to cite. */
char *wayback_snapshot_url(const char *base, const char *ts, const char *original);
/* base followed by url's path from "/web/" on: a redirect within the
 * archive, followed at the configured address. NULL when url has no "/web/". */
char *wayback_rebase(const char *base, const char *url);
/* <base>/save and <base>/save/status/<job>: Save Page Now 2. */
char *wayback_save_url(const char *base);
char *wayback_save_status_url(const char *base, const char *job);
/* The CDX query for the captures that are no redirect and no error (200s,
 * and deduplicated revisits, whose status is "-") at or before ts (before)
 * or at or after it: within a year of ts, or all of them (wide). No limit:
 * the index's limit=-1 does not promise the latest row, so the window bounds
 * the answer instead, and collapsing keeps one row an hour. NULL if curl
 * rejects the base. */
char *wayback_cdx_url(const char *base, const char *original, const char *ts, bool before, bool wide);

/* The 14-digit timestamp of a replay address (absolute or "/web/…"),
 * into ts. False when url is not one. */
bool wayback_replay_timestamp(const char *url, char ts[static 15]);

/* "Fri, 24 Nov 2017 15:13:15 GMT" (Memento-Datetime) → "20171124151315". */
bool wayback_http_date(const char *s, char ts[static 15]);

/* 14 digits from a date and time; what the archive pads partial ones to. */
void wayback_timestamp(int year, int month, int day, char ts[static 15]);
/* Now, in UTC. */
void wayback_timestamp_now(char ts[static 15]);

/* Days from a to b (both 14 digits): negative when b is earlier. */
double wayback_days_between(const char *a, const char *b);

/* Reads a CDX JSON answer: an array whose first row names the fields,
 * then one row per capture. Puts the timestamp of the capture closest to
 * want into ts (the last before it if any, else the first after), or "" when
 * there are no rows. Returns 0, or -1 when the answer is not that shape. */
int wayback_cdx_closest(const char *json, size_t len, const char *want, char ts[static 15]);

/* How long the archive says it blocks this address, from the body of its
 * own 429 (which has no Retry-After; Save Page Now's page says "… from your
 * IP number for 5 minutes"): seconds, or 0 when the body does not say. */
double wayback_block_seconds(const char *body, size_t len);

/* What Save Page Now 2 answered to a request or a status query. */
struct spn_answer {
	char *job_id;    /* NULL when none */
	char *status;    /* "pending", "success", "error", or NULL */
	char *message;   /* status_ext or message, when given */
	char timestamp[15];
};
/* Returns 0, or -1 when the answer is not a JSON object. */
int wayback_spn_parse(const char *json, size_t len, struct spn_answer *out);
void spn_answer_finish(struct spn_answer *a);

#endif
