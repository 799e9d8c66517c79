#include "core/ignore.h"

void ignore_apply(struct model *m, const unsigned char *codes, unsigned verdicts, const struct host_rules *rules)
{
	problems_drop(&m->problems, codes, m->ignored);
	for (size_t d = 0; d < m->ndocs; d++)
		problems_drop(&m->docs[d].problems, codes, m->ignored);
	for (size_t r = 0; r < m->nrefs; r++) {
		problems_drop(&m->refs[r].problems, codes, m->ignored);
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			problems_drop(&l->problems, codes, m->ignored);
			const struct host_rule *rule = host_rule_for_url(rules, l->url);
			if (rule)
				problems_drop(&l->problems, rule->ignore_codes, m->ignored);
			unsigned v = 1u << target_live(&m->targets[l->target])->verdict;
			if ((verdicts & v) || (rule && (rule->ignore_verdicts & v))) {
				l->ignored = true;
				m->ignored_links++;
			}
		}
	}
}
