"""Summariser quality against hand-labelled gold data, with the figures printed in every run.

The sample's gold file is ours (tests/gold/); the development articles live in ../shared/articles
and are read where they lie. Thresholds sit a little below what is reached, to catch regressions,
and go up as quality does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportgen import evaluate as ev
from reportgen.model import Article, Brief
from reportgen.readers import read_article
from reportgen.summarise import summarise
from tests.builders import ROOT, SAMPLE

DEV = ROOT.parent / "shared" / "articles"
SAMPLE_GOLD = json.loads((ROOT / "tests/gold/op-azm-i-istehkam.json").read_text(encoding="utf-8"))


def _share(pair: tuple[int, int]) -> float:
    return pair[0] / pair[1] if pair[1] else 1.0


def test_sample_meets_the_quality_bar(quality_report: list[str]) -> None:
    article = read_article(SAMPLE)
    brief = summarise(article)
    labels = ev.gold_labels(SAMPLE_GOLD)
    placement = ev.placement(brief, labels)
    facts = ev.fact_recall(brief, SAMPLE_GOLD["key_facts"])
    faithful = ev.faithfulness(brief, article)
    quality_report.append(
        f"sample: placement {placement[0]}/{placement[1]} ({_share(placement):.0%}), key facts {facts[0]}/{facts[1]} "
        f"({_share(facts):.0%}), faithful bullets {faithful[0]}/{faithful[1]} ({_share(faithful):.0%})"
    )
    assert _share(placement) >= 0.95
    assert _share(facts) >= 0.90
    assert faithful[0] == faithful[1]


def _dev_set() -> list[tuple[str, Path, dict[str, object]]]:
    if not DEV.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI has no development articles at {DEV}")
        pytest.skip(f"no development articles at {DEV}")
    return [
        (p.stem, p.with_suffix(".txt"), json.loads(p.read_text(encoding="utf-8"))) for p in sorted(DEV.glob("*.json"))
    ]


def _without_reference_paragraph(article: Article, gold: dict[str, object], mapping: dict[int, int]) -> Article:
    """Wikipedia's reference summary is the article's own lead: score against the body without it."""
    if "paragraph 0 of the text" not in str(gold.get("reference_summary_type", "")) or 0 not in mapping:
        return article
    kept = tuple(p for i, p in enumerate(article.paragraphs) if i != mapping[0])
    return Article(title=article.title, paragraphs=kept, source=article.source)


def test_dev_set_quality_and_bottom_line_against_lead_3(quality_report: list[str]) -> None:
    totals: dict[str, list[int]] = {"placement": [0, 0], "facts": [0, 0], "faithful": [0, 0], "coverage": [0, 0]}
    ours: list[float] = []
    lead3: list[float] = []
    lengths: list[float] = []
    for _name, txt, gold in _dev_set():
        article = read_article(txt)
        brief: Brief = summarise(article)
        lengths.append(ev.length_ratio(brief, article))
        mapping = ev.map_gold_paragraphs(txt.read_text(encoding="utf-8"), article)
        labels = ev.gold_labels(gold, mapping)
        facts = gold["key_facts"]
        assert isinstance(facts, list)
        for key, (a, b) in (
            ("placement", ev.placement(brief, labels)),
            ("facts", ev.fact_recall(brief, facts)),
            ("faithful", ev.faithfulness(brief, article)),
            ("coverage", ev.coverage(brief, labels)),
        ):
            totals[key][0] += a
            totals[key][1] += b
        reference = gold.get("reference_summary")
        if isinstance(reference, str) and reference:
            scored = _without_reference_paragraph(article, gold, mapping)
            key_points = " ".join(b.text for b in summarise(scored).key_points)
            ours.append(ev.rouge(key_points, reference).r2)
            lead3.append(ev.rouge(ev.lead(scored), reference).r2)
    paired = ev.paired(ours, lead3)
    share = {k: v[0] / v[1] for k, v in totals.items()}
    quality_report.append(
        "dev set: "
        + ", ".join(f"{k} {v[0]}/{v[1]} ({share[k]:.0%})" for k, v in totals.items())
        + f"; key points ROUGE-2 {sum(ours) / len(ours):.3f} vs Lead-3 {sum(lead3) / len(lead3):.3f}"
        f" (paired mean {paired.mean_diff:+.3f}, 95% CI [{paired.ci_low:+.3f}, {paired.ci_high:+.3f}],"
        f" wins/ties/losses {paired.wins}/{paired.ties}/{paired.losses})"
    )
    assert share["faithful"] == 1.0
    assert share["placement"] >= 0.57
    # Facts fell from 0.78 to 0.61 when briefs were held to 0.35 of the article's words.
    assert share["facts"] >= 0.58
    assert share["coverage"] >= 0.82
    assert max(lengths) <= 0.35
    # The key-point model learned from news highlights; on these ten analysis pieces it is level
    # with Lead-3 within the interval (ROUGE-2 -0.011, 95% CI [-0.042, +0.018] when it shipped).
    assert paired.ci_high >= 0.0
