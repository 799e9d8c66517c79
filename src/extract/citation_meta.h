/* citation_meta.h — what a citation's text says about its source: the author
 * or organisation, the title, the publication date and the access date.
 * Styles read: APA-like "Author (2023, Dec. 21). Title. …", title-first APA
 * "Title (2023). Site.", Chicago/NIST "Author, “Title,” …, 2017", Markdown
 * "Org, [Title](url), …, 2024-01-17", and access clauses "Retrieved Feb. 5,
 * 2024, from", "[Accessed 6 June 2024]", "consulté le 9 juin 2022". Whatever
 * cannot be told apart is left unset rather than guessed. */
#ifndef CITECHECK_CITATION_META_H
#define CITECHECK_CITATION_META_H

#include <stdbool.h>
#include <stddef.h>

#include "util/dates.h"

struct citation_meta {
	char *authors; /* owned; NULL if not told apart */
	char *title;   /* owned; NULL if not told apart */
	struct date published, accessed;
};

void citation_parse(const char *text, size_t n, struct citation_meta *out);

/* Whether s opens a new citation in the author–date style: some text that is
 * not a URL, then a parenthesised date, within the first 250 bytes. */
bool citation_starts(const char *s, size_t n);

/* Whether s goes on with the source before it: an access clause
 * ("Retrieved …", "abgerufen am", "Acesso em:") or a lead to its address
 * ("from", "Available", "Disponível em:", "URL:"). */
bool citation_tail(const char *s, size_t n);

/* Whether a paragraph of a reference section reads as a source written in
 * any style: a name or title first (a capital), a period or comma, and a
 * year, within the first 250 bytes: "BRASIL. Ministério … Brasília, 2023.".
 * Prose between sources rarely has all three. */
bool citation_like(const char *s, size_t n);

#endif
