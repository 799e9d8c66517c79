#include "check/site_rules.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/unicode.h"
#include "util/util.h"

static const char *const names[] = {
	[SITE_GITHUB] = "github", [SITE_MDBOOK] = "mdbook", [SITE_MKDOCS] = "mkdocs",
	[SITE_DOCUSAURUS] = "docusaurus", [SITE_HUGO] = "hugo", [SITE_JEKYLL] = "jekyll",
};

bool site_kind_parse(const char *name, enum site_kind *out)
{
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(name, names[i])) {
			*out = (enum site_kind)i;
			return true;
		}
	return false;
}

/* What a heading-name rule makes of one character: dropped, a '-', or
 * kept as *out. */
enum slug_step { SLUG_DROP, SLUG_DASH, SLUG_KEEP };

static char *slug_by(const unsigned char *s, enum slug_step (*rule)(uint32_t c, uint32_t *out))
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; s[i];) {
		size_t len;
		uint32_t c = utf8_decode(s + i, &len), out = c;
		i += len;
		enum slug_step step = rule(c, &out);
		if (step == SLUG_DASH)
			buf_putc(&b, '-');
		else if (step == SLUG_KEEP)
			utf8_encode(&b, out);
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* GitHub's rule (github-slugger's, which Docusaurus uses; Hugo's default
 * "github" ids and the GFM input of Jekyll's kramdown follow it):
 * lower-cased in every script, letters, combining marks, numbers, '-' and
 * connector punctuation kept, each space made '-'. */
static enum slug_step github_char(uint32_t c, uint32_t *out)
{
	if (c == ' ')
		return SLUG_DASH;
	if (c == '-' || unicode_connector(c) || unicode_alnum(c) || unicode_mark(c)) {
		*out = unicode_lower(c);
		return SLUG_KEEP;
	}
	return SLUG_DROP;
}

static bool ascii_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* mdBook's normalize_id: letters and numbers of any script, '_' and '-'
 * kept, only A–Z lower-cased (Rust's to_ascii_lowercase), each white
 * space made '-', the rest (combining marks too) dropped. */
static enum slug_step mdbook_char(uint32_t c, uint32_t *out)
{
	if (c == '_' || c == '-' || unicode_alnum(c)) {
		*out = c >= 'A' && c <= 'Z' ? c + 32 : c;
		return SLUG_KEEP;
	}
	if (ascii_space(c) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	    c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000)
		return SLUG_DASH;
	return SLUG_DROP;
}

/* Python-Markdown's toc slugify, MkDocs' default: the text decomposed
 * (NFKD) and whatever is not ASCII dropped (é → e, Ж → nothing), then
 * all but word characters, white space and '-' removed, the ends trimmed,
 * lower-cased, and each run of spaces and '-' made one '-'. */
static char *mkdocs_slug(const char *text)
{
	char *nfkd = g_utf8_normalize(text, -1, G_NORMALIZE_NFKD);
	const char *s = nfkd ? nfkd : "";
	struct buf kept;
	buf_init(&kept);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80 && (g_ascii_isalnum((char)c) || c == '_' || c == '-' || ascii_space(c)))
			buf_putc(&kept, (char)g_ascii_tolower((char)c));
	}
	g_free(nfkd);
	size_t from = 0, to = kept.len;
	while (from < to && ascii_space((unsigned char)kept.data[from]))
		from++;
	while (to > from && ascii_space((unsigned char)kept.data[to - 1]))
		to--;
	struct buf b;
	buf_init(&b);
	for (size_t i = from; i < to; i++) {
		char c = kept.data[i];
		if (c == '-' || ascii_space((unsigned char)c)) {
			if (!b.len || b.data[b.len - 1] != '-')
				buf_putc(&b, '-');
		} else {
			buf_putc(&b, c);
		}
	}
	buf_finish(&kept);
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

char *site_heading_slug(enum site_kind k, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	switch (k) {
	case SITE_MDBOOK:
		return slug_by(s, mdbook_char);
	case SITE_MKDOCS:
		return mkdocs_slug(text);
	default:
		return slug_by(s, github_char);
	}
}

char site_repeat_separator(enum site_kind k)
{
	return k == SITE_MKDOCS ? '_' : '-';
}

char *site_heading_id(enum site_kind k, const char *text)
{
	if (k == SITE_GITHUB)
		return NULL; /* GitHub shows "{#id}" as text, part of the name */
	size_t n = strlen(text);
	while (n && ascii_space((unsigned char)text[n - 1]))
		n--;
	if (!n || text[n - 1] != '}')
		return NULL;
	const char *open = NULL;
	for (size_t i = n - 1; i-- > 0;)
		if (text[i] == '{') {
			open = text + i;
			break;
		}
	if (!open)
		return NULL;
	/* {#id .class key=value}: the attribute that starts with '#' */
	for (const char *p = open + 1; p < text + n - 1;) {
		while (p < text + n - 1 && ascii_space((unsigned char)*p))
			p++;
		size_t len = 0;
		while (p + len < text + n - 1 && !ascii_space((unsigned char)p[len]))
			len++;
		if (len > 1 && p[0] == '#')
			return xstrndup(p + 1, len - 1);
		p += len;
	}
	return NULL;
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The first of stem + each suffix that is a file. */
static char *first_file(const char *stem, const char *const *suffixes)
{
	for (; *suffixes; suffixes++) {
		char *p = xasprintf("%s%s", stem, *suffixes);
		if (is_file(p))
			return p;
		free(p);
	}
	return NULL;
}

char *site_folder_page(enum site_kind k, const char *dir)
{
	static const char *const mdbook[] = {"/index.md", "/README.md", NULL};
	static const char *const docusaurus[] = {"/index.md", "/index.mdx", "/README.md", "/README.mdx", NULL};
	static const char *const hugo[] = {"/_index.md", "/index.md", NULL};
	static const char *const jekyll[] = {"/index.md", "/index.markdown", "/README.md", NULL};
	const char *const *pages = k == SITE_MDBOOK || k == SITE_MKDOCS ? mdbook
				   : k == SITE_DOCUSAURUS		 ? docusaurus
				   : k == SITE_HUGO			 ? hugo
				   : k == SITE_JEKYLL			 ? jekyll
									 : NULL;
	if (!pages)
		return NULL;
	char *page = first_file(dir, pages);
	if (!page && k == SITE_DOCUSAURUS) { /* a category's page: guides/guides.md */
		const char *slash = strrchr(dir, '/');
		char *stem = xasprintf("%s/%s", dir, slash ? slash + 1 : dir);
		static const char *const own[] = {".md", ".mdx", NULL};
		page = first_file(stem, own);
		free(stem);
	}
	return page;
}

char *site_page_source(enum site_kind k, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	bool html = dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm"));
	char *stem = xstrndup(path, html ? (size_t)(dot - path) : strlen(path));
	char *page = NULL;
	if (html && (k == SITE_MDBOOK || k == SITE_MKDOCS || k == SITE_JEKYLL)) {
		/* x.md is built into x.html; a folder's index.html from its index page */
		static const char *const md[] = {".md", NULL}, *const jekyll[] = {".md", ".markdown", NULL};
		page = first_file(stem, k == SITE_JEKYLL ? jekyll : md);
		if (!page && !strcmp(base, "index.html")) {
			char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
			page = site_folder_page(k, dir);
			free(dir);
		}
	} else if (!dot && (k == SITE_DOCUSAURUS || k == SITE_HUGO || k == SITE_MKDOCS)) {
		/* an address without extension: x.md is served at x (or x/) */
		static const char *const md[] = {".md", NULL}, *const mdx[] = {".md", ".mdx", NULL};
		page = first_file(stem, k == SITE_DOCUSAURUS ? mdx : md);
	}
	free(stem);
	return page;
}
