#include "model/problem.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static const struct {
	const char *name;
	enum severity severity;
	const char *about; /* one sentence, for reports that describe their rules (SARIF) */
} table[PROB__COUNT] = {
	[PROB_URL_SPACE] = {"url-space", SEV_ERROR, "A space in a URL: as written the link does not work."},
	[PROB_URL_ILLEGAL_CHAR] = {"url-illegal-char", SEV_ERROR, "A character URLs may not contain."},
	[PROB_URL_BAD_PERCENT] = {"url-bad-percent", SEV_ERROR, "A % sign not followed by two hexadecimal digits."},
	[PROB_URL_MALFORMED] = {"url-malformed", SEV_ERROR, "A URL that cannot be parsed."},
	[PROB_LINK_EMPTY] = {"link-empty-target", SEV_ERROR, "A link with an empty target."},
	[PROB_LINK_RELATIVE] = {"link-relative", SEV_INFO, "Relative links of an HTML document that has no base address to resolve them against."},
	[PROB_ARCHIVE_SAVE] = {"archive-save-request", SEV_ERROR, "A Wayback Machine save link cited as a source: following it asks for a new capture."},
	[PROB_ARCHIVE_UNPINNED] = {"archive-unpinned", SEV_WARNING, "A snapshot link without a full 14-digit timestamp: what it shows changes over time."},
	[PROB_URL_DATE_MISMATCH] = {"url-date-mismatch", SEV_WARNING, "A date in the URL that contradicts the cited publication date."},
	[PROB_ACCESSED_BEFORE_PUBLISHED] = {"accessed-before-published", SEV_WARNING, "An access date before the publication date."},
	[PROB_URL_NEAR_DUPLICATE] = {"url-near-duplicate", SEV_WARNING, "Two cited URLs a character or two apart: one is probably a typo."},
	[PROB_MOVED] = {"moved", SEV_WARNING, "A page that has moved for good to another address."},
	[PROB_FRAGMENT_MISSING] = {"fragment-missing", SEV_WARNING, "A cited #fragment that its page does not have."},
	[PROB_INSECURE] = {"insecure", SEV_WARNING, "TLS certificates were not verified (--insecure)."},
	[PROB_DEAD_ARCHIVED] = {"dead-archived", SEV_WARNING, "A dead link whose page the Wayback Machine has: cite the snapshot."},
	[PROB_DEAD_UNARCHIVED] = {"dead-unarchived", SEV_ERROR, "A dead link with no snapshot: the source is lost."},
	[PROB_SNAPSHOT_MISSING] = {"snapshot-missing", SEV_ERROR, "A cited snapshot whose page the archive has no usable capture of."},
	[PROB_SNAPSHOT_DIFFERS] = {"snapshot-differs", SEV_INFO, "A cited snapshot time with no capture at that moment."},
	[PROB_CONTENT_CHANGED] = {"content-changed", SEV_WARNING, "A page that has changed since it was cited."},
	[PROB_ARCHIVE_INCOMPLETE] = {"archive-incomplete", SEV_WARNING, "Archive lookups that got no answer."},
	[PROB_FOOTNOTE_UNDEFINED] = {"footnote-undefined", SEV_ERROR, "A footnote marker with no definition."},
	[PROB_FOOTNOTES_MISSING] = {"footnotes-missing", SEV_WARNING, "Footnote markers of a kind with no definitions of that kind."},
	[PROB_FOOTNOTE_UNCITED] = {"footnote-uncited", SEV_WARNING, "A footnote defined but never cited."},
	[PROB_FOOTNOTE_DUPLICATE] = {"footnote-duplicate", SEV_WARNING, "A footnote defined twice."},
	[PROB_FOOTNOTE_GAP] = {"footnote-gap", SEV_WARNING, "A footnote number missing in the sequence."},
	[PROB_FOOTNOTE_ORDER] = {"footnote-out-of-order", SEV_WARNING, "Notes cited or defined out of order."},
	[PROB_INVALID_UTF8] = {"invalid-utf8", SEV_WARNING, "Lines that are not valid UTF-8."},
	[PROB_LINE_TOO_LONG] = {"line-too-long", SEV_WARNING, "Lines longer than 1 MiB, read only in part."},
	[PROB_TOO_MANY_LINKS] = {"too-many-links", SEV_WARNING, "A source with more than 1,000 links: the rest are not checked."},
	[PROB_URL_FROM_ANNOTATION] = {"url-from-annotation", SEV_INFO,
				      "A PDF's text shows another URL than its link annotation, which is the one checked."},
	[PROB_EMPTY_DOCUMENT] = {"empty-document", SEV_WARNING, "An empty document."},
	[PROB_NO_REFERENCES] = {"no-references", SEV_INFO, "A document with nothing to check."},
	[PROB_URL_WRAP_UNSURE] = {"url-wrap-unsure", SEV_WARNING,
				  "A PDF's URL ends its line where the next line may go on with it, and no annotation says."},
	[PROB_SNAPSHOT_CITED] = {"snapshot-cited", SEV_INFO,
				 "A dead or changed page cited with its snapshot beside it: the source is kept."},
	[PROB_DOI_NOT_FOUND] = {"doi-not-found", SEV_ERROR, "A DOI that the DOI resolver does not know: no work has it."},
	[PROB_DOI_MISMATCH] = {"doi-mismatch", SEV_WARNING,
			       "A DOI registered for another work than the one the citation names."},
	[PROB_URL_WRAP_SETTLED] = {"url-wrap-settled", SEV_INFO,
				   "A PDF's URL its text may have wrapped, settled by fetching both readings: the one that "
				   "answers is cited."},
	[PROB_TITLE_MISMATCH] = {"title-mismatch", SEV_WARNING,
				 "A web page titled as another work than the one the citation names."},
	[PROB_WORK_NOT_FOUND] = {"work-not-found", SEV_WARNING,
				 "A reference with no URL or DOI that no work registered with Crossref matches "
				 "(--find-works)."},
	[PROB_WORK_FOUND] = {"work-found", SEV_INFO,
			     "A reference with no URL or DOI whose work is registered with Crossref: its DOI can be "
			     "cited (--find-works)."},
};

const char *problem_about(enum problem_code code)
{
	return table[code].about;
}

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

/* A capped list before its first finding: stand-ins shared by all, never
 * written (a docs tree has 38,000 documents, most without findings). */
static struct problem_caps caps_none;
static struct problem_block capped_empty = {0, 0, &caps_none};

bool problems_capped(const struct problem_list *l)
{
	return l->b && l->b->caps;
}

const struct problem_caps *problems_counts(const struct problem_list *l)
{
	return !l->b || l->b->caps == &caps_none ? NULL : l->b->caps;
}

/* The list's block, its own, with room for one more finding; NULL when
 * it holds as many as it can. */
static struct problem_block *room(struct problem_list *l)
{
	struct problem_block *b = l->b;
	if (b && b->n == UINT32_MAX) /* 4 billion findings: more memory than a run has */
		return NULL;
	if (!b || b == &capped_empty || b->n == b->cap) {
		uint32_t cap = !b || b->cap < 2 ? 2 : b->cap > UINT32_MAX / 2 ? UINT32_MAX : b->cap * 2;
		struct problem_block *nb = xrealloc(b == &capped_empty ? NULL : b,
						    sizeof *nb + (size_t)cap * sizeof nb->v[0]);
		if (!b || b == &capped_empty) {
			nb->n = 0;
			nb->caps = b ? &caps_none : NULL;
		}
		nb->cap = cap;
		l->b = b = nb;
	}
	return b;
}

void problems_add(struct problem_list *l, enum problem_code code, unsigned line, unsigned column,
		  char *message, char *suggestion)
{
	struct problem_block *b = l->b;
	if (b && b->caps == &caps_none) { /* made at the first finding: most documents have none */
		b = room(l);
		if (b) {
			b->caps = xcalloc(1, sizeof *b->caps);
			for (size_t i = 0; i < b->n; i++)
				b->caps->kept[b->v[i].code]++;
		}
	}
	struct problem *p = NULL;
	if (b && b->caps && b->caps->kept[code] >= PROBLEMS_PER_CODE_MAX)
		b->caps->omitted[code]++;
	else
		p = problems_push(l);
	if (!p) {
		free(message);
		free(suggestion);
		return;
	}
	if (l->b->caps)
		l->b->caps->kept[code]++;
	*p = (struct problem){code, line, column, message, suggestion, 0, NULL};
}

struct problem *problems_push(struct problem_list *l)
{
	struct problem_block *b = room(l);
	if (!b)
		return NULL;
	struct problem *p = &b->v[b->n++];
	memset(p, 0, sizeof *p);
	return p;
}

void problem_free(struct problem *p)
{
	free(p->message);
	free(p->suggestion);
	free(p->other);
	p->message = p->suggestion = p->other = NULL;
}

void problems_remove(struct problem_list *l, size_t i)
{
	struct problem_block *b = l->b;
	if (i >= problems_len(l))
		return;
	if (problems_counts(l))
		b->caps->kept[b->v[i].code]--;
	problem_free(&b->v[i]);
	memmove(&b->v[i], &b->v[i + 1], (b->n - i - 1) * sizeof b->v[0]);
	b->n--;
}

void problems_truncate(struct problem_list *l, size_t n)
{
	if (n < problems_len(l))
		l->b->n = (uint32_t)n;
}

void problems_cap(struct problem_list *l)
{
	if (!l->b)
		l->b = &capped_empty;
	else if (!l->b->caps)
		l->b->caps = &caps_none;
}

struct problem_caps *problems_counts_make(struct problem_list *l)
{
	problems_cap(l);
	if (l->b->caps == &caps_none) {
		struct problem_block *b = room(l); /* its own block, to hold the counts */
		if (!b)
			return NULL;
		b->caps = xcalloc(1, sizeof *b->caps);
		for (size_t i = 0; i < b->n; i++)
			b->caps->kept[b->v[i].code]++;
	}
	return l->b->caps;
}

void problems_finish(struct problem_list *l)
{
	struct problem_block *b = l->b;
	if (b && b != &capped_empty) {
		for (size_t i = 0; i < b->n; i++)
			problem_free(&b->v[i]);
		if (b->caps != &caps_none)
			free(b->caps);
		free(b);
	}
	l->b = NULL;
}

void problems_drop(struct problem_list *l, const unsigned char *codes, size_t *ignored)
{
	size_t kept = 0, n = problems_len(l);
	struct problem *v = problems_at(l);
	for (size_t i = 0; i < n; i++) {
		struct problem *p = &v[i];
		if (codes[p->code]) {
			ignored[p->code]++;
			problem_free(p);
		} else {
			v[kept++] = *p;
		}
	}
	problems_truncate(l, kept);
	struct problem_caps *caps = (struct problem_caps *)problems_counts(l); /* the list's own */
	for (size_t c = 0; caps && c < PROB__COUNT; c++)
		if (codes[c] && caps->omitted[c]) { /* past the cap: ignored all the same */
			ignored[c] += caps->omitted[c];
			caps->omitted[c] = 0;
		}
}
