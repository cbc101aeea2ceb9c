"""Key facts: each figure in the article with its unit, what it counts, and where it stands.

Figures are what a five-minute reader remembers ("1,524 fatalities in 2023", "$1.9 billion").
Found by pattern (money, percentages, counted nouns, "20-point" compounds), never generated, so
every fact is a verbatim clause of its sentence and carries its ref; ordered by how salient its
sentence is (the key-point model), so the figures a brief promotes are those the article turns on.
Years, dates and page numbers are not figures: the timeline owns dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.model import Fact, Ref
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.states import names_in

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|m|k)\b)?"
_CURRENCY = r"(?:US\$|\$|€|£|¥|₹|Rs\.?\s?|USD\s?|EUR\s?)"
_QUALIFIER = r"(?:(?:about|around|approximately|nearly|almost|over|more than|less than|at least|up to|some|roughly)\s)?"
_MONEY = re.compile(rf"{_QUALIFIER}{_CURRENCY}(?:{_NUMBER}){_SCALE}")
_PERCENT = re.compile(rf"{_QUALIFIER}(?:{_NUMBER})\s?(?:%|percent\b|per cent\b|percentage points?\b)")
_COMPOUND = re.compile(
    rf"\b(?:{_NUMBER})-(?:point|member|nation|country|party|seat|mile|kilometre|kilometer|storey|story)\b"
)
_DURATION = set(
    [
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "second",
        "seconds",
    ]
)
_VERB = re.compile(
    r"\s(?:is|are|was|were|has|have|had|will|would|could|may|might|stands?|reached|rose|fell|accounted|expanded|grew)\b"
)
_LEADING = re.compile(
    r"^(?:and|but|so|yet|for instance|for example|in fact|however|given that|while|when|because|as|if|although|"
    r"though|since|whereas)\s+",
    re.I,
)
_PRONOUN = {"he", "she", "it", "they", "that", "this", "these", "those", "we", "i", "you", "there", "which", "who"}
_CURRENCIES = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "PKR/INR",
}
_COUNT = re.compile(rf"{_QUALIFIER}\b(?:{_NUMBER}){_SCALE}(?=\s+[a-z])")
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_DIGIT = re.compile(r"\d")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_NEAR = re.compile(rf"^\s*(?:{_MONTHS})\b|(?:{_MONTHS})\.?\s*$", re.I)
_CLAUSE_SPLIT = re.compile(r",\s+|;\s+|\s+—\s+|\s+–\s+|:\s+")
_UNIT_WORD = re.compile(r"[a-z][a-z-]*")
_UNIT_STOP = {
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "and",
    "or",
    "than",
    "per",
    "a",
    "an",
    "the",
    "which",
    "that",
    "who",
    "was",
    "were",
    "is",
    "are",
    "have",
    "has",
    "had",
    "will",
    "would",
    "into",
    # places, times and degrees: "11 villages near Ayn Issa", "$300 billion over two years"
    "near", "within", "across", "over", "under", "between", "among", "after", "before", "during",
    "since", "until", "against", "about", "around", "inside", "outside", "through", "without",
    "along", "beyond", "via", "next", "last", "this", "each", "every", "annually", "a-year",
}  # fmt: skip
#: Prepositions that introduce what a sum or a share is of or for: "$10 billion in cash",
#: "15 percent of its gross domestic product", "$1 trillion on infrastructure".
_MEASURE_OF = {"money": ("in", "on", "for", "of"), "percent": ("of",)}
MAX_UNIT_WORDS = 3


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: str
    unit: str
    kind: str  # money, percent, compound ("20-point") or count


def _unit_after(text: str, end: int, participles: bool = False) -> str:
    """Up to three lower-case words after the figure, stopping at a function word: "terror attacks".
    A participle after the first word starts a new phrase ("injuries resulting from…") unless
    `participles` (after "of", "spending" is the noun: "of government spending")."""
    words: list[str] = []
    for token in text[end:].split()[: MAX_UNIT_WORDS + 1]:
        word = token.strip(".,;:()“”\"'’")
        if not _UNIT_WORD.fullmatch(word) or word in _UNIT_STOP:
            break
        if words and word.endswith(("ing", "ed")) and not participles:
            break  # "injuries resulting from…": the participle starts a new phrase
        words.append(word)
        if token[-1:] in ",;:.)":
            break
    return " ".join(words[:MAX_UNIT_WORDS])


def _name_after(text: str, end: int) -> str:
    """A capitalised name right after a compound figure: "20-point National Action Plan"."""
    match = re.match(r"\s+((?:[A-Z][\w'’-]*\s?){1,5})", text[end:])
    return match.group(1).strip() if match else ""


def _subject(clause: str, start: int) -> str:
    """The clause's opening noun phrase, up to its verb: "the Zarb-e-Azb operation" (cost…)."""
    head = clause[:start]
    verb = _VERB.search(head)
    phrase = head[: verb.start()] if verb else ""
    phrase = _LEADING.sub("", phrase.strip())
    words = phrase.split()
    if not words or len(words) > 8 or words[0].lower() in _PRONOUN or words[-1].lower() in {"the", "a", "an"}:
        return ""
    return phrase


def _phrase_after(text: str, end: int, prepositions: tuple[str, ...]) -> str:
    """ "of its gross domestic product": one of `prepositions` right after the figure and the
    lower-case noun phrase it introduces (articles and possessives kept), up to four words."""
    match = re.match(rf"\s+({'|'.join(prepositions)})\s+((?:(?:the|a|an|its|their|his|her)\s+)?)", text[end:])
    if not match:
        return ""
    words = _unit_after(text, end + match.end(), participles=True)
    return f"{match.group(1)} {match.group(2)}{words}" if words else ""


def _named_number(text: str, start: int) -> bool:
    """A number that is part of a name ("Brigade 93", "Route 66"): right after a capitalised word
    that does not open the sentence."""
    before = text[:start].split()
    return len(before) >= 2 and before[-1][:1].isupper() and before[-1].isalpha()


def _currency(value: str) -> str:
    for symbol, code in _CURRENCIES.items():
        if symbol in value:
            return code
    return "money"


def _hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    if not _DIGIT.search(text):
        return hits  # every pattern needs a figure; most sentences have none
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for pattern, kind in ((_MONEY, "money"), (_PERCENT, "percent"), (_COMPOUND, "compound"), (_COUNT, "count")):
        for m in pattern.finditer(text):
            a, b = m.start(), m.end()
            value = m.group(0).strip()
            if not free(a, b):
                continue
            if kind == "count":
                digits = re.sub(r"^\D+", "", value)
                if (
                    _YEAR.match(digits)
                    or _DATE_NEAR.search(text[max(0, a - 12) : a])
                    or _DATE_NEAR.search(text[b : b + 12])
                    or (value[:1].isdigit() and _named_number(text, a))
                ):
                    continue
                unit = _unit_after(text, b)
                if not unit or unit.split()[0] in _DURATION:
                    continue
            elif kind == "money":
                unit = _currency(value)
            elif kind == "percent":
                unit = "percent"
            else:
                unit = _name_after(text, b) or _unit_after(text, b) or value.split("-", 1)[1]
            taken.append((a, b))
            hits.append(_Hit(a, b, value, unit, kind))
    return sorted(hits, key=lambda h: h.start)


def _clause(text: str, start: int, end: int) -> str:
    """The comma/semicolon-delimited clause that holds [start, end), as a verbatim span."""
    left = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            return text[left : m.start()].strip()
    return text[left:].strip().rstrip(".")


def _counts(sentence: str, clause: str, hit: _Hit) -> str:
    """What the figure counts. For a counted noun the unit says what ("fatalities") and this says
    where and when ("in Pakistan in 2023"), so figures of one scope can be compared side by side;
    for money and shares, what they are of or for ("in cash", "of its budget", "the deficit")."""
    if hit.kind in ("percent", "money"):
        start = clause.find(hit.value)
        if start < 0:
            return ""
        end = start + len(hit.value)
        # What the sum or share is of: the noun after it ("$4.8 billion sale"), the phrase after it
        # ("in cash", "of its gross domestic product"), else the clause's subject ("the deficit").
        noun = _unit_after(clause, end) if hit.kind == "money" else ""
        return noun or _phrase_after(clause, end, _MEASURE_OF[hit.kind]) or (_subject(clause, start) if start else "")
    year = re.search(r"\b(?:in|during|since|for)\s+((?:1[89]|20)\d\d)\b", sentence, re.I)
    places = names_in(sentence)
    scope = [f"in {places[0]}"] if places else []
    scope += [f"in {year.group(1)}"] if year else []
    return " ".join(scope)


def extract_facts(
    sentences: list[Sentence], limit: int = 12, salience: Sequence[float] | None = None
) -> tuple[Fact, ...]:
    """At most `limit` figures, each once (the first mention wins), the ones a reader must take
    away first, so a pack's "key figures" (the first few) are the article's key figures.

    Importance is the salience of the figure's sentence (the key-point model's score, one per
    sentence); a compound such as "20-point" names a thing rather than measuring it, so it comes
    after every measured figure. Without scores, figures keep article order."""
    found: list[tuple[Fact, bool, bool, float, int]] = []
    seen: set[str] = set()
    for k, sentence in enumerate(sentences):
        for n, hit in enumerate(_hits(sentence.text)):
            key = re.sub(r"\W", "", hit.value.lower()) + "|" + hit.unit
            if key in seen:
                continue
            seen.add(key)
            clause = _clause(sentence.text, hit.start, hit.end)
            fact = Fact(
                text=clause,
                value=hit.value,
                unit=hit.unit,
                counts=_counts(sentence.text, clause, hit),
                refs=(Ref(sentence.paragraph, sentence.index),),
            )
            score = salience[k] if salience else 0.0
            found.append((fact, hit.kind == "compound", n > 0 and salience is not None, -score, len(found)))
    found.sort(key=lambda row: row[1:])
    return tuple(row[0] for row in found[:limit])
