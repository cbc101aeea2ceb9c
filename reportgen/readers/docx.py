"""Word (.docx): paragraphs in body order, headings known by their style, zip bombs refused unopened.

A .docx is a zip of XML parts. python-docx decompresses every part into memory when it opens a
file, so a crafted one (a 1.4 MB file that expands to gigabytes took python-docx 160 s and 3.3 GB
here) must be refused before that, from the sizes the zip's central directory declares. Python's
zipfile never inflates a member past its declared size (and checks its CRC), so the declared sizes
bound what opening can cost.

Headings are paragraphs whose style (or a style it is based on) is a built-in "Heading n" or
"Title", or carries an outline level, which is how Word's navigation pane finds them too.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from reportgen.errors import InputError
from reportgen.model import Article, Source
from reportgen.readers.blocks import RawBlock, build_article

#: Declared uncompressed size of all parts together, and of the main document part.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_DOCUMENT_XML = 60 * 1024 * 1024
#: Text XML compresses about 5-20x; bombs compress hundreds or thousands of times.
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small parts may compress well without harm
MAX_PARTS = 2000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(data: bytes, path: Path) -> Article:
    check_package(data, path.name)
    import docx
    from lxml.etree import XMLSyntaxError

    try:
        document: Any = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise InputError(
            f"{path.name}: not a readable Word document ({type(exc).__name__}: {exc})",
            hint="open it in Word and save it again as .docx",
        ) from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and others on damage
        raise InputError(
            f"{path.name}: not a readable Word document ({type(exc).__name__})",
            hint="open it in Word and save it again as .docx",
        ) from exc
    title: str | None = None
    blocks: list[RawBlock] = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        kind = _heading_kind(paragraph)
        if kind == "title" and title is None and not blocks:
            title = text
        elif kind:
            blocks.append(RawBlock(text, heading=True))
        else:
            blocks.append(RawBlock(text))
    props = document.core_properties
    if title is None and props.title and blocks and " ".join(props.title.split()) == blocks[0].text:
        title, blocks = blocks[0].text, blocks[1:]
    if title is None:
        if not blocks:
            raise InputError(f"{path.name}: the Word document has no text", hint="give an article with some text")
        title, blocks = blocks[0].text, blocks[1:]
    source = Source(title=title, path=str(path), author=props.author or "", language=props.language or "")
    return build_article(blocks, source, title=title, whole=True)  # an authored document, not a page dump


def check_package(data: bytes, name: str) -> None:
    """Refuse what is not a .docx, or would cost too much to open, before anything is inflated."""
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            f"{name}: an old binary .doc file or a password-protected document, not a .docx",
            hint="open it in Word and save it as .docx without a password",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            f"{name}: not a Word document (the zip is damaged or truncated)",
            hint="open it in Word and save it again as .docx",
        ) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise InputError(f"{name}: {len(members)} parts inside is not a Word document (zip bomb?)")
        names = {m.filename for m in members}
        if "word/document.xml" not in names and "[Content_Types].xml" not in names:
            raise InputError(f"{name}: a zip file, but not a Word document", hint="give a .docx saved by Word")
        total = sum(m.file_size for m in members)
        if total > MAX_UNPACKED:
            raise InputError(
                f"{name}: expands to {total / 1_048_576:.0f} MB, "
                f"over the {MAX_UNPACKED // 1_048_576} MB limit (zip bomb?)",
                hint="a real article is far smaller; re-save it without embedded media",
            )
        for member in members:
            ratio = member.file_size / max(1, member.compress_size)
            if member.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
                raise InputError(
                    f"{name}: part {member.filename} expands {ratio:.0f} times "
                    f"({member.file_size / 1_048_576:.0f} MB), which only a zip bomb does",
                    hint="re-save the document in Word",
                )
            if member.filename == "word/document.xml" and member.file_size > MAX_DOCUMENT_XML:
                raise InputError(
                    f"{name}: the document part is {member.file_size / 1_048_576:.0f} MB, too large for one article",
                    hint="split it into separate articles",
                )


def _heading_kind(paragraph: Any) -> str:
    """ "title", "heading" or "" from the paragraph's style chain or its own outline level."""
    style = paragraph.style
    depth = 0
    while style is not None and depth < 10:
        name = (style.name or "").lower()
        if name == "title":
            return "title"
        if name == "subtitle":  # a standfirst: prose, not a heading
            return ""
        if name.startswith("heading") or _outline_level(style.element) is not None:
            return "heading"
        style, depth = style.base_style, depth + 1
    return "heading" if _outline_level(paragraph._p) is not None else ""


def _outline_level(element: Any) -> str | None:
    """w:pPr/w:outlineLvl below 9 (9 means body text), the mark Word uses for headings."""
    found = element.xpath("./w:pPr/w:outlineLvl/@w:val")
    if found and found[0] != "9":
        return str(found[0])
    return None
