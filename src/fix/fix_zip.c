#include "fix/fix_zip.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fix/fix_edits.h"
#include "fix/fix_markup.h"
#include "read/zip_archive.h"
#include "util/strmap.h"

/* The parts that hold links: each with its relationships (DOCX). */
static const char *const docx_parts[] = {"word/document.xml", "word/footnotes.xml", "word/endnotes.xml"};

/* A part changed: its new bytes, by name. */
struct changed {
	char *name[8];
	struct buf data[8];
	size_t n;
};

static void changed_put(struct changed *c, const char *name, struct buf *data)
{
	c->name[c->n] = xstrdup(name);
	c->data[c->n++] = *data;
}

static struct buf *changed_get(struct changed *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], name))
			return &c->data[i];
	return NULL;
}

static char *escaped(const char *s, char quote)
{
	struct buf b;
	buf_init(&b);
	markup_escape(&b, s, quote);
	if (!b.data)
		buf_append(&b, "", 0);
	return buf_steal(&b);
}

/* The runs a DOCX paragraph gets after a link: " (archived DATE)", the word
 * a hyperlink through relationship rid. */
static char *docx_runs(const char *rid, const char *day)
{
	return xasprintf("<w:r><w:t xml:space=\"preserve\"> (</w:t></w:r><w:hyperlink r:id=\"%s\"><w:r><w:rPr>"
			 "<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr><w:t>archived</w:t></w:r>"
			 "</w:hyperlink><w:r><w:t xml:space=\"preserve\"> %s)</w:t></w:r>",
			 rid, day);
}

static char *odt_link(const char *snapshot, const char *day)
{
	char *u = escaped(snapshot, '"');
	char *s = xasprintf(" (<text:a xlink:type=\"simple\" xlink:href=\"%s\">archived</text:a> %s)", u, day);
	free(u);
	return s;
}

/* A DOCX part's new relationships: one per snapshot added, named so as
 * not to meet the part's own. */
struct new_rels {
	struct buf xml;
	unsigned n;
};

static char *new_rel(struct new_rels *r, const char *target)
{
	char *rid = xasprintf("rIdCitecheck%u", ++r->n);
	char *t = escaped(target, '"');
	char *x = xasprintf("<Relationship Id=\"%s\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
			    "relationships/hyperlink\" Target=\"%s\" TargetMode=\"External\"/>",
			    rid, t);
	buf_append(&r->xml, x, strlen(x));
	free(x);
	free(t);
	return rid;
}

/* Whether the text at offset at is a field's instruction (<w:instrText>). */
static bool in_field_code(const char *s, size_t at)
{
	for (size_t i = at; i-- > 0;)
		if (s[i] == '<')
			return !strncmp(s + i, "<w:instrText", 12);
	return false;
}

/* URLs written as text (no hyperlink): changed in place, or the snapshot
 * added after the run (DOCX) or the URL (ODT). */
static void text_urls(const char *s, size_t n, struct document *d, bool odt, struct new_rels *rels,
		      struct edits *e)
{
	for (size_t i = 0; i < d->nfixes; i++) {
		struct fix *f = &d->fixes[i];
		if (f->applied || f->reason)
			continue;
		char *want = escaped(f->before, 0);
		size_t wl = strlen(want);
		bool found = false;
		for (const char *p = s; wl && (p = memmem(p, n - (size_t)(p - s), want, wl)); p += wl) {
			size_t at = (size_t)(p - s);
			if (!markup_in_text(s, at))
				continue;
			found = true;
			if (!fix_is_addition(f->kind)) {
				edits_add(e, at, wl, escaped(f->after, 0));
			} else if (odt) {
				edits_add(e, at + wl, 0, odt_link(f->after, f->day));
			} else {
				/* a HYPERLINK field's URL: the snapshot goes after the field, not into it */
				const char *field_end = in_field_code(s, at) ? memmem(p, n - at, "w:fldCharType=\"end\"", 20) : NULL;
				const char *from = field_end ? field_end : p;
				const char *run_end = memmem(from, n - (size_t)(from - s), "</w:r>", 6);
				if (run_end) {
					char *rid = new_rel(rels, f->after);
					edits_add(e, (size_t)(run_end - s) + 6, 0, docx_runs(rid, f->day));
					free(rid);
				}
			}
		}
		free(want);
		if (found)
			fixes_mark_url(d, f->before);
	}
}

/* content.xml: <text:a xlink:href> links, then URLs as text. */
static void fix_odt_content(const char *s, size_t n, struct document *d, struct buf *out)
{
	struct edits e = {0};
	struct tag t;
	size_t pos = 0;
	while (tag_next(s, n, &pos, false, &t)) {
		const struct tag_attr *href = t.closing || !tag_is(s, &t, "text:a") ? NULL : tag_attr(s, &t, "xlink:href");
		char *url = href ? tag_attr_value(s, href) : NULL;
		struct fix *f = url ? fixes_for_url(d, url) : NULL;
		if (f && !fix_is_addition(f->kind)) {
			edits_add(&e, href->value, href->value_len, escaped(f->after, href->quote ? href->quote : '"'));
		} else if (f) {
			size_t close = tag_close(s, n, &t, false);
			const char *gt = close < n ? memchr(s + close, '>', n - close) : NULL;
			if (gt)
				edits_add(&e, (size_t)(gt - s) + 1, 0, odt_link(f->after, f->day));
		}
		if (f)
			fixes_mark_url(d, url);
		free(url);
	}
	text_urls(s, n, d, true, NULL, &e);
	edits_apply(&e, s, n, out);
}

/* One DOCX part and its relationships: hyperlink targets changed in the
 * relationships; snapshots added after the hyperlinks (and a relationship
 * each). */
static void fix_docx_part(const char *part, size_t pn, const char *rels, size_t rn, struct document *d,
			  struct buf *part_out, struct buf *rels_out)
{
	struct edits pe = {0}, re = {0};
	struct new_rels added = {{0}, 0};
	buf_init(&added.xml);
	struct strmap adds; /* relationship id → the fix whose snapshot follows its hyperlinks */
	strmap_init(&adds);
	struct tag t;
	size_t pos = 0, rels_end = rn;
	while (rels && tag_next(rels, rn, &pos, false, &t)) {
		if (t.closing && tag_is(rels, &t, "Relationships"))
			rels_end = t.start;
		const struct tag_attr *target = t.closing || !tag_is(rels, &t, "Relationship") ? NULL : tag_attr(rels, &t, "Target");
		const struct tag_attr *id = target ? tag_attr(rels, &t, "Id") : NULL;
		char *url = id ? tag_attr_value(rels, target) : NULL;
		struct fix *f = url ? fixes_for_url(d, url) : NULL;
		if (f && !fix_is_addition(f->kind)) {
			edits_add(&re, target->value, target->value_len, escaped(f->after, target->quote ? target->quote : '"'));
			fixes_mark_url(d, url);
		} else if (f) {
			char *rid = tag_attr_value(rels, id);
			strmap_put(&adds, rid, (size_t)(f - d->fixes));
			free(rid);
		}
		free(url);
	}
	pos = 0;
	while (adds.count && tag_next(part, pn, &pos, false, &t)) {
		const struct tag_attr *rid = t.closing || !tag_is(part, &t, "w:hyperlink") ? NULL : tag_attr(part, &t, "r:id");
		char *id = rid ? tag_attr_value(part, rid) : NULL;
		size_t fi;
		bool found = id && strmap_get(&adds, id, &fi);
		free(id);
		if (!found)
			continue;
		struct fix *f = &d->fixes[fi];
		size_t close = tag_close(part, pn, &t, false);
		const char *gt = close < pn ? memchr(part + close, '>', pn - close) : NULL;
		if (!gt)
			continue;
		char *nid = new_rel(&added, f->after);
		edits_add(&pe, (size_t)(gt - part) + 1, 0, docx_runs(nid, f->day));
		free(nid);
		fixes_mark_url(d, f->before);
	}
	text_urls(part, pn, d, false, &added, &pe);
	if (added.n && rels)
		edits_add(&re, rels_end, 0, buf_steal(&added.xml));
	buf_finish(&added.xml);
	strmap_finish(&adds);
	edits_apply(&pe, part, pn, part_out);
	if (rels)
		edits_apply(&re, rels, rn, rels_out);
	else
		free(re.v);
}

/* Works out the new bytes of the parts that change. */
static int plan_parts(const char *path, bool odt, struct document *d, struct changed *c, char *err, size_t errlen)
{
	struct zip_doc z;
	if (zip_open(&z, path, NULL, 0, 0, NULL, NULL) < 0) {
		snprintf(err, errlen, "%s", z.error);
		zip_close(&z); /* its index of the entries read before the fault */
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < (odt ? 1 : sizeof docx_parts / sizeof *docx_parts); i++) {
		const char *name = odt ? "content.xml" : docx_parts[i];
		char rels_name[64];
		snprintf(rels_name, sizeof rels_name, "word/_rels/%s.rels", name + 5);
		char *part = NULL, *rels = NULL;
		size_t pn = 0, rn = 0;
		int got = zip_part_slurp(&z, name, &part, &pn);
		if (got > 0 && !odt && zip_part_slurp(&z, rels_name, &rels, &rn) < 0)
			got = -1;
		if (got < 0) {
			snprintf(err, errlen, "%s", z.error);
			rc = -1;
		} else if (got > 0) {
			struct buf po, ro;
			buf_init(&po);
			buf_init(&ro);
			if (odt)
				fix_odt_content(part, pn, d, &po);
			else
				fix_docx_part(part, pn, rels, rn, d, &po, &ro);
			changed_put(c, name, &po);
			if (rels)
				changed_put(c, rels_name, &ro);
			else
				buf_finish(&ro);
		}
		free(part);
		free(rels);
	}
	zip_close(&z);
	return rc;
}

static la_ssize_t to_buf(struct archive *a, void *u, const void *p, size_t n)
{
	(void)a;
	buf_append(u, p, n);
	return (la_ssize_t)n;
}

/* The mimetype entry of an ODF package is stored, with its size: read
 * whole (it is a few dozen bytes; anything over a block is no mimetype). */
static int read_small(struct archive *in, struct buf *data)
{
	char block[4096];
	la_ssize_t got;
	while ((got = archive_read_data(in, block, sizeof block)) > 0) {
		buf_append(data, block, (size_t)got);
		if (data->len > sizeof block)
			return -1;
	}
	return got < 0 ? -1 : 0;
}

/* One entry into w: a changed part's new bytes, or the old ones streamed a
 * block at a time with its size left for the data descriptor, under the
 * reader's inflation budget (*inflated counts the whole copy), so a bomb in
 * a part the reader never opens cannot fill memory. */
static int copy_entry(struct archive *in, struct archive *w, struct archive_entry *e, const struct buf *repl,
		      uint64_t *inflated, char *err, size_t errlen)
{
	const char *name = archive_entry_pathname(e);
	bool mimetype = name && !strcmp(name, "mimetype");
	struct buf small;
	buf_init(&small);
	if (!repl && mimetype && read_small(in, &small) < 0) {
		snprintf(err, errlen, "cannot copy the zip: its mimetype entry is not one");
		buf_finish(&small);
		return -1;
	}
	const struct buf *whole = repl ? repl : mimetype ? &small : NULL;
	struct archive_entry *o = archive_entry_clone(e);
	if (whole)
		archive_entry_set_size(o, (la_int64_t)whole->len);
	else
		archive_entry_unset_size(o);
	if (mimetype)
		archive_write_zip_set_compression_store(w); /* ODF: stored, first */
	else
		archive_write_zip_set_compression_deflate(w);
	int rc = archive_write_header(w, o) == ARCHIVE_OK ? 0 : -1;
	archive_entry_free(o);
	if (rc == 0 && whole && whole->len &&
	    archive_write_data(w, whole->data, whole->len) != (la_ssize_t)whole->len)
		rc = -1;
	char block[64 * 1024];
	la_ssize_t got = 0;
	while (rc == 0 && !whole && (got = archive_read_data(in, block, sizeof block)) > 0) {
		*inflated += (uint64_t)got;
		if (*inflated > ZIP_MAX_INFLATED) {
			snprintf(err, errlen, "cannot copy the zip: its parts inflate past %llu MiB (%s)",
				 (unsigned long long)(ZIP_MAX_INFLATED >> 20), name ? name : "an entry");
			buf_finish(&small);
			return -1;
		}
		if (archive_write_data(w, block, (size_t)got) != got)
			rc = -1;
	}
	if (got < 0)
		rc = -1;
	buf_finish(&small);
	if (rc < 0)
		snprintf(err, errlen, "cannot copy the zip: %s",
			 archive_error_string(in) ? archive_error_string(in)
			 : archive_error_string(w) ? archive_error_string(w) : "unknown error");
	return rc;
}

/* Every entry of the zip copied into out, in order, the changed parts
 * replaced. */
static int copy_zip(const char *path, struct changed *c, struct buf *out, char *err, size_t errlen)
{
	struct archive *in = archive_read_new(), *w = archive_write_new();
	archive_read_support_format_zip_seekable(in);
	archive_write_set_format_zip(w);
	archive_write_set_bytes_in_last_block(w, 1);
	int rc = archive_read_open_filename(in, path, 64 * 1024) == ARCHIVE_OK &&
			 archive_write_open2(w, out, NULL, to_buf, NULL, NULL) == ARCHIVE_OK
		     ? 0
		     : -1;
	if (rc < 0)
		snprintf(err, errlen, "cannot copy the zip: %s",
			 archive_error_string(in) ? archive_error_string(in) : "cannot open it");
	struct archive_entry *e;
	uint64_t inflated = 0;
	size_t entries = 0;
	int next = ARCHIVE_EOF;
	while (rc == 0 && (next = archive_read_next_header(in, &e)) == ARCHIVE_OK) {
		if (++entries > ZIP_MAX_ENTRIES) {
			snprintf(err, errlen, "cannot copy the zip: more than %d entries", ZIP_MAX_ENTRIES);
			rc = -1;
			break;
		}
		const char *name = archive_entry_pathname(e);
		rc = copy_entry(in, w, e, name ? changed_get(c, name) : NULL, &inflated, err, errlen);
	}
	if (rc == 0 && next != ARCHIVE_EOF) {
		snprintf(err, errlen, "cannot copy the zip: %s",
			 archive_error_string(in) ? archive_error_string(in) : "a damaged entry");
		rc = -1;
	}
	if (archive_write_close(w) != ARCHIVE_OK && rc == 0) {
		snprintf(err, errlen, "cannot write the zip: %s", archive_error_string(w));
		rc = -1;
	}
	archive_write_free(w);
	archive_read_free(in);
	return rc;
}

int fix_zip(const char *path, bool odt, struct document *d, struct buf *out, char *err, size_t errlen)
{
	struct changed c = {{0}, {{0}}, 0};
	int rc = plan_parts(path, odt, d, &c, err, errlen);
	fixes_unmatched(d, "not-found");
	if (rc == 0)
		rc = copy_zip(path, &c, out, err, errlen);
	for (size_t i = 0; i < c.n; i++) {
		free(c.name[i]);
		buf_finish(&c.data[i]);
	}
	return rc;
}
