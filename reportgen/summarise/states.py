"""Which states an article names, from a data file of names and their forms, and which two it turns on.

The drivers section is titled after the article's dominant outside actor ("Chinese pressure",
"Russian pressure"): the home actor is the one the article's opening mentions most, the outside
actor the one most mentioned where pressure is discussed. Nothing about any one article is here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from reportgen import shipped
from reportgen.summarise import cache_sizes

#: Where a name may begin (a word character not after a word character or a hyphen), and what may
#: not follow one: the same boundaries a `(?<![\w-])…(?![\w-])` pattern would draw.
_NAME_START = re.compile(r"(?<![\w-])\w")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


@dataclass(frozen=True)
class KnownActors:
    adjectives: dict[str, str]  # name -> adjective
    forms: dict[str, str]  # every form (name, adjective, alias) -> name
    #: Forms by their first two characters, longest first, so "South Sudan" wins over "Sudan".
    by_start: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def known_actors() -> KnownActors:
    text = shipped.read_text("data", "countries.tsv")
    adjectives: dict[str, str] = {}
    forms: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        name, adjective = cols[0], cols[1]
        adjectives[name] = adjective
        aliases = [f for f in (cols[2].split(";") if len(cols) > 2 else []) if f]
        for form in (name, adjective, *aliases):
            forms.setdefault(form, name)
    starts: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        starts.setdefault(form[:2], []).append(form)
    return KnownActors(adjectives, forms, {key: tuple(group) for key, group in starts.items()})


def mentions(texts: list[str]) -> Counter[str]:
    """Mentions of each known actor (by name) across `texts`."""
    return Counter(name for t in texts for name in names_in(t))


@lru_cache(maxsize=cache_sizes.SENTENCES)
def names_in(text: str) -> tuple[str, ...]:
    """The actors `text` names, by name, in order and with repeats.

    Case-sensitive on purpose: "US" and "us" are told apart only by capitals; possessives
    ("China's") still count. Each word start is looked up by its first two characters rather
    than matched against one alternation of four hundred forms: the same matches, without
    compiling that pattern (a tenth of a cold build's summarising). Sections, facts and the
    actor table each ask about the same texts, so the scan is made once per text.
    """
    actors = known_actors()
    return tuple(actors.forms[form] for _, form in _forms_in(actors, text))


def name_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Where `text` names each known actor: (start, end, name), in order ("U.S." in "U.S. lobbying")."""
    actors = known_actors()
    return tuple((start, start + len(form), actors.forms[form]) for start, form in _forms_in(actors, text))


def _forms_in(actors: KnownActors, text: str) -> list[tuple[int, str]]:
    """Each known form `text` writes, with where it starts, longest first and never overlapping."""
    found: list[tuple[int, str]] = []
    end = 0
    for word in _NAME_START.finditer(text):
        start = word.start()
        if start < end:
            continue
        form = _form_at(actors, text, start)
        if form:
            found.append((start, form))
            end = start + len(form)
    return found


_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")


@lru_cache(maxsize=cache_sizes.SENTENCES)
def places_in(text: str) -> tuple[str, ...]:
    """The states `text` names as places, in order: by their name or alias, never their adjective
    ("Sudanese forces" is not a place), and not where the name opens a longer name ("United States
    Embassies", "Pakistan Army"), so a figure's "in <place>" is where it happened."""
    actors = known_actors()
    return tuple(
        actors.forms[form]
        for start, form in _forms_in(actors, text)
        if actors.adjectives.get(actors.forms[form]) != form and not _CAPITALISED_NEXT.match(text, start + len(form))
    )


def _form_at(actors: KnownActors, text: str, start: int) -> str:
    """The longest known form (name, adjective or alias) that `text` has at `start`, or ''."""
    for form in actors.by_start.get(text[start : start + 2], ()):
        if text.startswith(form, start) and not _WORD_OR_HYPHEN.match(text, start + len(form)):
            return form
    return ""


def adjective_of(name: str) -> str:
    return known_actors().adjectives.get(name, name)


def home_actor(title: str, paragraphs: list[str]) -> str | None:
    """The actor the article is about: mentions weighted towards the headline and the opening,
    where news and analysis name their subject; a later flood of mentions of a foreign power
    (the pressure section) does not outweigh it."""
    weights: dict[str, float] = {}
    for name, n in Counter(names_in(title)).items():
        weights[name] = weights.get(name, 0.0) + 2.0 * n
    for i, text in enumerate(paragraphs):
        for name, n in Counter(names_in(text)).items():
            weights[name] = weights.get(name, 0.0) + n / (1 + i)
    if not weights:
        return None
    return max(sorted(weights), key=lambda name: weights[name])


#: "in Somalia", "across Syria": a state named as the place where things happen.
_LOCATIVE = re.compile(r"\b(?:in|inside|across|throughout)\s+(?:the\s+)?(?=[A-Z])")
MIN_SCENE = 3  # times a state must be named as the place before it counts as the scene


def scene_of(texts: list[str]) -> str | None:
    """The state the article's events happen in: the one most often named as a place ("in
    Somalia"), at least MIN_SCENE times and more than any other; None when no state clearly is.
    A group inside that state (al-Shabaab in Somalia) puts no outside pressure on it."""
    actors = known_actors()
    counts: Counter[str] = Counter()
    for text in texts:
        for place in _LOCATIVE.finditer(text):
            form = _form_at(actors, text, place.end())
            if form:
                counts[actors.forms[form]] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_SCENE or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def outside_actor(texts: list[str], home: str | None, minimum: int = 2) -> str | None:
    """The most mentioned actor other than `home`, if it is mentioned at least `minimum` times."""
    counts = mentions(texts)
    counts.pop(home or "", None)
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= minimum else None
