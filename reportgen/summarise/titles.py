"""Section titles filled from the article itself, only where the evidence is clear.

A profile title may say "{outside_actor} pressure" or "Past {event_plural}". The outside actor is
named only when it is *characteristic* of the section: named at least twice there, more than any
other state, in at least half of the section's paragraphs (PARAGRAPH_SHARE: one "In Washington,
the White House condemned…" among eleven paragraphs of a country's own politics is no outside
pressure), and mentioned at least OUTSIDE_CONTRAST times as often (per word) there as in the rest
of the article. Neither the article's home actor nor the state its events happen in (`scene_of`:
the one most often named as the place, "in Somalia") ever qualifies: a group inside a country
puts no outside pressure on it. And the section's own lines must show that actor pressing (`presses`):
a title sums up the lines under it, and "Syrian pressure" over a line about a dam in Syria, or
"Rwandan pressure" over "the United States is pushing Rwanda and Congo…", tells the reader something
the brief does not. "Chinese pressure" in the sample is all three. "Past {event_plural}"
takes the event term the section names most, only when it names it at least MIN_MENTIONS times
and more than any other ("Past operations" in the sample: eight "operation"s; one "crisis" in
passing is no "Past crises"). Otherwise the section's generic fallback title is used.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reportgen.summarise.profile import SectionSpec
from reportgen.summarise.section_features import PRESSURE
from reportgen.summarise.states import adjective_of, mentions, name_spans, scene_of
from reportgen.summarise.terms import stem

OUTSIDE_CONTRAST = 2.0
MIN_MENTIONS = 2
PARAGRAPH_SHARE = 0.5  # of the section's paragraphs that must name the actor
#: Words before a state's name that make it the one pressed, not the one pressing: a preposition, or
#: a list's "and" ("urge Congo and Rwanda", "proposals for Iran", "pressure on Tehran").
_PRESSED = re.compile(
    r"\b(?:to|for|on|against|with|into|in|at|towards?|over|from|about|of|upon|and|or)\s+(?:the\s+)?$", re.I
)
_UNDER_PRESSURE = re.compile(r"\bunder (?:\w+ )?pressure\b", re.I)
_PRESSURE_ANY_CASE = re.compile(PRESSURE.pattern, re.I)
#: After a word of pressure, where its source is named: "the pressure of the United States",
#: "demands from Beijing", "…the demand for the operation by … the Communist Party of China".
_SOURCE_NEXT = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?", re.I)
_BY = re.compile(r"\bby\b", re.I)
BY_REACH = 160  # characters from a word of pressure to the source its "by" names


def characteristic_actor(section_texts: list[str], other_texts: list[str], home: str | None) -> str | None:
    """The state a section is about and the rest of the article is not, or None."""
    here = mentions(section_texts)
    for inside in (home, scene_of(section_texts + other_texts)):
        here.pop(inside or "", None)
    if not here:
        return None
    ranked = here.most_common(2)
    name, n = ranked[0]
    if n < MIN_MENTIONS or (len(ranked) > 1 and ranked[1][1] == n):
        return None
    named_in = sum(1 for text in section_texts if mentions([text]).get(name))
    if named_in < PARAGRAPH_SHARE * len(section_texts):
        return None  # named in a corner of the section ("In Washington, …"), not what it is about
    words_here = sum(len(t.split()) for t in section_texts) or 1
    words_there = sum(len(t.split()) for t in other_texts) or 1
    rate_there = mentions(other_texts).get(name, 0) / words_there
    return name if n / words_here >= OUTSIDE_CONTRAST * rate_there else None


def presses(line: str, actor: str) -> bool:
    """Whether `line` shows `actor` pressing someone: named before a word of pressure and not as its
    object ("the United States is pushing…", "with U.S. lobbying", not "…to urge Congo and Rwanda"),
    or after it as its source ("the pressure of the United States", "…by Liu Jianchao, Minister of
    the International Department of the Communist Party of China"). "Under pressure" is pressed."""
    text = _UNDER_PRESSURE.sub(lambda m: " " * len(m.group()), line)
    spans = [(start, end) for start, end, name in name_spans(line) if name == actor]
    for cue in _PRESSURE_ANY_CASE.finditer(text):
        for start, end in spans:
            if end <= cue.start():
                if cue.start() - end <= 1 or not _PRESSED.search(text, max(0, start - 40), start):
                    return True
            elif start >= cue.end():
                next_to = _SOURCE_NEXT.match(text, cue.end())
                if (next_to and next_to.end() == start) or (
                    start - cue.end() <= BY_REACH and _BY.search(text, cue.end(), start)
                ):
                    return True
    return False


def section_title(
    spec: SectionSpec, section_texts: list[str], other_texts: list[str], home: str | None, lines: Sequence[str]
) -> str:
    """Fill the profile's title placeholders from the article itself (the section's paragraphs, the
    rest of the article, its home actor and the section's own `lines`), or fall back."""
    title = spec.title
    if "{outside_actor}" in title:
        actor = characteristic_actor(section_texts, other_texts, home)
        if actor is None or not any(presses(line, actor) for line in lines):
            return spec.fallback_title
        title = title.replace("{outside_actor}", adjective_of(actor))
    if "{event_plural}" in title:
        counts: Counter[str] = Counter()
        wanted = {stem(t): t for t in spec.event_terms}
        for text in section_texts:
            for word in text.split():
                token = stem(word.strip(".,;:()“”\"'’").lower())
                if token in wanted:
                    counts[wanted[token]] += 1
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < MIN_MENTIONS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return spec.fallback_title  # one "crisis" in passing, or two kinds alike: no clear kind
        term = ranked[0][0]
        title = title.replace("{event_plural}", _plural(term))
    return title[:1].upper() + title[1:]


def _plural(noun: str) -> str:
    if noun.endswith("sis"):
        return noun[:-2] + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"
