"""HTML: the article's main content, found by trafilatura, with title and date from the page metadata.

trafilatura is the field's standard for main-content extraction (it scores the page tree and falls
back to jusText and a readability port), and drops navigation, share buttons, comments and "most
read" lists. It only parses: nothing in the page is executed or fetched (no scripts, no external
entities, no images), so a saved page reads the same offline as online.

Its result is a small tree of <head> (headings), <p>, <list>/<item> and <quote>; headings become
the author's sub-headings and everything else paragraphs, and the common block rules still apply
(repeated captions, inline "[Read: …]" links).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

from reportgen.errors import InputError
from reportgen.model import Article, Source
from reportgen.readers.blocks import RawBlock, build_article
from reportgen.readers.decode import Decoded, decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)""", re.IGNORECASE)
#: Browsers read these labels as Windows-1252 (the WHATWG encoding standard), and so do we.
_OG_TITLE = re.compile(r"""<meta[^>]+property=["']og:title["'][^>]+content=["']([^"']+)""", re.IGNORECASE)
_OG_TITLE_REVERSED = re.compile(r"""<meta[^>]+content=["']([^"']+)["'][^>]+property=["']og:title""", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252"})


def read(data: bytes, path: Path) -> Article:
    decoded = decode_html(data, path.name)
    from trafilatura import bare_extraction

    doc: Any = bare_extraction(
        decoded.text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    if doc is None or doc.body is None:
        raise InputError(f"{path.name}: no article text found in the page", hint="give the article's own page")
    title = page_title(decoded.text) or _clean(doc.title or "")
    blocks = list(_blocks(doc.body))
    if blocks and _same(blocks[0].text, title):
        blocks = blocks[1:]
    if not title:
        if not blocks:
            raise InputError(f"{path.name}: no article text found in the page", hint="give the article's own page")
        title, blocks = blocks[0].text, blocks[1:]
    lang = _HTML_LANG.search(decoded.text[:20_000])
    source = Source(
        title=title,
        path=str(path),
        url=doc.url or "",
        published=doc.date or "",
        author=doc.author or "",
        publication=_clean(doc.sitename or ""),
        language=lang.group(1) if lang else "",
    )
    # trafilatura has already cut the article out of the page: only block-level furniture is left.
    return build_article(blocks, source, title=title, warnings=decoded.warnings, whole=True)


def page_title(html: str) -> str:
    """og:title, else <title> without a trailing " - Site name": what the publisher calls the article.

    trafilatura's own guess can be a heading from elsewhere on the page (a help dialog's "Keyboard
    shortcuts"), so the publisher's declared title comes first.
    """
    head = html[:100_000]
    match = _OG_TITLE.search(head) or _OG_TITLE_REVERSED.search(head)
    if match:
        return _clean(unescape(match.group(1)))
    match = _TITLE.search(head)
    if not match:
        return ""
    title = _clean(unescape(re.sub(r"<[^>]+>", "", match.group(1))))
    parts = re.split(r"\s+[-|–—·]\s+", title)
    return parts[0] if len(parts) > 1 and len(parts[0].split()) >= 2 else title


def decode_html(data: bytes, name: str) -> Decoded:
    """The page's declared charset when it decodes cleanly, else the same detection as plain text."""
    match = _META_CHARSET.search(data[:8192])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        label = match.group(1).decode("ascii").lower()
        codec = "cp1252" if label in _AS_CP1252 else label
        try:
            return Decoded(data.decode(codec), label)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, name)


def _blocks(body: Any) -> Any:
    for element in body:
        tag = element.tag
        if tag == "head":
            text = _clean("".join(element.itertext()))
            if text:
                yield RawBlock(text, heading=True)
        elif tag in ("code", "graphic", "table"):  # program listings and figures are not prose
            continue
        elif tag == "list":
            for item in element.iter("item"):
                text = _clean("".join(item.itertext()))
                if text:
                    yield RawBlock(text)
        else:
            text = _clean("".join(element.itertext()))
            if text:
                yield RawBlock(text)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _same(a: str, b: str) -> bool:
    return _clean(a).casefold() == _clean(b).casefold()
