"""The hand-set cue model that assigned sections before the learned one, kept as a baseline.

benchmarks/quality.py runs it beside the learned model in the same cross-validation; nothing in
the package imports it. What follows is its original description.

Assign each paragraph to at most one briefing section of a profile.

Evidence per paragraph and section, each a share between 0 and 1 so long and short paragraphs
weigh alike: the author's sub-heading (matched to a section's cues and description), the share of
sentences carrying the section's cue terms, for sections that track them the share naming an
outside actor, for past-tense sections the share citing a year before the article's own, and the
paragraph's position. The lead is background. Scores are then smoothed with a Viterbi pass that
charges for switching section, since authors write sections as runs of paragraphs.

The weights were set by a coarse grid search over the sample and the development articles (see
benchmarks/quality.py) and kept round: they encode tendencies of news and analysis writing, not any
one text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportgen.model import Article
from reportgen.summarise.profile import Profile
from reportgen.summarise.section_features import is_prose
from reportgen.summarise.section_features import present_year as _present_year
from reportgen.summarise.sections import _cue_index, heading_section
from reportgen.summarise.sentences import split_paragraph
from reportgen.summarise.states import home_actor, names_in
from reportgen.summarise.terms import stem_tuple

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Weights:
    heading: float = 3.0  # the author's own sub-heading names the section
    intro: float = 1.5  # before the first sub-heading: the article's introduction
    lead: float = 1.0  # the opening paragraph of any article
    cue: float = 1.0  # share of sentences carrying the section's cues
    cue_share: float = 2.0  # which section's vocabulary dominates the paragraph
    actor: float = 0.5
    past_year: float = 1.0
    position: float = 2.5
    switch: float = 0.8


@dataclass(frozen=True)
class Assignment:
    """Paragraph index -> section key (None: the paragraph goes nowhere), and the sentences a
    split paragraph hands to the section that follows or precedes it."""

    labels: tuple[str | None, ...]
    home: str | None
    moved: dict[tuple[int, int], str] = field(default_factory=dict)  # (paragraph, sentence) -> key

    def section_of(self, paragraph: int, sentence: int) -> str | None:
        return self.moved.get((paragraph, sentence), self.labels[paragraph])

    def paragraphs_of(self, key: str) -> tuple[int, ...]:
        """Paragraphs with at least one sentence in `key`: a split paragraph is in two sections."""
        moved = {p for (p, _), k in self.moved.items() if k == key}
        return tuple(i for i, label in enumerate(self.labels) if label == key or i in moved)


# Per paragraph, per sentence: cue matches for each section key, in profile order.
SentenceCues = list[list[dict[str, int]]]


def sentence_cues(texts: list[str], profile: Profile) -> SentenceCues:
    """Cue matches of every section for every sentence of `texts`, counted once per article.

    Both the paragraph features and the sentence-level split read these counts; one pass over a
    sentence's words looks every word up once for all sections, instead of once per section (the
    per-section count was the summariser's hottest function). A paragraph that splits into no
    sentence counts as one sentence, itself.
    """
    keys = [spec.key for spec in profile.sections]
    # word -> (section, times listed) for one-word cues, and (section, phrase) for phrases it opens
    index: dict[str, tuple[list[tuple[int, int]], list[tuple[int, tuple[str, ...]]]]] = {}
    for k, spec in enumerate(profile.sections):
        one, many = _cue_index(spec.cues)
        for word, n in one.items():
            index.setdefault(word, ([], []))[0].append((k, n))
        for first, listed in many.items():
            index.setdefault(first, ([], []))[1].extend((k, phrase) for phrase in listed)
    out: SentenceCues = []
    for text in texts:
        row = []
        for sentence in split_paragraph(text) or [text]:
            stems = stem_tuple(sentence)
            counts = [0] * len(keys)
            for i, word in enumerate(stems):
                cues = index.get(word)
                if cues is None:
                    continue  # most words are no cue of any section
                for k, n in cues[0]:
                    counts[k] += n
                for k, phrase in cues[1]:
                    if stems[i : i + len(phrase)] == phrase:
                        counts[k] += 1
            row.append(dict(zip(keys, counts, strict=True)))
        out.append(row)
    return out


@dataclass(frozen=True)
class Features:
    """Per paragraph, per section key: the evidence shares scored by `Weights`."""

    cue: tuple[dict[str, float], ...]
    cue_share: tuple[dict[str, float], ...]
    heading: tuple[str | None, ...]
    intro: tuple[bool, ...]
    lead: tuple[bool, ...]
    actor: tuple[float, ...]
    past_year: tuple[float, ...]
    position: tuple[float, ...]
    eligible: tuple[bool, ...]
    home: str | None


def features(article: Article, profile: Profile, cues: SentenceCues | None = None) -> Features:
    texts = [p.text for p in article.paragraphs]
    cues = cues if cues is not None else sentence_cues(texts, profile)
    eligible = tuple(is_prose(t) for t in texts)
    home = home_actor(article.title, [t for t, ok in zip(texts, eligible, strict=True) if ok])
    current_year = _present_year(article.source.published, [t for t, ok in zip(texts, eligible, strict=True) if ok])
    first_heading = next((i for i, p in enumerate(article.paragraphs) if p.heading), None)
    heading_keys = {h: heading_section(h, profile, home) for h in article.headings}
    order = [i for i, ok in enumerate(eligible) if ok]
    rank = {i: k for k, i in enumerate(order)}

    cue_rows: list[dict[str, float]] = []
    share_rows: list[dict[str, float]] = []
    actor_rows: list[float] = []
    past_rows: list[float] = []
    for text, per_sentence in zip(texts, cues, strict=True):
        sentences = split_paragraph(text) or [text]
        n = len(sentences)
        counts = {spec.key: [c[spec.key] for c in per_sentence] for spec in profile.sections}
        cue_rows.append({key: sum(1 for c in per if c) / n for key, per in counts.items()})
        total = sum(sum(per) for per in counts.values()) or 1
        share_rows.append({key: sum(per) / total for key, per in counts.items()})
        actor_rows.append(sum(1 for s in sentences if any(a != home for a in names_in(s))) / n)
        past_rows.append(
            sum(1 for s in sentences if current_year and any(int(y) < current_year for y in _YEAR.findall(s))) / n
        )
    return Features(
        cue=tuple(cue_rows),
        cue_share=tuple(share_rows),
        heading=tuple(heading_keys.get(p.heading) if p.heading else None for p in article.paragraphs),
        intro=tuple(first_heading is not None and i < first_heading for i in range(len(texts))),
        lead=tuple(rank.get(i, 99) < 1 for i in range(len(texts))),
        actor=tuple(actor_rows),
        past_year=tuple(past_rows),
        position=tuple(rank.get(i, 0) / max(1, len(order) - 1) for i in range(len(texts))),
        eligible=eligible,
        home=home,
    )


def score_rows(feats: Features, profile: Profile, weights: Weights) -> list[dict[str, float]]:
    early = min(profile.sections, key=lambda s: s.position).key
    rows = []
    for i in range(len(feats.cue)):
        row = {}
        for spec in profile.sections:
            score = weights.cue * feats.cue[i][spec.key] + weights.cue_share * feats.cue_share[i][spec.key]
            score += weights.position * (1.0 - abs(feats.position[i] - spec.position))
            if spec.actor_cue:
                score += weights.actor * feats.actor[i]
            if spec.tense == "past":
                score += weights.past_year * feats.past_year[i]
            if feats.heading[i] == spec.key:
                score += weights.heading
            if spec.key == early:
                score += weights.intro * feats.intro[i] + weights.lead * feats.lead[i]
            row[spec.key] = score
        rows.append(row)
    return rows


def smooth(
    rows: list[dict[str, float]], eligible: tuple[bool, ...], keys: list[str], switch: float
) -> list[str | None]:
    """Viterbi over eligible paragraphs: best total score with a cost per change of section."""
    order = [i for i, ok in enumerate(eligible) if ok]
    labels: list[str | None] = [None] * len(rows)
    if not order:
        return labels
    best = {k: rows[order[0]][k] for k in keys}
    back: list[dict[str, str]] = [{k: k for k in keys}]
    for i in order[1:]:
        new: dict[str, float] = {}
        pointers: dict[str, str] = {}
        for k in keys:
            prev = max(keys, key=lambda p: best[p] - (switch if p != k else 0.0))
            new[k] = best[prev] - (switch if prev != k else 0.0) + rows[i][k]
            pointers[k] = prev
        best = new
        back.append(pointers)
    k = max(keys, key=lambda key: best[key])
    for step in range(len(order) - 1, -1, -1):
        labels[order[step]] = k
        k = back[step][k]
    return labels


def assign_sections(article: Article, profile: Profile, weights: Weights | None = None) -> Assignment:
    weights = weights or Weights()
    cues = sentence_cues([p.text for p in article.paragraphs], profile)
    feats = features(article, profile, cues)
    rows = score_rows(feats, profile, weights)
    labels = smooth(rows, feats.eligible, [s.key for s in profile.sections], weights.switch)
    moved = split_paragraphs(article, profile, labels, cues)
    return Assignment(labels=tuple(labels), home=feats.home, moved=moved)


SPLIT_MARGIN = 2  # cue matches by which a sentence must favour the neighbouring section


def split_paragraphs(
    article: Article, profile: Profile, labels: list[str | None], cues: SentenceCues | None = None
) -> dict[tuple[int, int], str]:
    """Sentences at the edge of a paragraph that clearly belong to the neighbouring section.

    A paragraph that closes on what comes next ("…the operation will succeed only if…") before
    the outlook begins, or opens by finishing the previous section's thought, is split at the
    sentence: only its last (or first) sentences move, only to the section of the paragraph right
    after (or before) it, and only when their cues favour it by SPLIT_MARGIN. Author sub-headings
    are never overruled.
    """
    moved: dict[tuple[int, int], str] = {}
    if cues is None:
        cues = sentence_cues([p.text for p in article.paragraphs], profile)
    labelled = [i for i, label in enumerate(labels) if label is not None]
    for position, p in enumerate(labelled):
        own = labels[p]
        para = article.paragraphs[p]
        sentences = split_paragraph(para.text)
        if own is None or para.heading or len(sentences) < 2:
            continue
        counts = cues[p]

        def favours(index: int, other: str, own: str = own, counts: list[dict[str, int]] = counts) -> bool:
            return counts[index][other] - counts[index][own] >= SPLIT_MARGIN

        after = labels[labelled[position + 1]] if position + 1 < len(labelled) else None
        if after and after != own and not article.paragraphs[labelled[position + 1]].heading:
            k = len(sentences)
            while k - 1 > 0 and favours(k - 1, after):
                k -= 1
            moved.update({(p, s): after for s in range(k, len(sentences))})
        before = labels[labelled[position - 1]] if position > 0 else None
        if before and before != own:
            k = 0
            while k < len(sentences) - 1 and (p, k) not in moved and favours(k, before):
                k += 1
            moved.update({(p, s): before for s in range(k)})
    return moved
