"""Key facts: each figure in the article with its unit, what it counts, and where it stands.

Figures are what a five-minute reader remembers ("1,524 fatalities in 2023", "$1.9 billion").
Found by pattern (money, percentages, counted nouns), never generated, so every fact is a verbatim
clause of its sentence and carries its ref; ordered by how salient its sentence is (the key-point
model), so the figures a brief promotes are those the article turns on. Each figure carries what it
counts, from its own sentence; a sum or share whose subject cannot be found is left out rather than
shown as a bare "USD" or "percent". Years, dates, page numbers and numbers inside names ("20-point
plan", "G20", "F-16 jets") are not figures: the timeline owns dates, and a name counts nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.model import Fact, Ref
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.states import places_in

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|m|k)\b)?"
_CURRENCY = r"(?:US\$|\$|€|£|¥|₹|Rs\.?\s?|USD\s?|EUR\s?)"
_QUALIFIER = r"(?:(?:about|around|approximately|nearly|almost|over|more than|less than|at least|up to|some|roughly)\s)?"
_MONEY = re.compile(rf"{_QUALIFIER}{_CURRENCY}(?:{_NUMBER}){_SCALE}")
_PERCENT = re.compile(rf"{_QUALIFIER}(?:{_NUMBER})\s?(?:%|percent\b|per cent\b|percentage points?\b)")
#: A number written into a name: after a letter ("G20", "F-16") or joined to a word ("20-point").
_NAME_BEFORE = re.compile(r"[A-Za-z]-?$")
_NAME_AFTER = re.compile(r"-?[A-Za-z]")
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
_MEASURE_OF = {"money": ("in", "on", "for", "of", "to"), "percent": ("of",)}
#: "raised spending by $300 billion", "a payment of up to a $1 billion": the noun a sum changes or is.
_NOUN_BEFORE = re.compile(r"\b([a-z][a-z-]+)\s+(?:by|of)\s+(?:(?:up to|as much as|an?|another|additional|extra)\s+)*$")
#: Where a subject's noun phrase ends: "the Alibaba shares being left behind … are worth …".
_SUBJECT_END = {"being", "that", "which", "who", "whose", "whom"}
#: "-ing" words that introduce rather than act: "including 17 foreigners".
_NOT_ACTING = {"including", "excluding", "according", "following", "during", "regarding", "concerning"}
#: Participles English does not form by "-ed": "taking 40 hostages" → "hostages taken".
_IRREGULAR = {
    "taking": "taken", "holding": "held", "leaving": "left", "bringing": "brought", "sending": "sent",
    "putting": "put", "hitting": "hit", "making": "made", "losing": "lost", "selling": "sold",
    "buying": "bought", "building": "built", "paying": "paid", "keeping": "kept", "getting": "got",
    "giving": "given", "seeing": "seen", "finding": "found", "winning": "won", "shooting": "shot",
    "fighting": "fought", "cutting": "cut", "setting": "set", "spending": "spent", "feeding": "fed",
}  # fmt: skip
MAX_UNIT_WORDS = 3


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: str
    unit: str
    kind: str  # money, percent or count


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


def _with_coordinate(text: str, end: int, unit: str) -> str:
    """The counted noun with a second one "and" joins to it: "789 terror attacks and counter-terror
    operations" counts both, and a caption of "terror attacks" alone would misstate it. Only a
    plural noun phrase is joined; a figure after "and" starts a figure of its own ("1,524
    fatalities and 1,463 injuries"), and a verb starts a new statement ("…people and injured 30")."""
    words = len(unit.split())
    match = re.match(rf"\s*((?:\S+\s+){{{words}}})and\s+", text[end:])
    if not match or match.group(1).rstrip()[-1] in ",;:.)":  # "5 tanks, and…" lists on
        return unit
    more = _unit_after(text, end + match.end()).split()
    if not more or not more[-1].endswith("s") or any(w.endswith(("ed", "ing")) for w in more):
        return unit
    return f"{unit} and {' '.join(more)}"


def _name_after(text: str, end: int) -> str:
    """A capitalised name right after a sum: "The $1,000 Meta Quest Pro" (what it is the price of)."""
    match = re.match(r"\s+((?:[A-Z][\w'’-]*\s?){1,5})", text[end:])
    return match.group(1).strip() if match else ""


def _subject(clause: str, start: int) -> str:
    """The clause's opening noun phrase, up to its verb: "the Zarb-e-Azb operation" (cost…)."""
    head = clause[:start]
    verb = _VERB.search(head)
    phrase = head[: verb.start()] if verb else ""
    phrase = _LEADING.sub("", phrase.strip())
    words = phrase.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _SUBJECT_END), len(words))
    words = words[:cut]
    phrase = " ".join(words)
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

    for pattern, kind in ((_MONEY, "money"), (_PERCENT, "percent"), (_COUNT, "count")):
        for m in pattern.finditer(text):
            a, b = m.start(), m.end()
            value = m.group(0).strip()
            if not free(a, b) or _NAME_BEFORE.search(text[:a]) or _NAME_AFTER.match(text, b):
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
                unit = _with_coordinate(text, b, unit)
            elif kind == "money":
                unit = _currency(value)
            else:
                unit = "percent"
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
        noun = (_unit_after(clause, end) or _name_after(clause, end)) if hit.kind == "money" else ""
        noun = "" if noun.split(" ")[0].endswith(("able", "ible")) else noun  # "$15 million payable to…"
        before = _NOUN_BEFORE.search(clause[:start]) if hit.kind == "money" else None
        changed = before.group(1) if before and not before.group(1).endswith("ed") else ""
        return (
            noun
            or _phrase_after(clause, end, _MEASURE_OF[hit.kind])
            or changed
            or (_subject(clause, start) if start else "")
        )
    year = re.search(r"\b(?:in|during|since|for)\s+((?:1[89]|20)\d\d)\b", sentence, re.I)
    scope = [_done_to(clause, hit.value), _place(clause) or _place(sentence)]
    scope += [f"in {year.group(1)}"] if year else []
    return " ".join(part for part in scope if part)


def _done_to(clause: str, value: str) -> str:
    """What happened to what the figure counts, where the clause says it with a verb right before
    the figure: "killing more than 200 people" → "killed", "taking 40 hostages" → "taken"."""
    at = clause.find(value)
    verb = re.search(r"\b([a-z]{3,}ing)\s+$", clause[: max(at, 0)])
    if not verb or verb.group(1) in _NOT_ACTING:
        return ""
    word = verb.group(1)
    return _IRREGULAR.get(word) or word[:-3] + "ed"


def _place(text: str) -> str:
    """Where `text` places events: its first state named as a place ("in Tunisia"), with the next
    one where the text joins them ("in Kenya and Tanzania"); "" if it names none."""
    places = list(dict.fromkeys(places_in(text)))
    if not places:
        return ""
    if len(places) > 1 and f"{places[0]} and {places[1]}" in text:
        return f"in {places[0]} and {places[1]}"
    return f"in {places[0]}"


def extract_facts(
    sentences: list[Sentence], limit: int = 12, salience: Sequence[float] | None = None
) -> tuple[Fact, ...]:
    """At most `limit` figures, each once (the first mention wins), the ones a reader must take
    away first, so a pack's "key figures" (the first few) are the article's key figures.

    Importance is the salience of the figure's sentence (the key-point model's score, one per
    sentence). Without scores, figures keep article order. A sum or share with nothing said of what
    it is ("$28 billion" alone) is not a key figure: a reader cannot use it."""
    found: list[tuple[Fact, bool, float, int]] = []
    seen: set[str] = set()
    for k, sentence in enumerate(sentences):
        for n, hit in enumerate(_hits(sentence.text)):
            key = re.sub(r"\W", "", hit.value.lower()) + "|" + hit.unit
            if key in seen:
                continue
            seen.add(key)
            clause = _clause(sentence.text, hit.start, hit.end)
            counts = _counts(sentence.text, clause, hit)
            if hit.kind != "count" and not counts:
                continue
            fact = Fact(
                text=clause,
                value=hit.value,
                unit=hit.unit,
                counts=counts,
                refs=(Ref(sentence.paragraph, sentence.index),),
            )
            score = salience[k] if salience else 0.0
            found.append((fact, n > 0 and salience is not None, -score, len(found)))
    found.sort(key=lambda row: row[1:])
    return tuple(row[0] for row in found[:limit])
