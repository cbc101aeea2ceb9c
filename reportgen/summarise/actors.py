"""The actors table: people with their title or role, organisations and groups, and the states
the article turns on (reportgen.summarise.states), each with where the article names them.

A person's affiliation, where the titles gave none ("Chinese President…"), is an organisation
of the table the article names beside them: its acronym just before their titles ("PTI MNA Gohar
Khan"), in brackets after their name, or "of (the) <organisation>" after it. States carry no
made-up role ("subject of the article"): the cell stays empty where the text gives none."""

from __future__ import annotations

import re
from collections import Counter

from reportgen.model import Actor, Ref
from reportgen.summarise.affiliations import home_offices, organisation_role, person_affiliation
from reportgen.summarise.entities import Organisation, Person, find_organisations, find_people
from reportgen.summarise.recurring_names import find_recurring_organisations
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.states import mentions, names_in


def extract_actors(
    sentences: list[Sentence],
    home: str | None,
    outside: str | None,
    limit: int = 18,
    everyone: list[Person] | None = None,
) -> tuple[Actor, ...]:
    """People (with title or role), organisations and groups, and the states the article turns on.

    Ordered by kind (people, organisations and groups, states) and, within a kind, by how often the
    article names them, so the table a reader scans starts with who acted. `everyone` is
    `find_people(sentences)` when the caller has it already.
    """

    def refs(pairs: list[tuple[int, int]]) -> tuple[Ref, ...]:
        return tuple(Ref(p, s) for p, s in pairs[:5])

    counts = mentions([s.text for s in sentences])
    states = []
    for state in dict.fromkeys(s for s in (home, outside) if s and counts.get(s)):
        first = [(s.paragraph, s.index) for s in sentences if state in names_in(s.text)]
        states.append(Actor(name=state, refs=refs(first), kind="state"))
    room = max(0, limit - len(states))
    everyone = find_people(sentences) if everyone is None else everyone
    named = find_organisations(sentences)
    taken = {w for p in everyone for w in p.name.split()} | {w for o in named for w in f"{o.name} {o.acronym}".split()}
    mentioned = _mentions(everyone, sentences)
    people = sorted(everyone, key=lambda p: -mentioned[p.name])[: max(1, room * 5 // 9)]
    organisations = sorted(
        named + find_recurring_organisations(sentences, taken),
        key=lambda o: (-len(o.refs), o.refs[0] if o.refs else (0, 0)),
    )
    texts = {(s.paragraph, s.index): s.text for s in sentences}
    home_office = home_offices(everyone, home, texts.values(), counts)
    actors = [
        Actor(
            name=p.name,
            role=p.role,
            affiliation=p.affiliation or _affiliation(p, organisations, texts) or person_affiliation(p, home_office),
            refs=refs(p.refs),
            kind="person",
        )
        for p in people
    ]
    for org in organisations[: room - len(actors)]:
        name = f"{org.name} ({org.acronym})" if org.acronym and org.acronym != org.name else org.name
        role = organisation_role((org.name, org.acronym), sentences, org.refs)
        actors.append(Actor(name=name, role=role, affiliation="", refs=refs(org.refs), kind=org.kind))
    return tuple(actors + states)[:limit]


def _mentions(people: list[Person], sentences: list[Sentence]) -> dict[str, int]:
    """How many sentences name each person, by their surname ("Netanyahu said"), not only those
    that give their title: the salience the table is ordered by. Sentences are at most a few
    hundred and people a few dozen, so one alternation over all of them is one pass."""
    if not people:
        return {}
    surnames = Counter(p.name.split()[-1] for p in people)
    # A surname two people share ("Shehbaz Sharif", "Raheel Sharif") counts only with the full name.
    keys = {p.name: p.name.split()[-1] if surnames[p.name.split()[-1]] == 1 else p.name for p in people}
    alternatives = "|".join(re.escape(k) for k in sorted(set(keys.values()), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    counts = Counter(key for s in sentences for key in set(pattern.findall(s.text)))
    return {name: counts[key] for name, key in keys.items()}


def _affiliation(person: Person, organisations: list[Organisation], texts: dict[tuple[int, int], str]) -> str:
    """The organisation named beside the person in a sentence that names them: "PTI MNA Gohar
    Khan", "State Department spokesman Jeff Rathke", "Gohar Khan (PTI)", "Martin Indyk, … of the
    Brookings Institution"; "" if none."""
    surname = re.escape(person.name.split()[-1])
    # The person's own role words may stand between ("State Department spokesman Jeff Rathke").
    role_words = "".join(f"|{re.escape(w)}" for w in person.role.split() if w.islower())
    texts_of_person = [texts.get(ref, "") for ref in person.refs]
    for org in organisations:
        named = [f for f in dict.fromkeys((org.acronym, org.name)) if f]
        if named and not any(f in text for f in named for text in texts_of_person):
            continue  # every way of standing beside the person names the organisation: cheap test first
        alternatives = "|".join(re.escape(f) for f in named)
        beside = re.compile(
            rf"(?<![\w-])(?:{alternatives})\s+(?:(?:[A-Z][\w.]*{role_words})\s+){{0,4}}{surname}\b"
            rf"|\b{surname}\s+\((?:{alternatives})\)"
            rf"|\b{surname},?\s+(?:[\w-]+\s+){{0,6}}?of\s+(?:the\s+)?(?:{alternatives})\b"
        )
        if any(beside.search(text) for text in texts_of_person):
            return org.acronym or org.name
    return ""
