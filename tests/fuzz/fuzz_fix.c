/* The fixers on hostile documents: every link the scanner finds on each
 * line gets a fix (replaced, or its snapshot added, in turn), then the
 * document is fixed as text and as HTML. A fix never adds or removes a
 * line, so the diff of the text copy must always be writable (line counts
 * equal): a fixer that breaks that aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fix/fix_diff.h"
#include "fix/fix_html.h"
#include "fix/fix_text.h"
#include "extract/scan_links.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void plan_line(struct document *d, const char *s, size_t n, unsigned line)
{
	struct line_memo lm = {0};
	struct link_hit hit;
	size_t pos = 0;
	while (scan_next_link(s, n, &pos, &hit, &lm) && d->nfixes < 64) {
		if (!hit.url)
			continue;
		grow_array(&d->fixes, &d->fixes_cap, d->nfixes + 1, sizeof *d->fixes);
		struct fix *f = &d->fixes[d->nfixes];
		memset(f, 0, sizeof *f);
		f->kind = d->nfixes % 2 ? FIX_DEAD : FIX_PIN;
		f->line = line;
		f->column = (unsigned)utf8_count(s, hit.start) + 1;
		f->before = hit.url;
		f->after = xstrdup(d->nfixes % 3 ? "https://web.archive.org/web/20230518040448/http://a.example/x?a=1&b=\"2\"" : "https://example.org/fixed");
		strcpy(f->day, "2023-05-18");
		d->nfixes++;
	}
	line_memo_finish(&lm);
}

static void reset(struct document *d)
{
	for (size_t i = 0; i < d->nfixes; i++) {
		d->fixes[i].applied = false;
		d->fixes[i].reason = NULL;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct document d;
	memset(&d, 0, sizeof d);
	unsigned line = 1;
	size_t pos = size >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (pos < size) {
		const char *nl = memchr(s + pos, '\n', size - pos);
		size_t e = nl ? (size_t)(nl - s) : size;
		size_t te = e > pos && s[e - 1] == '\r' ? e - 1 : e;
		plan_line(&d, s + pos, te - pos, line++);
		pos = nl ? e + 1 : size;
	}
	struct buf out;
	buf_init(&out);
	fix_text(s, size, &d, " ([archived]({snapshot}) {date})", &out);
	FILE *null = fopen("/dev/null", "w");
	if (null && fix_diff_write(null, "doc.md", s, size, out.data ? out.data : "", out.len) != 0)
		abort(); /* a fix added or removed a line */
	buf_clear(&out);
	reset(&d);
	fix_html(s, size, &d, &out);
	if (null)
		fclose(null);
	buf_finish(&out);
	for (size_t i = 0; i < d.nfixes; i++) {
		free(d.fixes[i].before);
		free(d.fixes[i].after);
	}
	free(d.fixes);
	return 0;
}
