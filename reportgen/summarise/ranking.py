"""Sentence ranking: graph centrality (LexRank) blended with informativeness, picked with MMR.

Centrality finds what the article keeps coming back to; informativeness (figures, dates, names)
favours sentences a briefing officer would quote; maximal marginal relevance stops two bullets
saying the same thing.

Cost grows with the article, not its square: similarities are worked out a row at a time, from
the posting lists of the row's terms, and only for the sentences LexRank and MMR ask about. LexRank
needs every row, so beyond LEXRANK_LIMIT sentences (a long report, not an article) centrality is
the cosine with the article's centroid instead, which is linear.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from reportgen.summarise.sentences import Sentence
from reportgen.summarise.terms import content_terms

_FIGURE = re.compile(r"\d")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
DAMPING = 0.85
#: Sentences up to which centrality is LexRank (all pairs); beyond, the cosine with the centroid.
LEXRANK_LIMIT = 1000
EDGE_THRESHOLD = 0.08
MMR_LAMBDA = 0.7
GROUP_REDUNDANCY = 0.6


@dataclass(frozen=True)
class RankedArticle:
    sentences: tuple[Sentence, ...]
    similarity: Similarity
    relevance: tuple[float, ...]  # centrality + informativeness, comparable across sections
    centrality: tuple[float, ...] = ()


def tfidf(docs: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """Unit-length tf-idf vectors of the documents (here: an article's sentences), idf smoothed."""
    df: Counter[str] = Counter(t for d in docs for t in set(d))
    n = len(docs)
    idf = {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items()}
    vectors = []
    for d in docs:
        tf = Counter(d)
        vec = {t: c * idf[t] for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


class Similarity:
    """Cosine similarities of an article's sentences (unit tf-idf vectors), a row at a time.

    A row is summed term by term over the posting lists of its sentence's terms, in the order the
    terms first occur in the article, so every pair gets the same floating-point sum whichever row
    asks; rows are kept once made. Most pairs share no term and are never visited.
    """

    def __init__(self, vectors: Sequence[Mapping[str, float]]) -> None:
        self.size = len(vectors)
        self.vectors = vectors
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, vec in enumerate(vectors):
            for term, weight in vec.items():
                self.postings.setdefault(term, []).append((i, weight))
        self.rank = {term: k for k, term in enumerate(self.postings)}
        self._rows: dict[int, list[float]] = {}

    def row(self, i: int) -> list[float]:
        """Sentence i's similarity to every sentence (0 to itself)."""
        found = self._rows.get(i)
        if found is None:
            found = [0.0] * self.size
            for term in sorted(self.vectors[i], key=self.rank.__getitem__):
                weight = self.vectors[i][term]
                for j, other in self.postings[term]:
                    found[j] += weight * other
            found[i] = 0.0
            self._rows[i] = found
        return found


def _lexrank(sim: Similarity) -> list[float]:
    n = sim.size
    if n == 0:
        return []
    # The graph is symmetric, so a node's in-neighbours are its neighbours; lists keep the power
    # iteration proportional to the edges rather than n².
    neighbours = [[j for j, value in enumerate(sim.row(i)) if value > EDGE_THRESHOLD] for i in range(n)]
    degree = [len(row) or 1 for row in neighbours]
    score = [1.0 / n] * n
    for _ in range(50):
        share = [score[j] / degree[j] for j in range(n)]
        pick = share.__getitem__  # map() keeps sum()'s left-to-right order, without a generator frame
        new = [(1 - DAMPING) / n + DAMPING * sum(map(pick, neighbours[i])) for i in range(n)]
        if max(abs(x - y) for x, y in zip(new, score, strict=True)) < 1e-6:
            score = new
            break
        score = new
    top = max(score) or 1.0
    return [s / top for s in score]


def informativeness(text: str) -> float:
    """Figures and names make a sentence worth quoting; very short or very long ones are not."""
    words = len(text.split())
    score = 0.25 * min(2, _FIGURE.search(text) is not None) + 0.05 * min(4, len(_NAME.findall(text)))
    if words < 10:
        score -= 0.5
    elif words > 45:
        score -= 0.3
    if text[:1] in "“\"'‘":
        score -= 0.15  # quotations rarely stand alone as a bullet
    return score


def rank_article(sentences: list[Sentence]) -> RankedArticle:
    vectors = tfidf([content_terms(s.text) for s in sentences])
    sim = Similarity(vectors)
    centrality = _lexrank(sim) if len(sentences) <= LEXRANK_LIMIT else _centroid_centrality(vectors)
    relevance = tuple(c + informativeness(s.text) for c, s in zip(centrality, sentences, strict=True))
    return RankedArticle(
        sentences=tuple(sentences),
        similarity=sim,
        relevance=relevance,
        centrality=tuple(centrality),
    )


def _centroid_centrality(vectors: Sequence[Mapping[str, float]]) -> list[float]:
    """Each sentence's cosine with the centroid of all of them, scaled so the highest is 1."""
    centroid: dict[str, float] = {}
    for vec in vectors:
        for term, weight in vec.items():
            centroid[term] = centroid.get(term, 0.0) + weight
    scores = [sum(weight * centroid[term] for term, weight in vec.items()) for vec in vectors]
    top = max(scores, default=0.0) or 1.0
    return [score / top for score in scores]


def select(
    ranked: RankedArticle,
    candidates: list[int],
    limit: int,
    bonus: dict[int, float] | None = None,
    groups: Mapping[int, Hashable] | None = None,
) -> list[int]:
    """Up to `limit` of `candidates` (indices into ranked.sentences) by MMR, best first.

    `groups` spreads the choice: a sentence whose group (its paragraph, its section) already has a
    chosen sentence counts as at least GROUP_REDUNDANCY redundant, so a brief covers the article
    instead of quoting one paragraph three times.
    """
    bonus = bonus or {}
    groups = groups if groups is not None else {}
    # Each candidate's relevance term, and its highest similarity to anything chosen so far,
    # updated as choices are made instead of recomputed over all choices every round.
    gain = {i: MMR_LAMBDA * (ranked.relevance[i] + bonus.get(i, 0.0)) for i in candidates}
    nearest: dict[int, float] = {}
    chosen: list[int] = []
    taken: set[Hashable] = set()
    pool = list(candidates)
    while pool and len(chosen) < limit:
        best = max(pool, key=lambda i: (_mmr(gain[i], nearest.get(i, 0.0), i, taken, groups), -i))
        chosen.append(best)
        pool.remove(best)
        if best in groups:
            taken.add(groups[best])
        row = ranked.similarity.row(best)
        for i in pool:
            nearest[i] = max(nearest[i], row[i]) if i in nearest else row[i]
    return chosen


def _mmr(gain: float, redundancy: float, i: int, taken: set[Hashable], groups: Mapping[int, Hashable]) -> float:
    if i in groups and groups[i] in taken:
        redundancy = max(redundancy, GROUP_REDUNDANCY)
    return gain - (1 - MMR_LAMBDA) * redundancy
