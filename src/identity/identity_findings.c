#include "identity/identity_findings.h"

#include <stdio.h>
#include <stdlib.h>

#include "identity/work_match.h"
#include "util/util.h"

/* "“Title” (Family, 2015)", what the registered work is called. */
static char *registered(const struct doi_lookup *d)
{
	char year[16] = "";
	if (d->years[0])
		snprintf(year, sizeof year, "%s%d", d->first_family ? ", " : "", d->years[0]);
	const char *family = d->first_family ? d->first_family : "";
	if (d->title)
		return xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d%s%s%s%s", d->title, *family || *year ? " (" : "", family, year,
				 *family || *year ? ")" : "");
	return xasprintf("a work by %s%s", *family ? family : "an unnamed author", year);
}

/* What the citation says the work is, for the message. */
static char *cited(const struct reference *r)
{
	if (r->title)
		return xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d", r->title);
	if (r->authors && r->published.year)
		return xasprintf("a work by %s, %d", r->authors, r->published.year);
	return xstrdup("another work");
}

static void link_findings(const struct model *m, struct reference *r, struct link *l, const struct doi_lookup *d)
{
	struct work_match w = work_match(r, d);
	const struct doi_lookup *typo = w.verdict == WORK_NOT_FOUND ? work_nearby_match(m, r, d) : NULL;
	if (typo) {
		char *reg = registered(typo);
		problems_add(&l->problems, PROB_DOI_NOT_FOUND, l->line, l->column,
			     xasprintf("the DOI %s is not registered: the DOI resolver knows no work by it; %s, one "
				       "slip away, is registered for %s, the work the citation names: a typo?",
				       l->doi, typo->doi, reg),
			     NULL);
		free(reg);
	} else if (w.verdict == WORK_NOT_FOUND) {
		problems_add(&l->problems, PROB_DOI_NOT_FOUND, l->line, l->column,
			     xasprintf("the DOI %s is not registered: the DOI resolver knows no work by it", l->doi), NULL);
	} else if (w.verdict == WORK_MISMATCH) {
		char *reg = registered(d), *cit = cited(r);
		problems_add(&l->problems, PROB_DOI_MISMATCH, l->line, l->column,
			     xasprintf("the DOI %s is registered for %s; the citation names %s", l->doi, reg, cit),
			     NULL);
		free(reg);
		free(cit);
	}
}

void identity_findings(struct model *m)
{
	if (!m->dois_planned)
		return;
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			if (l->kind == LINK_DOI && l->doi)
				link_findings(m, &m->refs[r], l, model_doi_find(m, l->doi));
		}
}
