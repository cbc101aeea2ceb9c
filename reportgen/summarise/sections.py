"""Assign each paragraph to at most one briefing section of a profile.

Evidence, strongest first: the author's sub-heading (matched to a section's cues and description),
cue terms in the paragraph, outside actors for sections that track them, tense (dates before the
article's own year, modal verbs), and position. Paragraph scores are then smoothed with a Viterbi
pass that charges for switching section, since authors write sections as runs of paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reportgen.model import Article
from reportgen.summarise.actors import home_actor, mentions
from reportgen.summarise.profile import Profile, SectionSpec
from reportgen.summarise.terms import all_stems, content_terms

HEADING_WEIGHT = 3.0
INTRO_WEIGHT = 1.5
CUE_WEIGHT = 1.0
ACTOR_WEIGHT = 0.8
TENSE_WEIGHT = 0.8
POSITION_WEIGHT = 0.8
SWITCH_PENALTY = 0.6
MIN_WORDS = 6  # shorter paragraphs are captions, bylines or debris: they go nowhere

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FUTURE = {"will", "would", "may", "might", "could", "shall", "likely", "unlikely", "expect"}
_PAST = {"was", "were", "had", "did", "previous", "earlier", "ago", "former", "past"}


@dataclass(frozen=True)
class Assignment:
    """Paragraph index -> section key (None: the paragraph goes nowhere)."""

    labels: tuple[str | None, ...]
    home: str | None

    def paragraphs_of(self, key: str) -> tuple[int, ...]:
        return tuple(i for i, label in enumerate(self.labels) if label == key)


def _count_cues(stems: list[str], cues: tuple[tuple[str, ...], ...]) -> int:
    counts = Counter(stems)
    total = 0
    for cue in cues:
        if len(cue) == 1:
            total += counts[cue[0]]
        elif cue and counts[cue[0]]:
            n = len(cue)
            total += sum(1 for i in range(len(stems) - n + 1) if tuple(stems[i : i + n]) == cue)
    return total


def heading_section(heading: str, profile: Profile, home: str | None) -> str | None:
    """The section a sub-heading names, judged by its words; None when it names none clearly."""
    stems = all_stems(heading)
    desc_scores = {}
    for spec in profile.sections:
        score = 2.0 * _count_cues(stems, spec.cues)
        desc = set(content_terms(spec.description))
        score += sum(1 for s in set(content_terms(heading)) if s in desc)
        if spec.actor_cue and any(name != home for name in mentions([heading])):
            score += 2.0
        desc_scores[spec.key] = score
    best = max(desc_scores, key=lambda k: desc_scores[k])
    ranked = sorted(desc_scores.values(), reverse=True)
    if ranked[0] > 0 and (len(ranked) == 1 or ranked[0] > ranked[1]):
        return best
    return None


def _tense_score(text: str, stems: list[str], spec: SectionSpec, current_year: int | None) -> float:
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    if not words:
        return 0.0
    if spec.tense == "future":
        return min(1.0, 4 * sum(1 for w in words if w in _FUTURE) / max(1, len(words) / 10) / 10)
    if spec.tense == "past":
        past_years = [int(y) for y in _YEAR.findall(text) if current_year and int(y) < current_year]
        markers = sum(1 for w in words if w in _PAST)
        return min(1.0, 0.5 * len(past_years) + 0.15 * markers)
    return 0.0


def paragraph_scores(article: Article, profile: Profile) -> tuple[list[dict[str, float]], str | None]:
    texts = [p.text for p in article.paragraphs]
    n = len(texts)
    home = home_actor(article.title, texts)
    years = [int(y) for t in texts for y in _YEAR.findall(t)]
    current_year = max(years) if years else None
    first_heading = next((i for i, p in enumerate(article.paragraphs) if p.heading), None)
    heading_keys = {h: heading_section(h, profile, home) for h in article.headings}
    early = min(profile.sections, key=lambda s: s.position).key

    rows: list[dict[str, float]] = []
    for i, para in enumerate(article.paragraphs):
        stems = all_stems(para.text)
        rel = i / max(1, n - 1)
        others = sum(c for name, c in mentions([para.text]).items() if name != home)
        row: dict[str, float] = {}
        for spec in profile.sections:
            score = CUE_WEIGHT * min(1.0, _count_cues(stems, spec.cues) / 3)
            score += POSITION_WEIGHT * (1.0 - abs(rel - spec.position))
            score += TENSE_WEIGHT * _tense_score(para.text, stems, spec, current_year)
            if spec.actor_cue:
                score += ACTOR_WEIGHT * min(1.0, others / 3)
            if para.heading and heading_keys.get(para.heading) == spec.key:
                score += HEADING_WEIGHT
            if first_heading is not None and i < first_heading and spec.key == early:
                score += INTRO_WEIGHT
            row[spec.key] = score
        rows.append(row)
    return rows, home


def assign_sections(article: Article, profile: Profile) -> Assignment:
    rows, home = paragraph_scores(article, profile)
    keys = [s.key for s in profile.sections]
    eligible = [len(p.text.split()) >= MIN_WORDS for p in article.paragraphs]
    # Viterbi over eligible paragraphs: best total score with a cost per change of section.
    best: dict[str, float] = dict.fromkeys(keys, 0.0)
    back: list[dict[str, str]] = []
    order = [i for i, ok in enumerate(eligible) if ok]
    for step, i in enumerate(order):
        new: dict[str, float] = {}
        pointers: dict[str, str] = {}
        for k in keys:
            if step == 0:
                prev, base = k, 0.0
            else:
                prev = max(keys, key=lambda p: best[p] - (SWITCH_PENALTY if p != k else 0.0))
                base = best[prev] - (SWITCH_PENALTY if prev != k else 0.0)
            new[k] = base + rows[i][k]
            pointers[k] = prev
        best = new
        back.append(pointers)
    labels: list[str | None] = [None] * len(article.paragraphs)
    if order:
        k = max(keys, key=lambda key: best[key])
        for step in range(len(order) - 1, -1, -1):
            labels[order[step]] = k
            k = back[step][k]
    return Assignment(labels=tuple(labels), home=home)
