"""A one-page PDF that poppler reads, written byte by byte: its text in
Helvetica, one line each, and the day it was made in its Info dictionary (a
PDF regenerated from the same text differs there, and in nothing else).
Shared by tests/archive.sh and bench/archive.sh."""


def write_pdf(objs, trailer=""):
    """A PDF of these objects (numbered from 1, the first the catalog), its
    cross-reference table and trailer (plus what trailer adds to it)."""
    out, offs = "%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += "%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + "".join("%010d 00000 n \n" % o for o in offs)
    return out + "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, trailer, xref)


def mkpdf(lines, made):
    content = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join("(%s) '" % l for l in lines) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
            "/Contents 5 0 R >>", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            "<< /CreationDate (D:%s) /Producer (a report tool) >>" % made]
    return write_pdf(objs, "/Info 6 0 R ")


def lines_of(words, n=9):
    """words as lines of n words each."""
    return [" ".join(words[i:i + n]) for i in range(0, len(words), n)]


def mkpdf_placed(pages, made="20240101"):
    """A PDF of several pages, each a list of (x, y, text) lines set in
    Helvetica 11 where they are placed (points from the page's bottom left),
    or (x, y, text, "mono") set in Courier 10, as code is: columns, page
    breaks, margins and code blocks as a layout puts them."""
    n = len(pages)
    kids = " ".join("%d 0 R" % (6 + 2 * i) for i in range(n))
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /CreationDate (D:%s) /Producer (a report tool) >>" % made,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"]
    for lines in pages:
        content = "BT " + " ".join("/%s 1 0 0 1 %g %g Tm (%s) Tj" % (
            "F2 10 Tf" if l[3:] == ("mono",) else "F1 11 Tf", l[0], l[1], l[2]) for l in lines) + " ET"
        objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R "
                    "/F2 5 0 R >> >> /Contents %d 0 R >>" % (len(objs) + 2))
        objs.append("<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return write_pdf(objs, "/Info 4 0 R ")
