"""Markdown: ATX headings ("# Title", "## Section") are explicit; the rest reads as plain text.

Inline markup (emphasis, links) is reduced to its text, since the brief quotes sentences verbatim
and must not show stray asterisks.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.model import Article, Source
from reportgen.readers.blocks import RawBlock, build_article, split_blocks
from reportgen.readers.decode import decode_text

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _inline(text: str) -> str:
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text))


def read(data: bytes, path: Path) -> Article:
    decoded = decode_text(data, path.name)
    text = decoded.text
    # A heading line may sit directly above its paragraph, without a blank line.
    text = re.sub(r"^(#{1,6}\s.*)$", r"\n\1\n", text, flags=re.MULTILINE)
    title: str | None = None
    blocks: list[RawBlock] = []
    for block in split_blocks(text):
        match = _ATX.match(block)
        if match and len(match.group(1)) == 1 and title is None and not blocks:
            title = _inline(match.group(2))
        elif match:
            blocks.append(RawBlock(_inline(match.group(2)), heading=True))
        else:
            blocks.append(RawBlock(_inline(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", block))))
    source = Source(title=title or path.stem, path=str(path))
    return build_article(blocks, source, title=title, warnings=decoded.warnings)
