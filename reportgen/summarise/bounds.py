"""How much of a very long article is summarised: its opening, up to SUMMARISED_CHARACTERS.

Summarising costs about 4 ms per kilobyte of text (sentence splitting and the section model's
features are most of it), so a 5 MB file (the readers' limit) would take about twenty seconds for
a brief of a few dozen lines. A news article or an analysis piece is far below the bound (the
development articles are at most 15 KB, long-form pieces rarely pass 120 KB), so its brief is
exactly what it was; beyond it, the paragraphs that fit in the bound are summarised, the rest is
left out, and a warning says how much. The opening is the part kept because a report, like an
article, states its point first (a summary, a lead).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reportgen.model import Article

#: Characters of paragraph text summarised at most (about 33,000 words, a hundred-page report).
SUMMARISED_CHARACTERS = 200_000


def summarised_part(article: Article, limit: int = SUMMARISED_CHARACTERS) -> Article:
    """`article` as summarised: its leading paragraphs within `limit` characters (at least one),
    with a warning naming what was left out; the article itself when it fits."""
    total = sum(len(p.text) for p in article.paragraphs)
    if total <= limit:
        return article
    kept = used = 0
    for paragraph in article.paragraphs:
        if kept and used + len(paragraph.text) > limit:
            break
        kept += 1
        used += len(paragraph.text)
    name = Path(article.source.path).name or article.title
    warning = (
        f"{name}: only the first {kept:,} of {len(article.paragraphs):,} paragraphs are summarised"
        f" ({used:,} of {total:,} characters); split a longer text to brief the rest"
    )
    return dataclasses.replace(article, paragraphs=article.paragraphs[:kept], warnings=(*article.warnings, warning))
