/* local_key.h — what a relative link names: the key its target is filed
 * under, so that two spellings of one file are checked once (the check
 * itself is check/check_local.h's). */
#ifndef CITECHECK_LOCAL_KEY_H
#define CITECHECK_LOCAL_KEY_H

/* Where a document's links are resolved from and bounded. */
struct local_base {
	const char *root;      /* the folder being checked; NULL: no bound */
	const char *site_root; /* what /x starts from (a repository's top folder); NULL: none */
	const char *site_base; /* the path a site is served under ("/docs/"), dropped from /x; NULL: "/" */
};

/* The target key of a relative link ref written in the document at
 * doc_path: "local:" + the path it names (joined to the document's folder,
 * or for a root-relative link /x to the site root, "." and ".." resolved,
 * percent-decoded) + "#fragment" if any; a site base path at the start of
 * a root-relative link is dropped (/docs/x.md under "/docs/" is x.md from
 * the site root). NULL for a root-relative link with no site root, or one
 * outside the site base (it names no file by itself), for a network-path
 * reference (//host/x) and for a document read from standard input. A path
 * that leaves the folder being checked is "outside:" + the path, never to
 * be looked at: a document must not learn what lies beyond its folder.
 * Caller frees. */
char *local_key(const char *doc_path, const struct local_base *base, const char *ref);

#endif
