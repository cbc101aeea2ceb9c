"""Features of a sentence that say whether it carries the article's point, for the key-point model.

One function, `sentence_features`, computes them for training (`scripts/train_key_points.py`) and
for use, so the model sees at run time exactly what it was fitted on. They are meant to travel
beyond the news stories the model learns from, so they describe a sentence's place and shape,
never its topic:

- where it stands: its index in the article and in its paragraph, its paragraph's index, whether it
  is in the closing paragraphs (where an analysis piece states its judgement);
- its length;
- how central it is: the cosine of its terms (tf-idf within the article) with the rest of the
  article, computed against the centroid so the cost grows linearly with the article;
- how much of the opening sentence it repeats (not the headline: the stories it learns from have
  none, so a weight for it could not be learned);
- figures, money, percentages, names; attribution ("said"), quotation, questions, first person,
  a pronoun with nothing before it to refer to; modal and future verbs (a judgement or a forecast).

Values are small (0/1 indicators or fractions), so one regularisation suits them all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from reportgen.summarise.ranking import tfidf
from reportgen.summarise.section_features import Features
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.terms import content_tuple

_MONEY = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:million|billion|trillion)\b|\b(?:dollars|euros|pounds)\b", re.I)
_PERCENT = re.compile(r"\d\s?(?:%|percent\b|per cent\b)", re.I)
_DIGIT = re.compile(r"\d")
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*")
_SAID = re.compile(r"\b(?:said|says|say|told|according to|added|stated|announced)\b", re.I)
_QUOTE_MARKS = '"“”«»'
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|our|Our|My|me|us)\b")
_DANGLING = re.compile(r"^(?:He|She|It|They|This|That|These|Those|His|Her|Their|Its|But|And|So|Also)\b")
_MODAL = re.compile(r"\b(?:will|would|could|may|might|should|must|likely|unlikely|expected)\b", re.I)
_QUESTION = re.compile(r"\?[\"'”’)]*$")
_LENGTHS = ((8, "lt8"), (15, "8-14"), (25, "15-24"), (35, "25-34"), (50, "35-49"))
_INDICES = ((1, "0"), (2, "1"), (3, "2"), (4, "3"), (5, "4"), (8, "5-7"), (13, "8-12"), (20, "13-19"))
CLOSING = 2  # paragraphs at the end of an article that count as its conclusion


def _bucket(value: int, bounds: Sequence[tuple[int, str]], last: str) -> str:
    return next((name for limit, name in bounds if value < limit), last)


def centrality(terms: Sequence[Sequence[str]], vectors: Sequence[Mapping[str, float]] | None = None) -> list[float]:
    """Each sentence's cosine with the sum of all the others (tf-idf over the article's sentences);
    `vectors` are `tfidf(terms)` when the caller has them already."""
    vectors = tfidf(terms) if vectors is None else vectors
    total: Counter[str] = Counter()
    for vec in vectors:
        total.update(vec)
    total_sq = sum(v * v for v in total.values())
    out = []
    for vec in vectors:
        dot = sum(w * total[t] for t, w in vec.items())
        unit = 1.0 if vec else 0.0
        rest = math.sqrt(max(total_sq - 2 * dot + unit, 1e-12))
        out.append(max(0.0, (dot - unit) / rest))
    return out


def sentence_features(
    sentences: Sequence[Sentence], paragraphs: int, vectors: Sequence[Mapping[str, float]] | None = None
) -> list[Features]:
    """One sparse feature dict per sentence of the article (`sentences` in article order).
    `vectors`, the sentences' tf-idf vectors, spare computing them again when the caller ranked
    the same sentences already (`RankedArticle.similarity.vectors`)."""
    terms = [content_tuple(s.text) for s in sentences]
    central = centrality(terms, vectors)
    order = sorted(range(len(sentences)), key=lambda i: -central[i])
    central_rank = {i: r for r, i in enumerate(order)}
    top = max(central, default=0.0) or 1.0
    lead = set(terms[0]) if terms else set()
    rows: list[Features] = []
    for i, sentence in enumerate(sentences):
        text = sentence.text
        own = set(terms[i])
        n_words = len(text.split())
        row: Features = {
            f"index:{_bucket(i, _INDICES, '20+')}": 1.0,
            f"in_paragraph:{min(sentence.index, 3)}": 1.0,
            f"paragraph:{_bucket(sentence.paragraph, _INDICES, '20+')}": 1.0,
            f"length:{_bucket(n_words, _LENGTHS, '50+')}": 1.0,
            "position": sentence.position,
            "central": central[i] / top,
            f"central_rank:{_bucket(central_rank[i], _INDICES, '20+')}": 1.0,
            "lead": len(lead & own) / len(lead) if lead and i > 0 else 0.0,
            "names": min(len(_NAME.findall(text)), 4) / 4,
        }
        if paragraphs - sentence.paragraph <= CLOSING and sentence.paragraph >= CLOSING:
            row["closing"] = 1.0
        if sentence.index == 0 and 0 < i < 3:  # the lead paragraph was one sentence
            row[f"lead_paragraph:{i}"] = 1.0
        flags = {
            "digit": _DIGIT.search(text),
            "money": _MONEY.search(text),
            "percent": _PERCENT.search(text),
            "said": _SAID.search(text),
            "quote_start": text[:1] in _QUOTE_MARKS + "'‘",
            "quoted": any(q in text for q in _QUOTE_MARKS),
            "question": _QUESTION.search(text),
            "first_person": _FIRST_PERSON.search(text),
            "dangling": _DANGLING.match(text),
            "modal": _MODAL.search(text),
        }
        row.update({name: 1.0 for name, hit in flags.items() if hit})
        rows.append(row)
    return rows
