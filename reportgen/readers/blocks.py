"""Shared by the plain-text readers: raw blocks of text to an Article.

Page dumps carry debris ("top of page", share buttons) at either end, and authors mark sections with
short title-like lines. Both are told apart from prose by shape (length, closing punctuation,
case), with a data file of known debris phrases, so no article-specific words live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from reportgen.errors import InputError
from reportgen.model import Article, Paragraph, Source

_SENTENCE_END = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
_MAX_HEADING_WORDS = 14
_MAX_DEBRIS_WORDS = 8


@dataclass(frozen=True)
class RawBlock:
    text: str
    heading: bool = False  # explicitly marked as a heading (e.g. markdown "## ")


@lru_cache(maxsize=1)
def debris_phrases() -> frozenset[str]:
    text = resources.files("reportgen").joinpath("data/debris.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#")


def split_blocks(text: str) -> list[str]:
    """Blank-line separated blocks, each with its lines joined by single spaces."""
    blocks = re.split(r"\n\s*\n", text)
    return [" ".join(b.split()) for b in blocks if b.strip()]


def is_debris(line: str) -> bool:
    """A known page-furniture phrase, or a short all-lowercase fragment that is not a sentence."""
    words = line.split()
    if not words or len(words) > _MAX_DEBRIS_WORDS:
        return False
    key = re.sub(r"[\W\d_]+$|^[\W\d_]+", "", line.lower()).strip()
    if key in debris_phrases() or not key:
        return True
    return line == line.lower() and not _SENTENCE_END.search(line) and len(words) <= 4


def looks_like_heading(line: str) -> bool:
    """Short, no closing punctuation, starting with a capital: how authors write sub-headings."""
    words = line.split()
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and not _SENTENCE_END.search(line)
        and line[0].isupper()
        and not line.endswith(",")
    )


def strip_debris(blocks: list[RawBlock]) -> list[RawBlock]:
    """Drop debris lines from both ends; the article's own text in between is left alone."""
    start, end = 0, len(blocks)
    while start < end and is_debris(blocks[start].text):
        start += 1
    while end > start and (is_debris(blocks[end - 1].text) or (end > start + 1 and _dangling_heading(blocks[end - 1]))):
        end -= 1
    return blocks[start:end]


def _dangling_heading(block: RawBlock) -> bool:
    """A title-like short line closing the text governs nothing: it is page furniture."""
    return len(block.text.split()) <= _MAX_DEBRIS_WORDS and looks_like_heading(block.text)


def build_article(blocks: list[RawBlock], source: Source, title: str | None = None) -> Article:
    """Title (given or the first block), then body paragraphs under their sub-headings."""
    blocks = strip_debris(blocks)
    if title is None:
        if not blocks:
            raise InputError(f"{source.path or source.title}: no article text found")
        title, blocks = blocks[0].text, blocks[1:]
    paragraphs: list[Paragraph] = []
    heading: str | None = None
    for i, block in enumerate(blocks):
        followed_by_prose = i + 1 < len(blocks) and not looks_like_heading(blocks[i + 1].text)
        if block.heading or (looks_like_heading(block.text) and followed_by_prose):
            heading = block.text
            continue
        paragraphs.append(Paragraph(text=block.text, heading=heading))
    if not paragraphs:
        raise InputError(
            f"{source.path or title}: no paragraphs of text after the title",
            hint="an article needs a headline line and at least one paragraph",
        )
    return Article(title=title, paragraphs=tuple(paragraphs), source=Source(**{**source.__dict__, "title": title}))
