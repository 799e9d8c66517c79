/* JUnit XML as GitLab and Jenkins read it: a testsuite per document, a
 * testcase per URL it cites, a failure for a dead link (and for whatever
 * --fail-on counts), skipped for one that could not be verified. Written
 * with libxml2's xmlTextWriter, which escapes every byte. */
#include "report/report_formats.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "compare/cited_snapshot.h"
#include "report/report_items.h"
#include "util/strmap.h"
#include "util/util.h"

/* Whether the link fails the run by --fail-on, and why. */
static const char *failure_of(const struct report *r, const struct link *l, const struct live_result *live)
{
	unsigned f = r->fail_on;
	if (l->ignored || cited_snapshot_covers(r->m, l))
		return NULL; /* --ignore VERDICT; a dead page cited with its snapshot */
	if (live->verdict == LIVE_DEAD ||
	    ((f & FAIL_BLOCKED) && live->verdict == LIVE_BLOCKED) || ((f & FAIL_UNCHECKED) && live->verdict == LIVE_ERROR))
		return report_link_rule(live->verdict);
	for (size_t i = 0; i < problems_len(&l->problems); i++) {
		enum severity s = problem_severity(problems_at(&l->problems)[i].code);
		if (((f & FAIL_ERROR) && s == SEV_ERROR) || ((f & FAIL_WARNING) && s >= SEV_WARNING))
			return problem_code_name(problems_at(&l->problems)[i].code);
	}
	return NULL;
}

static const char *problem_failing(const struct report *r, const struct link *l)
{
	unsigned f = r->fail_on;
	for (size_t i = 0; i < problems_len(&l->problems); i++) {
		enum severity s = problem_severity(problems_at(&l->problems)[i].code);
		if (((f & FAIL_ERROR) && s == SEV_ERROR) || ((f & FAIL_WARNING) && s >= SEV_WARNING))
			return problems_at(&l->problems)[i].message;
	}
	return NULL;
}

static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value) < 0 ? -1 : 0;
}

static int attr_count(xmlTextWriterPtr w, const char *name, size_t n)
{
	char v[32];
	snprintf(v, sizeof v, "%zu", n);
	return attr(w, name, v);
}

struct counts {
	size_t tests, failures, errors, skipped;
};

/* The document's distinct URLs, first citation each, with their verdicts. */
static void count_document(const struct report *r, size_t di, struct counts *c)
{
	const struct model *m = r->m;
	const struct document *d = &m->docs[di];
	if (d->error) { /* one testcase: reading it, in error */
		c->tests++;
		c->errors++;
	}
	struct strmap seen;
	strmap_init(&seen);
	for (size_t ri = d->first_ref; ri < d->first_ref + d->nrefs; ri++)
		for (size_t k = 0; k < m->refs[ri].nlinks; k++) {
			const struct link *l = &m->refs[ri].links[k];
			size_t dummy;
			if (strmap_get(&seen, l->url, &dummy))
				continue;
			strmap_put(&seen, l->url, 0);
			const struct live_result *live = target_live(&m->targets[l->target]);
			c->tests++;
			if (failure_of(r, l, live))
				c->failures++;
			else if (live->verdict == LIVE_ERROR || live->verdict == LIVE_SKIPPED)
				c->skipped++;
		}
	strmap_finish(&seen);
}

static int testcase(xmlTextWriterPtr w, const struct report *r, const struct document *d, const struct link *l)
{
	const struct live_result *live = target_live(&r->m->targets[l->target]);
	const char *fail = failure_of(r, l, live);
	int rc = xmlTextWriterStartElement(w, BAD_CAST "testcase") < 0 || attr(w, "classname", d->info.path) ||
		 attr(w, "name", l->url);
	char *why = xasprintf("%s (%s)", live_verdict_name(live->verdict), live->reason ? live->reason : "-");
	if (!rc && fail) {
		const char *msg = report_failing(live->verdict) ? why : problem_failing(r, l);
		rc = xmlTextWriterStartElement(w, BAD_CAST "failure") < 0 || attr(w, "type", fail) ||
		     attr(w, "message", msg ? msg : why) ||
		     xmlTextWriterWriteFormatString(w, "%s, line %u", l->url, l->line) < 0 ||
		     xmlTextWriterEndElement(w) < 0;
	} else if (!rc && (live->verdict == LIVE_ERROR || live->verdict == LIVE_SKIPPED)) {
		rc = xmlTextWriterStartElement(w, BAD_CAST "skipped") < 0 || attr(w, "message", why) ||
		     xmlTextWriterEndElement(w) < 0;
	}
	free(why);
	return rc || xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int suite(xmlTextWriterPtr w, const struct report *r, size_t di)
{
	const struct model *m = r->m;
	const struct document *d = &m->docs[di];
	struct counts c = {0, 0, 0, 0};
	count_document(r, di, &c);
	int rc = xmlTextWriterStartElement(w, BAD_CAST "testsuite") < 0 || attr(w, "name", d->info.path) ||
		 attr_count(w, "tests", c.tests) || attr_count(w, "failures", c.failures) ||
		 attr_count(w, "errors", c.errors) || attr_count(w, "skipped", c.skipped);
	if (!rc && d->error)
		rc = xmlTextWriterStartElement(w, BAD_CAST "testcase") < 0 || attr(w, "classname", d->info.path) ||
		     attr(w, "name", "read the document") || xmlTextWriterStartElement(w, BAD_CAST "error") < 0 ||
		     attr(w, "message", d->error) || xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0;
	struct strmap seen;
	strmap_init(&seen);
	for (size_t ri = d->first_ref; !rc && ri < d->first_ref + d->nrefs; ri++)
		for (size_t k = 0; !rc && k < m->refs[ri].nlinks; k++) {
			const struct link *l = &m->refs[ri].links[k];
			size_t dummy;
			if (strmap_get(&seen, l->url, &dummy))
				continue;
			strmap_put(&seen, l->url, 0);
			rc = testcase(w, r, d, l);
		}
	strmap_finish(&seen);
	return rc || xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

int report_junit_write(const struct report *r, FILE *out)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!w) {
		xmlBufferFree(buf);
		return -1;
	}
	xmlTextWriterSetIndent(w, 1);
	struct counts all = {0, 0, 0, 0};
	for (size_t d = 0; d < r->m->ndocs; d++)
		count_document(r, d, &all);
	int rc = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
		 xmlTextWriterStartElement(w, BAD_CAST "testsuites") < 0 || attr(w, "name", "citecheck") ||
		 attr_count(w, "tests", all.tests) || attr_count(w, "failures", all.failures) ||
		 attr_count(w, "errors", all.errors) || attr_count(w, "skipped", all.skipped);
	for (size_t d = 0; !rc && d < r->m->ndocs; d++)
		rc = suite(w, r, d);
	rc = rc || xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w); /* flushes into buf */
	if (!rc)
		rc = fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out) == (size_t)xmlBufferLength(buf) ? 0 : -1;
	xmlBufferFree(buf);
	return rc == 0 && fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
