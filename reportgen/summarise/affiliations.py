"""Who an actor belongs to or what it is, read off the text: a person's affiliation from their role
phrase or the article's home state, an organisation's role from an apposition.

- The role phrase: a state it names ("Pakistani foreign minister") or the body after "of"/"at"
  ("senior fellow at the Council on Foreign Relations" -> "Council on Foreign Relations").
- The home state: a national office named without a state ("Prime Minister Shehbaz Sharif") is
  the home state's only where the article shows it marks other states' offices ("Chinese
  President Xi Jinping") and never marks the home state's ("Tunisian Prime Minister …"): a writer
  who marks the home state's offices writes from outside it, and their bare "President Obama" is
  their own state's, not the home state's.
- An organisation's role: an apposition after its name or acronym ("TTP, a militant group,";
  "the Centre for Research and Security Studies, an Islamabad think tank").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from reportgen.summarise.entities import Person, is_title
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.states import known_actors

#: Offices a state has one of (or one per portfolio): whose they are is a state's.
_NATIONAL_OFFICE = re.compile(
    r"(?i:(?:deputy\s+)?prime\s+minister|(?:vice\s+)?president|(?:[a-z]+\s+)?minister(?:\s+(?:for|of)\s+[a-z]+)?|"
    r"chief\s+of\s+(?:the\s+)?(?:army|naval|air)\s+staff|army\s+chief|chief\s+justice|foreign\s+secretary)"
)
#: The offices that head a state, whose marking with a state's name shows whose they are.
_HEAD_OFFICE = r"(?i:prime\s+minister|president|premier)"
#: The body a role phrase names after "of", "at" or "for" ("fellow at the Urban Institute").
_ROLE_BODY = re.compile(
    r"\b(?:of|at|for)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+(?:(?:of|on|for|and|the|a)\s+)*[A-Z][\w’'-]+)*)"
)
#: ", a militant group", ", an Islamabad think tank", ", the ruling party": up to eight words,
#: ending in a lower-case noun, before a comma, a stop, or "that/which/who".
#: Words that make an apposition a clause ("the name Yahoo executives are using"), not a description.
_CLAUSE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could)\b|ing$")
_APPOSITION = r",\s+(?:a|an|the)\s+((?:[\w’'-]+\s+){0,7}?[a-z][a-z-]+)(?=\s*[,.;:]|\s+(?:that|which|who|based|in)\b)"


def is_national_office(role: str) -> bool:
    """Whether `role` is an office a state holds, named whole ("Prime Minister", "Minister for Interior")."""
    return bool(role) and _NATIONAL_OFFICE.fullmatch(" ".join(role.split())) is not None


def home_offices(people: Iterable[Person], home: str | None, texts: Iterable[str], counts: Counter[str]) -> str | None:
    """The state a bare national office belongs to in this article: `home` where it is also the
    state the article names most (`counts`), the article marks other states' offices (a person's
    affiliation is a state) and never the home state's ("Tunisian Prime Minister", "an Israeli
    prime minister who", "Sudan’s president"); None otherwise. "The Pakistani Prime Minister’s
    Office" names an office building, not an office holder."""
    if not home or [home] != [name for name, _ in counts.most_common(1)]:
        return None
    states = set(known_actors().adjectives)
    if not {p.affiliation for p in people if p.affiliation in states} - {home}:
        return None
    forms = sorted((f for f, name in known_actors().forms.items() if name == home), key=len, reverse=True)
    marked = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(f) for f in forms)})(?:[’']s)?\s+{_HEAD_OFFICE}(?![\w’'-])")
    return None if any(marked.search(t) for t in texts) else home


def person_affiliation(person: Person, home_office: str | None) -> str:
    """`person`'s affiliation read off their role phrase ("Pakistani foreign minister", "fellow at
    the Urban Institute"), or the home state for a bare national office ("Chief of Army Staff")."""
    forms = known_actors().forms
    body = None if is_title(person.role) else _ROLE_BODY.search(person.role)
    if body and body.group(1) not in forms and not is_national_office(person.role):
        return body.group(1)  # "Tunisia country director for Amnesty International": the body is theirs
    state = next((forms[w] for w in re.findall(r"[A-Z][\w’'-]+", person.role) if w in forms), "")
    if state:
        return state
    if is_national_office(person.role):
        return home_office or ""
    return forms.get(body.group(1), body.group(1)) if body else ""


def organisation_role(forms: Iterable[str], sentences: list[Sentence], refs: Iterable[tuple[int, int]]) -> str:
    """What an apposition after the organisation's name or acronym says it is, or ""."""
    names = [re.escape(f) for f in forms if f]
    if not names:
        return ""
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(names)})(?:\s+\([A-Z][\w&-]*\))?{_APPOSITION}")
    texts = {(s.paragraph, s.index): s.text for s in sentences}
    for ref in refs:
        found = pattern.search(texts.get(ref, ""))
        if found and not _CLAUSE.search(found.group(1)):
            return found.group(1)
    return ""
