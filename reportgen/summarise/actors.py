"""The actors table: people with their title or role, organisations and groups, and the states
the article turns on (reportgen.summarise.states), each with where the article names them."""

from __future__ import annotations

from reportgen.model import Actor, Ref
from reportgen.summarise.entities import find_organisations, find_people
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.states import mentions, names_in


def extract_actors(
    sentences: list[Sentence], home: str | None, outside: str | None, limit: int = 18
) -> tuple[Actor, ...]:
    """People (with title or role), organisations and groups, and the states the article turns on.

    Ordered by kind (people, organisations and groups, states) and, within a kind, by how often the
    article names them, so the table a reader scans starts with who acted.
    """

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
