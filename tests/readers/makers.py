"""Builders for reader fixtures made in code: Word files, PDFs (with and without a text layer,
encrypted, damaged), zip bombs and a saved news page. Nothing here copies a third-party article."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

PARAGRAPHS = (
    "The port of Westhaven reopened to cargo ships on Monday, three weeks after a winter storm tore away two "
    "of its breakwaters and left the main channel blocked by debris.",
    "Harbour officials said 14 vessels had been cleared to enter by noon, and that the backlog of about 60 "
    "ships waiting offshore should be gone within ten days if the weather holds.",
    "The repairs cost an estimated 42 million euros, most of it paid from an emergency fund that the regional "
    "government set up after a similar storm in 2019.",
    "Shipping companies have warned that insurance premiums for the route are likely to rise, and two carriers "
    "said they would keep diverting some vessels to Eastport until the southern works are complete.",
)
TITLE = "Harbour reopens after storm damage"


def make_docx(
    path: Path, title: str = TITLE, heading: str = "What comes next", paragraphs: tuple[str, ...] = PARAGRAPHS
) -> Path:
    document = docx.Document()
    document.add_paragraph(title, style="Title")
    for i, text in enumerate(paragraphs):
        if i == 2:
            document.add_heading(heading, level=1)
        document.add_paragraph(text)
    document.core_properties.author = "Jane Doe"
    document.save(str(path))
    return path


def make_zip_bomb(path: Path, megabytes: int = 120) -> Path:
    """A .docx-shaped zip whose document part inflates ~1000 times: refused before it is opened."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return path


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 2 0 R " % (len(objects) + 1) + trailer_extra + b">>\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _escape(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(lines: list[str]) -> bytes:
    """Lines from the top of a page, 14 pt apart; an empty string leaves a paragraph gap."""
    ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        ops.append(b"T*" if not line else b"(" + _escape(line) + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def make_pdf(pages: list[list[str]], title: str = "", encrypt: bool = False, text_layer: bool = True) -> bytes:
    """A PDF with one text line per entry (Helvetica, WinAnsi); pages of lines, "" for a gap.

    Objects: 1 catalog, 2 info, 3 page tree, 4 font, then page 5+2i with its content stream 6+2i.
    """
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 3 0 R >>",
        b"<< /Title (" + _escape(title) + b") /Producer (reportgen tests) >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        stream = _page_stream(lines) if text_layer else b"0.5 g 72 72 400 600 re f"
        objects.append(
            b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    extra = b""
    if encrypt:
        # RC4 40-bit with made-up O and U values: it opens only with a password nobody knows.
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -44 >>")
        file_id = b"<0123456789abcdef0123456789abcdef>"
        extra = b"/Encrypt %d 0 R /ID [" % len(objects) + file_id + b" " + file_id + b"] "
    return _pdf(objects, extra)


ARTICLE_PDF_PAGES = [
    [
        TITLE,
        "",
        "The port of Westhaven reopened to cargo ships on Monday, three weeks after a winter storm",
        "tore away two of its breakwaters and left the main channel blocked by debris.",
        "",
        "Harbour officials said 14 vessels had been cleared to enter by noon, and that the backlog of",
        "about 60 ships waiting offshore should be gone within ten days if the weather holds. The",
    ],
    [
        "regional government paid for most of the repairs from an emergency fund.",
        "",
        "Shipping companies have warned that insurance premiums for the route are likely to rise, and",
        "two carriers said they would keep diverting some vessels until the works are complete.",
    ],
]
