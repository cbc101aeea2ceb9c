"""Article -> Brief: deterministic, offline, extractive. Every bullet quotes its source sentence.

Stages are pure functions in their own modules: sentences (splitting), sections (paragraph ->
section), key_points (the learned bottom line), ranking (centrality, informativeness, MMR for
section bullets), states (which countries the article turns on), actors and entities (the actors
table), referents (whom a line's opening "He" stands for). This module only wires them in order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen.model import Article, Brief, Bullet, Ref, Section
from reportgen.summarise.actors import extract_actors
from reportgen.summarise.assessment import find_assessment
from reportgen.summarise.budget import bullets_within, key_points_within
from reportgen.summarise.compress import compress
from reportgen.summarise.entities import find_people
from reportgen.summarise.facts import extract_facts
from reportgen.summarise.key_points import choose_key_points
from reportgen.summarise.profile import Profile, SectionSpec, load_profile
from reportgen.summarise.ranking import RankedArticle, rank_article, select
from reportgen.summarise.referents import opening_referents
from reportgen.summarise.salience_features import sentence_features
from reportgen.summarise.salience_model import SalienceModel
from reportgen.summarise.salience_model import shipped_model as shipped_salience
from reportgen.summarise.section_features import is_page_furniture
from reportgen.summarise.section_model import SectionModel
from reportgen.summarise.sections import Assignment, assign_sections
from reportgen.summarise.sentences import Sentence, split_article
from reportgen.summarise.states import outside_actor
from reportgen.summarise.timeline import extract_timeline
from reportgen.summarise.titles import section_title

CONFIDENCE_WEIGHT = 2.0  # dev-set placement 0.51 / 0.55 / 0.58 at 0 / 1 / 2 (benchmarks/quality.py)
#: A section's bullets come from its paragraphs the model is at least this sure of, and from its
#: surest paragraph whatever its confidence. Chosen by out-of-fold briefs of the labelled corpus
#: (`python scripts/train_sections.py --briefs`): bullet placement 0.60 / 0.64 / 0.66 / 0.68 / 0.69
#: / 0.66 at no floor / 0.5 / 0.6 / 0.7 / 0.8 / 0.9, section coverage 0.87 at every floor.
BULLET_CONFIDENCE = 0.8


@dataclass(frozen=True)
class SummaryOptions:
    bullets_per_section: int = 5
    key_points: int = 3
    profile: str = "default"
    facts: int = 12
    timeline: int = 40
    actors: int = 18
    bullet_confidence: float = BULLET_CONFIDENCE


def summarise(
    article: Article,
    options: SummaryOptions | None = None,
    salience: SalienceModel | None = None,
    section_model: SectionModel | None = None,
) -> Brief:
    """The Brief of `article`. `salience` and `section_model` replace the shipped key-point and section
    models (cross-validation passes each fold's own)."""
    options = options or SummaryOptions()
    profile = load_profile(options.profile)
    # 1. Sentences, and the similarity graph built once for every later choice.
    per_paragraph = split_article(article)
    flat: list[Sentence] = [s for row in per_paragraph for s in row]
    ranked = rank_article(flat)
    # 2. Paragraphs to sections (the learned model), and the sentences fit to be a bullet at all.
    assignment = assign_sections(article, profile, section_model)
    usable = [
        i
        for i, s in enumerate(flat)
        if assignment.section_of(s.paragraph) is not None and not is_page_furniture(s.text)
    ]
    # 3. Key points: the sentences the learned model finds carry the article's point, most
    # important first, as many as the article's length allows (see budget).
    article_words = sum(len(p.text.split()) for p in article.paragraphs)
    model = salience or shipped_salience()
    scores = model.scores(sentence_features(flat, len(article.paragraphs), ranked.similarity.vectors))
    key = choose_key_points(flat, scores, usable, options.key_points)
    bullets = {i: _bullet(flat[i]) for i in key}
    key = key_points_within(key, lambda i: len(bullets[i].text.split()), article_words)
    # 4. Each section's bullets, best first; a sentence already in the bottom line is not repeated.
    present = [spec for spec in profile.sections if assignment.paragraphs_of(spec.key)]
    limits = (options.bullets_per_section, options.bullet_confidence)
    choices = [_choose(spec.key, assignment, ranked, usable, limits, set(key)) for spec in present]
    # 5. Only as many as fit beside the key points, then each section in article order.
    bullets.update({i: _bullet(flat[i]) for c in choices for i in c})
    used = sum(len(bullets[i].text.split()) for i in key)
    choices = bullets_within(choices, lambda i: len(bullets[i].text.split()), article_words, used)
    # 6. Whom a line's opening "He" or "She" stands for, where the article makes it plain.
    people = find_people(flat)
    lines = [*key, *(i for c in choices for i in c)]
    for i, name in opening_referents(flat, lines, people).items():
        bullets[i] = replace(bullets[i], referent=name)
    sections = tuple(
        _section(spec, article, assignment, [bullets[i] for i in sorted(chosen)])
        for spec, chosen in zip(present, choices, strict=True)
        if chosen
    )
    # 7. Facts, timeline and actors, each with refs.
    drivers_texts = [
        t for s in sections if "{outside_actor}" in profile.section(s.key).title for t in _texts(article, s)
    ]
    outside = outside_actor(drivers_texts or [p.text for p in article.paragraphs], assignment.home)
    return Brief(
        title=article.title,
        key_points=tuple(bullets[i] for i in key),
        sections=sections,
        source=article.source,
        facts=extract_facts(flat, options.facts, scores),
        timeline=extract_timeline(flat, article.source.published, options.timeline),
        actors=extract_actors(flat, assignment.home, outside, options.actors, people),
        assessment=tuple(_bullet(s) for s in find_assessment(flat, set(_assigned_paragraphs(assignment)), profile)),
    )


def _assigned_paragraphs(assignment: Assignment) -> list[int]:
    return [i for i, label in enumerate(assignment.labels) if label is not None]


def _texts(article: Article, section: Section) -> list[str]:
    return [article.paragraphs[i].text for i in section.paragraphs]


def _bullet(sentence: Sentence) -> Bullet:
    return Bullet(
        text=compress(sentence.text),
        refs=(Ref(paragraph=sentence.paragraph, sentence=sentence.index),),
        quote=sentence.text,
    )


def _choose(
    key: str,
    assignment: Assignment,
    ranked: RankedArticle,
    usable: list[int],
    limits: tuple[int, float],
    exclude: set[int],
) -> list[int]:
    """Up to `limit` sentences of the section, best first, spread over its paragraphs.

    Only paragraphs the model is at least `least` sure of give bullets, or the section's surest
    paragraph when none is: the limit is a ceiling, and a doubtful paragraph's sentence is more
    often another section's than this one's. The clearest examples of a section lead it: a
    sentence's relevance gains the model's confidence that its paragraph belongs there
    (CONFIDENCE_WEIGHT)."""
    limit, least = limits
    sure_of = assignment.confidence
    pool = [i for i in usable if assignment.section_of(ranked.sentences[i].paragraph) == key and i not in exclude]
    floor = min(least, max((sure_of[ranked.sentences[i].paragraph] for i in pool), default=0.0))
    candidates = [i for i in pool if sure_of[ranked.sentences[i].paragraph] >= floor]
    by_paragraph = {i: ranked.sentences[i].paragraph for i in candidates}
    sure = {i: CONFIDENCE_WEIGHT * sure_of[by_paragraph[i]] for i in candidates}
    return select(ranked, candidates, limit, bonus=sure, groups=by_paragraph)


def _section(spec: SectionSpec, article: Article, assignment: Assignment, bullets: list[Bullet]) -> Section:
    paragraphs = assignment.paragraphs_of(spec.key)
    members = set(paragraphs)
    texts = [p.text for i, p in enumerate(article.paragraphs) if i in members]
    others = [p.text for i, p in enumerate(article.paragraphs) if i not in members]
    return Section(
        key=spec.key,
        title=section_title(spec, texts, others, assignment.home, [b.text for b in bullets]),
        paragraphs=paragraphs,
        bullets=tuple(bullets),
    )


__all__ = ["Profile", "SummaryOptions", "summarise"]
