#include "core/run.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive_findings.h"
#include "archive/check_archive.h"
#include "archive/wayback_api.h"
#include "cache/cache.h"
#include "check/check_local.h"
#include "check/check_wraps.h"
#include "compare/baseline.h"
#include "compare/cited_snapshot.h"
#include "core/ignore.h"
#include "core/inputs.h"
#include "core/progress.h"
#include "core/read_docs.h"
#include "core/settings.h"
#include "extract/classify_url.h"
#include "fix/fix_apply.h"
#include "fix/fix_plan.h"
#include "identity/check_dois.h"
#include "identity/find_works.h"
#include "identity/identity_findings.h"
#include "live/check_live.h"
#include "live/live_engine.h"
#include "live/live_findings.h"
#include "live/live_wraps.h"
#include "model/model.h"
#include "report/evidence_warc.h"
#include "report/report_file.h"
#include "report/report_json.h"
#include "report/report_text.h"
#include "report/safe_text.h"
#include "report/summary.h"
#include "util/interrupt.h"
#include "util/util.h"

/* The one place run() reports a failure: one line on standard error. */
static void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	fputs("citecheck: ", stderr);
	fput_safe(msg, stderr);
	fputc('\n', stderr);
	free(msg);
}

/* The cache, when there is one, between the stages and the web. */
struct memory {
	struct cache *cache;
	struct cache_policy policy;
	const char *archive; /* the archive's address */
};

/* The live stage begun while the documents are read, and when. */
struct early_live {
	struct live_stage *stage; /* NULL: not begun */
	double start;
};

static bool reuse_live(void *arg, struct model *m, size_t target)
{
	struct memory *mem = arg;
	return cache_reuse_live(mem->cache, m, target, &mem->policy);
}

/* The questions to the cache are over (cache_read_end). */
static void reuse_end(void *arg)
{
	struct memory *mem = arg;
	cache_read_end(mem->cache);
}

static bool reuse_archive(void *arg, struct model *m, size_t lookup)
{
	struct memory *mem = arg;
	return cache_reuse_archive(mem->cache, m, lookup, &mem->policy);
}

/* The archive's endpoints, named by the archive's address: two runs on
 * two archives do not share a pace. */
static double archive_slot(void *arg, const char *name, double interval, double unix_now)
{
	struct memory *mem = arg;
	char *key = xasprintf("%s %s", mem->archive, name);
	double at = cache_slot(mem->cache, key, interval, unix_now);
	free(key);
	return at;
}

/* The deadline's rest, from start on. */
static long deadline_left(const struct live_config *cfg, double start)
{
	long left = cfg->deadline_ms - (long)((live_now() - start) * 1000.0);
	return left > 0 ? left : 0;
}

/* --find-works: each reference with no URL or DOI searched in the works
 * API, after the DOIs, in what is left of the deadline. */
static int check_works(struct model *m, const struct options *opt, struct live_config *cfg, struct memory *mem,
		       double start, char *err, size_t errlen)
{
	if (!opt->find_works || !works_plan(m))
		return 0;
	if (mem->cache)
		for (size_t i = 0; i < m->nsearches; i++)
			cache_reuse_work(mem->cache, m, i, &mem->policy);
	cache_read_end(mem->cache);
	if (opt->cache_only || interrupted() || live_offline(m)) {
		works_skip_all(m, opt->cache_only ? "not-cached" : interrupted() ? "interrupted" : "offline");
		return 0;
	}
	struct live_config net = *cfg;
	net.deadline_ms = deadline_left(cfg, start);
	struct works_config wc = {opt->works_api ? opt->works_api : WORKS_API_DEFAULT, opt->contact, &net};
	if (find_works(m, &wc, err, errlen) != 0)
		return -1;
	return mem->cache ? cache_store_works(mem->cache, m, &mem->policy, err, errlen) : 0;
}

/* Every cited DOI asked of the resolver, once the live stage has run (an
 * offline run asks nothing); the deadline's rest is shared. */
static int check_dois_stage(struct model *m, const struct options *opt, struct live_config *cfg, struct memory *mem,
			    double start, char *err, size_t errlen)
{
	if (opt->no_doi)
		return 0;
	doi_plan(m);
	if (!m->ndois)
		return 0;
	if (mem->cache) /* what the cache knows, before anything is asked */
		for (size_t i = 0; i < m->ndois; i++)
			cache_reuse_doi(mem->cache, m, i, &mem->policy);
	cache_read_end(mem->cache);
	if (opt->cache_only || interrupted() || live_offline(m)) { /* --cache-only: no network at all */
		dois_skip_all(m, opt->cache_only ? "not-cached" : interrupted() ? "interrupted" : "offline");
		return 0;
	}
	struct live_config net = *cfg;
	long left = cfg->deadline_ms - (long)((live_now() - start) * 1000.0);
	net.deadline_ms = left > 0 ? left : 0;
	struct doi_config dc;
	doi_config_defaults(&dc, &net);
	if (opt->doi_resolver)
		dc.resolver = opt->doi_resolver;
	if (check_dois(m, &dc, err, errlen) != 0)
		return -1;
	/* a DOI no one registered: the DOIs one slip away, asked in what is
	 * left of the deadline (those the cache knows are not asked again) */
	size_t asked = m->ndois;
	if (!interrupted() && doi_plan_typos(m)) {
		if (mem->cache)
			for (size_t i = asked; i < m->ndois; i++)
				cache_reuse_doi(mem->cache, m, i, &mem->policy);
		cache_read_end(mem->cache);
		left = cfg->deadline_ms - (long)((live_now() - start) * 1000.0);
		net.deadline_ms = left > 0 ? left : 0;
		if (check_dois(m, &dc, err, errlen) != 0)
			return -1;
	}
	return mem->cache ? cache_store_doi(mem->cache, m, &mem->policy, err, errlen) : 0;
}

static int check_identity(struct model *m, const struct options *opt, struct live_config *cfg, struct memory *mem,
			  double start, char *err, size_t errlen)
{
	if (check_dois_stage(m, opt, cfg, mem, start, err, errlen) != 0)
		return -1;
	return check_works(m, opt, cfg, mem, start, err, errlen);
}

/* A wrapped URL the live stage settled on its joined reading: the archive
 * looks that one up. */
static void replan_wrapped(struct model *m, size_t r, size_t k, void *arg)
{
	archive_replan_link(m, r, k, arg);
}

/* The live stage's settings: the pages' prints kept for the archive's
 * drift check, the cache asked first. */
static void live_settings(const struct options *opt, struct live_config *cfg, struct memory *mem)
{
	cfg->keep_prints = cfg->archive_checks_snapshots = !opt->no_archive;
	if (mem->cache) {
		cfg->reuse = reuse_live;
		cfg->reuse_end = reuse_end;
		cfg->reuse_arg = mem;
	}
}

/* Live, then archive: the drift check needs the live page first. Each
 * stage's answers are committed to the cache as soon as it ends. The live
 * stage may have begun while the documents were read (early). */
static int check_stages(struct model *m, const struct options *opt, struct live_config *cfg, struct memory *mem,
			struct early_live *early, struct progress *progress, char *err, size_t errlen)
{
	cfg->tick = progress_tick;
	cfg->tick_arg = progress;
	progress_stage(progress, PROGRESS_LIVE, m);
	bool archive = !opt->no_archive;
	live_settings(opt, cfg, mem);
	if (archive)
		archive_plan(m, cfg);
	else
		archive_bind_originals(m, cfg);
	double start = early->stage ? early->start : live_now();
	if (early->stage) {
		live_stage_progress(early->stage, progress_tick, progress);
		live_stage_end(early->stage, m, true);
		early->stage = NULL;
	} else if (check_live(m, cfg, err, errlen) != 0) {
		return -1;
	}
	live_settle_wraps(m, replan_wrapped, cfg); /* before the archive: it looks up the URL cited */
	if (mem->cache && cache_store_live(mem->cache, m, &mem->policy, err, errlen) != 0)
		return -1;
	if (check_identity(m, opt, cfg, mem, start, err, errlen) != 0)
		return -1;
	if (!archive)
		return 0;
	if (opt->archive_failing)
		archive_keep_failing(m);
	/* --deadline bounds the whole check: the archive gets what the live stage left */
	long left = cfg->deadline_ms - (long)((live_now() - start) * 1000.0);
	cfg->deadline_ms = left > 0 ? left : 0;
	if (interrupted()) {
		archive_skip_all(m, "interrupted");
	} else if (live_offline(m)) {
		archive_skip_all(m, "offline");
	} else {
		struct archive_config ac;
		archive_settings(opt, cfg, &ac);
		progress->archive_rate = ac.replay_rate;
		progress_stage(progress, PROGRESS_ARCHIVE, m);
		if (mem->cache) {
			ac.reuse = reuse_archive;
			ac.reuse_end = reuse_end;
			ac.reuse_arg = mem;
			ac.keep_snapshot_prints = true;
			ac.slot = archive_slot;
			ac.slot_arg = mem;
			mem->archive = ac.base;
		}
		if (check_archive(m, &ac, err, errlen) != 0)
			return -1;
		if (mem->cache && cache_store_archive(mem->cache, m, &mem->policy, err, errlen) != 0)
			return -1;
	}
	archive_findings(m);
	return 0;
}

/* A connection to the cache (--cache: none without), and its policy: 0,
 * or -1 said. */
static int memory_open(const struct options *opt, const struct network *net, struct memory *mem)
{
	*mem = (struct memory){NULL, {0}, NULL};
	if (!opt->cache)
		return 0;
	struct archive_config ac;
	archive_settings(opt, &net->cfg, &ac);
	memory_policy(opt, &ac, &mem->policy);
	char err[512];
	if (cache_open(&mem->cache, opt->cache, net->cfg.deadline_ms, err, sizeof err) == 0)
		return 0;
	fatal("%s", err);
	return -1;
}

/* The live stage begun before the documents are read, when there are
 * several: what the first cite is fetched while the rest are read. Not
 * under --warc: its writer records the documents downloaded meanwhile. */
static void early_begin(struct early_live *early, struct model *m, const struct options *opt,
			const struct network *net, struct memory *mem, const struct input_list *in, bool warc)
{
	*early = (struct early_live){NULL, 0};
	if (opt->extract_only || warc || in->n < 2 || interrupted())
		return;
	struct live_config cfg = net->cfg;
	live_settings(opt, &cfg, mem);
	cfg.tick = NULL; /* the progress line is the reading's until it ends */
	char err[512];
	early->start = live_now();
	if (live_stage_begin(&early->stage, m, &cfg, err, sizeof err) != 0)
		early->stage = NULL; /* the stage says why when it runs after the reading */
}

static int check_web(struct model *m, const struct options *opt, const struct network *net, struct memory *mem,
		     struct early_live *early, struct progress *progress)
{
	struct live_config cfg = net->cfg; /* the stages change their copy (the deadline left) */
	char err[512];
	int rc = check_stages(m, opt, &cfg, mem, early, progress, err, sizeof err);
	if (rc != 0)
		fatal("%s", err);
	if (cache_refused(mem->cache))
		fatal("the cache %s: %zu rows that citecheck did not write were taken as absent", opt->cache,
		      cache_refused(mem->cache));
	if (rc == 0 && opt->insecure)
		problems_add(&m->problems, PROB_INSECURE, 0, 0,
			     xstrdup("TLS certificates were not verified (--insecure): an https page "
				     "called alive may not be the site it claims to be"),
			     NULL);
	live_findings(m);
	cited_snapshot_findings(m);
	identity_findings(m);
	return rc;
}

/* Whether counts hold something the bits of f name: links by verdict,
 * findings by severity. */
static bool named(unsigned f, const size_t *live, size_t confirmed, const size_t *sev, size_t archive_unknown)
{
	return ((f & FAIL_DEAD) && live[LIVE_DEAD]) || ((f & FAIL_CONFIRMED) && confirmed) ||
	       ((f & FAIL_BLOCKED) && live[LIVE_BLOCKED]) ||
	       ((f & FAIL_UNCHECKED) && (live[LIVE_ERROR] || archive_unknown)) || ((f & FAIL_ERROR) && sev[SEV_ERROR]) ||
	       ((f & FAIL_WARNING) && (sev[SEV_ERROR] || sev[SEV_WARNING]));
}

/* --fail-on: over everything, and (new-…) over what --baseline calls new;
 * changed pages, unarchived ones, and findings by code. */
static bool fails(const struct options *opt, const struct summary *s)
{
	unsigned f = opt->fail_on;
	for (int c = 0; c < PROB__COUNT; c++)
		if (opt->fail_codes[c] && s->by_code[c])
			return true;
	return named(f, s->live, s->confirmed, s->severity, s->archive[ARCHIVE_UNKNOWN]) ||
	       named(f >> FAIL_NEW_SHIFT, s->new_live, s->new_confirmed, s->new_severity, 0) ||
	       ((f & FAIL_CHANGED) && s->drift[DRIFT_CHANGED]) || ((f & FAIL_UNARCHIVED) && s->archive[ARCHIVE_NOT_ARCHIVED]);
}

/* What the exit status and the report say when a signal stopped the run. */
static int stop_status(struct model *m)
{
	int sig = interrupt_signal();
	m->incomplete = sig == SIGTERM ? "interrupted by SIGTERM" : "interrupted by SIGINT";
	return 128 + sig;
}

/* The documents the command line names. Returns 0, or -1 (and says why) on
 * a usage error. */
static int collect_inputs(const struct options *opt, struct input_list *in)
{
	char err[512];
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < opt->ninputs; i++)
		rc = inputs_add(in, opt->inputs[i], err, sizeof err);
	if (rc == 0 && opt->files_from)
		rc = inputs_add_from(in, opt->files_from, err, sizeof err);
	if (rc == 0 && in->n == 0) {
		snprintf(err, sizeof err, "--files-from %s lists no document", opt->files_from);
		rc = -1;
	}
	if (rc)
		fatal("%s", err);
	return rc;
}

/* A document that cannot be read is said at once, even under --quiet: the
 * exit status will be 2. */
static void say_unreadable(const char *path, const char *why)
{
	fatal("%s: %s", strcmp(path, "-") ? path : "standard input", why);
}

/* The exit status, most urgent first: a signal, a document or report that
 * could not be read or written, no network at all, what --fail-on names. */
static int exit_status(const struct options *opt, const struct summary *s, int stopped, bool trouble)
{
	if (stopped)
		return stopped;
	if (trouble || s->unreadable)
		return EXIT_TROUBLE;
	if (s->offline)
		return EXIT_OFFLINE;
	return fails(opt, s) ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* --color: auto means a terminal, and no NO_COLOR (https://no-color.org). */
static bool colour(const struct options *opt, int fd)
{
	if (opt->color != COLOR_AUTO)
		return opt->color == COLOR_ALWAYS;
	const char *no = getenv("NO_COLOR");
	return isatty(fd) && !(no && *no);
}

/* In GitHub Actions (GITHUB_STEP_SUMMARY set) with the github format
 * asked for: the Markdown report goes on the run's summary page too. */
static bool summary_for_github(const struct options *opt)
{
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	bool github = opt->format_given && opt->format == REPORT_GITHUB;
	for (size_t i = 0; i < opt->noutputs; i++)
		github = github || opt->outputs[i].format == REPORT_GITHUB;
	return github && path && *path;
}

static int append_step_summary(const struct report *r)
{
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	FILE *f = fopen(path, "a");
	int rc = f ? report_markdown_write(r, f) : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	if (rc)
		fatal("cannot append to GITHUB_STEP_SUMMARY (%s): %s", path, strerror(errno));
	return rc;
}

/* Every -o file, and standard output unless -o alone was given; the
 * findings on standard error unless -q or standard output has them in
 * text already. Returns 0, or -1 when one could not be written. */
static int write_reports(const struct report *r, const struct options *opt)
{
	int rc = 0;
	char err[512];
	for (size_t i = 0; i < opt->noutputs; i++)
		if (report_file_write(report_writer_of(opt->outputs[i].format), r, opt->outputs[i].path, err, sizeof err) != 0) {
			fatal("%s", err);
			rc = -1;
		}
	bool stdout_taken = (opt->fix && !strcmp(opt->fix, "-")) || opt->fix_diff; /* the copy or the diff */
	if ((opt->format_given || !opt->noutputs) && !stdout_taken) {
		if (report_writer_of(opt->format)(r, stdout) != 0) {
			fatal("cannot write the report: %s", strerror(errno));
			rc = -1;
		}
	}
	if (summary_for_github(opt) && append_step_summary(r) != 0)
		rc = -1;
	if (!opt->quiet && (stdout_taken || !(opt->format == REPORT_TEXT && (opt->format_given || !opt->noutputs))))
		report_text_write(r->m, r->s, opt->verbose, colour(opt, STDERR_FILENO), stderr);
	return rc;
}

/* --fix, --fix-diff: the copies, once the checks have answered. Returns
 * 0, or -1 when one could not be written. */
static int fix_all(struct model *m, const struct options *opt, const struct fix_options *fo)
{
	if (interrupted()) {
		fatal("the run was interrupted: no fixed copy written");
		return -1;
	}
	if (opt->fix && !strcmp(opt->fix, "-") && m->ndocs > 1) {
		fatal("--fix - writes one document to standard output; %zu were given: name a folder", m->ndocs);
		return -1;
	}
	fix_plan(m, fo);
	m->fixing = true;
	struct fix_output out = {opt->fix, opt->fix_diff, opt->fix_template};
	char err[512];
	if (fix_documents(m, &out, err, sizeof err) == 0)
		return 0;
	fatal("%s", err);
	return -1;
}

int run(const struct options *opt)
{
	interrupt_install();
	if (opt->save_missing && !opt->no_archive &&
	    (!getenv("WAYBACK_ACCESS_KEY") || !getenv("WAYBACK_SECRET_KEY"))) {
		fatal("--save-missing needs WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY in the environment "
		      "(the keys of an archive.org account)");
		return EXIT_TROUBLE;
	}
	struct baseline *old = NULL;
	char err[512];
	if (opt->baseline && baseline_load(opt->baseline, &old, err, sizeof err) != 0) {
		fatal("%s", err);
		return EXIT_TROUBLE;
	}
	struct input_list in;
	struct network net;
	input_list_init(&in);
	if (network_open(opt, &net, err, sizeof err) != 0) {
		fatal("%s", err);
		baseline_free(old);
		return EXIT_TROUBLE;
	}
	for (size_t i = 0; i < opt->noutputs; i++)
		if (report_file_check(opt->outputs[i].path, err, sizeof err) != 0) {
			fatal("%s", err); /* before any request: a long run must be able to save its work */
			network_close(&net);
			baseline_free(old);
			return EXIT_TROUBLE;
		}
	struct warc_writer *warc = NULL;
	bool usable = collect_inputs(opt, &in) == 0;
	if (usable && opt->warc && warc_open(&warc, opt->warc, err, sizeof err) != 0) {
		fatal("%s", err);
		usable = false;
	}
	if (!usable) {
		input_list_finish(&in);
		network_close(&net);
		baseline_free(old);
		return EXIT_TROUBLE;
	}
	if (warc) {
		net.cfg.record = warc_exchange;
		net.cfg.record_arg = warc;
	}
	struct model *m = model_create(NULL);
	struct progress progress;
	progress_init(&progress, !opt->quiet && opt->progress != COLOR_NEVER &&
					 (opt->progress == COLOR_ALWAYS || isatty(STDERR_FILENO)),
		      stderr);
	/* --cache: the documents read before (the readers' own connection),
	 * and the web's answers */
	struct memory docs, mem = {NULL, {0}, NULL};
	if (memory_open(opt, &net, &docs) != 0 || (!opt->extract_only && memory_open(opt, &net, &mem) != 0)) {
		cache_close(docs.cache);
		if (warc)
			warc_close(warc, m, err, sizeof err);
		model_destroy(m);
		input_list_finish(&in);
		network_close(&net);
		baseline_free(old);
		return EXIT_TROUBLE;
	}
	struct early_live early;
	early_begin(&early, m, opt, &net, &mem, &in, warc != NULL);
	char docs_err[256] = "";
	read_documents(m, opt, &in, &net.cfg, docs.cache, &docs.policy, &progress, say_unreadable, early.stage,
		       docs_err, sizeof docs_err);
	if (docs_err[0])
		fatal("%s: the documents read are not kept", docs_err);
	if (cache_refused(docs.cache))
		fatal("the cache %s: %zu documents that citecheck did not write were taken as absent and read again",
		      opt->cache, cache_refused(docs.cache));
	cache_close(docs.cache);
	input_list_finish(&in);
	check_local(m); /* offline: even under --extract-only */
	cited_snapshot_mark(m);
	bool fixing = opt->fix || opt->fix_diff;
	char *wayback_host = opt->wayback ? url_host(opt->wayback) : NULL;
	struct classify_config cc = {wayback_host};
	check_wraps(m, &cc);
	struct fix_options fo = {opt->fix_moved, opt->wayback ? opt->wayback : WAYBACK_DEFAULT_BASE, opt->no_archive, &cc};
	if (fixing)
		fix_prepare(m, &fo);
	if (opt->extract_only) {
		live_skip_all(m, "extract-only");
	} else if (interrupted()) {
		if (early.stage) /* what it fetched stands; what it was fetching ends as interrupted */
			live_stage_end(early.stage, m, true);
		live_skip_all(m, "interrupted");
	} else if (check_web(m, opt, &net, &mem, &early, &progress) != 0) {
		if (early.stage)
			live_stage_end(early.stage, m, false);
		cache_close(mem.cache);
		progress_end(&progress);
		if (warc)
			warc_close(warc, m, err, sizeof err); /* what was fetched before, kept */
		free(wayback_host);
		model_destroy(m);
		network_close(&net);
		baseline_free(old);
		return EXIT_TROUBLE;
	}
	cache_close(mem.cache);
	network_close(&net);
	progress_end(&progress); /* the summary takes its place */
	bool trouble = fixing && fix_all(m, opt, &fo) != 0;
	if (warc && warc_close(warc, m, err, sizeof err) != 0) {
		fatal("%s", err);
		trouble = true;
	}
	free(wayback_host);
	/* before the baseline: what is ignored is neither new nor fixed */
	ignore_apply(m, opt->ignore, opt->ignore_verdicts, opt->host_rules);
	if (old) {
		baseline_compare(old, m);
		baseline_free(old);
		if (!m->baseline->matched_documents)
			fatal("the baseline %s has none of the documents checked here: all they hold is new",
			      opt->baseline);
	}
	int stopped = interrupted() ? stop_status(m) : 0;
	unsigned jobs = (unsigned)read_jobs(opt, m->ndocs);
	struct summaries sums;
	summaries_compute(m, jobs, &sums);
	/* the status the reports state (SARIF) is the one the run ends with,
	 * unless writing them fails */
	struct report r = {.m = m, .s = &sums, .exit_status = exit_status(opt, &sums.run, stopped, trouble),
			   .fail_on = opt->fail_on, .verbose = opt->verbose, .color = colour(opt, STDOUT_FILENO),
			   .annotate_all = opt->annotate_all, .jobs = jobs};
	int rc = write_reports(&r, opt) == 0 || stopped ? r.exit_status : EXIT_TROUBLE;
	summaries_finish(&sums);
	model_destroy_at_exit(m);
	return rc;
}
