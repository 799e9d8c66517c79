/* model.h — the one model of a document's citations that every stage reads
 * and fills: extraction creates references and links, the checks attach
 * problems, later stages attach live/archive/drift results to targets, and
 * the reporters only read it.
 *
 * Ownership: the model owns everything reachable from it, and every string in
 * it is NUL-terminated UTF-8. model_destroy(NULL) is a no-op. Stages refer to
 * references, links and targets by index, never by pointer, because the
 * arrays grow. */
#ifndef CITECHECK_MODEL_H
#define CITECHECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/footnotes.h"
#include "model/problem.h"
#include "util/dates.h"
#include "util/keyindex.h"
#include "util/strmap.h"
#include "util/text_print.h"
#include "util/util.h"

/* The JSON report's schema: the model's shape as report/report_json.c
 * writes it and compare/baseline.c reads an earlier run's back. */
#define REPORT_SCHEMA_VERSION 14

enum link_kind {
	LINK_DIRECT,
	LINK_ARCHIVE_SNAPSHOT, /* web.archive.org/web/<timestamp>/<original> */
	LINK_ARCHIVE_REQUEST,  /* web.archive.org/save/<original>: asks for a capture */
	LINK_ARCHIVE_OTHER,    /* perma.cc, archive.today and other web archives */
	LINK_DOI,              /* doi.org resolver */
	LINK_LOCAL,            /* a relative link: another file of the repository, or a #fragment */
};

enum link_syntax {
	SYNTAX_AUTOLINK, /* <https://…> */
	SYNTAX_INLINE,   /* [text](https://…) */
	SYNTAX_BARE,     /* https://… in running text */
	SYNTAX_REFDEF,   /* [label]: https://… */
	SYNTAX_FIELD,    /* a reference manager's url or doi field */
};

/* Where in the document a reference was found. */
enum ref_where {
	WHERE_REFERENCES, /* a reference section or a footnote definition */
	WHERE_BODY,       /* a link in running text */
	WHERE_CHROME,     /* a link of a web page's chrome (navigation, footer, head):
			   * listed, checked only when cited elsewhere too */
};
const char *ref_where_name(enum ref_where w);

/* Against a report of an earlier run (--baseline): whether a link's verdict
 * or a finding was already there. Fixed ones are listed apart (they are in
 * the old report, not in this one). */
enum baseline_mark { MARK_NONE, MARK_NEW, MARK_UNCHANGED };

/* What few links have: the parts of a snapshot's or a DOI's URL, the
 * spelling as written, and the indexes that go with them. Out of line
 * (link_extra): of a docs tree's 270,000 links hardly any has one. Its
 * strings owned. */
struct link_extra {
	char *original;    /* snapshot or save request: the archived page's URL */
	char *timestamp;   /* snapshot: the 1–14 digits as cited; NULL for a save request */
	char *doi;         /* DOI link: the DOI */
	/* an autolink or bare URL written with backslash escapes ("a\_b"),
	 * which work in neither: as written; NULL when written as url */
	char *written;
	/* The indexes, in 32 bits (NO_INDEX32: none; read them through
	 * index_from32). */
	/* snapshot or save request: the archived page's own target, checked
	 * live too; NO_INDEX32 otherwise (set by archive_plan) */
	uint32_t original_target;
	/* --fix: the target of the URL repaired (spaces, illegal characters,
	 * bad percent-encodings), checked to confirm the repair; or NO_INDEX32 */
	uint32_t repair_target;
	/* a PDF's URL its text may have wrapped (url-wrap-unsure): the target
	 * of the reading joined with the next line's word, fetched beside this
	 * one to settle which is cited (check/check_wraps.h); or NO_INDEX32 */
	uint32_t wrap_target;
	/* a snapshot of this link's page cited beside it (the form --fix
	 * writes): in the same source, or for a link of body text the next
	 * source on its line: refs[snapshot_ref].links[snapshot_link], or
	 * snapshot_link NO_INDEX32. A dead or changed page so cited is no problem
	 * (compare/cited_snapshot.h). */
	uint32_t snapshot_ref, snapshot_link;
};

/* Its small fields are kept together: a docs tree has hundreds of
 * thousands of links (56 bytes each, one 64-byte malloc block). */
struct link {
	char *url;        /* as the author meant it: markup and escapes undone */
	char *normalized; /* curl's form when it differs from url; see link_normalized() */
	/* read it through link_extra (never NULL), fill it through link_extra_make */
	struct link_extra *extra_own;
	struct problem_list problems;
	uint32_t target;  /* index into model.targets */
	uint32_t lookup;  /* index into model.lookups, or NO_INDEX32 */
	unsigned line, column;
	/* a byte each: with the 32-bit indexes, 56 bytes in all (72 took 80) */
	enum baseline_mark mark : 8; /* of its live verdict */
	enum link_syntax syntax : 8;
	enum link_kind kind : 8;
	bool ignored;     /* --ignore VERDICT: its verdict fails nothing and is listed nowhere */
	bool valid;       /* curl's URL API accepts url */
	bool pinned;      /* snapshot: timestamp has all 14 digits */
	/* normalized is its target's key (the same text), not its own copy:
	 * a relative link's key is long and a docs tree has 230,000 of them */
	bool normalized_shared;
};

#define NO_INDEX ((size_t)-1)
#define NO_INDEX32 UINT32_MAX

/* A link's 32-bit index as the model's others: NO_INDEX for none. */
static inline size_t index_from32(uint32_t i)
{
	return i == NO_INDEX32 ? NO_INDEX : i;
}

/* An index (under 2^32 - 1: the arrays never hold as many) or NO_INDEX, in 32 bits. */
static inline uint32_t index_to32(size_t i)
{
	return i >= NO_INDEX32 ? NO_INDEX32 : (uint32_t)i;
}

/* A source with more links is no citation (a link farm, or a reader's
 * mistake): the rest are counted, not kept, so memory follows the cap. */
#define LINKS_PER_REFERENCE_MAX 1000

/* What a reference says beyond its text, when it is an entry of a
 * reference list or a note: out of line, because most references of a
 * docs tree are a link in running text with none of it (48 bytes a
 * reference). Every string owned. */
struct ref_details {
	char *footnote; /* label as written ("1", "GCCATTR"); NULL outside numbered notes */
	char *key;      /* a reference manager's key for the entry (BibTeX key, CSL id) */
	char *authors;  /* author or organisation as written; NULL if not told apart */
	char *title;    /* NULL if not told apart */
	struct date published, accessed;
};

struct reference {
	unsigned entry; /* 1-based position within its footnote (or 1) */
	unsigned line, column; /* column 0: not known (paragraph locations) */
	enum ref_where where : 8; /* a byte: a docs tree has 270,000 references */
	bool endnote;     /* footnote names an endnote of a word processor */
	const char *part; /* the file inside the document (EPUB chapter, DOCX part); model-owned */
	char *text;     /* the entry's text, lines joined by one space; a link's text */
	/* never NULL: the reference's own (ref_details_make), or a shared
	 * empty one, read-only, while it has none */
	const struct ref_details *details;
	/* nlinks of them, room for the next power of two (model_add_link): no
	 * capacity kept, as most references have one link */
	struct link *links;
	uint32_t nlinks;
	uint32_t links_omitted; /* past LINKS_PER_REFERENCE_MAX; counted up to 2^32 - 1 */
	struct problem_list problems;
};

/* What a reference has none of: its details until it is given some. */
extern const struct ref_details ref_no_details;
/* The reference's own details to fill, made on first use. */
struct ref_details *ref_details_make(struct reference *r);
/* Gives the reference the details in d, its strings taken (d is left
 * empty): as its own when d holds any, or none. */
void ref_details_take(struct reference *r, struct ref_details *d);

enum live_verdict {
	LIVE_UNCHECKED, /* the live stage has not run */
	LIVE_ALIVE,     /* 2xx with real content, after redirects */
	LIVE_DEAD,      /* 404, 410, no such host, connection refused, soft 404; or with
			 * the cache's history, transient failures repeated over time */
	LIVE_BLOCKED,   /* 401, 403, persistent 429, bot walls: the page may be fine */
	LIVE_ERROR,     /* could not verify now: timeouts, 5xx, TLS, resets, offline */
	LIVE_SKIPPED,   /* not fetched: excluded, not http(s), not a valid URL, --extract-only */
};
#define LIVE__COUNT (LIVE_SKIPPED + 1)

/* What the live web said about a target. Strings are owned; reason is static. */
struct live_result {
	enum live_verdict verdict;
	unsigned attempts;  /* requests sent for this target, redirects included */
	const char *reason; /* short and machine-readable: "http-404", "dns", "soft-404", … */
	long http_status;   /* of the last response; 0 when none came */
	char *final_url;    /* after redirects; NULL when there were none */
	char **redirects;   /* every URL redirected to, in order */
	size_t nredirects;
	long elapsed_ms;
	int64_t checked_at; /* when (Unix time); 0: not checked */
	/* what the cache's history knows (0: nothing): the first check of the
	 * failures since the page was last seen alive, and that last time */
	int64_t first_failed, last_alive;
	/* alive HTML cited with a title: what the page says it is, one title a
	 * line (live/page_text.h); NULL otherwise. Owned. */
	char *page_titles;
	unsigned failures; /* failing checks since last alive, this one included */
	/* the flags last, together, in what is left of failures' 8 bytes:
	 * every target has one of these */
	bool moved;  /* a permanent redirect led to another page */
	bool cached; /* the answer of an earlier run, from --cache */
	bool local;  /* a relative link, decided from the files (check_local.h), never cached */
	/* dead, and the history confirms it: failing in enough checks spread
	 * over enough time (cache.h); never without a cache but at
	 * --confirm-dead 1 */
	bool confirmed;
};

/* What the live stage keeps of a page it found alive, for the drift
 * comparison once its snapshot arrives. */
enum page_type { PAGE_NONE, PAGE_TEXT, PAGE_BINARY };
struct page_print {
	enum page_type type;
	struct text_print text; /* PAGE_TEXT: HTML main text or plain text */
	uint64_t digest;        /* PAGE_BINARY: FNV-1a of the bytes kept */
	size_t bytes;
	signed char title_found; /* the cited title on the page: 1, 0, or -1 unknown */
};

/* A distinct URL, shared by every link that cites it: what later stages check
 * once and record once. */
struct target {
	char *key; /* normalized URL, or the URL as written when it does not parse */
	char *similarity_key; /* for the typo check: set and owned by check_typos */
	uint32_t first_ref, first_link; /* first citation, for messages */
	/* 0: the original of a cited snapshot, not cited itself; at most one
	 * a link of the run, so 32 bits, beside the small fields below */
	uint32_t citations;
	signed char fragment_found; /* --check-fragments: 1, 0, or -1 not known */
	bool repair; /* a spelling citecheck made of a cited URL, fetched to confirm a fix (--fix) */
	bool chrome_only; /* every citation is a page's chrome (WHERE_CHROME): listed, not checked */
	bool live_owned;  /* live_at is the target's own, freed with it */
	/* What the live web said of it, or a local link's verdict: read it
	 * through target_live, fill it through target_live_make. Out of line
	 * because most targets of a docs tree are local links, whose verdicts
	 * are a handful of answers alike that they share (target_live_share),
	 * read-only: 88 bytes less for each of its 230,000 targets. NULL:
	 * unchecked. */
	const struct live_result *live_at;
	/* kept only when the archive stage runs (NULL otherwise: most targets
	 * of a docs tree are local links, which never have one); read it
	 * through target_print, fill it through target_print_make */
	struct page_print *print;
	/* a local link's missing fragment ("#installation") or file
	 * ("guide.md"): the nearest that exists, when one is a slip away; owned */
	char *nearest;
};

enum archive_verdict {
	ARCHIVE_UNCHECKED,    /* the stage did not run (--no-archive, --extract-only) */
	ARCHIVE_ARCHIVED,     /* a capture with status 200 exists */
	ARCHIVE_NOT_ARCHIVED, /* the archive has no usable capture */
	ARCHIVE_UNKNOWN,      /* the archive could not be asked or did not say */
	ARCHIVE_SKIPPED,      /* nothing to look up: not http(s), invalid, excluded, DOI, … */
};

struct archive_result {
	enum archive_verdict verdict;
	const char *reason;   /* static; "archive-rate-limited", "no-capture", … */
	char timestamp[15];   /* the capture's 14 digits; "" when none */
	char *snapshot_url;   /* what to cite: <base>/web/<timestamp>/<original> */
	bool via_cdx;         /* found through the CDX index, not replay */
	long http_status;     /* the archive's last answer */
	unsigned requests;    /* archive requests made for this lookup */
	int64_t checked_at;   /* when the archive answered (Unix time) */
	bool cached;          /* the answer of an earlier run, from --cache */
	/* Save Page Now (--save-missing) */
	char *save_job;
	const char *save_status; /* "pending", "success", "error"; NULL when not asked */
	char *save_message;
	char save_timestamp[15];
};

enum drift_verdict { DRIFT_UNCHECKED, DRIFT_UNCHANGED, DRIFT_CHANGED, DRIFT_UNKNOWN };

struct drift_result {
	enum drift_verdict verdict;
	const char *reason;  /* static; why unknown, or what was compared */
	const char *measure; /* static; PRINT_MEASURE or "digest" */
	double similarity;   /* [0,1]; meaningful when changed/unchanged */
	signed char title_live, title_snapshot; /* 1, 0, -1 unknown */
	char *lost;          /* changed: a passage of the snapshot gone from the live page */
};

/* One question for the archive: the capture of original closest to a time.
 * Links that cite one page at one time share it. */
struct lookup {
	char *original;        /* the page, normalized */
	char want[15];         /* the time sought, 14 digits */
	const char *want_from; /* "accessed", "published", "cited", "now" */
	size_t page;           /* the original's target (live result, print) or NO_INDEX */
	size_t ref;            /* the first reference citing it: the title to look for */
	struct archive_result archive;
	struct drift_result drift;
	struct page_print snapshot; /* the capture's print, kept for --cache; PAGE_NONE: not kept */
	char *snapshot_titles; /* the capture's titles, as live_result.page_titles; owned */
};

/* What the DOI resolver says of a DOI (identity/check_dois.h): the work
 * registered under it, as its registration agency describes it. */
enum doi_verdict {
	DOI_UNCHECKED, /* not asked (--extract-only, offline, the stage did not run) */
	DOI_FOUND,     /* registered; the work's metadata came with it */
	DOI_NOT_FOUND, /* the resolver says no such DOI */
	DOI_UNKNOWN,   /* the resolver or agency did not say (errors, 429, no metadata offered) */
};

struct doi_lookup {
	char *doi;             /* as cited, the DOI's own letters (its case folded: DOIs ignore it) */
	enum doi_verdict verdict;
	const char *reason;    /* static: "http-404", "no-metadata", "rate-limited", … */
	long http_status;      /* the last answer's */
	unsigned requests;
	bool cached;           /* the answer of an earlier run, from --cache */
	char *agency_url;      /* where the metadata came from, after the resolver's redirect */
	/* the registered work (DOI_FOUND); each NULL or 0 when not given */
	char *title;
	char *authors;         /* "Family, Given; Family2, Given2" */
	char *first_family;    /* the first author's family name (or literal name) */
	int years[3];          /* issued, published in print, published online; 0: not given */
	char *type;            /* CSL type: "article-journal", "dataset", … */
	char *container;       /* journal or book */
	/* not found: the DOIs one edit away asked in its place, as a typo's
	 * likely intent (identity/doi_typos.h): indexes into model.dois */
	size_t *nearby;
	size_t nnearby;
	bool typo_candidate; /* asked only as another DOI's possible typo: no citation gives it */
};

/* --find-works: a reference that gives neither URL nor DOI, searched in
 * Crossref's REST API (identity/find_works.h). */
enum search_verdict {
	SEARCH_UNCHECKED, /* not searched (yet) */
	SEARCH_FOUND,     /* a registered work matches: its DOI can be cited */
	SEARCH_NOT_FOUND, /* the works the search found are all others */
	SEARCH_UNSURE,    /* the nearest is close, but not close enough to say either */
	SEARCH_UNKNOWN,   /* the search could not be made (errors, 429, deadline) */
};

struct work_search {
	size_t ref;         /* the reference searched */
	char *query;        /* what was asked: the reference's text, capped; owned */
	enum search_verdict verdict;
	const char *reason; /* static: "rate-limited", "server-error", … */
	long http_status;
	unsigned requests;
	bool cached;        /* the answer of an earlier run, from --cache */
	/* the work found, or the nearest the search listed when its title is
	 * near the cited one: its DOI in work.doi (every field owned); all
	 * NULL and 0 otherwise */
	struct doi_lookup work;
};

/* Lines a document asks to be left alone (<!-- citecheck-ignore -->). */
struct line_set {
	unsigned *v;
	size_t n, cap;
};

/* How the documents of a folder become pages (--site): GitHub shows each
 * Markdown file as it is; a site generator builds x.md into x.html or x/,
 * and reads {#id} after a heading as the heading's name. */
enum site_kind { SITE_GITHUB, SITE_MDBOOK, SITE_MKDOCS, SITE_DOCUSAURUS, SITE_HUGO, SITE_JEKYLL };

/* What a #fragment into a Markdown document can name, read with the
 * document so that the links into it need not read it again: each
 * heading's rendered text in order, then the ids and names of its raw
 * HTML, packed one after another (each ends in NUL) in one block a
 * document rather than a string each: a docs tree has tens of thousands
 * of documents, all held until the local links are checked, then dropped. */
#define ANCHORS_PER_DOCUMENT_MAX 100000 /* names kept of each list: past it, the rest are not looked at */

struct anchor_source {
	struct buf names;        /* nheadings headings, then nids ids */
	uint32_t nheadings, nids;
	bool known;              /* read: the lists are the whole document's */
};

/* Adds a name: every heading before the first id. */
void anchor_source_add(struct anchor_source *a, const char *name, bool heading);
/* The lists are complete: marks them known, their block cut to size. */
void anchor_source_done(struct anchor_source *a);
/* The name after p (the first when p is NULL); names are walked in order. */
static inline const char *anchor_source_next(const struct anchor_source *a, const char *p)
{
	return p ? p + strlen(p) + 1 : a->names.data;
}
void anchor_source_finish(struct anchor_source *a);

struct document_info {
	char *path;         /* as given; "-" is standard input */
	char *root;         /* the folder its relative links may not leave; NULL: none given */
	char *site_root;    /* what a root-relative link (/docs/x.md) starts from: --root, or
			     * the top folder of the git repository it is in; NULL: none */
	enum site_kind site;
	const char *site_base; /* --site-base: the path the site is served under ("/docs/"); NULL: "/" */
	const char *format; /* static string: "markdown", "rst", "text", "html", "docx", … */
	const char *unit;   /* static: what line numbers count, "line" or "paragraph" */
	uint64_t bytes;
	unsigned lines;     /* lines, or paragraphs read */
	char **parts;       /* names of the files inside the document, each owned */
	size_t nparts, parts_cap;
	struct line_set ignore; /* lines marked citecheck-ignore; emptied by model_drop_ignored */
	struct anchor_source anchors; /* Markdown */
};

/* --fix: a change to a document's copy. Replacements swap the URL as
 * written for another; additions keep it and add the snapshot after it. */
enum fix_kind {
	FIX_REPAIR,   /* spaces, illegal characters, bad %-encodings, escapes: confirmed on the web */
	FIX_SAVE,     /* a Wayback save request: the snapshot found instead */
	FIX_PIN,      /* an unpinned snapshot: the capture nearest the time sought */
	FIX_DEAD,     /* a dead page: its snapshot added after it */
	FIX_CHANGED,  /* a changed page: the snapshot of the day it was cited added */
	FIX_MOVED,    /* --fix-moved: a permanently moved page's new address */
};
#define FIX__COUNT (FIX_MOVED + 1)

struct fix {
	enum fix_kind kind;
	size_t ref, link;      /* the link fixed, in the run's model */
	unsigned line, column; /* of the link */
	char *before;          /* the URL as the model has it */
	char *after;           /* the new URL, or the snapshot added */
	char day[11];          /* additions: the capture's day, YYYY-MM-DD */
	bool applied;
	const char *reason;    /* static: why it was not applied; NULL when it was */
};

/* A document of the run, once read and checked on its own (model_merge):
 * its references are refs[first_ref .. first_ref + nrefs). */
struct document {
	struct document_info info;
	char *error;              /* it could not be read: why (it has no references) */
	size_t first_ref, nrefs;
	struct problem_list problems; /* its document-level findings */
	size_t footnotes_cited, footnotes_defined;
	struct fix *fixes; /* --fix: in the order of the document */
	size_t nfixes, fixes_cap;
	char *fixed_path;   /* --fix: where its copy was written; NULL: not written */
	char *fix_error;    /* why no copy was written (owned); NULL: none */
};

struct baseline_item {
	char *path;
	char *what;        /* the link's URL, or the finding's code */
	char *detail;      /* the old verdict, or what the finding was about */
};

/* Against a report of an earlier run (--baseline, compare/baseline.h):
 * what it had that this run no longer has. The lists name the first
 * BASELINE_FIXED_MAX of each, as findings are capped; the totals count
 * them all. */
#define BASELINE_FIXED_MAX 1000
struct baseline_diff {
	char *path;                  /* the old report's file */
	struct baseline_item *fixed_links, *fixed_findings;
	size_t nfixed_links, nfixed_findings;
	size_t fixed_links_total, fixed_findings_total;
	size_t matched_documents;    /* documents of this run the old report also has */
	size_t old_documents;
};

/* One model serves two roles. A document being read has its own model:
 * doc, notes and problems describe it. The run's model gathers every
 * document read (docs) with their references, the distinct URLs they cite
 * (targets) and the archive lookups, each made once for the whole run; its
 * problems are the run's own findings (--insecure, an incomplete archive
 * stage). */
struct model {
	struct document_info doc;
	struct document *docs;
	size_t ndocs, docs_cap;
	struct reference *refs;
	size_t nrefs, refs_cap;
	struct target *targets;
	size_t ntargets, targets_cap;
	struct keyindex target_index; /* key → index into targets; the keys are the targets' */
	struct strmap url_index;    /* URL as written → target: classify each spelling once */
	struct lookup *lookups;
	size_t nlookups, lookups_cap;
	struct strmap lookup_index; /* "original want" → lookup */
	struct doi_lookup *dois;    /* every distinct DOI cited, for the resolver */
	size_t ndois, dois_cap;
	struct strmap doi_index;    /* DOI, case folded → dois */
	bool dois_planned;          /* the DOI stage ran (or was meant to) */
	struct work_search *searches; /* --find-works: in the order of their references */
	size_t nsearches, searches_cap;
	bool archive_planned;       /* the archive stage ran (or was meant to) */
	bool fixing;                /* --fix or --fix-diff: the documents' fixes were planned */
	struct footnotes notes;
	/* a document's model from --cache (model_pack.h): its footnotes as
	 * counted when it was read, in place of notes */
	bool notes_counted;
	size_t notes_cited, notes_defined;
	struct problem_list problems; /* document-level */
	const char *incomplete;       /* why the run stopped before its end (static text); NULL: it did not */
	struct baseline_diff *baseline; /* --baseline: what was fixed since; NULL: none */
	bool history;                   /* --cache: dead verdicts say whether they are confirmed */
	size_t ignored[PROB__COUNT];    /* --ignore and ignore comments: findings dropped, by code */
	size_t ignored_links;           /* links on lines the documents ask to be left alone */
	struct strmap strings;        /* model_intern's copies */
	char **string_v;
	size_t nstrings, strings_cap;
};

/* path: the document to read; NULL for the run's model. */
struct model *model_create(const char *path);
void model_destroy(struct model *m);
/* The run's model as the process ends: the kernel takes the whole address
 * space back at once, where freeing a run's million allocations one by one
 * costs a tenth of a second; so it is freed only in builds that check for
 * leaks (meson's b_sanitize with address or leak), where it must be, and
 * otherwise kept reachable (valgrind calls it still reachable, not lost).
 * Only right before the process ends. */
void model_destroy_at_exit(struct model *m);
void baseline_diff_free(struct baseline_diff *d);

/* Moves a document's model, read and checked, into the run's: its
 * references (their links filed under the run's targets), its description
 * and findings. doc is left empty, to be destroyed. */
void model_merge(struct model *run, struct model *doc);
/* A document that could not be read: listed with why, and nothing else.
 * format: static, or NULL when not known. */
void model_add_unreadable(struct model *run, const char *path, const char *format, const char *error);

/* The model's copy of s, made on first use: for texts that are static when
 * citecheck makes them (reasons) and read back from the cache. */
const char *model_intern(struct model *m, const char *s);

/* The model's copy of a part name, made on first use. */
const char *model_part(struct model *m, const char *name);

/* A document's model: drops the findings and links on the lines its ignore
 * comments name, counting them in counts (findings, by code) and *links. */
void model_drop_ignored(struct model *doc, size_t *counts, size_t *links);

/* A word of --ignore or of a host's ignore: a finding's code sets
 * codes[code]; dead, blocked or unverified sets its bit (1 << enum
 * live_verdict) in *verdicts. false when it is neither. */
bool ignore_word(const char *w, unsigned char *codes, unsigned *verdicts);

/* The link's rarer parts: its own, or (NULL, NO_INDEX32) when it has none. */
const struct link_extra *link_extra(const struct link *l);
/* The link's own rarer parts to fill, made on first use. */
struct link_extra *link_extra_make(struct link *l);

/* Frees what a link owns (not the link itself, which lives in an array). */
void link_finish(struct link *l);
/* Gives the link its own normalized form (owned; NULL: none), in place of
 * the one it had. */
void link_set_normalized(struct link *l, char *normalized);

/* Appends an empty reference; returns its index. */
size_t model_add_reference(struct model *m, enum ref_where where, const char *footnote,
			   unsigned entry, unsigned line, unsigned column);
/* Appends a link to reference ri, taking ownership of url; returns its index. */
size_t model_add_link(struct model *m, size_t ri, char *url, enum link_syntax syntax, unsigned line,
		      unsigned column);
/* Files the link under its distinct target (by normalized URL); call once the
 * link is classified. */
void model_bind_target(struct model *m, size_t ri, size_t li);
/* true and *ti when a target has this key. */
bool model_target_find(const struct model *m, const char *key, size_t *ti);
/* The target with this key, made (with no citations, first citation ri/li)
 * when none exists: the original page of a cited snapshot. */
size_t model_target_for(struct model *m, const char *key, size_t ri, size_t li);
/* The lookup of original at want (14 digits), made on first use. */
size_t model_lookup_for(struct model *m, const char *original, const char *want, const char *want_from);
/* The DOI's lookup, made on first use; the DOI is case folded (ASCII, as
 * the DOI system does). */
size_t model_doi_for(struct model *m, const char *doi);
/* The DOI's lookup, or NULL when it has none. */
const struct doi_lookup *model_doi_find(const struct model *m, const char *doi);
/* Frees what a DOI lookup owns. */
void doi_lookup_finish(struct doi_lookup *d);
/* The search made for reference ref (--find-works), or NULL. */
const struct work_search *model_search_of(const struct model *m, size_t ref);
const char *search_verdict_name(enum search_verdict v);
const char *doi_verdict_name(enum doi_verdict v);
/* If a link with this exact URL was classified before, copies its
 * classification into l and returns true. */
bool model_copy_classification(const struct model *m, struct link *l);
/* Frees a reference's contents and removes it if it is the last one. */
void model_drop_last_reference(struct model *m);

/* curl's normalised form of the link's URL (lower-case scheme and host,
 * default port dropped), or NULL when curl rejects the URL. */
static inline const char *link_normalized(const struct link *l)
{
	return l->normalized ? l->normalized : l->valid ? l->url : NULL;
}

/* What the live web said of the target (or check_local of a relative
 * link): never NULL; unchecked until filled. */
const struct live_result *target_live(const struct target *t);
/* The target's own answer to fill, made on first use from the one it has. */
struct live_result *target_live_make(struct target *t);
/* Points the target at an answer many share: one that owns no strings and
 * lives as long as the model (a static one). What it had of its own is freed. */
void target_live_share(struct target *t, const struct live_result *shared);

/* The target's print, or one of type PAGE_NONE when none was kept. */
const struct page_print *target_print(const struct target *t);
/* The target's print to fill, made (empty) on first use. */
struct page_print *target_print_make(struct target *t);

const char *link_kind_name(enum link_kind k);
const char *live_verdict_name(enum live_verdict v);
void live_result_finish(struct live_result *r);
const char *archive_verdict_name(enum archive_verdict v);
const char *drift_verdict_name(enum drift_verdict v);
const char *link_syntax_name(enum link_syntax s);
const char *fix_kind_name(enum fix_kind k);

#endif
