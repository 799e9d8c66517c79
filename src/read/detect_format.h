/* detect_format.h — what a document is, told from its content (the zip's
 * manifest, the XML root, BibTeX's "@", JSON's shape) before its name. */
#ifndef CITECHECK_DETECT_FORMAT_H
#define CITECHECK_DETECT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

enum doc_format {
	FORMAT_AUTO,
	FORMAT_TEXT, /* plain text or Markdown or reST: the line extractor tells them apart */
	FORMAT_MARKDOWN,
	FORMAT_ASCIIDOC,
	FORMAT_HTML,
	FORMAT_DOCX,
	FORMAT_ODT,
	FORMAT_EPUB,
	FORMAT_BIBTEX,
	FORMAT_CSL_JSON,
	FORMAT_PDF,
	FORMAT_ZIP, /* a zip archive whose manifest is still to be read */
	FORMAT_XML, /* XML of a vocabulary citecheck does not read */
};

/* "html", "docx", … for --input-format; FORMAT_AUTO for "auto". false if unknown. */
bool doc_format_parse(const char *name, enum doc_format *out);
const char *doc_format_name(enum doc_format f);

/* From the first bytes of the document (and its name, for text). */
enum doc_format detect_format(const unsigned char *head, size_t n, const char *path);

/* A zip document from its entries: call with each entry name, then ask. */
struct zip_kind {
	bool docx, odt_mime, epub_mime, odt_content, epub_container;
};
void zip_kind_note(struct zip_kind *k, const char *name, const char *mimetype);
enum doc_format zip_kind_format(const struct zip_kind *k);

#endif
