#include "extract/md_links.h"

#include <stdlib.h>
#include <string.h>

void md_link_set_take(struct md_link_set *s, struct md_link *v, size_t n)
{
	md_link_set_finish(s);
	s->v = v;
	s->n = n;
	s->from = 0;
}

void md_link_set_finish(struct md_link_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].url);
		free(s->v[i].text);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Lines are read in order, and the blocks that hold links (paragraphs,
 * headings, table cells) follow one another: those that end before line
 * are done with. */
static void advance(struct md_link_set *s, unsigned line)
{
	while (s->from < s->n && s->v[s->from].last < line)
		s->from++;
}

static bool claims(const struct md_link *l, unsigned line, size_t offset, const char *url, bool exact)
{
	return !l->taken && l->first <= line && l->last >= line && (!exact || (l->line == line && l->offset == offset)) &&
	       !strcmp(l->url, url);
}

static bool claim_at(struct md_link_set *s, size_t i)
{
	s->v[i].taken = true;
	s->hint = i + 1;
	return true;
}

bool md_link_claim(struct md_link_set *s, unsigned line, size_t offset, const char *url)
{
	advance(s, line);
	/* the one written there: most often just past the last claimed */
	if (s->hint >= s->from && s->hint < s->n && claims(&s->v[s->hint], line, offset, url, true))
		return claim_at(s, s->hint);
	for (int exact = 1; exact >= 0; exact--)
		for (size_t i = s->from; i < s->n && s->v[i].first <= line; i++)
			if (claims(&s->v[i], line, offset, url, exact))
				return claim_at(s, i);
	return false;
}

struct md_link *md_link_unseen(struct md_link_set *s, unsigned line, size_t *i)
{
	advance(s, line);
	if (*i < s->from)
		*i = s->from;
	for (; *i < s->n && s->v[*i].first <= line; (*i)++) {
		struct md_link *l = &s->v[*i];
		if (!l->taken && l->add && l->line == line) {
			l->taken = true;
			return l;
		}
	}
	return NULL;
}
