"""Article -> Brief: deterministic, offline, extractive. Every bullet quotes its source sentence.

Stages are pure functions in their own modules: sentences (splitting), sections (paragraph ->
section), ranking (centrality, informativeness, MMR), actors (who the article is about). This
module only wires them in order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reportgen.model import Article, Brief, Bullet, Ref, Section
from reportgen.summarise.actors import adjective_of, extract_actors, outside_actor
from reportgen.summarise.assessment import find_assessment
from reportgen.summarise.compress import compress
from reportgen.summarise.facts import extract_facts
from reportgen.summarise.profile import Profile, SectionSpec, load_profile
from reportgen.summarise.ranking import RankedArticle, rank_article, select
from reportgen.summarise.sections import Assignment, assign_sections
from reportgen.summarise.sentences import Sentence, split_article
from reportgen.summarise.terms import content_terms, stem
from reportgen.summarise.timeline import extract_timeline

# The bottom line: news and analysis state their point in the first sentences and echo it in the
# headline, so key points are chosen by lead position and headline overlap (plus figures and names),
# not by centrality, which favours the article's recurring background. On the development set
# this beats Lead-3 on ROUGE-2 where LexRank-style centrality falls well short (benchmarks/quality.py).
LEAD_WEIGHT = 0.5
LEAD_SPAN = 5  # sentences over which the lead bonus decays to nothing
TITLE_WEIGHT = 1.0


@dataclass(frozen=True)
class SummaryOptions:
    bullets_per_section: int = 5
    key_points: int = 3
    profile: str = "default"
    facts: int = 12
    timeline: int = 40
    actors: int = 18


def summarise(article: Article, options: SummaryOptions | None = None) -> Brief:
    options = options or SummaryOptions()
    profile = load_profile(options.profile)
    # 1. Sentences, and the similarity graph built once for every later choice.
    per_paragraph = split_article(article)
    flat: list[Sentence] = [s for row in per_paragraph for s in row]
    ranked = rank_article(flat)
    # 2. Paragraphs to sections.
    assignment = assign_sections(article, profile)
    # 3. Key points: the sentences that best carry the whole article, most important first.
    assigned = [i for i, s in enumerate(flat) if assignment.section_of(s.paragraph, s.index) is not None]
    key = select(ranked, assigned, options.key_points, bonus=_bottom_line_bonus(article, ranked, assigned))
    # 4. Bullets per section, in article order; a sentence already in the bottom line is not repeated.
    sections = tuple(
        _section(spec, article, assignment, ranked, options.bullets_per_section, exclude=set(key))
        for spec in profile.sections
        if assignment.paragraphs_of(spec.key)
    )
    # 5. Facts, timeline and actors, each with refs.
    drivers_texts = [
        t for s in sections if "{outside_actor}" in profile.section(s.key).title for t in _texts(article, s)
    ]
    outside = outside_actor(drivers_texts or [p.text for p in article.paragraphs], assignment.home)
    return Brief(
        title=article.title,
        key_points=tuple(_bullet(flat[i]) for i in key),
        sections=sections,
        source=article.source,
        facts=extract_facts(flat, options.facts),
        timeline=extract_timeline(flat, article.source.published, options.timeline),
        actors=extract_actors(flat, assignment.home, outside, options.actors),
        assessment=tuple(_bullet(s) for s in find_assessment(flat, set(_assigned_paragraphs(assignment)), profile)),
    )


def _assigned_paragraphs(assignment: Assignment) -> list[int]:
    return [i for i, label in enumerate(assignment.labels) if label is not None]


def _bottom_line_bonus(article: Article, ranked: RankedArticle, candidates: list[int]) -> dict[int, float]:
    """Lead position and headline overlap in place of centrality (see LEAD_WEIGHT)."""
    title = set(content_terms(article.title))
    bonus = {}
    for rank, i in enumerate(candidates):
        overlap = len(title & set(content_terms(ranked.sentences[i].text))) / max(1, len(title))
        lead = LEAD_WEIGHT * max(0.0, 1.0 - rank / LEAD_SPAN)
        bonus[i] = lead + TITLE_WEIGHT * overlap - ranked.centrality[i]
    return bonus


def _texts(article: Article, section: Section) -> list[str]:
    return [article.paragraphs[i].text for i in section.paragraphs]


def _bullet(sentence: Sentence) -> Bullet:
    return Bullet(
        text=compress(sentence.text),
        refs=(Ref(paragraph=sentence.paragraph, sentence=sentence.index),),
        quote=sentence.text,
    )


def _section(
    spec: SectionSpec,
    article: Article,
    assignment: Assignment,
    ranked: RankedArticle,
    limit: int,
    exclude: set[int],
) -> Section:
    paragraphs = assignment.paragraphs_of(spec.key)
    members = set(paragraphs)
    candidates = [
        i
        for i, s in enumerate(ranked.sentences)
        if s.paragraph in members and assignment.section_of(s.paragraph, s.index) == spec.key and i not in exclude
    ]
    by_paragraph = {i: ranked.sentences[i].paragraph for i in candidates}
    chosen = sorted(select(ranked, candidates, limit, groups=by_paragraph))
    texts = [article.paragraphs[i].text for i in paragraphs]
    return Section(
        key=spec.key,
        title=section_title(spec, texts, [p.text for p in article.paragraphs], assignment.home),
        paragraphs=paragraphs,
        bullets=tuple(_bullet(ranked.sentences[i]) for i in chosen),
    )


def section_title(spec: SectionSpec, section_texts: list[str], all_texts: list[str], home: str | None) -> str:
    """Fill the profile's title placeholders from the article itself, or fall back."""
    title = spec.title
    if "{outside_actor}" in title:
        actor = outside_actor(section_texts, home)
        if actor is None:
            return spec.fallback_title
        title = title.replace("{outside_actor}", adjective_of(actor))
    if "{event_plural}" in title:
        counts: Counter[str] = Counter()
        wanted = {stem(t): t for t in spec.event_terms}
        for text in section_texts:
            for word in text.split():
                token = stem(word.strip(".,;:()“”\"'’").lower())
                if token in wanted:
                    counts[wanted[token]] += 1
        if not counts:
            return spec.fallback_title
        term = counts.most_common(1)[0][0]
        title = title.replace("{event_plural}", _plural(term))
    return title[:1].upper() + title[1:]


def _plural(noun: str) -> str:
    if noun.endswith("sis"):
        return noun[:-2] + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


__all__ = ["Profile", "SummaryOptions", "summarise"]
