#include "identity/identity_findings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "identity/page_identity.h"
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
	if (r->details->title)
		return xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d", r->details->title);
	if (r->details->authors && r->details->published.year)
		return xasprintf("a work by %s, %d", r->details->authors, r->details->published.year);
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
				       link_extra(l)->doi, typo->doi, reg),
			     NULL);
		free(reg);
	} else if (w.verdict == WORK_NOT_FOUND) {
		problems_add(&l->problems, PROB_DOI_NOT_FOUND, l->line, l->column,
			     xasprintf("the DOI %s is not registered: the DOI resolver knows no work by it", link_extra(l)->doi), NULL);
	} else if (w.verdict == WORK_MISMATCH) {
		char *reg = registered(d), *cit = cited(r);
		/* --find-works: the DOI of the work the citation names */
		const struct work_search *s = model_search_of(m, (size_t)(r - m->refs));
		const char *meant = s && s->verdict == SEARCH_FOUND && strcasecmp(s->work.doi, link_extra(l)->doi) ? s->work.doi : NULL;
		problems_add(&l->problems, PROB_DOI_MISMATCH, l->line, l->column,
			     meant ? xasprintf("the DOI %s is registered for %s; the citation names %s, registered "
					       "with the DOI %s",
					       link_extra(l)->doi, reg, cit, meant)
				   : xasprintf("the DOI %s is registered for %s; the citation names %s", link_extra(l)->doi, reg, cit),
			     meant ? xasprintf("https://doi.org/%s", meant) : NULL);
		free(reg);
		free(cit);
	}
}

/* A web page whose title names another work than the citation does. */
static void page_findings(const struct model *m, struct reference *r, size_t k)
{
	struct page_identity p = page_identity(m, r, k);
	if (p.verdict != WORK_MISMATCH)
		return;
	struct link *l = &r->links[k];
	const char *when = strcmp(p.compared_with, "live") ? "was titled" : "is titled";
	problems_add(&l->problems, PROB_TITLE_MISMATCH, l->line, l->column,
		     xasprintf("the page at this URL %s \xe2\x80\x9c%.*s\xe2\x80\x9d%s; the citation names "
			       "\xe2\x80\x9c%s\xe2\x80\x9d",
			       when, (int)p.page_title_len, p.page_title,
			       strcmp(p.compared_with, "live") ? " on the day it was cited" : "", r->details->title),
		     NULL);
}

/* --find-works: what the search found for a reference with no URL or DOI. */
static void search_findings(struct model *m, const struct work_search *s)
{
	struct reference *r = &m->refs[s->ref];
	if (r->nlinks) /* a DOI of another work: said with its doi-mismatch */
		return;
	if (s->verdict == SEARCH_FOUND) {
		char *reg = registered(&s->work);
		problems_add(&r->problems, PROB_WORK_FOUND, r->line, r->column,
			     xasprintf("registered with the DOI %s: %s; cite it by its DOI", s->work.doi, reg),
			     xasprintf("https://doi.org/%s", s->work.doi));
		free(reg);
	} else if (s->verdict == SEARCH_NOT_FOUND) {
		char *cit = cited(r), *near = s->work.doi ? registered(&s->work) : NULL;
		problems_add(&r->problems, PROB_WORK_NOT_FOUND, r->line, r->column,
			     near ? xasprintf("no work registered with Crossref matches this reference (%s): the nearest "
					      "its search lists is %s, DOI %s",
					      cit, near, s->work.doi)
				  : xasprintf("no work registered with Crossref matches this reference (%s): the works "
					      "its search lists have other titles",
					      cit),
			     NULL);
		free(cit);
		free(near);
	}
}

void identity_findings(struct model *m)
{
	for (size_t i = 0; i < m->nsearches; i++)
		search_findings(m, &m->searches[i]);
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			if (l->kind == LINK_DOI && link_extra(l)->doi && m->dois_planned)
				link_findings(m, &m->refs[r], l, model_doi_find(m, link_extra(l)->doi));
			else if (page_identity_applies(&m->refs[r], k))
				page_findings(m, &m->refs[r], k);
		}
}
