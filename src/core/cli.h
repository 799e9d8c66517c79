/* cli.h — the command line, parsed into one struct; nothing here runs. */
#ifndef CITECHECK_CLI_H
#define CITECHECK_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "live/host_rules.h"
#include "model/model.h"
#include "model/problem.h"
#include "read/detect_format.h"
#include "report/report_formats.h"

/* Exit statuses, documented in --help, README and citecheck(1). */
enum exit_status {
	EXIT_CLEAN = 0,    /* nothing that --fail-on names */
	EXIT_FINDINGS = 1, /* something --fail-on names: dead links, error findings, … */
	EXIT_TROUBLE = 2,  /* usage error, unreadable input, unwritable output */
	EXIT_OFFLINE = 3,  /* no link could be reached at all: the network, not the links */
};

#define MAX_LIST_OPTIONS 64

struct options {
	char **inputs;      /* the PATHs: files, folders, "-" (standard input), http(s) URLs */
	size_t ninputs;
	const char *files_from; /* --files-from: a file listing more PATHs; "-": standard input */
	/* -o [FMT:]FILE, repeatable */
	struct output {
		enum report_format format;
		const char *path;
	} outputs[MAX_LIST_OPTIONS];
	size_t noutputs;
	enum report_format format; /* --format: what goes to standard output */
	bool format_given;         /* without it and with -o, standard output gets nothing */
	enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color;
	enum color_mode progress; /* --progress: the same three answers */
	const struct host_rules *host_rules; /* the config file's hosts; NULL: none */
	enum doc_format input_format; /* FORMAT_AUTO: told from the content */
	const char *base_url;         /* --base-url; NULL when not given */
	const char *root;             /* --root: what /x links start from; NULL: each file's git top folder */
	enum site_kind site;          /* --site: how the folder becomes pages */
	const char *site_base;        /* --site-base: the path the site is served under; NULL: "/" */
	bool extract_only;
	bool quiet;   /* no findings on stderr, only fatal errors */
	bool verbose; /* also info-level findings and every unverified link on stderr */
	bool annotate_all; /* --annotate all: with --baseline, github annotates what is not new too */
	bool help, version;
	unsigned fail_on; /* enum fail_on bits */
	unsigned char fail_codes[PROB__COUNT]; /* --fail-on CODE: findings of these codes fail too */
	unsigned char ignore[PROB__COUNT];     /* --ignore CODE: findings dropped, and counted */
	unsigned ignore_verdicts;              /* --ignore VERDICT: 1 << enum live_verdict */
	/* the live stage; -1 or NULL: the default */
	long jobs, host_jobs, retries, max_redirects;
	long read_jobs; /* --read-jobs: documents read at once; 0: one a core (read_docs.h) */
	long timeout_ms, connect_timeout_ms, deadline_ms, max_retry_after_ms;
	long long max_body;
	const char *user_agent, *cacert;
	bool insecure, no_probe, no_private, check_fragments, check_example_hosts;
	bool check_chrome; /* HTML page chrome read as text (read/read_html.h) */
	const char *connect_to[MAX_LIST_OPTIONS], *resolve[MAX_LIST_OPTIONS], *exclude[MAX_LIST_OPTIONS];
	size_t nconnect_to, nresolve, nexclude;
	/* the archive stage; negative or NULL: the default */
	const char *wayback;
	bool no_archive, save_missing;
	bool archive_failing; /* --archive failing: look up failing pages and dated citations only */
	double archive_rate, cdx_rate, drift_threshold;
	long rate_limit_wait_ms;
	/* the DOI stage: the resolver (NULL: the default), or none at all */
	const char *doi_resolver;
	bool no_doi;
	/* --find-works: references with no URL or DOI searched in the works API
	 * (NULL: the default), politely when a contact address is given */
	bool find_works;
	const char *works_api, *contact;
	/* memory between runs */
	const char *baseline;    /* --baseline OLD.json; NULL: none */
	const char *cache;       /* --cache FILE; NULL: none */
	long long max_age_s;     /* --max-age; -1: the default */
	bool cache_only;
	long confirm_checks;     /* --confirm-dead N[,DURATION]; -1: the default */
	long long confirm_span_s;
	/* fix mode */
	const char *fix;          /* --fix DIR|FILE|-; NULL: no copies */
	bool fix_diff, fix_moved; /* --fix-diff, --fix-moved */
	const char *fix_template; /* --fix-template; NULL: the format's own */
	const char *warc;         /* --warc FILE: what was fetched, as evidence; NULL: not kept */
};

/* Returns 0, or -1 with a one-line message in err. */
int cli_parse(int argc, char **argv, struct options *opt, char *err, size_t errlen);
void cli_usage(FILE *out);
/* A long option's name: 1 when it takes a value, 0 when not, -1 when
 * there is none of that name. */
int cli_option_arg(const char *name);

#endif
