#include "model/model_pack.h"

#include <stdlib.h>
#include <string.h>

#include "model/footnotes.h"
#include "util/util.h"

/* The layout: "CCPK", then unsigned numbers as LEB128 varints and strings
 * as their length plus one (0: NULL) then their bytes. */
static const char magic[4] = {'C', 'C', 'P', 'K'};

static void put_uint(struct buf *b, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		buf_putc(b, (char)(c | (v ? 0x80 : 0)));
	} while (v);
}

static void put_str(struct buf *b, const char *s)
{
	if (!s) {
		put_uint(b, 0);
		return;
	}
	size_t n = strlen(s);
	put_uint(b, n + 1);
	buf_append(b, s, n);
}

static void put_date(struct buf *b, struct date d)
{
	put_uint(b, (uint64_t)(d.year < 0 ? 0 : d.year));
	put_uint(b, (uint64_t)(d.month < 0 ? 0 : d.month));
	put_uint(b, (uint64_t)(d.day < 0 ? 0 : d.day));
}

static void put_problems(struct buf *b, const struct problem_list *l)
{
	const struct problem_caps *counts = problems_counts(l);
	put_uint(b, problems_capped(l));
	put_uint(b, counts != NULL);
	if (counts)
		for (int c = 0; c < PROB__COUNT; c++) {
			put_uint(b, counts->kept[c]);
			put_uint(b, counts->omitted[c]);
		}
	put_uint(b, problems_len(l));
	for (size_t i = 0; i < problems_len(l); i++) {
		const struct problem *p = &problems_at(l)[i];
		put_uint(b, (uint64_t)p->code);
		put_uint(b, p->line);
		put_uint(b, p->column);
		put_str(b, p->message);
		put_str(b, p->suggestion);
		put_str(b, p->other);
	}
}

static void put_strings(struct buf *b, char *const *v, size_t n)
{
	put_uint(b, n);
	for (size_t i = 0; i < n; i++)
		put_str(b, v[i]);
}

/* As two lists of strings (headings, then ids), the form rows have always had. */
static void put_anchors(struct buf *b, const struct anchor_source *a)
{
	put_uint(b, a->known);
	const char *name = NULL;
	put_uint(b, a->nheadings);
	for (uint32_t i = 0; i < a->nheadings; i++)
		put_str(b, name = anchor_source_next(a, name));
	put_uint(b, a->nids);
	for (uint32_t i = 0; i < a->nids; i++)
		put_str(b, name = anchor_source_next(a, name));
}

/* The index of a reference's part among the document's, or 0 for none
 * (parts are numbered from 1). */
static uint64_t part_index(const struct document_info *d, const char *part)
{
	for (size_t i = 0; part && i < d->nparts; i++) /* the part itself, of two of one name */
		if (d->parts[i] == part)
			return i + 1;
	for (size_t i = 0; part && i < d->nparts; i++)
		if (!strcmp(d->parts[i], part))
			return i + 1;
	return 0;
}

static void put_link(struct buf *b, const struct link *l)
{
	put_uint(b, l->line);
	put_uint(b, l->column);
	put_uint(b, (uint64_t)l->syntax);
	put_uint(b, (uint64_t)l->kind);
	put_uint(b, (uint64_t)l->ignored | (uint64_t)l->valid << 1 | (uint64_t)l->pinned << 2);
	put_str(b, l->url);
	put_str(b, l->normalized);
	put_str(b, link_extra(l)->original);
	put_str(b, link_extra(l)->timestamp);
	put_str(b, link_extra(l)->doi);
	put_str(b, link_extra(l)->written);
	put_uint(b, l->target);
	put_problems(b, &l->problems);
}

static void put_reference(struct buf *b, const struct document_info *d, const struct reference *r)
{
	put_str(b, r->details->footnote);
	put_uint(b, r->entry);
	put_uint(b, (uint64_t)r->where);
	put_uint(b, r->line);
	put_uint(b, r->column);
	put_uint(b, part_index(d, r->part));
	put_uint(b, r->endnote);
	put_str(b, r->details->key);
	put_str(b, r->text);
	put_str(b, r->details->authors);
	put_str(b, r->details->title);
	put_date(b, r->details->published);
	put_date(b, r->details->accessed);
	put_uint(b, r->links_omitted);
	put_problems(b, &r->problems);
	put_uint(b, r->nlinks);
	for (size_t k = 0; k < r->nlinks; k++)
		put_link(b, &r->links[k]);
}

unsigned char *model_pack(const struct model *m, size_t *len)
{
	struct buf b;
	buf_init(&b);
	const struct document_info *d = &m->doc;
	buf_append(&b, magic, sizeof magic);
	put_uint(&b, MODEL_PACK_VERSION);
	put_uint(&b, PROB__COUNT); /* a pack of another set of findings is no pack of ours */
	put_str(&b, d->format);
	put_str(&b, d->unit);
	put_uint(&b, d->bytes);
	put_uint(&b, d->lines);
	put_strings(&b, d->parts, d->nparts);
	put_uint(&b, d->ignore.n);
	for (size_t i = 0; i < d->ignore.n; i++)
		put_uint(&b, d->ignore.v[i]);
	put_anchors(&b, &d->anchors);
	put_problems(&b, &m->problems);
	put_uint(&b, footnotes_count_cited(&m->notes));
	put_uint(&b, footnotes_count_defined(&m->notes));
	put_uint(&b, m->ntargets);
	for (size_t t = 0; t < m->ntargets; t++)
		put_str(&b, m->targets[t].key);
	put_uint(&b, m->nrefs);
	for (size_t r = 0; r < m->nrefs; r++)
		put_reference(&b, d, &m->refs[r]);
	*len = b.len;
	return (unsigned char *)buf_steal(&b);
}

/* Reading: every step checks it stays inside the bytes; the first wrong
 * one marks the whole read bad, and what follows reads zeros. */
struct rd {
	const unsigned char *p, *end;
	bool bad;
};

static uint64_t get_uint(struct rd *r, uint64_t max)
{
	uint64_t v = 0;
	for (unsigned shift = 0; !r->bad; shift += 7) {
		if (r->p >= r->end || shift > 63) {
			r->bad = true;
			break;
		}
		unsigned char c = *r->p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			break;
	}
	if (r->bad || v > max) {
		r->bad = true;
		return 0;
	}
	return v;
}

/* A count of things each at least one byte long: never more than the
 * bytes left. Arrays grow as their items are read, so a forged count
 * allocates no more than the bytes that are there. */
static size_t get_count(struct rd *r, size_t max)
{
	size_t left = (size_t)(r->end - r->p);
	return (size_t)get_uint(r, max < left ? max : left);
}

static char *get_str(struct rd *r)
{
	size_t n = (size_t)get_uint(r, MODEL_PACK_MAX);
	if (r->bad || n == 0)
		return NULL;
	/* the bytes left are counted after the length's own */
	if (--n > (size_t)(r->end - r->p)) {
		r->bad = true;
		return NULL;
	}
	if (memchr(r->p, '\0', n)) { /* what citecheck keeps has no NUL */
		r->bad = true;
		return NULL;
	}
	char *s = xstrndup((const char *)r->p, n);
	r->p += n;
	return s;
}

static struct date get_date(struct rd *r)
{
	struct date d;
	d.year = (int)get_uint(r, 9999);
	d.month = (int)get_uint(r, 12);
	d.day = (int)get_uint(r, 31);
	return d;
}

static void get_problems(struct rd *r, struct problem_list *l)
{
	if (get_uint(r, 1))
		problems_cap(l);
	if (get_uint(r, 1)) {
		struct problem_caps *caps = problems_counts_make(l);
		for (int c = 0; caps && c < PROB__COUNT; c++) {
			caps->kept[c] = (size_t)get_uint(r, PROBLEMS_PER_CODE_MAX);
			caps->omitted[c] = (size_t)get_uint(r, SIZE_MAX >> 1);
		}
	}
	size_t n = get_count(r, UINT32_MAX);
	for (size_t i = 0; i < n && !r->bad; i++) {
		struct problem *p = problems_push(l);
		if (!p) {
			r->bad = true;
			break;
		}
		p->code = (enum problem_code)get_uint(r, PROB__COUNT - 1);
		p->line = (unsigned)get_uint(r, UINT32_MAX);
		p->column = (unsigned)get_uint(r, UINT32_MAX);
		p->message = get_str(r);
		p->suggestion = get_str(r);
		p->other = get_str(r);
		if (!p->message)
			r->bad = true;
	}
}

static char **get_strings(struct rd *r, size_t *n, size_t *cap)
{
	*n = *cap = 0;
	char **v = NULL;
	size_t count = get_count(r, SIZE_MAX);
	for (size_t i = 0; i < count && !r->bad; i++) {
		char *s = get_str(r);
		if (!s) {
			r->bad = true;
			break;
		}
		grow_array(&v, cap, *n + 1, sizeof *v);
		v[(*n)++] = s;
	}
	return v;
}

static void get_anchors(struct rd *r, struct anchor_source *a)
{
	bool known = get_uint(r, 1);
	for (int heading = 1; heading >= 0; heading--) {
		size_t count = get_count(r, SIZE_MAX);
		for (size_t i = 0; i < count && !r->bad; i++) {
			char *s = get_str(r);
			/* no more than the reader keeps of each list */
			if (!s || (heading ? a->nheadings : a->nids) >= ANCHORS_PER_DOCUMENT_MAX) {
				r->bad = true;
				free(s);
				break;
			}
			anchor_source_add(a, s, heading);
			free(s);
		}
	}
	if (known)
		anchor_source_done(a);
}

static void get_link(struct rd *r, struct model *m, size_t ri, size_t ntargets)
{
	unsigned line = (unsigned)get_uint(r, UINT32_MAX), column = (unsigned)get_uint(r, UINT32_MAX);
	enum link_syntax syntax = (enum link_syntax)get_uint(r, SYNTAX_FIELD);
	enum link_kind kind = (enum link_kind)get_uint(r, LINK_LOCAL);
	unsigned flags = (unsigned)get_uint(r, 7);
	char *url = get_str(r);
	if (!url) {
		r->bad = true;
		return;
	}
	size_t k = model_add_link(m, ri, url, syntax, line, column);
	struct link *l = &m->refs[ri].links[k];
	l->kind = kind;
	l->ignored = flags & 1;
	l->valid = flags & 2;
	l->pinned = flags & 4;
	l->normalized = get_str(r);
	char *original = get_str(r), *timestamp = get_str(r), *doi = get_str(r), *written = get_str(r);
	if (original || timestamp || doi || written) {
		struct link_extra *x = link_extra_make(l);
		x->original = original;
		x->timestamp = timestamp;
		x->doi = doi;
		x->written = written;
	}
	l->target = (size_t)get_uint(r, ntargets ? ntargets - 1 : 0);
	if (!ntargets)
		r->bad = true;
	get_problems(r, &l->problems);
}

static void get_reference(struct rd *r, struct model *m, size_t ntargets)
{
	char *footnote = get_str(r);
	unsigned entry = (unsigned)get_uint(r, UINT32_MAX);
	enum ref_where where = (enum ref_where)get_uint(r, WHERE_CHROME);
	unsigned line = (unsigned)get_uint(r, UINT32_MAX), column = (unsigned)get_uint(r, UINT32_MAX);
	size_t ri = model_add_reference(m, where, NULL, entry, line, column);
	struct reference *ref = &m->refs[ri];
	struct ref_details d = {.footnote = footnote};
	size_t part = (size_t)get_uint(r, m->doc.nparts);
	ref->part = part ? m->doc.parts[part - 1] : NULL;
	ref->endnote = get_uint(r, 1);
	d.key = get_str(r);
	ref->text = get_str(r);
	d.authors = get_str(r);
	d.title = get_str(r);
	d.published = get_date(r);
	d.accessed = get_date(r);
	ref_details_take(ref, &d);
	ref->links_omitted = (uint32_t)get_uint(r, UINT32_MAX);
	get_problems(r, &ref->problems);
	size_t n = get_count(r, LINKS_PER_REFERENCE_MAX);
	for (size_t k = 0; k < n && !r->bad; k++)
		get_link(r, m, ri, ntargets);
}

int model_unpack(struct model *m, const unsigned char *p, size_t len, const char *(*static_name)(const char *))
{
	struct rd r = {p, p + len, false};
	if (len < sizeof magic || memcmp(p, magic, sizeof magic))
		return -1;
	r.p += sizeof magic;
	if (get_uint(&r, UINT32_MAX) != MODEL_PACK_VERSION || get_uint(&r, UINT32_MAX) != PROB__COUNT)
		return -1;
	struct document_info *d = &m->doc;
	char *format = get_str(&r), *unit = get_str(&r);
	d->format = format ? static_name(format) : NULL;
	d->unit = unit ? static_name(unit) : NULL;
	bool names_ok = (!format || d->format) && (!unit || d->unit);
	free(format);
	free(unit);
	if (!names_ok)
		return -1;
	d->bytes = get_uint(&r, UINT64_MAX >> 1);
	d->lines = (unsigned)get_uint(&r, UINT32_MAX);
	d->parts = get_strings(&r, &d->nparts, &d->parts_cap);
	size_t n = get_count(&r, SIZE_MAX);
	for (size_t i = 0; i < n && !r.bad; i++) { /* grown as read: a forged count allocates nothing */
		grow_array(&d->ignore.v, &d->ignore.cap, d->ignore.n + 1, sizeof *d->ignore.v);
		d->ignore.v[d->ignore.n++] = (unsigned)get_uint(&r, UINT32_MAX);
	}
	get_anchors(&r, &d->anchors);
	get_problems(&r, &m->problems);
	m->notes_counted = true;
	m->notes_cited = (size_t)get_uint(&r, SIZE_MAX >> 1);
	m->notes_defined = (size_t)get_uint(&r, SIZE_MAX >> 1);
	size_t ntargets = get_count(&r, SIZE_MAX);
	for (size_t t = 0; t < ntargets && !r.bad; t++) {
		char *key = get_str(&r);
		/* keys are distinct: a repeated one would file two targets as one */
		if (!key || model_target_for(m, key, 0, 0) != t)
			r.bad = true;
		free(key);
	}
	size_t nrefs = get_count(&r, SIZE_MAX);
	for (size_t i = 0; i < nrefs && !r.bad; i++)
		get_reference(&r, m, m->ntargets);
	return r.bad || r.p != r.end ? -1 : 0;
}
