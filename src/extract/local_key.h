/* local_key.h — what a relative link names: the key its target is filed
 * under, so that two spellings of one file are checked once (the check
 * itself is check/check_local.h's). */
#ifndef CITECHECK_LOCAL_KEY_H
#define CITECHECK_LOCAL_KEY_H

/* The target key of a relative link ref written in the document at
 * doc_path: "local:" + the path it names (joined to the document's folder,
 * "." and ".." resolved, percent-decoded) + "#fragment" if any. NULL for a
 * root-relative link (/x, //host/x), which names no file by itself, and
 * for a document read from standard input. A path that leaves root (the
 * folder being checked; NULL: no bound) is "outside:" + the path, never to
 * be looked at: a document must not learn what lies beyond its folder.
 * Caller frees. */
char *local_key(const char *doc_path, const char *root, const char *ref);

#endif
