"""Plain text: the headline on the first line, paragraphs separated by blank lines.

A text that opens with its lead paragraph instead (wire copy, a pasted story) is titled by its
file name and keeps that paragraph (see blocks.looks_like_headline).
"""

from __future__ import annotations

from pathlib import Path

from reportgen.model import Article, Source
from reportgen.readers.blocks import RawBlock, build_article, split_blocks
from reportgen.readers.decode import decode_text


def read(data: bytes, path: Path) -> Article:
    decoded = decode_text(data, path.name)
    blocks = [RawBlock(b) for b in split_blocks(decoded.text)]
    return build_article(blocks, Source(title=path.stem, path=str(path)), warnings=decoded.warnings)
