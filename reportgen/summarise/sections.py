"""Assign each paragraph to at most one briefing section of a profile, with the learned model.

The section model (`section_model`, trained on a labelled corpus by `scripts/train_sections.py`)
gives every paragraph a probability of each role: background, drivers, precedents, outlook or
none. A profile's sections name the roles they hold (a section's `role`, by default its key) and
how they are titled; the profile no longer decides where a paragraph goes, with one exception the
corpus cannot teach: an author's own sub-heading that clearly names one of the profile's sections
(judged by the section's cues and description) multiplies that section's probability by
HEADING_ODDS for the paragraphs under it, and in an article with sub-headings the paragraphs before
the first one (its introduction) get the same odds for the profile's first section.

Each paragraph takes its most probable role among the profile's sections and "none". A section
is then kept only when one of its paragraphs reaches the model's `min_confidence`: an article
gets the sections it has, not four sections filled with the least bad paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportgen.errors import PackError
from reportgen.model import Article
from reportgen.summarise.profile import Profile
from reportgen.summarise.section_features import is_prose, paragraph_features
from reportgen.summarise.section_model import NONE, SectionModel, shipped_model
from reportgen.summarise.states import home_actor, names_in
from reportgen.summarise.terms import all_stems, content_terms

HEADING_ODDS = 4.0  # how much an author's sub-heading naming a section counts


@dataclass(frozen=True)
class Assignment:
    """Paragraph index -> section key (None: the paragraph goes nowhere), with the model's
    confidence in each paragraph's label and the article's home actor."""

    labels: tuple[str | None, ...]
    home: str | None
    confidence: tuple[float, ...] = ()

    def section_of(self, paragraph: int) -> str | None:
        return self.labels[paragraph]

    def paragraphs_of(self, key: str) -> tuple[int, ...]:
        return tuple(i for i, label in enumerate(self.labels) if label == key)


def count_cues(stems: list[str], cues: tuple[tuple[str, ...], ...]) -> int:
    """Occurrences of the cues (stemmed words or phrases) in `stems`."""
    singles, phrases = _cue_index(cues)
    total = 0
    for i, stem in enumerate(stems):
        total += singles.get(stem, 0)
        for phrase in phrases.get(stem, ()):
            if tuple(stems[i : i + len(phrase)]) == phrase:
                total += 1
    return total


@lru_cache(maxsize=256)
def _cue_index(cues: tuple[tuple[str, ...], ...]) -> tuple[dict[str, int], dict[str, list[tuple[str, ...]]]]:
    """One-word cues as word -> how often listed, phrases by their first word: counting is then
    one pass over the words."""
    singles: dict[str, int] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        if len(cue) == 1:
            singles[cue[0]] = singles.get(cue[0], 0) + 1
        elif cue:
            phrases.setdefault(cue[0], []).append(cue)
    return singles, phrases


def heading_section(heading: str, profile: Profile, home: str | None) -> str | None:
    """The section a sub-heading names, judged by its words; None when it names none clearly."""
    stems = all_stems(heading)
    terms = set(content_terms(heading))
    scores = {}
    for spec in profile.sections:
        score = 2.0 * count_cues(stems, spec.cues)
        score += len(terms & set(content_terms(spec.description)))
        if spec.actor_cue and any(name != home for name in names_in(heading)):
            score += 2.0
        scores[spec.key] = score
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] > 0 and (len(ranked) == 1 or ranked[0] > ranked[1]):
        return max(scores, key=lambda k: scores[k])
    return None


def assign_sections(article: Article, profile: Profile, model: SectionModel | None = None) -> Assignment:
    model = model or shipped_model()
    unknown = [spec.role for spec in profile.sections if spec.role not in model.roles or spec.role == NONE]
    if unknown:
        roles = ", ".join(r for r in model.roles if r != NONE)
        raise PackError(f"section profile '{profile.name}' uses unknown role '{unknown[0]}'; roles: {roles}")
    texts = [p.text for p in article.paragraphs]
    probabilities = model.predict(paragraph_features(article.title, texts, article.source.published))
    home = home_actor(article.title, [t for t in texts if is_prose(t)])
    headed = {h: heading_section(h, profile, home) for h in article.headings}
    # Before an author's first sub-heading comes the introduction: the first section's ground.
    first_heading = next((i for i, p in enumerate(article.paragraphs) if p.heading), None)
    intro = profile.sections[0].key
    labels: list[str | None] = []
    confidence: list[float] = []
    for i, (paragraph, probs) in enumerate(zip(article.paragraphs, probabilities, strict=True)):
        scores = {spec.key: probs[spec.role] for spec in profile.sections}
        named = headed.get(paragraph.heading) if paragraph.heading else None
        if first_heading is not None and i < first_heading:
            named = intro
        if named is not None:
            scores[named] *= HEADING_ODDS
        total = sum(scores.values()) + probs[NONE]
        key = max(scores, key=lambda k: scores[k])
        if probs[NONE] > scores[key] or not is_prose(paragraph.text):
            labels.append(None)
            confidence.append(probs[NONE] / total)
        else:
            labels.append(key)
            confidence.append(scores[key] / total)
    kept = {label for label, p in zip(labels, confidence, strict=True) if label and p >= model.min_confidence}
    labels = [label if label in kept else None for label in labels]
    return Assignment(labels=tuple(labels), home=home, confidence=tuple(confidence))
