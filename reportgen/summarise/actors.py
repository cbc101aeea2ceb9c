"""Which states and bodies an article talks about, from a data file of names and their forms.

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
from reportgen.model import Actor, Ref
from reportgen.summarise.sentences import Sentence

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


@lru_cache(maxsize=16384)
def names_in(text: str) -> tuple[str, ...]:
    """The actors `text` names, by name, in order and with repeats.

    Case-sensitive on purpose: "US" and "us" are told apart only by capitals; possessives
    ("China's") still count. Each word start is looked up by its first two characters rather
    than matched against one alternation of four hundred forms: the same matches, without
    compiling that pattern (a tenth of a cold build's summarising). Sections, facts and the
    actor table each ask about the same texts, so the scan is made once per text.
    """
    actors = known_actors()
    found: list[str] = []
    end = 0
    for word in _NAME_START.finditer(text):
        start = word.start()
        if start < end:
            continue
        for form in actors.by_start.get(text[start : start + 2], ()):
            stop = start + len(form)
            if text.startswith(form, start) and not _WORD_OR_HYPHEN.match(text, stop):
                found.append(actors.forms[form])
                end = stop
                break
    return tuple(found)


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


def outside_actor(texts: list[str], home: str | None, minimum: int = 2) -> str | None:
    """The most mentioned actor other than `home`, if it is mentioned at least `minimum` times."""
    counts = mentions(texts)
    counts.pop(home or "", None)
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= minimum else None


def extract_actors(
    sentences: list[Sentence], home: str | None, outside: str | None, limit: int = 18
) -> tuple[Actor, ...]:
    """People (with title or role), organisations and groups, and the states the article turns on.

    Ordered by kind (people, organisations and groups, states) and, within a kind, by how often the
    article names them, so the table a reader scans starts with who acted.
    """
    from reportgen.summarise.entities import find_organisations, find_people

    def refs(pairs: list[tuple[int, int]]) -> tuple[Ref, ...]:
        return tuple(Ref(p, s) for p, s in pairs[:5])

    counts = mentions([s.text for s in sentences])
    states = []
    for state in dict.fromkeys(s for s in (home, outside) if s and counts.get(s)):
        role = "subject of the article" if state == home else "main outside actor"
        first = [(s.paragraph, s.index) for s in sentences if state in names_in(s.text)]
        states.append(Actor(name=state, role=role, refs=refs(first), kind="state"))
    room = max(0, limit - len(states))
    people = sorted(find_people(sentences), key=lambda p: -len(p.refs))[: max(1, room * 5 // 9)]
    actors = [
        Actor(name=p.name, role=p.role, affiliation=p.affiliation, refs=refs(p.refs), kind="person") for p in people
    ]
    for org in find_organisations(sentences)[: room - len(actors)]:
        name = f"{org.name} ({org.acronym})" if org.acronym and org.acronym != org.name else org.name
        actors.append(Actor(name=name, role="", affiliation="", refs=refs(org.refs), kind=org.kind))
    return tuple(actors + states)[:limit]
