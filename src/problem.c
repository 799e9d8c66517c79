#include "problem.h"

#include <stdlib.h>

#include "util.h"

static const struct {
	const char *name;
	enum severity severity;
} table[PROB__COUNT] = {
	[PROB_URL_SPACE] = {"url-space", SEV_ERROR},
	[PROB_URL_ILLEGAL_CHAR] = {"url-illegal-char", SEV_ERROR},
	[PROB_URL_BAD_PERCENT] = {"url-bad-percent", SEV_ERROR},
	[PROB_URL_MALFORMED] = {"url-malformed", SEV_ERROR},
	[PROB_LINK_EMPTY] = {"link-empty-target", SEV_ERROR},
	[PROB_LINK_RELATIVE] = {"link-relative", SEV_INFO},
	[PROB_ARCHIVE_SAVE] = {"archive-save-request", SEV_ERROR},
	[PROB_ARCHIVE_UNPINNED] = {"archive-unpinned", SEV_WARNING},
	[PROB_URL_DATE_MISMATCH] = {"url-date-mismatch", SEV_WARNING},
	[PROB_ACCESSED_BEFORE_PUBLISHED] = {"accessed-before-published", SEV_WARNING},
	[PROB_URL_NEAR_DUPLICATE] = {"url-near-duplicate", SEV_WARNING},
	[PROB_MOVED] = {"moved", SEV_WARNING},
	[PROB_FRAGMENT_MISSING] = {"fragment-missing", SEV_WARNING},
	[PROB_INSECURE] = {"insecure", SEV_WARNING},
	[PROB_DEAD_ARCHIVED] = {"dead-archived", SEV_WARNING},
	[PROB_DEAD_UNARCHIVED] = {"dead-unarchived", SEV_ERROR},
	[PROB_SNAPSHOT_MISSING] = {"snapshot-missing", SEV_ERROR},
	[PROB_SNAPSHOT_DIFFERS] = {"snapshot-differs", SEV_INFO},
	[PROB_CONTENT_CHANGED] = {"content-changed", SEV_WARNING},
	[PROB_ARCHIVE_INCOMPLETE] = {"archive-incomplete", SEV_WARNING},
	[PROB_FOOTNOTE_UNDEFINED] = {"footnote-undefined", SEV_ERROR},
	[PROB_FOOTNOTES_MISSING] = {"footnotes-missing", SEV_WARNING},
	[PROB_FOOTNOTE_UNCITED] = {"footnote-uncited", SEV_WARNING},
	[PROB_FOOTNOTE_DUPLICATE] = {"footnote-duplicate", SEV_WARNING},
	[PROB_FOOTNOTE_GAP] = {"footnote-gap", SEV_WARNING},
	[PROB_FOOTNOTE_ORDER] = {"footnote-out-of-order", SEV_WARNING},
	[PROB_INVALID_UTF8] = {"invalid-utf8", SEV_WARNING},
	[PROB_LINE_TOO_LONG] = {"line-too-long", SEV_WARNING},
	[PROB_TOO_MANY_LINKS] = {"too-many-links", SEV_WARNING},
	[PROB_EMPTY_DOCUMENT] = {"empty-document", SEV_WARNING},
	[PROB_NO_REFERENCES] = {"no-references", SEV_INFO},
};

const char *problem_code_name(enum problem_code code)
{
	return table[code].name;
}

enum severity problem_severity(enum problem_code code)
{
	return table[code].severity;
}

const char *severity_name(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_INFO:
		break;
	}
	return "info";
}

void problems_add(struct problem_list *l, enum problem_code code, unsigned line, unsigned column,
		  char *message, char *suggestion)
{
	if (l->caps && l->caps->kept[code] >= PROBLEMS_PER_CODE_MAX) {
		l->caps->omitted[code]++;
		free(message);
		free(suggestion);
		return;
	}
	if (l->caps)
		l->caps->kept[code]++;
	grow_array(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (struct problem){code, line, column, message, suggestion, 0};
}

void problems_cap(struct problem_list *l)
{
	if (!l->caps)
		l->caps = xcalloc(1, sizeof *l->caps);
}

void problems_finish(struct problem_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].message);
		free(l->v[i].suggestion);
	}
	free(l->v);
	free(l->caps);
	l->v = NULL;
	l->caps = NULL;
	l->n = l->cap = 0;
}
