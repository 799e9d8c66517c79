/* problem.h — every finding citecheck can make, from the text or the web, with a
 * stable code and a fixed severity. One table (problem.c) says both, so the
 * README, the man page and the JSON never disagree about what a code means. */
#ifndef CITECHECK_PROBLEM_H
#define CITECHECK_PROBLEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR };

enum problem_code {
	PROB_URL_SPACE,
	PROB_URL_ILLEGAL_CHAR,
	PROB_URL_BAD_PERCENT,
	PROB_URL_MALFORMED,
	PROB_LINK_EMPTY,
	PROB_LINK_RELATIVE,
	PROB_ARCHIVE_SAVE,
	PROB_ARCHIVE_UNPINNED,
	PROB_URL_DATE_MISMATCH,
	PROB_ACCESSED_BEFORE_PUBLISHED,
	PROB_URL_NEAR_DUPLICATE,
	PROB_MOVED,
	PROB_FRAGMENT_MISSING,
	PROB_INSECURE,
	PROB_DEAD_ARCHIVED,
	PROB_DEAD_UNARCHIVED,
	PROB_SNAPSHOT_MISSING,
	PROB_SNAPSHOT_DIFFERS,
	PROB_CONTENT_CHANGED,
	PROB_ARCHIVE_INCOMPLETE,
	PROB_FOOTNOTE_UNDEFINED,
	PROB_FOOTNOTES_MISSING,
	PROB_FOOTNOTE_UNCITED,
	PROB_FOOTNOTE_DUPLICATE,
	PROB_FOOTNOTE_GAP,
	PROB_FOOTNOTE_ORDER,
	PROB_INVALID_UTF8,
	PROB_LINE_TOO_LONG,
	PROB_TOO_MANY_LINKS,
	PROB_URL_FROM_ANNOTATION,
	PROB_EMPTY_DOCUMENT,
	PROB_NO_REFERENCES,
	PROB_URL_WRAP_UNSURE,
	PROB_SNAPSHOT_CITED,
	PROB_DOI_NOT_FOUND,
	PROB_DOI_MISMATCH,
	PROB_URL_WRAP_SETTLED,
	PROB_TITLE_MISMATCH,
	PROB_WORK_NOT_FOUND,
	PROB_WORK_FOUND,
	PROB__COUNT
};

struct problem {
	enum problem_code code;
	unsigned line, column; /* 1-based; 0 when the problem has no single place */
	char *message;         /* owned */
	char *suggestion;      /* owned; NULL when there is no fix to propose */
	unsigned char mark;    /* enum baseline_mark (model.h), against --baseline */
	/* url-near-duplicate: the other URL's target key, for the web's answer
	 * to judge the pair by (live/live_findings.h); url-wrap-unsure: the
	 * joined reading's (check/check_wraps.h); owned, or NULL */
	char *other;
};

/* Frees what p owns. */
void problem_free(struct problem *p);

/* A list may cap how many findings of one code it keeps: 10^6 footnote
 * definitions never cited would otherwise be 10^6 findings held and written.
 * The ones past the cap are counted, not kept. */
#define PROBLEMS_PER_CODE_MAX 1000

struct problem_caps {
	size_t kept[PROB__COUNT];
	size_t omitted[PROB__COUNT];
};

/* A list's findings, with what it knows of them, in one block. */
struct problem_block {
	uint32_t n, cap;
	/* NULL: not capped (a link's or reference's few); capped (a
	 * document's or the run's list): the counts, made at the first
	 * finding, or a shared empty stand-in before it (problems_cap) */
	struct problem_caps *caps;
	struct problem v[];
};

/* Every reference and link has one, nearly all empty: one pointer, NULL
 * while it is empty and not capped (a docs tree of 270,000 links holds
 * 9 MB less than with the block's fields here). Read it through
 * problems_len and problems_at. */
struct problem_list {
	struct problem_block *b;
};

/* How many findings the list holds. */
static inline size_t problems_len(const struct problem_list *l)
{
	return l->b ? l->b->n : 0;
}

/* Its findings, problems_len of them (NULL when there are none). */
static inline struct problem *problems_at(const struct problem_list *l)
{
	return l->b && l->b->n ? l->b->v : NULL;
}

const char *problem_code_name(enum problem_code code);
/* What a finding of this code is, in one sentence. */
const char *problem_about(enum problem_code code);
enum severity problem_severity(enum problem_code code);
const char *severity_name(enum severity sev);

/* Append a problem; takes ownership of message and suggestion. */
void problems_add(struct problem_list *l, enum problem_code code, unsigned line, unsigned column,
		  char *message, char *suggestion);
/* A blank finding appended as it is (no cap counted), for a reader of
 * saved findings to fill; NULL when the list can hold no more. */
struct problem *problems_push(struct problem_list *l);
/* Removes and frees finding i: a later stage settled it. */
void problems_remove(struct problem_list *l, size_t i);
/* Keeps the first n findings (their successors moved or freed by the
 * caller): for a filter that compacts the list in place. */
void problems_truncate(struct problem_list *l, size_t n);
/* The list's counts to fill (a reader of saved findings), made on first
 * use; the list becomes capped. NULL when no memory is left for them. */
struct problem_caps *problems_counts_make(struct problem_list *l);
/* Makes l cap its findings per code (PROBLEMS_PER_CODE_MAX). */
void problems_cap(struct problem_list *l);
/* Whether problems_cap was called on the list. */
bool problems_capped(const struct problem_list *l);
/* Its counts of kept and omitted findings; NULL while none were counted. */
const struct problem_caps *problems_counts(const struct problem_list *l);
void problems_finish(struct problem_list *l);
/* Drops the findings whose code is set in codes (--ignore), adding each to
 * ignored[code]: suppressed, never hidden silently. */
void problems_drop(struct problem_list *l, const unsigned char *codes, size_t *ignored);

#endif
