#include "run.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <regex.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_findings.h"
#include "baseline.h"
#include "cache.h"
#include "compare_drift.h"
#include "inputs.h"
#include "fetch_document.h"
#include "interrupt.h"
#include "check_archive.h"
#include "check_live.h"
#include "check_local.h"
#include "live_engine.h"
#include "checks.h"
#include "classify_url.h"
#include "model.h"
#include "read_document.h"
#include "report_json.h"
#include "report_text.h"
#include "safe_text.h"
#include "summary.h"
#include "util.h"

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

/* A path that exists and is no regular file (/dev/null, a FIFO, a symbolic
 * link) is written through: renaming a file over it would replace it. */
static int write_report_through(const struct model *m, const struct summaries *s, const char *path)
{
	FILE *f = fopen(path, "w");
	int rc = f ? report_json_write(m, s, f) : -1;
	int saved = errno;
	if (f && fclose(f) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0)
		fatal("cannot write %s: %s", path, strerror(saved));
	return rc;
}

/* Writes the report to path through a temporary file renamed into place, so
 * a failed run never leaves a truncated report where a good one was. */
static int write_report_file(const struct model *m, const struct summaries *s, const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_report_through(m, s, path);
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fatal("cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	/* a report is an ordinary file: the mode the umask gives, not mkstemp's 0600 */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	interrupt_guard_file(tmp);
	FILE *f = fdopen(fd, "w");
	int rc = f ? report_json_write(m, s, f) : -1;
	int saved = errno;
	if (f && fclose(f) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	} else if (!f) {
		close(fd);
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0)
		unlink(tmp);
	interrupt_guard_file(NULL); /* renamed or removed: nothing left to guard */
	if (rc != 0)
		fatal("cannot write %s: %s", path, strerror(saved));
	free(tmp);
	return rc;
}

/* The live stage's settings: the defaults, then what the command line says.
 * Returns 0, or -1 (and says why) when a --exclude does not compile. */
static int live_settings(const struct options *o, struct live_config *c, regex_t *rx, struct curl_slist **to,
			 struct curl_slist **res)
{
	live_config_defaults(c);
	if (o->jobs >= 0)
		c->jobs = o->jobs;
	if (o->host_jobs >= 0)
		c->host_jobs = o->host_jobs;
	if (o->retries >= 0)
		c->retries = (unsigned)o->retries;
	if (o->max_redirects >= 0)
		c->max_redirects = (unsigned)o->max_redirects;
	if (o->timeout_ms >= 0)
		c->timeout_ms = o->timeout_ms;
	if (o->connect_timeout_ms >= 0)
		c->connect_timeout_ms = o->connect_timeout_ms;
	if (o->deadline_ms >= 0)
		c->deadline_ms = o->deadline_ms;
	if (o->max_retry_after_ms >= 0)
		c->max_retry_after_s = o->max_retry_after_ms / 1000;
	if (o->max_body >= 0)
		c->max_body = (size_t)o->max_body;
	if (o->user_agent)
		c->user_agent = o->user_agent;
	c->cacert = o->cacert;
	c->insecure = o->insecure;
	c->no_private = o->no_private;
	c->probe = !o->no_probe;
	c->check_fragments = o->check_fragments;
	for (size_t i = 0; i < o->nconnect_to; i++)
		*to = curl_slist_append(*to, o->connect_to[i]);
	for (size_t i = 0; i < o->nresolve; i++)
		*res = curl_slist_append(*res, o->resolve[i]);
	c->connect_to = *to;
	c->resolve = *res;
	for (size_t i = 0; i < o->nexclude; i++) {
		int rc = regcomp(&rx[i], o->exclude[i], REG_EXTENDED | REG_NOSUB);
		if (rc) {
			char msg[256];
			regerror(rc, &rx[i], msg, sizeof msg);
			fatal("--exclude '%s': %s", o->exclude[i], msg);
			for (size_t k = 0; k < i; k++)
				regfree(&rx[k]);
			return -1;
		}
		c->nexcludes++;
	}
	c->excludes = rx;
	return 0;
}

/* A permanent redirect to another page that is there: cite the new address. */
static void report_moves(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			const struct live_result *lr = &m->targets[l->target].live;
			if (lr->moved && lr->final_url)
				problems_add(&l->problems, PROB_MOVED, l->line, l->column,
					     xasprintf("the page has moved for good (HTTP %s) to %s",
						       "301/308", lr->final_url),
					     xstrdup(lr->final_url));
		}
}

/* --check-fragments: a page that has not the cited element. */
static void report_fragments(struct model *m)
{
	for (size_t r = 0; r < m->nrefs; r++)
		for (size_t k = 0; k < m->refs[r].nlinks; k++) {
			struct link *l = &m->refs[r].links[k];
			const struct target *t = &m->targets[l->target];
			const char *hash = strchr(t->key, '#');
			if (t->fragment_found == 0 && hash)
				problems_add(&l->problems, PROB_FRAGMENT_MISSING, l->line, l->column,
					     xasprintf("the page has no element named \"%s\": the link lands at the top "
						       "of the page",
						       hash + 1),
					     NULL);
		}
}

/* The archive stage's settings: the defaults, then the command line and the
 * environment (Save Page Now's keys). */
static void archive_settings(const struct options *o, const struct live_config *net, struct archive_config *c)
{
	archive_config_defaults(c, net);
	if (o->wayback)
		c->base = o->wayback;
	if (o->archive_rate > 0)
		c->replay_rate = o->archive_rate;
	if (o->cdx_rate > 0)
		c->cdx_rate = o->cdx_rate / 60.0;
	if (o->rate_limit_wait_ms >= 0)
		c->rate_limit_wait_ms = o->rate_limit_wait_ms;
	if (o->drift_threshold >= 0)
		c->drift_threshold = o->drift_threshold;
	c->save_missing = o->save_missing;
	c->access_key = getenv("WAYBACK_ACCESS_KEY");
	c->secret_key = getenv("WAYBACK_SECRET_KEY");
}

/* The cache, when there is one, between the stages and the web. */
struct memory {
	struct cache *cache;
	struct cache_policy policy;
	const char *archive; /* the archive's address */
};

static bool reuse_live(void *arg, struct model *m, size_t target)
{
	struct memory *mem = arg;
	return cache_reuse_live(mem->cache, m, target, &mem->policy);
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

/* Live, then archive: the drift check needs the live page first. Each
 * stage's answers are committed to the cache as soon as it ends. */
static int check_stages(struct model *m, const struct options *opt, struct live_config *cfg, struct memory *mem,
			char *err, size_t errlen)
{
	bool archive = !opt->no_archive;
	cfg->keep_prints = cfg->archive_checks_snapshots = archive;
	if (mem->cache) {
		cfg->reuse = reuse_live;
		cfg->reuse_arg = mem;
	}
	if (archive)
		archive_plan(m, cfg);
	else
		archive_bind_originals(m, cfg);
	double start = live_now();
	if (check_live(m, cfg, err, errlen) != 0)
		return -1;
	if (mem->cache && cache_store_live(mem->cache, m, &mem->policy, err, errlen) != 0)
		return -1;
	if (!archive)
		return 0;
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
		if (mem->cache) {
			ac.reuse = reuse_archive;
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

/* The cache's rules, from the command line. */
static void memory_policy(const struct options *o, struct cache_policy *p)
{
	p->now = cache_clock();
	p->max_age = o->max_age_s >= 0 ? o->max_age_s : 86400;
	p->confirm_checks = o->confirm_checks > 0 ? (unsigned)o->confirm_checks : CACHE_CONFIRM_CHECKS;
	p->confirm_span = o->confirm_span_s >= 0 ? o->confirm_span_s : CACHE_CONFIRM_SPAN;
	p->only = o->cache_only;
	p->drift_threshold = o->drift_threshold >= 0 ? o->drift_threshold : DRIFT_THRESHOLD;
}

/* What every request of the run is sent with; the lists it points into
 * are its own. */
struct network {
	struct live_config cfg;
	regex_t rx[MAX_LIST_OPTIONS];
	struct curl_slist *to, *res;
};

/* Returns 0, or -1 (and says why) when an option does not hold. */
static int network_open(const struct options *opt, struct network *net)
{
	net->to = net->res = NULL;
	return live_settings(opt, &net->cfg, net->rx, &net->to, &net->res);
}

static void network_close(struct network *net)
{
	for (size_t i = 0; i < net->cfg.nexcludes; i++)
		regfree(&net->rx[i]);
	curl_slist_free_all(net->to);
	curl_slist_free_all(net->res);
}

static int check_web(struct model *m, const struct options *opt, const struct network *net)
{
	struct live_config cfg = net->cfg; /* the stages change their copy (the deadline left) */
	struct memory mem = {NULL, {0}, NULL};
	char err[512];
	int rc = 0;
	if (opt->cache) {
		memory_policy(opt, &mem.policy);
		if ((rc = cache_open(&mem.cache, opt->cache, err, sizeof err)) != 0)
			fatal("%s", err);
	}
	if (rc == 0 && (rc = check_stages(m, opt, &cfg, &mem, err, sizeof err)) != 0)
		fatal("%s", err);
	cache_close(mem.cache);
	if (rc == 0 && opt->insecure)
		problems_add(&m->problems, PROB_INSECURE, 0, 0,
			     xstrdup("TLS certificates were not verified (--insecure): an https page "
				     "called alive may not be the site it claims to be"),
			     NULL);
	report_moves(m);
	report_fragments(m);
	return rc;
}

/* Whether counts hold something the bits of f name: links by verdict,
 * findings by severity. */
static bool named(unsigned f, const size_t *live, const size_t *sev, size_t archive_unknown)
{
	return ((f & FAIL_DEAD) && live[LIVE_DEAD]) || ((f & FAIL_DYING) && live[LIVE_DYING]) ||
	       ((f & FAIL_BLOCKED) && live[LIVE_BLOCKED]) ||
	       ((f & FAIL_UNCHECKED) && (live[LIVE_ERROR] || archive_unknown)) || ((f & FAIL_ERROR) && sev[SEV_ERROR]) ||
	       ((f & FAIL_WARNING) && (sev[SEV_ERROR] || sev[SEV_WARNING]));
}

/* --fail-on: over everything, and (new-…) over what --baseline calls new. */
static bool fails(const struct options *opt, const struct summary *s)
{
	return named(opt->fail_on, s->live, s->severity, s->archive[ARCHIVE_UNKNOWN]) ||
	       named(opt->fail_on >> FAIL_NEW_SHIFT, s->new_live, s->new_severity, 0);
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

/* Reads and checks one document at a time, each in a model of its own that
 * is merged into the run's and freed: the run keeps the references, not
 * the documents' text. One that cannot be read is listed with why (and
 * said at once, even under --quiet: the exit status will be 2). */
static void read_documents(struct model *run, const struct options *opt, const struct input_list *in,
			   const struct live_config *net)
{
	/* links under --wayback are Wayback links, as web.archive.org's are */
	char *wayback_host = opt->wayback ? url_host(opt->wayback) : NULL;
	struct classify_config cc = {wayback_host};
	for (size_t i = 0; i < in->n && !interrupted(); i++) {
		const char *path = in->paths[i];
		struct read_options ro = {&cc, opt->input_format, opt->base_url, NULL};
		struct model *d = model_create(path);
		char err[512], file[64];
		int fd = -1;
		bool url = fetch_document_url(path);
		if (url && !opt->extract_only && fetch_document(path, net, &fd, err, sizeof err) == 0) {
			/* the download, read through its descriptor; relative links resolve against its address */
			snprintf(file, sizeof file, "/proc/self/fd/%d", fd);
			ro.file = file;
			if (!ro.base_url)
				ro.base_url = path;
		} else if (url && opt->extract_only) {
			snprintf(err, sizeof err, "a document on the web is not downloaded under --extract-only");
		}
		if ((url && fd < 0) || read_document(d, &ro, err, sizeof err) < 0) {
			fatal("%s: %s", strcmp(path, "-") ? path : "standard input", err);
			model_add_unreadable(run, path, NULL, err);
		} else {
			check_all(d);
			model_merge(run, d);
		}
		if (fd >= 0)
			close(fd);
		model_destroy(d);
	}
	free(wayback_host);
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

static int write_reports(const struct model *m, const struct summaries *sums, const struct options *opt)
{
	int rc;
	if (opt->output) {
		rc = write_report_file(m, sums, opt->output);
	} else {
		rc = report_json_write(m, sums, stdout);
		if (rc)
			fatal("cannot write the report: %s", strerror(errno));
	}
	if (!opt->quiet)
		report_text_write(m, sums, opt->verbose, stderr);
	return rc;
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
	if (network_open(opt, &net) != 0) {
		baseline_free(old);
		return EXIT_TROUBLE;
	}
	if (collect_inputs(opt, &in) != 0) {
		input_list_finish(&in);
		network_close(&net);
		baseline_free(old);
		return EXIT_TROUBLE;
	}
	struct model *m = model_create(NULL);
	read_documents(m, opt, &in, &net.cfg);
	input_list_finish(&in);
	check_local(m); /* offline: even under --extract-only */
	if (opt->extract_only) {
		live_skip_all(m, "extract-only");
	} else if (interrupted()) {
		live_skip_all(m, "interrupted");
	} else if (check_web(m, opt, &net) != 0) {
		model_destroy(m);
		network_close(&net);
		baseline_free(old);
		return EXIT_TROUBLE;
	}
	network_close(&net);
	if (old) {
		baseline_compare(old, m);
		baseline_free(old);
		if (!m->baseline->matched_documents)
			fatal("the baseline %s has none of the documents checked here: all they hold is new",
			      opt->baseline);
	}
	int stopped = interrupted() ? stop_status(m) : 0;
	struct summaries sums;
	summaries_compute(m, &sums);
	int rc = write_reports(m, &sums, opt);
	rc = exit_status(opt, &sums.run, stopped, rc != 0);
	summaries_finish(&sums);
	model_destroy(m);
	return rc;
}
