#include "core/cli.h"

#include "cache/cache.h"
#include "check/site_rules.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cli_usage(FILE *out)
{
	fputs("Usage: citecheck [OPTIONS] PATH...\n"
	      "Verify the citations of reports: extract their reference lists, footnotes and\n"
	      "cited URLs, check every URL once on the live web and in the Wayback Machine,\n"
	      "and report what is dead, changed, archived or unverifiable, and the problems\n"
	      "visible in the text itself, as JSON.\n"
	      "A PATH is a document (Markdown, plain text, reST, HTML, DOCX, ODT, EPUB, PDF,\n"
	      "BibTeX or CSL-JSON, told apart by content), a folder (its documents, walked; hidden\n"
	      "entries skipped), - (standard input) or an http(s) URL (downloaded).\n"
	      "\n"
	      "Output:\n"
	      "      --format FMT        what goes to standard output: json (default), text,\n"
	      "                          markdown, github, sarif, junit\n"
	      "  -o, --output [FMT:]FILE write a report to FILE, in FMT or as its extension says\n"
	      "                          (.json .txt .md .sarif .xml; else json); repeatable;\n"
	      "                          then standard output gets nothing unless --format\n"
	      "      --color WHEN        colour the text report: auto (on a terminal, unless\n"
	      "                          NO_COLOR is set), always, never (default auto)\n"
	      "      --progress WHEN     a progress line on standard error: auto (on a terminal,\n"
	      "                          not with -q), always, never (default auto)\n"
	      "  -q, --quiet             print no findings on standard error, only fatal errors\n"
	      "  -v, --verbose           also print info findings and unverified links\n"
	      "      --fail-on LIST      what makes the exit status 1, comma-separated from\n"
	      "                          dead, confirmed-dead, blocked, unchecked, error,\n"
	      "                          warning, none; changed, unarchived, a finding's code;\n"
	      "                          new-dead, new-error, ... count only what is new\n"
	      "                          against --baseline (default: dead,error)\n"
	      "      --ignore CODE       drop findings of CODE (or links dead, blocked,\n"
	      "                          unverified) from reports and exit status (counted\n"
	      "                          in the summary; repeatable)\n"
	      "      --baseline FILE     mark links and findings new, unchanged or fixed against\n"
	      "                          FILE, the JSON report of an earlier run\n"
	      "      --annotate WHAT     with --baseline, the github format annotates new\n"
	      "                          (default) or all problems\n"
	      "\n"
	      "Config:\n"
	      "      --config FILE       options from FILE (YAML; keys are these options' long\n"
	      "                          names) instead of .citecheck.yml here or above\n"
	      "      --no-config         read no config file\n"
	      "\n"
	      "Input:\n"
	      "      --files-from FILE   also check the PATHs listed in FILE, one a line\n"
	      "                          (- reads the list from standard input)\n"
	      "      --input-format F    read every document as F, whatever its content: auto,\n"
	      "                          text, markdown, asciidoc, html, docx, odt, epub, bibtex,\n"
	      "                          csl-json, pdf\n"
	      "                          (default: auto)\n"
	      "      --base-url URL      resolve relative links of an HTML document against URL\n"
	      "                          (default: its <base>, else they are not checked)\n"
	      "      --check-chrome      read an HTML page's <nav>, <footer> and <head> as its\n"
	      "                          text (default: their links listed, skipped/page-chrome)\n"
	      "      --root DIR          what root-relative links (/docs/x.md) start from\n"
	      "                          (default: the top folder of the file's git repository)\n"
	      "      --site NAME         how local links become pages: github (default), mdbook,\n"
	      "                          mkdocs, docusaurus, hugo, jekyll\n"
	      "      --site-base PATH    the path the site is served under (/docs/): stripped from\n"
	      "                          root-relative links\n"
	      "\n"
	      "Checking:\n"
	      "      --extract-only      read the document and check its text; no network\n"
	      "      --jobs N            requests at once (default 16)\n"
	      "      --host-jobs N       requests at once to one host (default 2)\n"
	      "      --read-jobs N       documents read (and JSON written) at once (default:\n"
	      "                          one a core it may run on, at most 8)\n"
	      "      --timeout SECONDS   per request (default 20)\n"
	      "      --connect-timeout SECONDS  per connection (default 10)\n"
	      "      --deadline SECONDS  for the whole check (default 900); what is left is error\n"
	      "      --retries N         further tries after a transient failure (default 2;\n"
	      "                          a timeout: one, after the backoff)\n"
	      "      --max-retry-after SECONDS  longest Retry-After to wait for (default 60)\n"
	      "      --max-body BYTES    bytes of each page kept (default 2097152)\n"
	      "      --max-redirects N   redirects followed (default 10)\n"
	      "      --no-probe          no soft-404 probes of hosts\n"
	      "      --check-fragments   look for each cited #fragment on its page (a page\n"
	      "                          cited with several is fetched once all the same)\n"
	      "      --exclude REGEX     do not fetch URLs matching REGEX (POSIX extended; repeatable)\n"
	      "      --user-agent STRING the User-Agent sent (default: citecheck and its version)\n"
	      "      --cacert FILE       trust the CA certificates in FILE\n"
	      "      --insecure          do not verify TLS certificates (said in the report)\n"
	      "      --no-private        never connect to loopback, private or link-local addresses\n"
	      "      --check-example-hosts  also check links to example.com/.org/.net, .test,\n"
	      "                          .example, .invalid, localhost and private addresses\n"
	      "                          (default: skipped as examples, unless --connect-to or\n"
	      "                          --resolve routes the host)\n"
	      "      --connect-to HOST:PORT:HOST2:PORT2  connect there instead (repeatable)\n"
	      "      --resolve HOST:PORT:ADDRESS  resolve HOST to ADDRESS (repeatable)\n"
	      "\n"
	      "Archive:\n"
	      "      --archive WHAT      what is looked up in the Wayback Machine: all (default),\n"
	      "                          failing (failing pages, dated citations, snapshot\n"
	      "                          links: a docs repository's CI), none (--no-archive)\n"
	      "      --no-archive        nothing sent to the Wayback Machine: no lookups, no drift\n"
	      "                          check, cited snapshots not fetched (their originals are)\n"
	      "      --wayback URL       the Wayback Machine's address (default https://web.archive.org)\n"
	      "      --archive-rate N    replay requests a second at most (default 5)\n"
	      "      --cdx-rate N        CDX index requests a minute at most (default 24)\n"
	      "      --rate-limit-wait SECONDS  pause after a 429 without Retry-After (default 60)\n"
	      "      --drift-threshold X similarity under which a page has changed (default 0.6)\n"
	      "      --save-missing      ask Save Page Now to capture live pages with no snapshot;\n"
	      "                          needs WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY\n"
	      "\n"
	      "Identity:\n"
	      "      --doi-resolver URL  where each cited DOI's registered work is asked, with content\n"
	      "                          negotiation (default https://doi.org)\n"
	      "      --no-doi            no DOI is asked of the resolver: no doi-not-found and\n"
	      "                          doi-mismatch findings\n"
	      "      --find-works        search each reference with no URL or DOI in Crossref's\n"
	      "                          works API: work-found, work-not-found findings\n"
	      "      --works-api URL     the works API's address (default https://api.crossref.org)\n"
	      "      --contact EMAIL     sent with each search (mailto=): Crossref's polite pool\n"
	      "\n"
	      "Memory between runs:\n"
	      "      --cache FILE        remember answers in the SQLite database FILE (made on\n"
	      "                          first use) and reuse the young ones; keep every check\n"
	      "      --max-age DURATION  reuse live answers this young: 90m, 12h, 7d (default 1d;\n"
	      "                          timeouts, 5xx, 429: 10m at most)\n"
	      "      --cache-only        no network: report from the cache alone\n"
	      "      --confirm-dead N[,DURATION]  with a cache, a dead page is confirmed once\n"
	      "                          it failed in N checks spanning DURATION, and 5xx or\n"
	      "                          timeouts so repeated are dead (default 2,20h: two\n"
	      "                          checks on two days)\n"
	      "\n"
	      "Fix mode:\n"
	      "      --fix DIR|FILE|-    write a corrected copy of each document into DIR (under\n"
	      "                          its path), of one document to FILE, or to standard\n"
	      "                          output (-); the documents are never modified\n"
	      "      --fix-diff          print the fixes as a unified diff (text formats) instead\n"
	      "      --fix-moved         also replace permanently moved pages by their new address\n"
	      "      --fix-template TEXT what follows a dead or changed page's link, with\n"
	      "                          {snapshot} and {date} (default Markdown and text:\n"
	      "                          \" ([archived]({snapshot}) {date})\")\n"
	      "\n"
	      "Evidence:\n"
	      "      --warc FILE         keep every answer fetched (live pages, snapshots) and\n"
	      "                          each URL's verdict in FILE, a WARC/1.1 file, gzipped\n"
	      "                          record by record; credentials are never written\n"
	      "\n"
	      "  -h, --help              show this help and exit\n"
	      "  -V, --version           show the version and the libraries' and exit\n"
	      "\n"
	      "Exit status:\n"
	      "  0  nothing that --fail-on names\n"
	      "  1  something --fail-on names (by default: a dead link or a finding of error severity)\n"
	      "  2  usage error, a document that could not be read (the report lists it\n"
	      "     and the rest are checked), or unwritable output\n"
	      "  3  offline: no cited host could be resolved or reached\n"
	      "  130, 143  interrupted by SIGINT or SIGTERM: the report holds what was checked\n"
	      "\n"
	      "Environment:\n"
	      "  NO_COLOR             no colour under --color auto\n"
	      "  GITHUB_STEP_SUMMARY  the github format appends the Markdown report to this file\n"
	      "  WAYBACK_ACCESS_KEY, WAYBACK_SECRET_KEY  Save Page Now keys (--save-missing)\n"
	      "  CITECHECK_NOW        the time of the run, Unix seconds (for tests)\n"
	      "  TMPDIR               where a document given by URL is downloaded\n"
	      "  http_proxy, https_proxy, no_proxy  proxies, as curl reads them\n"
	      "\n"
	      "See citecheck(1) for the JSON report and the list of findings.\n",
	      out);
}

static int parse_count(const char *arg, const char *name, long min, long max, long *out, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max) {
		snprintf(err, errlen, "%s takes a whole number from %ld to %ld, not '%s'", name, min, max, arg);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_seconds(const char *arg, const char *name, long *ms, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (errno || end == arg || *end || !(v > 0) || v > 86400) {
		snprintf(err, errlen, "%s takes seconds (more than 0, at most 86400), not '%s'", name, arg);
		return -1;
	}
	*ms = (long)(v * 1000 + 0.5);
	if (*ms < 1)
		*ms = 1;
	return 0;
}

static int parse_fail_on(const char *arg, unsigned *out, unsigned char *codes, char *err, size_t errlen)
{
	static const struct {
		const char *name;
		unsigned bits;
	} names[] = {{"dead", FAIL_DEAD},       {"blocked", FAIL_BLOCKED}, {"unchecked", FAIL_UNCHECKED},
		     {"error", FAIL_ERROR},     {"warning", FAIL_WARNING}, {"confirmed-dead", FAIL_CONFIRMED},
		     {"new-dead", FAIL_NEW_DEAD}, {"new-blocked", FAIL_NEW_BLOCKED},
		     {"new-unchecked", FAIL_NEW_UNCHECKED}, {"new-error", FAIL_NEW_ERROR},
		     {"new-warning", FAIL_NEW_WARNING}, {"new-confirmed-dead", FAIL_NEW_CONFIRMED}, {"changed", FAIL_CHANGED},
		     {"unarchived", FAIL_UNARCHIVED}, {"none", 0}};
	*out = 0;
	memset(codes, 0, PROB__COUNT);
	for (const char *p = arg;;) {
		size_t n = strcspn(p, ",");
		size_t k = 0;
		for (; k < sizeof names / sizeof names[0]; k++)
			if (strlen(names[k].name) == n && strncmp(p, names[k].name, n) == 0)
				break;
		int code = -1;
		for (int c = 0; k == sizeof names / sizeof names[0] && c < PROB__COUNT; c++)
			if (strlen(problem_code_name((enum problem_code)c)) == n &&
			    !strncmp(p, problem_code_name((enum problem_code)c), n))
				code = c;
		if (k == sizeof names / sizeof names[0] && code < 0) {
			if ((n == 5 && !strncmp(p, "dying", 5)) || (n == 9 && !strncmp(p, "new-dying", 9)))
				snprintf(err, errlen, "--fail-on %.*s: there is no dying verdict any more: a page failing now "
						      "is dead (--fail-on dead), and confirmed-dead once the cache's history "
						      "confirms it", (int)n, p);
			else
				snprintf(err, errlen, "--fail-on takes dead, confirmed-dead, blocked, unchecked, error, warning "
						      "(each also as new-dead, …), changed, unarchived, a finding's code, or "
						      "none, not '%.*s'",
					 (int)n, p);
			return -1;
		}
		if (code >= 0)
			codes[code] = 1;
		else
			*out |= names[k].bits;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

static int parse_real(const char *arg, const char *name, double min, double max, double *out, char *err,
		      size_t errlen)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (errno || end == arg || *end || !(v >= min) || !(v <= max)) {
		snprintf(err, errlen, "%s takes a number from %g to %g, not '%s'", name, min, max, arg);
		return -1;
	}
	*out = v;
	return 0;
}

/* An http(s) address without query or fragment: where /web/ and /cdx/ go. */
static int parse_base(const char *arg, const char *name, const char **out, char *err, size_t errlen)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *query = NULL, *frag = NULL;
	bool ok = u && !curl_url_set(u, CURLUPART_URL, arg, 0) && !curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) &&
		  (!strcmp(scheme, "http") || !strcmp(scheme, "https")) &&
		  curl_url_get(u, CURLUPART_QUERY, &query, 0) && curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0);
	curl_free(scheme);
	curl_free(query);
	curl_free(frag);
	curl_url_cleanup(u);
	if (!ok) {
		snprintf(err, errlen, "%s takes an http or https address with no query, not '%s'", name, arg);
		return -1;
	}
	*out = arg;
	return 0;
}

/* An e-mail address for Crossref's polite pool: one '@' with something on
 * each side, no white space or control characters, as long as an address
 * may be (RFC 5321: 254). */
static int parse_contact(const char *arg, const char **out, char *err, size_t errlen)
{
	const char *at = strchr(arg, '@');
	bool ok = at && at != arg && at[1] && !strchr(at + 1, '@') && strlen(arg) <= 254;
	for (const unsigned char *p = (const unsigned char *)arg; ok && *p; p++)
		ok = *p > 0x20 && *p != 0x7f;
	if (!ok) {
		snprintf(err, errlen, "--contact takes an e-mail address, not '%s'", arg);
		return -1;
	}
	*out = arg;
	return 0;
}

/* An absolute http(s) URL to resolve relative links against. */
static int parse_base_url(const char *arg, const char **out, char *err, size_t errlen)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	bool ok = u && !curl_url_set(u, CURLUPART_URL, arg, 0) && !curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) &&
		  (!strcmp(scheme, "http") || !strcmp(scheme, "https"));
	curl_free(scheme);
	curl_url_cleanup(u);
	if (!ok) {
		snprintf(err, errlen, "--base-url takes an absolute http or https address, not '%s'", arg);
		return -1;
	}
	*out = arg;
	return 0;
}

/* "90m", "12h", "7d", "30s" or seconds. */
static int parse_duration(const char *arg, const char *name, long long *out, char *err, size_t errlen)
{
	int64_t v;
	if (!cache_parse_duration(arg, &v)) {
		snprintf(err, errlen, "%s takes a duration such as 90m, 12h or 7d (at most ten years), not '%s'", name, arg);
		return -1;
	}
	*out = v;
	return 0;
}

/* N[,DURATION]: the failures needed, and the time they must span. */
static int parse_confirm(const char *arg, struct options *opt, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	int64_t span = opt->confirm_span_s;
	bool ok = !errno && end != arg && n >= 1 && n <= 100 && (!*end || *end == ',');
	if (ok && *end == ',')
		ok = cache_parse_duration(end + 1, &span);
	if (!ok) {
		snprintf(err, errlen, "--confirm-dead takes N[,DURATION]: failed checks (1 to 100) and the time "
				      "they span (such as 20h or 3d), not '%s'", arg);
		return -1;
	}
	opt->confirm_checks = n;
	opt->confirm_span_s = span;
	return 0;
}

/* auto, always or never. */
static int parse_when(const char *arg, const char *name, enum color_mode *out, char *err, size_t errlen)
{
	if (!strcmp(arg, "auto"))
		*out = COLOR_AUTO;
	else if (!strcmp(arg, "always"))
		*out = COLOR_ALWAYS;
	else if (!strcmp(arg, "never"))
		*out = COLOR_NEVER;
	else {
		snprintf(err, errlen, "%s takes auto, always or never, not '%s'", name, arg);
		return -1;
	}
	return 0;
}

/* -o [FMT:]FILE: the format from the prefix, else from the extension,
 * else JSON. */
static int parse_output(const char *arg, struct options *opt, char *err, size_t errlen)
{
	if (opt->noutputs == MAX_LIST_OPTIONS) {
		snprintf(err, errlen, "--output is given more than %d times", MAX_LIST_OPTIONS);
		return -1;
	}
	struct output *o = &opt->outputs[opt->noutputs];
	const char *colon = strchr(arg, ':');
	char prefix[16];
	if (colon && (size_t)(colon - arg) < sizeof prefix) {
		snprintf(prefix, sizeof prefix, "%.*s", (int)(colon - arg), arg);
		if (report_format_parse(prefix, &o->format))
			arg = colon + 1;
		else
			colon = NULL;
	} else {
		colon = NULL;
	}
	if (!*arg) {
		snprintf(err, errlen, "--output needs a file name");
		return -1;
	}
	if (!colon && !report_format_of_path(arg, &o->format))
		o->format = REPORT_JSON;
	o->path = arg;
	opt->noutputs++;
	return 0;
}

static int push(const char **list, size_t *n, const char *arg, const char *name, char *err, size_t errlen)
{
	if (*n == MAX_LIST_OPTIONS) {
		snprintf(err, errlen, "%s is given more than %d times", name, MAX_LIST_OPTIONS);
		return -1;
	}
	list[(*n)++] = arg;
	return 0;
}

/* The options, by long name: getopt's table, and the config file's keys. */
enum {
	OPT_EXTRACT_ONLY = 256, OPT_FAIL_ON, OPT_JOBS, OPT_HOST_JOBS, OPT_TIMEOUT, OPT_CONNECT_TIMEOUT,
	OPT_DEADLINE, OPT_RETRIES, OPT_MAX_RETRY_AFTER, OPT_MAX_BODY, OPT_MAX_REDIRECTS, OPT_NO_PROBE,
	OPT_EXCLUDE, OPT_USER_AGENT, OPT_CACERT, OPT_INSECURE, OPT_NO_PRIVATE, OPT_CHECK_EXAMPLE_HOSTS, OPT_CONNECT_TO, OPT_RESOLVE,
	OPT_NO_ARCHIVE, OPT_WAYBACK, OPT_ARCHIVE_RATE, OPT_CDX_RATE, OPT_RATE_LIMIT_WAIT,
	OPT_DRIFT_THRESHOLD, OPT_SAVE_MISSING, OPT_INPUT_FORMAT, OPT_BASE_URL, OPT_FILES_FROM,
	OPT_CACHE, OPT_MAX_AGE, OPT_CACHE_ONLY, OPT_CONFIRM_DEAD, OPT_BASELINE, OPT_CHECK_FRAGMENTS, OPT_CHECK_CHROME, OPT_FORMAT, OPT_COLOR, OPT_IGNORE, OPT_PROGRESS, OPT_CONFIG, OPT_NO_CONFIG,
	OPT_FIX, OPT_FIX_DIFF, OPT_FIX_MOVED, OPT_FIX_TEMPLATE, OPT_WARC, OPT_ARCHIVE, OPT_ANNOTATE, OPT_ROOT, OPT_SITE, OPT_SITE_BASE,
	OPT_DOI_RESOLVER, OPT_NO_DOI, OPT_READ_JOBS, OPT_FIND_WORKS, OPT_WORKS_API, OPT_CONTACT,
};

static const struct option longopts[] = {
	{"config", required_argument, NULL, OPT_CONFIG},
	{"no-config", no_argument, NULL, OPT_NO_CONFIG},
	{"extract-only", no_argument, NULL, OPT_EXTRACT_ONLY},
	{"output", required_argument, NULL, 'o'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"color", required_argument, NULL, OPT_COLOR},
	{"progress", required_argument, NULL, OPT_PROGRESS},
	{"ignore", required_argument, NULL, OPT_IGNORE},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"host-jobs", required_argument, NULL, OPT_HOST_JOBS},
	{"read-jobs", required_argument, NULL, OPT_READ_JOBS},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT},
	{"deadline", required_argument, NULL, OPT_DEADLINE},
	{"retries", required_argument, NULL, OPT_RETRIES},
	{"max-retry-after", required_argument, NULL, OPT_MAX_RETRY_AFTER},
	{"max-body", required_argument, NULL, OPT_MAX_BODY},
	{"max-redirects", required_argument, NULL, OPT_MAX_REDIRECTS},
	{"no-probe", no_argument, NULL, OPT_NO_PROBE},
	{"check-fragments", no_argument, NULL, OPT_CHECK_FRAGMENTS},
	{"check-chrome", no_argument, NULL, OPT_CHECK_CHROME},
	{"exclude", required_argument, NULL, OPT_EXCLUDE},
	{"user-agent", required_argument, NULL, OPT_USER_AGENT},
	{"cacert", required_argument, NULL, OPT_CACERT},
	{"insecure", no_argument, NULL, OPT_INSECURE},
	{"no-private", no_argument, NULL, OPT_NO_PRIVATE},
	{"check-example-hosts", no_argument, NULL, OPT_CHECK_EXAMPLE_HOSTS},
	{"connect-to", required_argument, NULL, OPT_CONNECT_TO},
	{"resolve", required_argument, NULL, OPT_RESOLVE},
	{"no-archive", no_argument, NULL, OPT_NO_ARCHIVE},
	{"archive", required_argument, NULL, OPT_ARCHIVE},
	{"annotate", required_argument, NULL, OPT_ANNOTATE},
	{"wayback", required_argument, NULL, OPT_WAYBACK},
	{"doi-resolver", required_argument, NULL, OPT_DOI_RESOLVER},
	{"no-doi", no_argument, NULL, OPT_NO_DOI},
	{"find-works", no_argument, NULL, OPT_FIND_WORKS},
	{"works-api", required_argument, NULL, OPT_WORKS_API},
	{"contact", required_argument, NULL, OPT_CONTACT},
	{"archive-rate", required_argument, NULL, OPT_ARCHIVE_RATE},
	{"cdx-rate", required_argument, NULL, OPT_CDX_RATE},
	{"rate-limit-wait", required_argument, NULL, OPT_RATE_LIMIT_WAIT},
	{"drift-threshold", required_argument, NULL, OPT_DRIFT_THRESHOLD},
	{"save-missing", no_argument, NULL, OPT_SAVE_MISSING},
	{"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
	{"base-url", required_argument, NULL, OPT_BASE_URL},
	{"root", required_argument, NULL, OPT_ROOT},
	{"site", required_argument, NULL, OPT_SITE},
	{"site-base", required_argument, NULL, OPT_SITE_BASE},
	{"files-from", required_argument, NULL, OPT_FILES_FROM},
	{"cache", required_argument, NULL, OPT_CACHE},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"max-age", required_argument, NULL, OPT_MAX_AGE},
	{"cache-only", no_argument, NULL, OPT_CACHE_ONLY},
	{"confirm-dead", required_argument, NULL, OPT_CONFIRM_DEAD},
	{"fix", required_argument, NULL, OPT_FIX},
	{"fix-diff", no_argument, NULL, OPT_FIX_DIFF},
	{"fix-moved", no_argument, NULL, OPT_FIX_MOVED},
	{"fix-template", required_argument, NULL, OPT_FIX_TEMPLATE},
	{"warc", required_argument, NULL, OPT_WARC},
	{NULL, 0, NULL, 0},
};

int cli_option_arg(const char *name)
{
	for (const struct option *o = longopts; o->name; o++)
		if (!strcmp(o->name, name))
			return o->has_arg == required_argument;
	return -1;
}

/* Fix mode's options together, and against the rest. */
static int cli_check_fix(const struct options *opt, char *err, size_t errlen)
{
	const char *bad = NULL;
	if (opt->fix && opt->fix_diff)
		bad = "--fix and --fix-diff: one or the other";
	else if ((opt->fix_moved || opt->fix_template) && !opt->fix && !opt->fix_diff)
		bad = "--fix-moved and --fix-template go with --fix or --fix-diff";
	else if ((opt->fix || opt->fix_diff) && opt->extract_only)
		bad = "--fix needs the checks' answers: not with --extract-only";
	else if (opt->warc && (opt->extract_only || opt->cache_only))
		bad = "--warc keeps what is fetched: nothing is, under --extract-only or --cache-only";
	else if (((opt->fix && !strcmp(opt->fix, "-")) || opt->fix_diff) && opt->format_given)
		bad = "standard output takes the fixed copy or the diff: write the report with -o FILE";
	if (bad)
		snprintf(err, errlen, "%s", bad);
	return bad ? -1 : 0;
}

int cli_parse(int argc, char **argv, struct options *opt, char *err, size_t errlen)
{
	memset(opt, 0, sizeof *opt);
	opt->fail_on = FAIL_DEAD | FAIL_ERROR;
	opt->jobs = opt->host_jobs = opt->retries = opt->max_redirects = -1;
	opt->timeout_ms = opt->connect_timeout_ms = opt->deadline_ms = opt->max_retry_after_ms = -1;
	opt->max_body = -1;
	opt->archive_rate = opt->cdx_rate = opt->drift_threshold = -1;
	opt->rate_limit_wait_ms = -1;
	opt->max_age_s = opt->confirm_checks = -1;
	opt->confirm_span_s = -1;
	opterr = 0; /* errors are reported by the caller, in one line */
	optind = 1;
	int c, rc = 0;
	long v;
	while (rc == 0 && (c = getopt_long(argc, argv, ":o:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_EXTRACT_ONLY:
			opt->extract_only = true;
			break;
		case 'o':
			rc = parse_output(optarg, opt, err, errlen);
			break;
		case OPT_IGNORE:
			if (!ignore_word(optarg, opt->ignore, &opt->ignore_verdicts)) {
				snprintf(err, errlen, "--ignore takes a finding's code (see citecheck(1), FINDINGS) or dead, "
						      "blocked, unverified, not '%s'%s",
					 optarg, strcmp(optarg, "dying") ? "" : " (a page failing now is dead)");
				rc = -1;
			}
			break;
		case OPT_CONFIG:
		case OPT_NO_CONFIG:
			break; /* read before the command line (config.h) */
		case OPT_COLOR:
			rc = parse_when(optarg, "--color", &opt->color, err, errlen);
			break;
		case OPT_PROGRESS:
			rc = parse_when(optarg, "--progress", &opt->progress, err, errlen);
			break;
		case OPT_FORMAT:
			if (!report_format_parse(optarg, &opt->format)) {
				snprintf(err, errlen, "--format takes json, text, markdown, github, sarif or junit, not '%s'", optarg);
				rc = -1;
			}
			opt->format_given = true;
			break;
		case 'q':
			opt->quiet = true;
			break;
		case 'v':
			opt->verbose = true;
			break;
		case 'h':
			opt->help = true;
			break;
		case 'V':
			opt->version = true;
			break;
		case OPT_FAIL_ON:
			rc = parse_fail_on(optarg, &opt->fail_on, opt->fail_codes, err, errlen);
			break;
		case OPT_JOBS:
			rc = parse_count(optarg, "--jobs", 1, 1000, &opt->jobs, err, errlen);
			break;
		case OPT_HOST_JOBS:
			rc = parse_count(optarg, "--host-jobs", 1, 100, &opt->host_jobs, err, errlen);
			break;
		case OPT_READ_JOBS:
			rc = parse_count(optarg, "--read-jobs", 1, 64, &opt->read_jobs, err, errlen);
			break;
		case OPT_RETRIES:
			rc = parse_count(optarg, "--retries", 0, 10, &opt->retries, err, errlen);
			break;
		case OPT_MAX_REDIRECTS:
			rc = parse_count(optarg, "--max-redirects", 0, 50, &opt->max_redirects, err, errlen);
			break;
		case OPT_MAX_BODY:
			rc = parse_count(optarg, "--max-body", 1024, 1L << 30, &v, err, errlen);
			opt->max_body = v;
			break;
		case OPT_TIMEOUT:
			rc = parse_seconds(optarg, "--timeout", &opt->timeout_ms, err, errlen);
			break;
		case OPT_CONNECT_TIMEOUT:
			rc = parse_seconds(optarg, "--connect-timeout", &opt->connect_timeout_ms, err, errlen);
			break;
		case OPT_DEADLINE:
			rc = parse_seconds(optarg, "--deadline", &opt->deadline_ms, err, errlen);
			break;
		case OPT_MAX_RETRY_AFTER:
			rc = parse_seconds(optarg, "--max-retry-after", &opt->max_retry_after_ms, err, errlen);
			break;
		case OPT_NO_PROBE:
			opt->no_probe = true;
			break;
		case OPT_CHECK_FRAGMENTS:
			opt->check_fragments = true;
			break;
		case OPT_CHECK_CHROME:
			opt->check_chrome = true;
			break;
		case OPT_EXCLUDE:
			rc = push(opt->exclude, &opt->nexclude, optarg, "--exclude", err, errlen);
			break;
		case OPT_USER_AGENT:
			opt->user_agent = optarg;
			break;
		case OPT_CACERT:
			opt->cacert = optarg;
			break;
		case OPT_INSECURE:
			opt->insecure = true;
			break;
		case OPT_NO_PRIVATE:
			opt->no_private = true;
			break;
		case OPT_CHECK_EXAMPLE_HOSTS:
			opt->check_example_hosts = true;
			break;
		case OPT_CONNECT_TO:
			rc = push(opt->connect_to, &opt->nconnect_to, optarg, "--connect-to", err, errlen);
			break;
		case OPT_RESOLVE:
			rc = push(opt->resolve, &opt->nresolve, optarg, "--resolve", err, errlen);
			break;
		case OPT_NO_ARCHIVE:
			opt->no_archive = true;
			opt->archive_failing = false;
			break;
		case OPT_ARCHIVE:
			if (!strcmp(optarg, "all") || !strcmp(optarg, "failing") || !strcmp(optarg, "none")) {
				opt->no_archive = !strcmp(optarg, "none");
				opt->archive_failing = !strcmp(optarg, "failing");
			} else {
				snprintf(err, errlen, "--archive takes all, failing or none, not '%s'", optarg);
				rc = -1;
			}
			break;
		case OPT_ANNOTATE:
			if (!strcmp(optarg, "all") || !strcmp(optarg, "new")) {
				opt->annotate_all = !strcmp(optarg, "all");
			} else {
				snprintf(err, errlen, "--annotate takes new or all, not '%s'", optarg);
				rc = -1;
			}
			break;
		case OPT_WAYBACK:
			rc = parse_base(optarg, "--wayback", &opt->wayback, err, errlen);
			break;
		case OPT_DOI_RESOLVER:
			rc = parse_base(optarg, "--doi-resolver", &opt->doi_resolver, err, errlen);
			break;
		case OPT_NO_DOI:
			opt->no_doi = true;
			break;
		case OPT_FIND_WORKS:
			opt->find_works = true;
			break;
		case OPT_WORKS_API:
			rc = parse_base(optarg, "--works-api", &opt->works_api, err, errlen);
			break;
		case OPT_CONTACT:
			rc = parse_contact(optarg, &opt->contact, err, errlen);
			break;
		case OPT_ARCHIVE_RATE:
			rc = parse_real(optarg, "--archive-rate", 0.01, 1000, &opt->archive_rate, err, errlen);
			break;
		case OPT_CDX_RATE:
			rc = parse_real(optarg, "--cdx-rate", 0.1, 60000, &opt->cdx_rate, err, errlen);
			break;
		case OPT_RATE_LIMIT_WAIT:
			rc = parse_seconds(optarg, "--rate-limit-wait", &opt->rate_limit_wait_ms, err, errlen);
			break;
		case OPT_DRIFT_THRESHOLD:
			rc = parse_real(optarg, "--drift-threshold", 0, 1, &opt->drift_threshold, err, errlen);
			break;
		case OPT_SAVE_MISSING:
			opt->save_missing = true;
			break;
		case OPT_INPUT_FORMAT:
			if (!doc_format_parse(optarg, &opt->input_format)) {
				snprintf(err, errlen, "--input-format takes auto, text, markdown, asciidoc, html, docx, odt, epub, "
						      "bibtex, csl-json or pdf, not '%s'", optarg);
				rc = -1;
			}
			break;
		case OPT_BASE_URL:
			rc = parse_base_url(optarg, &opt->base_url, err, errlen);
			break;
		case OPT_ROOT: {
			struct stat st;
			if (stat(optarg, &st) != 0 || !S_ISDIR(st.st_mode)) {
				snprintf(err, errlen, "--root %s: %s", optarg,
					 stat(optarg, &st) != 0 ? strerror(errno) : "not a folder");
				rc = -1;
			}
			opt->root = optarg;
			break;
		}
		case OPT_SITE:
			if (!site_kind_parse(optarg, &opt->site)) {
				snprintf(err, errlen,
					 "--site takes github, mdbook, mkdocs, docusaurus, hugo or jekyll, not '%s'", optarg);
				rc = -1;
			}
			break;
		case OPT_SITE_BASE:
			if (optarg[0] != '/' || strpbrk(optarg, "?#")) {
				snprintf(err, errlen, "--site-base takes a path that starts with '/' (/docs/), not '%s'",
					 optarg);
				rc = -1;
			}
			opt->site_base = optarg;
			break;
		case OPT_CACHE:
			if (!*optarg) {
				snprintf(err, errlen, "--cache needs a file name");
				return -1;
			}
			opt->cache = optarg;
			break;
		case OPT_BASELINE:
			if (!*optarg) {
				snprintf(err, errlen, "--baseline needs a file name");
				return -1;
			}
			opt->baseline = optarg;
			break;
		case OPT_MAX_AGE:
			rc = parse_duration(optarg, "--max-age", &opt->max_age_s, err, errlen);
			break;
		case OPT_CACHE_ONLY:
			opt->cache_only = true;
			break;
		case OPT_CONFIRM_DEAD:
			rc = parse_confirm(optarg, opt, err, errlen);
			break;
		case OPT_FIX:
			if (!*optarg) {
				snprintf(err, errlen, "--fix needs a folder, a file name or -");
				return -1;
			}
			opt->fix = optarg;
			break;
		case OPT_WARC:
			if (!*optarg) {
				snprintf(err, errlen, "--warc needs a file name");
				return -1;
			}
			opt->warc = optarg;
			break;
		case OPT_FIX_DIFF:
			opt->fix_diff = true;
			break;
		case OPT_FIX_MOVED:
			opt->fix_moved = true;
			break;
		case OPT_FIX_TEMPLATE:
			if (!strstr(optarg, "{snapshot}")) {
				snprintf(err, errlen, "--fix-template needs {snapshot} (and may have {date}): '%s'", optarg);
				return -1;
			}
			opt->fix_template = optarg;
			break;
		case OPT_FILES_FROM:
			if (!*optarg) {
				snprintf(err, errlen, "--files-from needs a file name");
				return -1;
			}
			opt->files_from = optarg;
			break;
		case ':':
			snprintf(err, errlen, "%s needs %s", argv[optind - 1],
				 optopt == 'o' || optopt == OPT_CACERT || optopt == OPT_FILES_FROM || optopt == OPT_CACHE || optopt == OPT_BASELINE ? "a file name" : "a value");
			return -1;
		default:
			if (optopt)
				snprintf(err, errlen, "unknown option '-%c'", optopt);
			else
				snprintf(err, errlen, "unknown option '%s'", argv[optind - 1]);
			return -1;
		}
	}
	if (rc)
		return -1;
	if (opt->help || opt->version)
		return 0;
	if ((opt->fail_on >> FAIL_NEW_SHIFT) && !opt->baseline) {
		snprintf(err, errlen, "--fail-on new-… needs --baseline FILE");
		return -1;
	}
	if ((opt->fail_on & (FAIL_CONFIRMED | FAIL_NEW_CONFIRMED)) && !opt->cache) {
		snprintf(err, errlen, "--fail-on confirmed-dead needs --cache FILE: only the history of checks "
				      "confirms a death");
		return -1;
	}
	if (opt->cache_only && !opt->cache) {
		snprintf(err, errlen, "--cache-only needs --cache FILE");
		return -1;
	}
	if (cli_check_fix(opt, err, errlen) != 0)
		return -1;
	opt->inputs = argv + optind;
	opt->ninputs = (size_t)(argc - optind);
	if (!opt->ninputs && !opt->files_from) {
		snprintf(err, errlen, "no document given");
		return -1;
	}
	size_t stdin_uses = opt->files_from && strcmp(opt->files_from, "-") == 0;
	for (size_t i = 0; i < opt->ninputs; i++)
		stdin_uses += strcmp(opt->inputs[i], "-") == 0;
	if (stdin_uses > 1) {
		snprintf(err, errlen, "standard input (-) can be read only once");
		return -1;
	}
	return 0;
}
