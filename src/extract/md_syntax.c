#include "extract/md_syntax.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "util/unicode.h"
#include "util/util.h"

size_t md_skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

bool md_is_blank(const char *s, size_t n)
{
	return md_skip_blanks(s, n, 0) == n;
}

int md_atx_heading(const char *s, size_t n, size_t *text, size_t *text_len)
{
	size_t i = md_skip_blanks(s, n, 0);
	if (i > 3)
		return 0;
	size_t h = 0;
	while (i + h < n && s[i + h] == '#')
		h++;
	if (h == 0 || h > 6 || (i + h < n && s[i + h] != ' ' && s[i + h] != '\t'))
		return 0;
	size_t b = md_skip_blanks(s, n, i + h), e = n;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	while (e > b && s[e - 1] == '#') /* closing sequence */
		e--;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	*text = b;
	*text_len = e - b;
	return (int)h;
}

static bool run_of(const char *s, size_t n, char c, bool spaces_ok, size_t min)
{
	size_t i = md_skip_blanks(s, n, 0), k = 0;
	if (i > 3)
		return false;
	for (; i < n; i++) {
		if (s[i] == c)
			k++;
		else if (!(s[i] == ' ' || s[i] == '\t') || (!spaces_ok && k && md_skip_blanks(s, n, i) < n))
			return false;
	}
	return k >= min;
}

int md_setext_underline(const char *s, size_t n)
{
	if (run_of(s, n, '=', false, 1))
		return 1;
	if (run_of(s, n, '-', false, 2))
		return 2;
	return 0;
}

bool md_thematic_break(const char *s, size_t n)
{
	return run_of(s, n, '-', true, 3) || run_of(s, n, '*', true, 3) || run_of(s, n, '_', true, 3);
}

bool md_fence(const char *s, size_t n, char *ch, size_t *len)
{
	size_t i = md_skip_blanks(s, n, 0), k = 0;
	if (i > 3 || i >= n || (s[i] != '`' && s[i] != '~'))
		return false;
	char c = s[i];
	while (i + k < n && s[i + k] == c)
		k++;
	if (k < 3 || (c == '`' && memchr(s + i + k, '`', n - i - k)))
		return false;
	*ch = c;
	*len = k;
	return true;
}

bool md_fence_closes(const char *s, size_t n, char ch, size_t len)
{
	size_t i = md_skip_blanks(s, n, 0), k = 0;
	while (i + k < n && s[i + k] == ch)
		k++;
	return i <= 3 && k >= len && md_skip_blanks(s, n, i + k) == n;
}

size_t md_bullet(const char *s, size_t n)
{
	size_t i = md_skip_blanks(s, n, 0);
	if (i + 1 > n || (s[i] != '-' && s[i] != '*' && s[i] != '+'))
		return 0;
	if (i + 1 == n)
		return n;
	if (s[i + 1] != ' ' && s[i + 1] != '\t')
		return 0;
	return md_skip_blanks(s, n, i + 1);
}

void line_memo_finish(struct line_memo *lm)
{
	free(lm->run_last);
	free(lm->match);
	*lm = (struct line_memo){0};
}

static void build_runs(const char *s, size_t n, struct line_memo *lm)
{
	lm->runs_built = true;
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		while (i + k < n && s[i + k] == '`')
			k++;
		if (k > lm->max_run)
			lm->max_run = k;
		i += k ? k : 1;
	}
	if (!lm->max_run)
		return;
	lm->run_last = xcalloc(lm->max_run + 1, sizeof *lm->run_last);
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		while (i + k < n && s[i + k] == '`')
			k++;
		if (k)
			lm->run_last[k] = i + 1;
		i += k ? k : 1;
	}
}

size_t md_code_span_end(const char *s, size_t n, size_t i, struct line_memo *lm)
{
	size_t run = 0;
	while (i + run < n && s[i + run] == '`')
		run++;
	if (lm) {
		if (!lm->runs_built)
			build_runs(s, n, lm);
		/* every run seen from i + run is a whole run: if none of this
		 * length starts after i, the span never closes */
		if (run > lm->max_run || lm->run_last[run] <= i + 1)
			return i + run;
	}
	for (size_t j = i + run; j < n;) {
		if (s[j] != '`') {
			j++;
			continue;
		}
		size_t k = 0;
		while (j + k < n && s[j + k] == '`')
			k++;
		if (k == run)
			return j + k;
		j += k;
	}
	return i + run;
}

char *md_unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\') {
			size_t j = i;
			while (j < n && s[j] == '\\')
				j++;
			if (j < n && is_ascii_punct((unsigned char)s[j])) {
				i = j - 1; /* drop the whole run of backslashes */
				continue;
			}
			/* kept whole: going on from i + 1 would walk the run again */
			memcpy(out + o, s + i, j - i);
			o += j - i;
			i = j - 1;
			continue;
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

/* Reference sections and lists of links that work as one ("See also",
 * "External links"), in English, French, German, Spanish, Portuguese,
 * Italian, Dutch and Vietnamese; compared after fold(). */
static const char *const ref_headings[] = {
	"references", "reference", "reference list", "notes", "endnotes", "footnotes", "end notes",
	"bibliography", "works cited", "works consulted", "sources", "sources cited", "citations",
	"literature", "literature cited", "cited literature", "further reading", "source notes",
	"see also", "external links", "related reading", "notes and references",
	"références", "bibliographie", "sources et références", "voir aussi", "liens externes",
	"pour aller plus loin", "webographie", "sitographie",
	"quellen", "literatur", "anmerkungen", "literaturverzeichnis", "einzelnachweise",
	"quellenverzeichnis", "weblinks", "siehe auch", "weiterführende literatur",
	"referencias", "bibliografía", "notas", "fuentes", "referencias bibliográficas",
	"véase también", "enlaces externos", "lecturas adicionales",
	"referências", "referências bibliográficas", "fontes", "bibliografia", "ver também",
	"ligações externas", "leitura adicional",
	"riferimenti", "riferimenti bibliografici", "fonti", "sitografia", "vedi anche",
	"collegamenti esterni", "letture consigliate",
	"literatuur", "literatuurlijst", "bronnen", "bronvermelding", "referenties", "noten",
	"zie ook", "externe links",
	"tài liệu tham khảo", "nguồn", "chú thích", "ghi chú", "xem thêm", "liên kết ngoài",
};

/* Lower-cases ASCII and the upper-case accented letters French headings use. */
static size_t fold(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 2 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9E) {
			out[o++] = (char)c;
			out[o++] = (char)((unsigned char)s[++i] + 0x20);
		} else {
			out[o++] = (char)ascii_lower(c);
		}
	}
	out[o] = '\0';
	return o;
}

static bool strip_prefix(const char **s, size_t *n, const char *p)
{
	size_t k = strlen(p);
	if (*n >= k && ascii_ieq_prefix(*s, *n, p)) {
		*s += k;
		*n -= k;
		return true;
	}
	return false;
}

static bool strip_suffix(const char *s, size_t *n, const char *p)
{
	size_t k = strlen(p);
	if (*n >= k && ascii_ieq_prefix(s + *n - k, k, p)) {
		*n -= k;
		return true;
	}
	return false;
}

bool md_is_reference_heading(const char *s, size_t n)
{
	if (n > 120)
		return false;
	/* peel markup until nothing changes */
	for (bool again = true; again;) {
		again = false;
		while (n && (*s == ' ' || *s == '\t' || *s == '*' || *s == '_' || *s == '#'))
			s++, n--, again = true;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '*' || s[n - 1] == '_' ||
			     s[n - 1] == ':' || s[n - 1] == '.'))
			n--, again = true;
		again |= strip_prefix(&s, &n, "<b>") || strip_prefix(&s, &n, "<strong>");
		again |= strip_suffix(s, &n, "</b>") || strip_suffix(s, &n, "</strong>");
	}
	/* section numbers: "11 ", "11.", "A.", "IV." */
	size_t i = 0;
	while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
		i++;
	if (i == 0 && n > 2 && s[1] == '.' && s[0] >= 'A' && s[0] <= 'Z')
		i = 2;
	if (i == 0) {
		size_t r = 0;
		while (r < n && strchr("IVXL", s[r]))
			r++;
		if (r && r < n && s[r] == '.')
			i = r + 1;
	}
	if (i && (i == n || s[i] == ' ' || s[i - 1] == '.'))
		s += i, n -= i;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	char f[128];
	size_t fn = fold(s, n, f, sizeof f);
	if (fn == 0)
		return false;
	for (size_t k = 0; k < sizeof ref_headings / sizeof ref_headings[0]; k++) {
		size_t kl = strlen(ref_headings[k]);
		if (fn == kl && memcmp(f, ref_headings[k], kl) == 0)
			return true;
		/* "References and further reading", "Notes et références", "Notes & sources" */
		if (fn > kl && memcmp(f, ref_headings[k], kl) == 0 &&
		    (strncmp(f + kl, " and ", 5) == 0 || strncmp(f + kl, " et ", 4) == 0 ||
		     strncmp(f + kl, " & ", 3) == 0))
			return true;
	}
	return false;
}

/* The code point of the reference at s ("&eacute;", "&#233;", "&#xE9;"),
 * with *len its bytes; 0 when it is none. */
static uint32_t char_reference(const char *s, size_t n, size_t *len)
{
	const char *semi = n > 2 ? memchr(s, ';', n < 40 ? n : 40) : NULL;
	if (!semi || s[0] != '&')
		return 0;
	size_t k = (size_t)(semi - s);
	*len = k + 1;
	if (s[1] == '#') {
		bool hex = k > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t i = hex ? 3 : 2;
		if (i >= k || k - i > (hex ? 6u : 7u))
			return 0;
		uint32_t c = 0;
		for (; i < k; i++) {
			int d = s[i] >= '0' && s[i] <= '9'			 ? s[i] - '0'
				: hex && s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10
				: hex && s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 10
									 : -1;
			if (d < 0)
				return 0;
			c = c * (hex ? 16 : 10) + (uint32_t)d;
		}
		/* CommonMark: 0 and what is no Unicode scalar value become U+FFFD */
		return c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c;
	}
	char name[40];
	memcpy(name, s + 1, k - 1);
	name[k - 1] = '\0';
	const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
	return e ? e->value : 0;
}

char *md_destination(const char *s, size_t n)
{
	char *u = md_unescape(s, n);
	if (!strchr(u, '&'))
		return u;
	struct buf b;
	buf_init(&b);
	size_t un = strlen(u);
	for (size_t i = 0; i < un;) {
		size_t len = 0;
		uint32_t c = u[i] == '&' ? char_reference(u + i, un - i, &len) : 0;
		if (c) {
			utf8_encode(&b, c);
			i += len;
		} else {
			buf_putc(&b, u[i++]);
		}
	}
	buf_putc(&b, '\0');
	free(u);
	return buf_steal(&b);
}
