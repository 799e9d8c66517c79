/* The zip-based formats (FUZZ_KIND: docx, odt, epub) with the mutations in
 * the XML: the input is the document's parts separated by a line "=====",
 * and a valid zip is built around them with libarchive, so that the fuzzer
 * does not spend its time breaking the zip container instead. */
#include "fuzz_document.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEPARATOR "\n=====\n"

/* The names given to the parts in turn, and what every document of the kind holds. */
#if FUZZ_KIND_DOCX
static const char *const names[] = {"word/document.xml", "word/footnotes.xml", "word/endnotes.xml",
				    "word/_rels/document.xml.rels", "word/settings.xml", "word/numbering.xml",
				    "word/styles.xml"};
static const char *const fixed[][2] = {{"[Content_Types].xml", "<Types/>"}};
#define FORMAT FORMAT_DOCX
#elif FUZZ_KIND_ODT
static const char *const names[] = {"content.xml", "styles.xml", "meta.xml"};
static const char *const fixed[][2] = {{"mimetype", "application/vnd.oasis.opendocument.text"}};
#define FORMAT FORMAT_ODT
#else
static const char *const names[] = {"OEBPS/content.opf", "OEBPS/c1.xhtml", "OEBPS/c2.xhtml", "OEBPS/notes.xhtml"};
static const char *const fixed[][2] = {
	{"mimetype", "application/epub+zip"},
	{"META-INF/container.xml",
	 "<container><rootfiles><rootfile full-path=\"OEBPS/content.opf\"/></rootfiles></container>"}};
#define FORMAT FORMAT_EPUB
#endif

static void add(struct archive *a, const char *name, const void *p, size_t n)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)n);
	archive_write_header(a, e);
	archive_write_data(a, p, n);
	archive_entry_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cap = size * 2 + 65536, used = 0;
	char *zip = malloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	archive_write_open_memory(a, zip, cap, &used);
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		add(a, fixed[i][0], fixed[i][1], strlen(fixed[i][1]));
	const char *p = (const char *)data, *end = p + size;
	for (size_t i = 0; i < sizeof names / sizeof names[0] && p <= end; i++) {
		const char *sep = memmem(p, (size_t)(end - p), SEPARATOR, strlen(SEPARATOR));
		const char *e = sep ? sep : end;
		add(a, names[i], p, (size_t)(e - p));
		if (!sep)
			break;
		p = sep + strlen(SEPARATOR);
	}
	archive_write_close(a);
	archive_write_free(a);
	fuzz_document(zip, used, FORMAT);
	free(zip);
	return 0;
}
