"""Timeline: dated events, normalised to dates that sort as text ("2014", "2014-12", "2014-12-24").

A date without a year ("on 18 August", "in March of this year") takes the article's year when its
date is known (metadata), never a neighbouring sentence's. In an undated article it takes the
running year of a narrative (a month-dated passage just before: "During May 2015 … On 31 May"),
else the year the text itself fixes as its present ("now seven years later" after 2017), else it
stays partial, written as the article has it: "18 August", "March". Partial dates come after
the dated ones, by month and day; the deck places ISO dates to scale and shows any other form as
written, evenly spaced (renderers/pptx/timeline.py).
A year that is part of a name ("NAP 2014", "Vision 2030") is not a date, and a year given as when
something was said or estimated ("a laboratory estimated in 2011 the yield of a 2009 test") is not
the event's date when the sentence dates the event too.
Each entry is a whole statement: the sentence when short and alone in naming its date, else its
opening clause(s) up to the date's clause, or its first words and the date's clause, joined and
ended by "…" where words are left out; one sentence gives one entry per distinct text, and photo
captions, credits and "(see map)" asides are no entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportgen.model import Ref, TimelineEvent
from reportgen.summarise import cache_sizes
from reportgen.summarise.clauses import OPENING_SUBORDINATORS, VERB, own_clause_start
from reportgen.summarise.section_features import is_page_furniture
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
    re.compile(rf"(?<![\w-])(?<![x×]\s){_YEAR}(?![\w-])(?!\s*[x×]\s*\d)"),  # 2007, not 1800 x 1920
]
_RELATIVE = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+years?\s+(?P<dir>later|after|earlier|before|ago)\b",
    re.I,
)
_YEAR_OR_RELATIVE = re.compile(rf"{_YEAR}|{_RELATIVE.pattern}", re.I)
_MAY_HOLD_YEAR = re.compile(r"\d|year", re.I)  # what every _YEAR_OR_RELATIVE match contains
_DIGIT = re.compile(r"\d")
_MAY_HOLD_DATE = re.compile(r"\d|this\s+year|years?\s+(?:later|after|earlier|before)", re.I)
_BARE_YEAR = re.compile(r"(?<![\w-])(1[89]\d\d|20\d\d)(?![\w-])")
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], 1
    )
}
#: A year that ends a name: "NAP 2014", "Vision 2030", "the Investment Company Act of 1940".
_NAME_BEFORE = re.compile(
    r"\b[A-Z][A-Z0-9-]{1,}\s*$|\bVision\s*$|\b(?:Act|Law|Treaty|Convention|Accord|Agreement|Charter)\s+of\s*$"
)
_MONTH_OF_THIS_YEAR = re.compile(rf"\b{_MONTH}\s+of\s+this\s+year\b", re.I)
_THIS_YEAR = re.compile(r"this\s+year", re.I)  # what every _MONTH_OF_THIS_YEAR match contains
_CLAUSE = re.compile(r",\s+|;\s+|\s+—\s+|\s+–\s+|\s+and\s+(?=now\b|then\b|later\b|since\b)")
_RELATIVE_PRONOUN = re.compile(r"^(?:which|who|whom|whose|that|where|when)\b", re.I)
_NAME = re.compile(r"(?<![\w-])[A-Z][\w’']*(?:-[\w’']+)*")
MAX_WORDS = 24
WHOLE_WORDS = 32  # a sentence this short is shown whole
EXTRA_WORDS = 12  # a cut that would end on "said that" runs on this far at most
#: Words after which a statement's content follows: a cut there shows the frame, not the news.
_ANNOUNCING = frozenset(
    [
        "that",
        "to",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "at",
        "as",
        "and",
        "or",
        "but",
        "said",
        "says",
        "told",
        "added",
        "stated",
        "announced",
        "warned",
    ]
)
_SAID_IN = re.compile(
    r"\b(?:said|estimated|reported|announced|wrote|noted|told|claimed|assessed|concluded|calculated|found)"
    r"\s+(?:\w+\s+){0,3}?in\s+$",
    re.I,
)
_ASIDE = re.compile(r"\s*\((?:see|pictured|photo|map)\b[^)]*\)", re.I)
_OPENER = re.compile(r"^(?:and|but|or|so|yet|while|whereas)\s+", re.I)
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
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
    """The year the article speaks from: its publication year if known, else a year the text fixes
    as its present, one reached by a relative phrase beyond every year it names ("now seven years
    later" after 2017); else unknown. The latest year named is no evidence: an article of 2015
    that last names 2013 is not of 2013 (`relative`: `_relative_years(sentences)`, if at hand)."""
    if re.match(r"\d{4}", published):
        return int(published[:4])
    years = [int(y) for s in sentences for y in _BARE_YEAR.findall(s.text)]
    reached = [y for _, _, y in (_relative_years(sentences) if relative is None else relative)]
    return max(reached) if reached and max(reached) > max(years, default=0) else None


def _description(text: str, start: int, end: int, alone: bool = True, others: Sequence[int] = ()) -> str:
    """A whole statement for the date at [start, end): the sentence when short and `alone` (the
    only date it names); else its opening clause(s) through the date's clause, or its first words
    and the date's clause, with "…" wherever words are left out, so the entry opens as the
    sentence does (with a capital) and every word shown is the article's own. Where another date
    of the sentence (offsets `others`) stands in an earlier finite clause, the statement starts at
    the date's own clause: a row states its own date's event, not its neighbour's.
    """
    cut = own_clause_start(text, start, others)
    if cut:
        text, start, end, alone = text[cut:], start - cut, end - cut, False
    text = _ASIDE.sub("", text).strip()
    if alone and len(text.split()) <= WHOLE_WORDS:
        return text
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(text)] + [len(text)]
    spans = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    k = next((n for n, (a, b) in enumerate(spans) if a <= start < b), len(spans) - 1)
    left, right = spans[k]
    # Grow the date's clause to a statement: nine words at least, and a verb ("…, seen close to
    # the Army said that…": the clause that names the minister has none); a dependent clause that
    # opens the sentence ("After rebels staged an uprising in 2003, …") takes the main clause after it.
    opening = text[left:right].split(maxsplit=1)
    dependent = left == 0 and len(opening) == 2 and opening[0].lower() in OPENING_SUBORDINATORS
    while (len(text[left:right].split()) < 9 or not VERB.search(text[:right]) or dependent) and k + 1 < len(spans):
        k += 1
        right = spans[k][1]
        dependent = False
    head = text[:right]
    if len(head.split()) <= MAX_WORDS:
        return _ended(_trim(head), right >= len(text))
    if left == 0:
        return _ended(_opening_words(head.split(), MAX_WORDS), False)
    # The date's clause stands far into a long sentence: the sentence's opening words, then it.
    first = _trim(text[: spans[0][1]]).split()[:HALF]
    clause = _OPENER.sub("", _trim(text[left:right]))
    words = clause.split()
    room = MAX_WORDS - len(first)
    if len(words) <= room:
        return " ".join(first).rstrip(",;") + " … " + _ended(clause, right >= len(text))
    at = len(text[left:start].split())  # the date's word in the clause
    if at < room:
        return " ".join(first).rstrip(",;") + " … " + _ended(_opening_words(words, room), False)
    return " ".join(first).rstrip(",;") + " … " + _ended(" ".join(words[-room:]), right >= len(text))


def _opening_words(words: list[str], n: int) -> str:
    """The first `n` of `words`, run on where the n-th announces what follows ("…Mohsin Naqvi said
    that …" would leave out what he said): up to the next clause boundary or EXTRA_WORDS more, then
    back to the last word that does not announce more."""
    end = min(n, len(words))
    if end < len(words) and _announces(words[end - 1]):
        limit = min(len(words), n + EXTRA_WORDS)
        while end < limit and not words[end - 1].endswith((",", ";")):
            end += 1
        while end > n and _announces(words[end - 1]):
            end -= 1
    return " ".join(words[:end])


def _announces(word: str) -> bool:
    return word.strip("“”\"'‘’").lower() in _ANNOUNCING


def _ended(text: str, whole: bool) -> str:
    """`text` as the sentence ends it, else marked "…" where the rest is left out."""
    if whole:
        return text if text.rstrip("”\"’')]").endswith((".", "!", "?", "…")) else text + "."
    return text.rstrip(" ,;:—–") + " …"


def _capital(text: str) -> str:
    """The first letter upper-case, after any opening bracket or quote: "(If you want…"."""
    at = next((i for i, c in enumerate(text) if c.isalnum()), 0)
    return text[:at] + text[at : at + 1].upper() + text[at + 1 :]


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
    """ "2014-12-24", "2014-12", "2014"; without a year, the partial date as written: "18 August"."""
    if year is None:
        if month is None:
            return ""
        return f"{day} {_MONTH_NAMES[month - 1]}" if day else _MONTH_NAMES[month - 1]
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def order(date: str) -> tuple[int, str]:
    """Sort key: ISO dates as text, then partial ones ("18 August", "March") by month and day."""
    if date[:1].isdigit() and re.match(r"\d{4}", date):
        return (0, date)
    words = date.split()
    month = next((i for i, m in enumerate(_MONTH_NAMES, 1) if m in words), 0)
    day = next((int(w) for w in words if w.isdigit()), 0)
    return (1, f"{month:02d}-{day:02d}")


def _event_dates(text: str) -> list[_Found]:
    """The sentence's dates, less a year given as when something was said or estimated where the
    sentence dates the event too."""
    found = _find_dates(text)
    said = [f for f in found if f.month is None and _SAID_IN.search(text[max(0, f.start - 60) : f.start])]
    return [f for f in found if f not in said] if len(said) < len(found) else found


def extract_timeline(sentences: list[Sentence], published: str = "", limit: int = 40) -> tuple[TimelineEvent, ...]:
    """Dated events sorted by date (then article order); a date in a forecast is kept as dated."""
    relative = _relative_years(sentences)
    present = present_year(sentences, published, relative)
    dated = bool(re.match(r"\d{4}", published))
    events: dict[tuple[tuple[int, str], int, int, int], TimelineEvent] = {}
    context: tuple[int, int, int] | None = None  # (year, month, paragraph) of the last dated narrative
    for s in sentences:
        if not _MAY_HOLD_DATE.search(s.text) or is_page_furniture(s.text):
            continue
        found = _event_dates(s.text)
        for n, f in enumerate(found):
            year = f.year
            if year is not None and f.month is not None:
                context = (year, f.month, s.paragraph)
            elif year is None and f.month is not None:
                # The article's own year when its date is known; in an undated article the year
                # of a month-dated passage just before that the story moves on from ("During May
                # 2015 … On 31 May … On 2 June"), else the present the text fixes, else none (the
                # date stays partial). "April 1" after "September 2013" is no narrative of 2013.
                near = (
                    not dated
                    and context is not None
                    and s.paragraph - context[2] <= CONTEXT_PARAGRAPHS
                    and f.month >= context[1]
                )
                year = context[0] if near and context is not None else present
                if near and context is not None:
                    context = (context[0], f.month, s.paragraph)
            date = _iso(year, f.month, f.day)
            if not date:
                continue
            others = [g.start for g in found if g is not f]
            text = _capital(_description(s.text, f.start, f.end, alone=not others, others=others))
            events[(order(date), s.paragraph, s.index, n)] = TimelineEvent(
                date=date, text=text, refs=(Ref(s.paragraph, s.index),)
            )
    for s, offset, year in relative:
        if is_page_furniture(s.text):
            continue
        key = (order(f"{year:04d}"), s.paragraph, s.index, -1)
        if any(k[0] == key[0] and k[1:3] == key[1:3] for k in events):
            continue
        events[key] = TimelineEvent(
            date=f"{year:04d}",
            text=_capital(
                _description(s.text, offset, offset + 1, alone=False, others=[f.start for f in _event_dates(s.text)])
            ),
            refs=(Ref(s.paragraph, s.index),),
        )
    ordered = sorted(events.items(), key=lambda item: item[0])
    unique: dict[str, TimelineEvent] = {}
    for _, event in ordered:  # one sentence, one entry per distinct text (its earliest date)
        unique.setdefault(event.text, event)
    return tuple(_merge_same_sentence_month(unique.values()))[:limit]


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
    return sorted(kept, key=lambda e: order(e.date))
