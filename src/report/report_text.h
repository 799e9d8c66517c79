/* report_text.h — what a person reads on the terminal: one line per finding
 * in the compiler form "file:line:col: severity: message [code]", the
 * suggested fix under it, and a one-line summary. */
#ifndef CITECHECK_REPORT_TEXT_H
#define CITECHECK_REPORT_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/model.h"
#include "report/summary.h"

/* Per document: findings of warning severity or worse (verbose: all), dead
 * links (verbose: also blocked and unverified ones), by place; the run's own
 * findings; then the summary, with the documents that have most to fix. */
/* What the text formats share: "severity: message [code]" with the
 * suggestion under it after indent, and a severity's or verdict's word with
 * ':' after it, in its SGR colour when color (the words hold no control
 * byte; messages go through safe_text). */
void report_text_finding(FILE *out, const struct problem *p, const char *indent, bool color);
void report_text_word(FILE *out, const char *w, const char *colour, bool color);
const char *report_colour_severity(enum severity s);
const char *report_colour_verdict(enum live_verdict v);

/* The closing summary alone: counts, ranking, the blocked and unverified
 * links named, the archive, the baseline. */
void report_text_summary(const struct model *m, const struct summaries *s, bool verbose, FILE *out);
/* What --baseline's report had failing that this run has not: a line each
 * (the first 50), "  nothing" when nothing. */
void report_text_fixed(const struct baseline_diff *b, FILE *out);

/* color: the severity and verdict words in ANSI colours. */
void report_text_write(const struct model *m, const struct summaries *s, bool verbose, bool color, FILE *out);

#endif
