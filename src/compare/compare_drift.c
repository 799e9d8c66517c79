#include "compare/compare_drift.h"

#include <stdlib.h>
#include <string.h>

#include "live/page_print.h"
#include "live/page_text.h"
#include "read/document_text.h"
#include "util/text_print.h"
#include "util/util.h"

/* The snapshot's text: the main text of HTML, the body itself otherwise. */
static char *snapshot_text(const char *body, size_t len, const char *ctype)
{
	if (body_is_html(ctype, body, len)) {
		struct page_heads ph;
		page_heads_read(body, len, true, &ph);
		char *text = ph.text;
		ph.text = NULL;
		page_heads_finish(&ph);
		return text ? text : xstrdup("");
	}
	return xstrndup(body, len);
}

/* text: the snapshot's words (owned, freed here) */
static void compare_text(const struct page_print *live, char *text, const char *title, double threshold,
			 struct drift_result *out)
{
	struct words w;
	words_split(text, &w);
	out->title_snapshot = page_title_in(&w, title);
	if (!w.n || !live->text.words) {
		out->verdict = DRIFT_UNKNOWN;
		out->reason = "no-text";
	} else {
		struct text_print snap;
		text_print_make(&w, &snap);
		out->measure = PRINT_MEASURE;
		out->similarity = text_print_similarity(&snap, &live->text);
		out->verdict = out->similarity < threshold ? DRIFT_CHANGED : DRIFT_UNCHANGED;
		if (out->verdict == DRIFT_CHANGED)
			out->lost = text_print_lost(&w, &live->text, DRIFT_EXCERPT);
		text_print_finish(&snap);
	}
	words_finish(&w);
	free(text);
}

void drift_compare(const struct page_print *live, const char *body, size_t len, const char *ctype,
		   const char *title, double threshold, struct drift_result *out)
{
	out->title_live = live->title_found;
	out->title_snapshot = -1;
	enum page_type snap = page_type_of(ctype, body, len);
	/* a PDF, DOCX or ODT is compared by what it says, as the live one was kept */
	char *doc = snap == PAGE_BINARY ? document_text(body, len) : NULL;
	if (doc)
		snap = PAGE_TEXT;
	if (live->type == PAGE_NONE) {
		out->verdict = DRIFT_UNKNOWN;
		out->reason = "live-not-kept";
	} else if (snap != live->type) {
		out->verdict = DRIFT_UNKNOWN;
		out->reason = "type-differs";
	} else if (snap == PAGE_BINARY) {
		/* not text: the bytes are the same or they are not */
		out->measure = "digest";
		bool same = live->bytes == len && live->digest == fnv1a64(body, len);
		out->similarity = same ? 1.0 : 0.0;
		out->verdict = same ? DRIFT_UNCHANGED : DRIFT_CHANGED;
	} else {
		compare_text(live, doc ? doc : snapshot_text(body, len, ctype), title, threshold, out);
		doc = NULL;
	}
	free(doc);
}

void snapshot_print(const char *body, size_t len, const char *ctype, const char *title, struct page_print *out)
{
	char *text = NULL;
	if (page_type_of(ctype, body, len) == PAGE_BINARY && !(text = document_text(body, len))) {
		page_print_binary(out, body, len);
		return;
	}
	if (!text)
		text = snapshot_text(body, len, ctype);
	page_print_text(out, text, title);
	free(text);
}

void drift_compare_prints(const struct page_print *live, const struct page_print *snap, double threshold,
			  struct drift_result *out)
{
	out->title_live = live->title_found;
	out->title_snapshot = snap->title_found;
	free(out->lost);
	out->lost = NULL; /* the snapshot's words are not kept: no passage to show */
	if (live->type == PAGE_NONE || snap->type == PAGE_NONE) {
		out->verdict = DRIFT_UNKNOWN;
		out->reason = "live-not-kept";
	} else if (snap->type != live->type) {
		out->verdict = DRIFT_UNKNOWN;
		out->reason = "type-differs";
	} else if (snap->type == PAGE_BINARY) {
		out->measure = "digest";
		bool same = live->bytes == snap->bytes && live->digest == snap->digest;
		out->similarity = same ? 1.0 : 0.0;
		out->verdict = same ? DRIFT_UNCHANGED : DRIFT_CHANGED;
	} else if (!snap->text.words || !live->text.words) {
		out->verdict = DRIFT_UNKNOWN;
		out->reason = "no-text";
	} else {
		out->measure = PRINT_MEASURE;
		out->similarity = text_print_similarity(&snap->text, &live->text);
		out->verdict = out->similarity < threshold ? DRIFT_CHANGED : DRIFT_UNCHANGED;
	}
}
