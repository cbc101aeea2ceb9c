"""Words to comparable terms: lower-cased, stemmed (Snowball), function words dropped.

Every stage that compares text (cue matching, similarity, redundancy) goes through here, so
"operations", "operational" and "operation" count as one term everywhere.

PyStemmer is the Snowball project's own C build: the same stems as the pure-Python
snowballstemmer on every word of the sample and development articles, about a hundred times
faster, and it does not import thirty languages' stemmers to get one.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from reportgen import shipped
from reportgen.summarise import cache_sizes

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = shipped.read_text("data", "stopwords.txt")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=cache_sizes.WORDS)
def stem(word: str) -> str:
    result: str = _stemmer().stemWord(word.lower())
    return result


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def all_stems(text: str) -> list[str]:
    """Every word stemmed, function words kept (modal verbs matter for tense cues)."""
    return list(stem_tuple(text))


def content_terms(text: str) -> list[str]:
    """Stemmed content words, for similarity."""
    return list(content_tuple(text))


# Sections, ranking, the bottom line and the assessment each look at the same sentences' words:
# they are found and stemmed once per sentence text, and callers that only read them take the
# tuple itself instead of a fresh list.
@lru_cache(maxsize=cache_sizes.SENTENCES)
def stem_tuple(text: str) -> tuple[str, ...]:
    """`all_stems` as a shared, read-only tuple."""
    return tuple(stem(w) for w in _WORD.findall(text))


@lru_cache(maxsize=cache_sizes.SENTENCES)
def content_tuple(text: str) -> tuple[str, ...]:
    """`content_terms` as a shared, read-only tuple."""
    stops = stopwords()
    return tuple(stem(w) for w in _WORD.findall(text) if w.lower() not in stops and len(w) > 1)
