#include "check/checks.h"

#include "util/util.h"

void check_all(struct model *m)
{
	check_links(m);
	check_dates(m);
	check_typos(m);
	footnotes_check(&m->notes, &m->problems);
	if (m->nrefs == 0 && m->doc.bytes > 0)
		problems_add(&m->problems, PROB_NO_REFERENCES, 0, 0,
			     xstrdup("no references or links were found in this document"), NULL);
}
