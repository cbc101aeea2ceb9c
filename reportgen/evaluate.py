"""Scoring a Brief against hand-labelled gold data: the figures benchmarks/quality.py prints and
the quality tests assert on.

Gold files follow ../shared/articles/README.md: `sections_gold` (section -> paragraph indices),
`key_facts` (each with an `evidence` substring of the text) and an optional `reference_summary`.
Paragraph indices in gold count raw blank-line blocks after the headline; `map_gold_paragraphs`
turns them into Article paragraph indices by text, since readers drop debris and headings.
"""

from __future__ import annotations

import random
import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportgen.model import Article, Brief, Bullet
from reportgen.summarise.sentences import split_paragraph
from reportgen.summarise.terms import content_terms

_WORD = re.compile(r"[\w$%€£'’.,-]+")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _key(text: str) -> str:
    """Text identity that survives the reader's clean-up (white space, Unicode forms, stray marks)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^\w]+", "", folded)[:120]


def map_gold_paragraphs(raw_text: str, article: Article) -> dict[int, int]:
    """Gold block index -> Article paragraph index, for blocks the reader kept."""
    blocks = [b for b in re.split(r"\n\s*\n", raw_text.split("\n", 1)[1]) if b.strip()]
    ours = {_key(p.text): i for i, p in enumerate(article.paragraphs)}
    return {k: ours[_key(b)] for k, b in enumerate(blocks) if _key(b) in ours}


def gold_labels(gold: dict[str, object], mapping: dict[int, int] | None = None) -> dict[int, str]:
    """Article paragraph -> gold section. The project's own gold files list `paragraph_sections`
    by Article paragraph; the development set lists `sections_gold` by raw block (use `mapping`)."""
    if "paragraph_sections" in gold:
        own = gold["paragraph_sections"]
        assert isinstance(own, dict)
        return {int(k): str(v) for k, v in own.items()}
    sections = gold["sections_gold"]
    assert isinstance(sections, dict)
    labels: dict[int, str] = {}
    for key, indices in sections.items():
        for index in indices:
            mapped = mapping.get(index) if mapping is not None else index
            if mapped is not None:
                labels[mapped] = key
    return labels


def bullets_of(brief: Brief) -> list[tuple[str, Bullet]]:
    return [(s.key, b) for s in brief.sections for b in s.bullets]


def placement(brief: Brief, labels: dict[int, str]) -> tuple[int, int]:
    """Bullets placed in the gold section of their source paragraph / bullets from labelled paragraphs."""
    judged = [(key, b) for key, b in bullets_of(brief) if b.refs and b.refs[0].paragraph in labels]
    return sum(labels[b.refs[0].paragraph] == key for key, b in judged), len(judged)


def paragraph_agreement(brief: Brief, labels: dict[int, str]) -> tuple[int, int]:
    ours = {p: s.key for s in brief.sections for p in s.paragraphs}
    return sum(ours.get(p) == key for p, key in labels.items()), len(labels)


def coverage(brief: Brief, labels: dict[int, str]) -> tuple[int, int]:
    """Gold sections that the brief has (with at least one bullet) / gold sections."""
    wanted = set(labels.values())
    have = {s.key for s in brief.sections if s.bullets}
    return len(wanted & have), len(wanted)


def brief_texts(brief: Brief) -> list[str]:
    texts = [b.quote or b.text for b in brief.key_points] + [b.quote or b.text for _, b in bullets_of(brief)]
    texts += [b.quote or b.text for b in brief.assessment]
    texts += [f.text for f in brief.facts] + [e.text for e in brief.timeline]
    texts += [" ".join((a.name, a.role, a.affiliation)) for a in brief.actors]
    return texts


def fact_recalled(evidence: str, texts: Iterable[str], threshold: float = 0.6) -> bool:
    """A gold fact is in the brief when one brief item holds most of its evidence's content words."""
    wanted = set(content_terms(evidence))
    if not wanted:
        return True
    return any(len(wanted & set(content_terms(t))) / len(wanted) >= threshold for t in texts)


def fact_recall(brief: Brief, facts: Sequence[dict[str, object]]) -> tuple[int, int]:
    texts = brief_texts(brief)
    return sum(fact_recalled(str(f["evidence"]), texts) for f in facts), len(facts)


def _words(text: str) -> list[str]:
    return [w.lower().strip(".,;:’'\"“”()") for w in _WORD.findall(text) if w.strip(".,;:’'\"“”()")]


def faithful(bullet: Bullet, article: Article) -> bool:
    """Every word of the bullet stands, in order, in one sentence it cites."""
    words = _words(bullet.text)
    for ref in bullet.refs:
        if ref.paragraph >= len(article.paragraphs):
            continue
        sentences = split_paragraph(article.paragraphs[ref.paragraph].text)
        if ref.sentence < len(sentences):
            source = iter(_words(sentences[ref.sentence]))
            if all(w in source for w in words):
                return True
    return False


def faithfulness(brief: Brief, article: Article) -> tuple[int, int]:
    bullets = list(brief.key_points) + [b for _, b in bullets_of(brief)] + list(brief.assessment)
    return sum(faithful(b, article) for b in bullets), len(bullets)


def length_ratio(brief: Brief, article: Article) -> float:
    shown = sum(len(b.text.split()) for b in list(brief.key_points) + [b for _, b in bullets_of(brief)])
    return shown / max(1, sum(len(p.text.split()) for p in article.paragraphs))


@dataclass(frozen=True)
class Rouge:
    """F-measures. ROUGE-Lsum is the summary-level LCS over sentences given one per line."""

    r1: float
    r2: float
    rl: float
    rlsum: float


@lru_cache(maxsize=1)
def _scorer() -> Any:
    from rouge_score import rouge_scorer  # an evaluation-only dependency (the "test" extra)

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)


def rouge(summary: str, reference: str) -> Rouge:
    """Google's ROUGE (rouge-score) with the Porter stemmer; sentences one per line in both texts."""
    scores = _scorer().score(reference, summary)
    return Rouge(*(scores[k].fmeasure for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")))


def lead(article: Article, n: int = 3) -> str:
    """Lead-n: the article's first n sentences, one per line."""
    sentences = [s for p in article.paragraphs for s in split_paragraph(p.text)]
    return "\n".join(sentences[:n])


@dataclass(frozen=True)
class Paired:
    mean_diff: float
    wins: int
    ties: int
    losses: int
    ci_low: float
    ci_high: float


def paired(ours: Sequence[float], baseline: Sequence[float], rounds: int = 2000, seed: int = 7) -> Paired:
    """Per-article differences with a bootstrap 95% interval of their mean (fixed seed: repeatable)."""
    diffs = [a - b for a, b in zip(ours, baseline, strict=True)]
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(diffs, k=len(diffs))) for _ in range(rounds)) if diffs else [0.0]
    return Paired(
        mean_diff=statistics.fmean(diffs) if diffs else 0.0,
        wins=sum(d > 1e-9 for d in diffs),
        ties=sum(abs(d) <= 1e-9 for d in diffs),
        losses=sum(d < -1e-9 for d in diffs),
        ci_low=means[int(0.025 * len(means))],
        ci_high=means[min(len(means) - 1, int(0.975 * len(means)))],
    )
