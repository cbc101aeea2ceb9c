"""Timeline: dated events, normalised to dates that sort as text ("2014", "2014-12", "2014-12-24").

Dates without a year take it from context: the year the article speaks from, itself the latest of
the years it names and of those reached by relative phrases ("seven years later" after 2017).
A year that is part of a name ("NAP 2014", "Vision 2030") is not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportgen.model import Ref, TimelineEvent
from reportgen.summarise import cache_sizes
from reportgen.summarise.sentences import Sentence

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),  # 24 December 2014, 22 June
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\b(?!\s*(?:percent|%|million|billion))", re.I),  # June 23, 2024
    re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I),  # March 2015
    re.compile(rf"(?<![\w-]){_YEAR}(?![\w-])"),  # 2007
]
_RELATIVE = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+years?\s+(?P<dir>later|after|earlier|before|ago)\b",
    re.I,
)
_YEAR_OR_RELATIVE = re.compile(rf"{_YEAR}|{_RELATIVE.pattern}", re.I)
_MAY_HOLD_YEAR = re.compile(r"\d|year", re.I)  # what every _YEAR_OR_RELATIVE match contains
_DIGIT = re.compile(r"\d")
_BARE_YEAR = re.compile(r"(?<![\w-])(1[89]\d\d|20\d\d)(?![\w-])")
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], 1
    )
}
_NAME_BEFORE = re.compile(r"\b[A-Z][A-Z0-9-]{1,}\s*$|\bVision\s*$")  # "NAP 2014", "Vision 2030"
_MONTH_OF_THIS_YEAR = re.compile(rf"\b{_MONTH}\s+of\s+this\s+year\b", re.I)
_THIS_YEAR = re.compile(r"this\s+year", re.I)  # what every _MONTH_OF_THIS_YEAR match contains
_CLAUSE = re.compile(r",\s+|;\s+|\s+—\s+|\s+–\s+|\s+and\s+(?=now\b|then\b|later\b|since\b)")
_RELATIVE_PRONOUN = re.compile(r"^(?:which|who|whom|whose|that|where|when)\b", re.I)
_NAME = re.compile(r"(?<![\w-])[A-Z][\w’']*(?:-[\w’']+)*")
MAX_WORDS = 24
_COMMON = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "By",
    "At",
    "During",
    "After",
    "Before",
    "Between",
    "From",
    "Until",
    "Since",
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    *(m.capitalize() for m in _MONTHS),
}
CONTEXT_PARAGRAPHS = 3
HALF = 12


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None


def _find_dates(text: str) -> list[_Found]:
    found: list[_Found] = []
    # Every pattern but "<month> of this year" needs a digit (a day or a year); most sentences
    # have none, and one search for a digit is far cheaper than four case-insensitive scans.
    patterns = _PATTERNS if _DIGIT.search(text) else []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(not (m.end() <= f.start or m.start() >= f.end) for f in found):
                continue
            groups = m.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            month = _MONTHS[groups["month"].lower()] if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            if month == 5 and day is None and year is None:
                continue  # "may" the verb
            if month is None and _NAME_BEFORE.search(text[: m.start()]):
                continue
            if groups.get("month") and groups["month"].lower() == "may" and not (day or year):
                continue
            found.append(_Found(m.start(), m.end(), year, month, day))
    for m in _MONTH_OF_THIS_YEAR.finditer(text) if _THIS_YEAR.search(text) else ():
        found = [f for f in found if not (f.start >= m.start() and f.end <= m.end())]
        found.append(_Found(m.start(), m.end(), None, _MONTHS[m.group("month").lower()], None))
    return sorted(found, key=lambda f: f.start)


def _relative_years(sentences: list[Sentence]) -> list[tuple[Sentence, int, int]]:
    """(sentence, offset, year) for "seven years later" after the last explicit year before it."""
    out = []
    last_year: int | None = None
    for s in sentences:
        if not _MAY_HOLD_YEAR.search(s.text):
            continue
        for m in _YEAR_OR_RELATIVE.finditer(s.text):
            if m.group("year"):
                last_year = int(m.group("year"))
            elif last_year is not None:
                n = m.group("n").lower()
                count = _NUMBER_WORDS.get(n) or int(n) if n.isdigit() or n in _NUMBER_WORDS else 0
                sign = 1 if m.group("dir").lower() in ("later", "after") else -1
                if m.group("dir").lower() != "ago":
                    out.append((s, m.start(), last_year + sign * count))
    return out


def present_year(
    sentences: list[Sentence], published: str = "", relative: list[tuple[Sentence, int, int]] | None = None
) -> int | None:
    """The year the article speaks from: its publication year if known, else the latest year it
    names or reaches by a relative phrase (`relative`: `_relative_years(sentences)`, if at hand)."""
    if re.match(r"\d{4}", published):
        return int(published[:4])
    years = [int(y) for s in sentences for y in _BARE_YEAR.findall(s.text)]
    years += [y for _, _, y in (_relative_years(sentences) if relative is None else relative)]
    return max(years) if years else None


def _description(text: str, start: int, end: int) -> str:
    """A one-line description: the sentence when short, else the clause around the date.

    A clause that is only the date ("On 26 March") takes the clause after it; one that opens with a
    relative pronoun ("which was approved … on 24 December 2014") is prefixed with the opening words
    of the clause it hangs on, joined by "…", so every word shown is the article's own.
    """
    if len(text.split()) <= MAX_WORDS:
        return text.strip()
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(text)] + [len(text)]
    spans = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    k = next((n for n, (a, b) in enumerate(spans) if a <= start < b), len(spans) - 1)
    left, right = spans[k]
    while len(text[left:right].split()) < 9 and k + 1 < len(spans):
        k += 1
        right = spans[k][1]
    clause = _trim(text[left:right])
    if _RELATIVE_PRONOUN.match(clause) and k > 0:
        head = text[spans[k - 1][0] : spans[k - 1][1]].split()[:HALF]
        tail = clause.split()
        tail = tail[-HALF:] if len(tail) > HALF else tail
        return " ".join(head).rstrip(",;") + " … " + " ".join(tail)
    words = clause.split()
    return " ".join(words[:MAX_WORDS]) + " …" if len(words) > MAX_WORDS else clause


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _trim(clause: str) -> str:
    return re.sub(r"[\s,;—–]+(?:and|but|or)?$", "", clause.strip())


@lru_cache(maxsize=cache_sizes.SENTENCES)
def _names(text: str) -> frozenset[str]:
    """Capitalised words of an event's text; every pair of events compares them."""
    return frozenset(_NAME.findall(text))


def _same_event(a: TimelineEvent, b: TimelineEvent) -> bool:
    """Two mentions of one dated event: same date and a shared proper name ("Zarb-i-Azb")."""
    shared = _names(a.text) & _names(b.text) - _COMMON
    if a.date == b.date:
        return any("-" in name for name in shared) or len(shared) >= 2
    # "in March of this year" and "On 26 March": the precise date names the same event.
    nested = a.date.startswith(b.date) or b.date.startswith(a.date)
    return nested and bool(shared)


def _iso(year: int | None, month: int | None, day: int | None) -> str:
    if year is None:
        return ""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def extract_timeline(sentences: list[Sentence], published: str = "", limit: int = 40) -> tuple[TimelineEvent, ...]:
    """Dated events sorted by date (then article order); a date in a forecast is kept as dated."""
    relative = _relative_years(sentences)
    present = present_year(sentences, published, relative)
    events: dict[tuple[str, int, int], TimelineEvent] = {}
    context: tuple[int, int] | None = None  # (year, paragraph) of the last dated narrative
    for s in sentences:
        for f in _find_dates(s.text):
            year = f.year
            if year is not None and f.month is not None:
                context = (year, s.paragraph)
            elif year is None:
                # A day and month take the year of a month-dated passage just before them
                # (narratives: "During May 2015 … On 31 May …"), else the article's present.
                near = context is not None and s.paragraph - context[1] <= CONTEXT_PARAGRAPHS
                year = context[0] if near and context is not None else present
                if near and context is not None:
                    context = (context[0], s.paragraph)
            date = _iso(year, f.month, f.day)
            if not date:
                continue
            key = (date, s.paragraph, s.index)
            events[key] = TimelineEvent(
                date=date, text=_capital(_description(s.text, f.start, f.end)), refs=(Ref(s.paragraph, s.index),)
            )
    for s, offset, year in relative:
        key = (f"{year:04d}", s.paragraph, s.index)
        events.setdefault(
            key,
            TimelineEvent(
                date=f"{year:04d}", text=_description(s.text, offset, offset + 1), refs=(Ref(s.paragraph, s.index),)
            ),
        )
    ordered = sorted(events.items(), key=lambda item: (item[0][0], item[0][1], item[0][2]))
    return tuple(_merge_same_sentence_month(e for _, e in ordered))[:limit]


def _merge_same_sentence_month(events: object) -> list[TimelineEvent]:
    """A sentence that names a month and, elsewhere, the day in it yields one event, the precise one."""
    kept: list[TimelineEvent] = []
    # Two mentions of one event share their year (a date nests in the other), so each event is
    # compared with the kept ones of its year only: linear in the events, not quadratic.
    by_year: dict[str, list[int]] = {}
    for event in events:  # type: ignore[attr-defined]
        if kept and kept[-1].refs == event.refs and event.date.startswith(kept[-1].date):
            kept[-1] = event
            continue
        year = by_year.setdefault(event.date[:4], [])
        same = next((n for n in year if _same_event(kept[n], event)), None)
        if same is None:
            year.append(len(kept))
            kept.append(event)
        elif len(event.date) > len(kept[same].date):
            kept[same] = event  # the more precise date wins
    return sorted(kept, key=lambda e: e.date)
