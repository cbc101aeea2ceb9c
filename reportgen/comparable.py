"""Key figures that can share one chart: figures of one kind and one unit.

A bar chart sets its bars against one axis, so every bar must measure the same thing: counts of
people ("1,524 fatalities", "1,463 injuries"), money in one currency, percentages, or counts of
one thing ("789 attacks", "312 attacks"). Deaths beside attacks, or dollars beside percent, on one
axis compare nothing; such figures stay in the key-figures list. The largest group of at least
`LEAST` such figures is charted (the first in fact order on a tie), else none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.model import Fact

LEAST = 3
#: Nouns that count people: figures in any of them share the axis "people".
PEOPLE = frozenset(
    [
        "people",
        "persons",
        "fatalities",
        "deaths",
        "dead",
        "casualties",
        "injuries",
        "injured",
        "wounded",
        "killed",
        "victims",
        "civilians",
        "soldiers",
        "troops",
        "fighters",
        "militants",
        "insurgents",
        "police",
        "officers",
        "refugees",
        "migrants",
        "children",
        "women",
        "men",
        "residents",
        "workers",
        "employees",
        "students",
        "patients",
        "voters",
        "members",
        "prisoners",
        "hostages",
    ]
)
_CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY", "rupee": "INR"}
_CODE = re.compile(r"^[A-Z]{3}(?:/[A-Z]{3})?$")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_AXIS = {"percent": "%", "percentage points": "percentage points", "people": "people"}
_SCALE_WORD = re.compile(r"\s?(thousand|million|billion|trillion|bn|m|k)\b", re.I)


@dataclass(frozen=True)
class Comparable:
    """Figures for one chart: its title (the scope they share, else their shared unit), the unit
    of its axis, and one (label, value) point per figure, labelled by what sets it apart from the
    others; the outline's `<point>` elements are written from these."""

    title: str
    unit: str
    points: tuple[tuple[str, float], ...]
    facts: tuple[Fact, ...]


def kind_of(fact: Fact) -> str:
    """The axis a figure measures: "money USD", "percent", "percentage points", "people", or
    "count attack" (the counted noun, singular); "" when the figure has no unit."""
    unit = fact.unit.strip()
    lower = unit.lower()
    if lower in ("percent", "per cent", "%") or (not unit and "%" in fact.value):
        return "percent"
    if lower.startswith("percentage point"):
        return "percentage points"
    if _CODE.match(unit):
        return f"money {unit}"
    currency = next((code for word, code in _CURRENCY_WORDS.items() if word in lower), "")
    if currency:
        return f"money {currency}"
    words = re.findall(r"[a-z]+", lower)
    if not words:
        return ""
    if words[-1] in PEOPLE:
        return "people"
    return "count " + re.sub(r"(?<=[^s])s$", "", words[-1])


def amount(fact: Fact) -> float | None:
    """The figure's value as a number ("$1.9 billion" -> 1.9e9, "1,524" -> 1524), else None."""
    m = _NUMBER.search(fact.value)
    if m is None:
        return None
    value = float(m.group().replace(",", ""))
    scale = _SCALE_WORD.match(fact.value, m.end())
    return value * _SCALE[scale.group(1).lower()] if scale else value


def comparable(facts: Sequence[Fact], least: int = LEAST) -> Comparable | None:
    """The largest group of at least `least` figures of one kind and unit, as a chart, else None."""
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        kind = kind_of(fact)
        if kind and amount(fact) is not None:
            groups.setdefault(kind, []).append(fact)
    best = max(groups.items(), key=lambda item: len(item[1]), default=None)  # first of the largest
    if best is None or len(best[1]) < least:
        return None
    kind, chosen = best
    units = {f.unit for f in chosen}
    scopes = {f.counts for f in chosen}
    by_unit = len(units) == len(chosen)  # "Fatalities", "Injuries"; else what each counts
    points = tuple((_capital(f.unit if by_unit else f.counts or f.unit), amount(f) or 0.0) for f in chosen)
    title = _capital(next(iter(scopes))) if len(scopes) == 1 else _capital(next(iter(units))) if len(units) == 1 else ""
    axis = kind.split(" ", 1)[1] if kind.startswith("money ") else _AXIS.get(kind, "")
    return Comparable(title=title, unit=axis, points=points, facts=tuple(chosen))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
