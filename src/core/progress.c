#include "core/progress.h"

#include "live/live_engine.h"

#define PROGRESS_INTERVAL 0.25 /* seconds between redraws */

void progress_init(struct progress *p, bool on, FILE *out)
{
	*p = (struct progress){.on = on, .out = out};
}

void progress_stage(struct progress *p, enum progress_stage stage, const struct model *m)
{
	p->stage = stage;
	p->m = m;
	p->stage_start = live_now();
	p->last = 0; /* the new stage is shown at once */
}

void progress_documents(struct progress *p, size_t read, size_t total)
{
	p->docs_read = read;
	p->docs_total = total;
	progress_tick(p);
}

static void draw_live(struct progress *p, double now)
{
	const struct model *m = p->m;
	size_t done = 0, dead = 0, requests = 0;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct live_result *r = target_live(&m->targets[i]);
		done += r->verdict != LIVE_UNCHECKED;
		dead += r->verdict == LIVE_DEAD;
		requests += r->attempts;
	}
	double took = now - p->stage_start;
	fprintf(p->out, "citecheck: %zu of %zu URLs checked, %zu dead, %.0f requests a second", done, m->ntargets, dead,
		took > 0 ? (double)requests / took : 0.0);
}

/* The time left is counted in requests, not lookups: a lookup takes a
 * replay and often the capture it redirects to, or a CDX query. The
 * lookups answered so far tell how many (two until one has been). */
static void draw_archive(struct progress *p)
{
	const struct model *m = p->m;
	size_t done = 0, asked = 0, requests = 0;
	for (size_t i = 0; i < m->nlookups; i++) {
		const struct archive_result *a = &m->lookups[i].archive;
		if (a->verdict == ARCHIVE_UNCHECKED)
			continue;
		done++;
		if (a->requests && !a->cached) {
			asked++;
			requests += a->requests;
		}
	}
	fprintf(p->out, "citecheck: %zu of %zu archive lookups", done, m->nlookups);
	double per_lookup = asked ? (double)requests / (double)asked : 2.0;
	if (p->archive_rate > 0 && done < m->nlookups)
		fprintf(p->out, ", about %.0f s left: the archive allows %.3g requests a second",
			(double)(m->nlookups - done) * per_lookup / p->archive_rate, p->archive_rate);
}

void progress_tick(void *arg)
{
	struct progress *p = arg;
	if (!p->on)
		return;
	double now = live_now();
	if (p->last && now - p->last < PROGRESS_INTERVAL)
		return;
	p->last = now;
	fputs("\r", p->out);
	if (p->stage == PROGRESS_READING)
		fprintf(p->out, "citecheck: %zu of %zu documents read", p->docs_read, p->docs_total);
	else if (p->stage == PROGRESS_LIVE)
		draw_live(p, now);
	else
		draw_archive(p);
	fputs("\033[K", p->out); /* what a longer line before left */
	fflush(p->out);
	p->drawn = true;
}

void progress_end(struct progress *p)
{
	if (p->on && p->drawn) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
	}
	p->drawn = false;
}
