"""Shared by every reader: raw blocks of text to an Article, with page debris left behind.

A saved web page dumped as text carries navigation, share buttons, photo galleries, comment badges
and "most read" lists around (and inside) the article; authors mark sections with short title-like
lines. All of it is told apart from prose by shape, never by words about one article:

- block by block: known furniture phrases (data/debris.txt), a block repeated elsewhere on the page
  (captions shown twice, the headline repeated in a widget, running headers), a whole block in
  square brackets (an inline "[Read: …]" link), a "a | b | c" link list, a caption ending in a
  parenthesised credit ("… (Reuters)"), a short label echoing its neighbour ("Map: X" / "Map: X
  View Graphic");
- the body: the run of blocks with the most prose in it, where a sentence-ending block counts its
  words and any other block costs a fixed amount, so the long menus above an article and the
  widgets below it fall outside (the classic maximum-subarray view of text density);
- inside the body: runs of three or more very short blocks (gallery controls, subscription tiers);
- at either end: short debris lines and a closing heading that governs nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from reportgen import shipped
from reportgen.errors import InputError
from reportgen.model import Article, Paragraph, Source

# Sentence stops of the scripts articles come in: Latin, CJK (。！？), Arabic (؟ ۔), Devanagari (।).
_SENTENCE_END = re.compile(r"""[.!?…:;。！？：；؟۔।]["'”’)\]」』》）]*$""")
_PROSE_END = re.compile(r"""[.!?…。！？؟۔।]["'”’)\]」』》）]*$""")
_BRACKETED = re.compile(r"^\[[^\[\]]+\]$")
_LINK_LIST = re.compile(r"\S\s+\|\s+\S")
_CREDIT_CAPTION = re.compile(r"""[.!?]["'”’]?\s*\([^()]{1,80}\)$""")
_MAX_HEADING_WORDS = 14
_MAX_HEADLINE_WORDS = 30
_MIN_LEAD_WORDS = 8  # "Clinton: U.N. backing is important." can still be a headline
_MAX_DEBRIS_WORDS = 8
#: What a non-prose block costs the body run, in words of prose, and the most a row of them costs:
#: a sub-heading between paragraphs costs little, a photo gallery inside the body no more than a
#: short paragraph, while blurbs in a comments section, each between labels, never pay their way.
_NON_PROSE_COST = 15
_MAX_RUN_COST = 60
_WIDGET_WORDS = 6
_WIDGET_RUN = 3


@dataclass(frozen=True)
class RawBlock:
    text: str
    heading: bool = False  # explicitly marked as a heading (e.g. markdown "## ", a Word heading style)


@lru_cache(maxsize=1)
def debris_phrases() -> frozenset[str]:
    text = shipped.read_text("data", "debris.txt")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#")


def split_blocks(text: str) -> list[str]:
    """Blank-line separated blocks, each with its lines joined by single spaces."""
    blocks = re.split(r"\n\s*\n", text)
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _key(line: str) -> str:
    return re.sub(r"[\W\d_]+$|^[\W\d_]+", "", line.lower()).strip()


def is_debris(line: str) -> bool:
    """A known page-furniture phrase, or a short all-lowercase fragment that is not a sentence."""
    words = line.split()
    if not words or len(words) > _MAX_DEBRIS_WORDS:
        return False
    key = _key(line)
    if key in debris_phrases() or not key:
        return True
    # All lower case means something only in a script that has case (not Arabic, not Chinese).
    cased = line != line.upper()
    return cased and line == line.lower() and not _SENTENCE_END.search(line) and len(words) <= 4


def looks_like_heading(line: str) -> bool:
    """Short, no closing punctuation, starting with a capital: how authors write sub-headings."""
    words = line.split()
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and not _SENTENCE_END.search(line)
        and line[0].isupper()
        and not line.endswith(",")
    )


def looks_like_headline(text: str) -> bool:
    """Whether an untitled text's first block is its headline rather than its lead paragraph.

    Headlines rarely close with a full stop; a lead is prose: a sentence of several words ending in
    one (a wire story's "(CNN) -- Ten people were killed on Monday in ..."), or simply long.
    """
    words = text.split()
    prose = len(words) >= _MIN_LEAD_WORDS and text.rstrip("\"'”’)").endswith(".")
    return len(words) <= _MAX_HEADLINE_WORDS and not prose


def page_debris(blocks: list[RawBlock], title: str | None = None) -> list[bool]:
    """For each block, whether its own shape (or a twin elsewhere on the page) marks it as furniture."""
    keys = [_norm_key(b.text) for b in blocks]
    counts = Counter(keys)
    title_key = _norm_key(title) if title else None
    flags = []
    for i, block in enumerate(blocks):
        if block.heading:
            flags.append(False)
            continue
        text = block.text
        flags.append(
            counts[keys[i]] > 1
            or keys[i] == title_key
            or is_debris(text)
            or bool(_BRACKETED.match(text))
            or bool(_LINK_LIST.search(text) and not _PROSE_END.search(text))
            or bool(_CREDIT_CAPTION.search(text))
            or _echoes_neighbour(blocks, i)
        )
    return flags


def _norm_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _echoes_neighbour(blocks: list[RawBlock], i: int) -> bool:
    """A short label repeated inside the next or previous short label: a widget's title and its link."""
    here = _norm_key(blocks[i].text)
    if not here or len(here.split()) > _MAX_HEADING_WORDS:
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(blocks) and not blocks[j].heading:
            there = _norm_key(blocks[j].text)
            if (
                there
                and there != here
                and len(there.split()) <= _MAX_HEADING_WORDS
                and (here in there or there in here)
            ):
                return True
    return False


def body_span(blocks: list[RawBlock], debris: list[bool]) -> tuple[int, int]:
    """The run of blocks with the most prose: [start, end). The whole text when nothing is prose."""
    scores = []
    run_cost = 0
    for block, flagged in zip(blocks, debris, strict=True):
        if block.heading:
            scores.append(0)
        elif not flagged and _PROSE_END.search(block.text):
            scores.append(len(block.text.split()))
            run_cost = 0
        else:
            cost = min(_NON_PROSE_COST, _MAX_RUN_COST - run_cost)
            scores.append(-cost)
            run_cost += cost
    if not scores or max(scores) <= 0:
        return 0, len(blocks)
    best, best_span = 0, (0, len(blocks))
    run, run_start = 0, 0
    for i, score in enumerate(scores):
        if run <= 0:
            run, run_start = 0, i
        run += score
        if run > best:
            best, best_span = run, (run_start, i + 1)
    return best_span


def _widget_runs(blocks: list[RawBlock], debris: list[bool]) -> list[bool]:
    """Which blocks stand in a run of three or more non-prose blocks: gallery controls, price tiers.

    A run member is furniture already, very short, or not a finished sentence (a photo credit);
    a lone one between paragraphs is a sub-heading or a long sentence without a stop, and stays.
    """
    member = [
        not block.heading and (flagged or len(block.text.split()) <= _WIDGET_WORDS or not _PROSE_END.search(block.text))
        for block, flagged in zip(blocks, debris, strict=True)
    ]
    in_run = [False] * len(blocks)
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and member[j]:
            j += 1
        if j - i >= _WIDGET_RUN:
            in_run[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return in_run


def select_body(blocks: list[RawBlock], title: str | None = None, whole: bool = False) -> list[RawBlock]:
    """The article's own blocks: the densest run of prose, without furniture inside it.

    `whole` keeps the run and only drops furniture block by block: for text a main-content
    extractor has already cut out of a page, or a document an author wrote as it is.
    """
    debris = page_debris(blocks, title)
    if whole:
        return [b for b, flagged in zip(blocks, debris, strict=True) if not flagged]
    if not any(_PROSE_END.search(b.text) for b, flagged in zip(blocks, debris, strict=True) if not flagged):
        # No sentence anywhere (notes, a list, a language without these stops): shape says nothing.
        return [b for b, flagged in zip(blocks, debris, strict=True) if not flagged]
    start, end = body_span(blocks, debris)
    if start > 0 and _leads_body(blocks, debris, start - 1):
        start -= 1
    blocks, debris = blocks[start:end], debris[start:end]
    runs = _widget_runs(blocks, debris)
    return [b for b, flagged, in_run in zip(blocks, debris, runs, strict=True) if not (flagged or in_run)]


def _leads_body(blocks: list[RawBlock], debris: list[bool], i: int) -> bool:
    """A sub-heading right above the first paragraph governs it, unless it is one of a row of labels."""
    if debris[i] or not (blocks[i].heading or looks_like_heading(blocks[i].text)):
        return False
    return i == 0 or debris[i - 1] or bool(_PROSE_END.search(blocks[i - 1].text))


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


def build_article(
    blocks: list[RawBlock],
    source: Source,
    title: str | None = None,
    warnings: tuple[str, ...] = (),
    whole: bool = False,
) -> Article:
    """Title (given or the first block), then body paragraphs under their sub-headings.

    `whole` says the blocks are already the article (see select_body): no body run is searched for.
    """
    if title is None:
        blocks = strip_debris(blocks)
        if not blocks:
            raise InputError(f"{source.path or source.title}: no article text found")
        if looks_like_headline(blocks[0].text):
            title, blocks = blocks[0].text, blocks[1:]
        else:
            title = source.title  # a story that opens with its lead: the body keeps its first paragraph
    blocks = strip_debris(select_body(blocks, title, whole))
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
    return Article(
        title=title,
        paragraphs=tuple(paragraphs),
        source=Source(**{**source.__dict__, "title": title}),
        warnings=warnings,
    )
