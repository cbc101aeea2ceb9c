"""Sentence splitting with syntok, plus the abbreviations briefing prose adds ("Gen.", "Op.").

syntok is fast (about 10 ms for a 1,500-word article here, against 55 ms for pysbd) and keeps
character offsets, so each sentence stays an exact span of its paragraph: bullets quote verbatim
and their refs can be checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from syntok import segmenter

from reportgen.model import Article

_LAST_WORD = re.compile(r"(\w+)\.$")


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    index: int  # 0-based within its paragraph
    text: str
    position: float  # 0.0 = start of the article, 1.0 = its end


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, bool]:
    """Abbreviation -> whether it holds only before a number."""
    text = resources.files("reportgen").joinpath("data/abbreviations.txt").read_text(encoding="utf-8")
    rows = [w.split() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return {row[0].lower(): "+number" in row[1:] for row in rows}


def split_paragraph(text: str) -> list[str]:
    """Exact substrings of `text`, one per sentence."""
    return list(_split_cached(text))


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[str, ...]:
    """Several stages split the same paragraphs; syntok is the summariser's largest cost."""
    spans: list[tuple[int, int]] = []
    for para in segmenter.analyze(text):
        for sentence in para:
            tokens = list(sentence)
            if not tokens:
                continue
            start = tokens[0].offset
            last = tokens[-1]
            spans.append((start, last.offset + len(last.value)))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _ends_with_abbreviation(text[merged[-1][0] : merged[-1][1]], text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(text[s:e].strip() for s, e in merged if text[s:e].strip())


def _ends_with_abbreviation(sentence: str, following: str) -> bool:
    match = _LAST_WORD.search(sentence)
    if match is None:
        return False
    needs_number = _abbreviations().get(match.group(1).lower())
    if needs_number is None:
        return False
    return not needs_number or following[:1].isdigit()


def split_article(article: Article) -> list[list[Sentence]]:
    """Sentences per paragraph, with their position in the article for position-aware stages."""
    texts = [split_paragraph(p.text) for p in article.paragraphs]
    total = max(1, sum(len(t) for t in texts) - 1)
    out: list[list[Sentence]] = []
    seen = 0
    for p, sentences in enumerate(texts):
        row = []
        for i, s in enumerate(sentences):
            row.append(Sentence(paragraph=p, index=i, text=s, position=seen / total))
            seen += 1
        out.append(row)
    return out
