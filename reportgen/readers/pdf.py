"""PDF: the text layer, laid out into paragraphs by pdfminer.six.

pdfminer.six was chosen over pypdf after reading the same LibreOffice-made article with both:
pdfminer's layout analysis groups lines into text boxes, so paragraphs come out separated, while
pypdf gives a stream of lines with no paragraph breaks (pdfminer 0.17 s, pypdf 0.10 s for a
1,800-word, 4-page article; import 0.07 s and 0.10 s). Text boxes are read page by page, so the
form feed pdfminer's plain-text API puts at every page end never reaches the text.

What a PDF does not say is inferred by shape: a short title-like first line of a box set above a
longer one is a sub-heading; a paragraph cut by a page break (no closing stop, the next page
starting in lower case) is joined again; running headers and page numbers are left to the common
block rules (repeated blocks, bare numbers). A PDF without a text layer (a scan) or locked with a
password is refused with a message saying what to do.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from reportgen.errors import InputError
from reportgen.model import Article, Source
from reportgen.readers.blocks import RawBlock, build_article, looks_like_heading

MAX_PAGES = 2000
MAX_TEXT = 5 * 1024 * 1024
#: What the file's compressed streams may inflate to, in all: a 5 MB article's PDF with its
#: pictures is well under; a decompression bomb (1.5 MB inflating to gigabytes) is stopped here,
#: before pdfminer inflates a stream whole.
MAX_INFLATED = 256 * 1024 * 1024
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_INFLATE_STEP = 1024 * 1024
_ENDS_SENTENCE = re.compile(r"""[.!?…:;。！？؟۔।]["'”’)\]]*$""")


def read(data: bytes, path: Path) -> Article:
    # pdfminer logs every oddity of a file as a warning; problems that matter are raised here instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _check_inflated_size(data, path.name)
    pages, info = _pages(data, path.name)
    if not any(pages):
        raise InputError(
            f"{path.name}: the PDF has no text layer (a scanned image?)",
            hint="run OCR on it first (e.g. ocrmypdf) or give the article as text",
        )
    blocks = _join_across_pages(pages)
    if not blocks:
        raise InputError(f"{path.name}: the PDF has only page headers and numbers, no article text")
    title = _clean(info.get("Title", ""))
    if title and blocks and _clean(blocks[0].text).casefold() == title.casefold():
        blocks = blocks[1:]
    if not title or len(title.split()) > 30:
        title, blocks = blocks[0].text, blocks[1:]
    source = Source(title=title, path=str(path), author=_clean(info.get("Author", "")))
    return build_article(blocks, source, title=title)


def _check_inflated_size(data: bytes, name: str) -> None:
    """Refuse a PDF whose Flate streams inflate past MAX_INFLATED, found by inflating each in
    bounded steps and keeping nothing: pdfminer inflates a stream whole, in memory, when it reads
    it. Streams that are not Flate (pictures in JPEG) fail at once and are passed over."""
    total = 0
    for found in _STREAM_START.finditer(data):
        end = data.find(b"endstream", found.end())
        pending = data[found.end() : end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        try:
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, _INFLATE_STEP))
                if total > MAX_INFLATED:
                    raise InputError(
                        f"{name}: the PDF's compressed streams expand past {MAX_INFLATED // 1_048_576} MB "
                        "(a decompression bomb?)",
                        hint="print the article to a new PDF, or give it as text",
                    )
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue


def _pages(data: bytes, name: str) -> tuple[list[list[RawBlock]], dict[str, str]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        info = _info(document)
        if not document.is_extractable:
            raise InputError(f"{name}: the PDF's owner forbids copying its text", hint="ask for an unlocked copy")
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        pages: list[list[RawBlock]] = []
        size = 0
        for number, page in enumerate(PDFPage.create_pages(document)):
            if number >= MAX_PAGES:
                raise InputError(f"{name}: more than {MAX_PAGES} pages is not one article", hint="split it")
            interpreter.process_page(page)
            layout: Any = device.get_result()
            blocks = [b for box in layout if isinstance(box, LTTextContainer) for b in _box_blocks(box.get_text())]
            size += sum(len(b.text) for b in blocks)
            if size > MAX_TEXT:
                raise InputError(f"{name}: more than {MAX_TEXT // 1_048_576} MB of text", hint="split it")
            pages.append(blocks)
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(
            f"{name}: the PDF is encrypted with a password", hint="save an unprotected copy and give that"
        ) from exc
    except Exception as exc:  # a damaged file can fail anywhere inside the parser
        raise InputError(
            f"{name}: not a readable PDF ({type(exc).__name__}; damaged or truncated?)",
            hint="open it in a PDF viewer and save or print it to a new PDF",
        ) from exc
    return pages, info


def _info(document: Any) -> dict[str, str]:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    found: dict[str, str] = {}
    for entry in document.info or []:
        for key in ("Title", "Author"):
            value = resolve1(entry.get(key))
            if isinstance(value, bytes):
                found.setdefault(key, decode_text(value))
            elif isinstance(value, str):
                found.setdefault(key, value)
    return found


def _box_blocks(text: str) -> list[RawBlock]:
    """One text box as blocks: a heading line set above its paragraph is split off."""
    lines = [" ".join(line.split()) for line in text.replace("\x0c", "\n").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return []
    if (
        len(lines) >= 2
        and looks_like_heading(lines[0])
        and len(lines[0]) < 0.6 * len(lines[1])
        and lines[1][0].isupper()
    ):
        return [RawBlock(lines[0]), *_box_blocks("\n".join(lines[1:]))]
    return [RawBlock(_join_lines(lines))]


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph: a line ending in a hyphen runs on into the next word."""
    text = lines[0]
    for line in lines[1:]:
        text = text + line if text.endswith("-") and line[:1].islower() else f"{text} {line}"
    return text


_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


def _join_across_pages(pages: list[list[RawBlock]]) -> list[RawBlock]:
    """Pages into one run of blocks, without page furniture, re-joining paragraphs a page break cut."""
    seen_on = Counter(text for page in pages for text in {b.text for b in page})
    running = {text for text, n in seen_on.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    blocks: list[RawBlock] = []
    for page in pages:
        kept = [b for b in page if b.text not in running and not _PAGE_NUMBER.match(b.text)]
        for i, block in enumerate(kept):
            previous = blocks[-1].text if blocks else ""
            if i == 0 and previous and not _ENDS_SENTENCE.search(previous) and block.text[:1].islower():
                blocks[-1] = RawBlock(_join_lines([previous, block.text]))
            else:
                blocks.append(block)
    return blocks


def _clean(text: str) -> str:
    return " ".join(text.split())
