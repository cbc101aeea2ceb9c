"""Checks that a brief's timeline, key figures and actors say what the article says: the figures
benchmarks/quality.py prints beside placement and coverage (issue 15).

The checks read the article, never the summariser's internals, so they judge the extractors
rather than repeat them:
- **timeline**: each entry's date against the dates its own sentence states ("24 December 2014"),
  or implies from the article's date ("on 18 August", "last year", "this month"); entries that are
  fragments (opening mid-clause, or cut without an ellipsis), that repeat another entry, or that
  come from a photo caption or credit.
- **figures**: each key figure has a subject (what it counts, not a bare unit such as "percent",
  "USD" or "islands within"), a unit that fits its value, and no number that only names a thing
  ("20-point plan").
- **actors**: recall of the people and organisations a gold file names, with role filled where
  the gold gives one, and no placeholder roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportgen.model import Article, Brief, Fact, Ref, TimelineEvent
from reportgen.summarise.clauses import OPENING_SUBORDINATORS
from reportgen.summarise.sentences import split_article

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FORMS = [
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,\s*{_YEAR}\b)?", re.I),
    re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I),
    re.compile(rf"\b(?:in|during|since|until|by|early|late|mid-?)\s+{_MONTH}\b(?!\s+\d)", re.I),
    re.compile(rf"(?<![\w-]){_YEAR}(?![\w-])"),
]
_RELATIVE = {"last year": -1, "this year": 0, "next year": 1, "previous year": -1}
_RELATIVE_MONTH = {"last month": -1, "this month": 0, "next month": 1}
#: A year given as when something was said or estimated, not when the event happened.
_SAID_IN = re.compile(
    r"\b(?:said|estimated|reported|announced|wrote|noted|told|claimed|assessed|concluded|calculated|found)"
    r"\s+(?:\w+\s+){0,3}?in\s+(1[89]\d\d|20\d\d)\b",
    re.I,
)
_YEARS_LATER = re.compile(r"\b(?:\w+|\d+)\s+years?\s+(?:later|after|earlier|before)\b", re.I)
#: Words that open a clause that cannot stand alone.
_DEPENDENT_OPENERS = {
    "and",
    "but",
    "or",
    "nor",
    "so",
    "yet",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "whereas",
    "while",
    "although",
    "though",
    "because",
    "than",
    "accounting",
    "nearly",
    "including",
    "representing",
}
_ALLOWED_LOWER_OPENERS = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "its", "his", "her", "their", "this"}
_CAPTION = re.compile(
    r"\((?:see|pictured|photo|map|file)\b[^)]*\)|\b(?:satellite\s+)?(?:image|photo|photograph|picture)\s+"
    r"(?:taken|provided|released|shows|showing)\b|\bCredit(?:Credit)?\b|\b(?:AP|AFP|Reuters|Getty Images|EPA)"
    r"\s*(?:Photo|/|via)|\bDigitalGlobe\b",
    re.I,
)
_BARE_UNITS = {"percent", "per cent", "%", "usd", "eur", "gbp", "jpy", "inr", "pkr/inr", "money", "percentage points"}
_PREPOSITIONS = {"in", "on", "at", "within", "near", "across", "over", "under", "from", "to", "by", "with", "into"}
_COMPOUND = re.compile(r"^\d[\d,.]*-[a-z]+$", re.I)
_CLAUSE_BOUNDARY = re.compile(r",\s+|;\s+|\s+and\s+|\s+while\s+")
_CLAUSE_END = re.compile(r"(?:[,;]|\s(?:and|but|while))\s+$")
#: A verb that makes a run of words a statement: a form of be/have, or a past tense.
_STATEMENT = re.compile(r"\b(?:is|are|was|were|has|have|had|will|did|began|took|won|lost|met|led)\b|\b[a-z]{3,}ed\b")
PLACEHOLDER_ROLES = {"subject of the article", "main outside actor"}


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@dataclass(frozen=True)
class Stated:
    """What one sentence says about dates: explicit ISO dates, yearless (month, day) mentions,
    years reached by "last year" / "this month" (given the article's date), and whether the
    sentence reaches a year by "seven years later" (which the check cannot resolve alone)."""

    explicit: frozenset[str]
    yearless: frozenset[tuple[int, int | None]]
    relative: frozenset[str]
    counts_years: bool


@dataclass(frozen=True)
class Mention:
    """One date written in a text, at offset `start`: an ISO date ("2014", "2014-12-24") when it
    has a year, else the (month, day) it names."""

    start: int
    iso: str
    yearless: tuple[int, int | None] | None


def mentions(text: str) -> list[Mention]:
    """The dates written in `text`, in the order they stand."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for form in _FORMS:
        for m in form.finditer(text):
            if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
                continue
            groups = m.groupdict()
            month_word = (groups.get("month") or "").lower()
            month = next((i for i, name in enumerate(MONTHS, 1) if name.startswith(month_word[:3])), None)
            month = month if month_word else None  # a bare year names no month
            if month_word == "may" and not (groups.get("day") or groups.get("year")):
                continue
            day = int(groups["day"]) if groups.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            taken.append((m.start(), m.end()))
            year = groups.get("year")
            if year:
                parts = [year] + ([f"{month:02d}"] if month else []) + ([f"{day:02d}"] if month and day else [])
                found.append(Mention(m.start(), "-".join(parts), None))
            elif month:
                found.append(Mention(m.start(), "", (month, day)))
    return sorted(found, key=lambda mention: mention.start)


def stated_dates(sentence: str, published: str = "") -> Stated:
    """The dates `sentence` states, and those it implies from the article's date `published`."""
    found = mentions(sentence)
    explicit = {m.iso for m in found if m.iso}
    yearless = {m.yearless for m in found if m.yearless}
    said = {m.group(1) for m in _SAID_IN.finditer(sentence)}
    if said and any(e[:4] not in said for e in explicit):
        explicit = {e for e in explicit if e[:4] not in said}
    relative: set[str] = set()
    if re.match(r"\d{4}", published):
        year = int(published[:4])
        lower = sentence.lower()
        relative |= {str(year + delta) for phrase, delta in _RELATIVE.items() if phrase in lower}
        if re.match(r"\d{4}-\d{2}", published):
            month = int(published[5:7])
            for phrase, delta in _RELATIVE_MONTH.items():
                if phrase in lower:
                    index = year * 12 + month - 1 + delta
                    relative.add(f"{index // 12:04d}-{index % 12 + 1:02d}")
    return Stated(frozenset(explicit), frozenset(yearless), frozenset(relative), bool(_YEARS_LATER.search(sentence)))


@dataclass
class TimelineCheck:
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    partial: int = 0  # kept without a year where the article's date would have given one
    unchecked: int = 0  # reached by "N years later", or a yearless date in an undated article
    fragments: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    @property
    def entries(self) -> int:
        return self.right + len(self.wrong) + self.partial + self.unchecked


def _iso_parts(date: str) -> tuple[int, int | None, int | None] | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
    if not m:
        return None
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def _running_year(paragraphs: Sequence[str], paragraph: int) -> int | None:
    """The year of the last month-dated mention up to the end of `paragraph` ("May 2015"): the
    running year of a narrative, the only context an undated article gives a bare "31 May"."""
    for text in reversed(paragraphs[: paragraph + 1]):
        dated = [d for d in stated_dates(text).explicit if len(d) > 4]
        if dated:
            return max(int(d[:4]) for d in dated)
    return None


def judge_date(event: TimelineEvent, sentence: str, published: str, paragraphs: Sequence[str], paragraph: int) -> str:
    """ "right", "wrong", "partial" or "unchecked" for one entry's date against its sentence."""
    stated = stated_dates(sentence, published)
    parts = _iso_parts(event.date)
    if parts is None:  # a partial date, as written ("18 August")
        return "partial" if re.match(r"\d{4}", published) else "right"
    year, month, day = parts
    if any(e == event.date or e.startswith(event.date + "-") for e in stated.explicit | stated.relative):
        return "right"
    if month is not None:
        for m, d in stated.yearless:
            if m != month or (d is not None and d != day) or (d is None and day is not None):
                continue
            if re.match(r"\d{4}", published):
                pub_year = int(published[:4])
                pub_month = int(published[5:7]) if re.match(r"\d{4}-\d{2}", published) else 12
                expected = {pub_year} if month <= pub_month + 1 else {pub_year, pub_year - 1}
                return "right" if year in expected else "wrong"
            return "right" if year == _running_year(paragraphs, paragraph) else "unchecked"
    if stated.counts_years:
        return "unchecked"
    return "wrong"


def _fits(mention: Mention, date: str) -> bool:
    """`mention` names `date` or a date nested with it ("March 2015" and "2015-03-31")."""
    if mention.iso:
        return mention.iso.startswith(date) or date.startswith(mention.iso)
    parts = _iso_parts(date)
    month, day = mention.yearless or (0, None)
    if parts is None:  # a partial date as written: "18 August"
        return MONTHS[month - 1] in date.lower() and (day is None or str(day) in date.split())
    return parts[1] == month and (day is None or parts[2] in (None, day))


def earlier_date(event: TimelineEvent) -> str:
    """A date the entry's text states in a statement before its own date's clause, or "": a row
    for 2017 that opens "Zarb-i-Azb was launched in 2014 by …, Raddul Fasaad was launched in
    2017" tells of 2014 first. A date in a clause with no verb ("In 2006 and 2009, …") is no
    statement of its own."""
    found = mentions(event.text)
    own = next((m for m in found if _fits(m, event.date)), None)
    if own is None:
        return ""
    clause = max((b.end() for b in _CLAUSE_BOUNDARY.finditer(event.text, 0, own.start)), default=0)
    for m in found:
        if m.start < clause and not _fits(m, event.date) and _STATEMENT.search(event.text[:clause]):
            return m.iso or event.text[m.start :].split(",")[0]
    return ""


def _after_statement(head: str) -> bool:
    """`head` is a statement ended at a clause boundary, so what follows it is a clause of its own:
    "JeM and LeT were involved in the 2001 attack, and | more recently, LeT was behind…"."""
    return bool(_CLAUSE_END.search(head)) and bool(_STATEMENT.search(head))


def is_fragment(text: str, source: str = "") -> bool:
    """An entry that opens mid-clause ("And unveiled a…", "Who held power…", a lower-case word
    the source has mid-sentence other than at the start of a clause after a statement) or stops
    without the sentence's end or an ellipsis."""
    stripped = text.strip().lstrip("“\"‘'(")
    if not stripped:
        return True
    if source and _norm(text) == _norm(source):
        return False  # the article's whole sentence, however it opens
    first = stripped.split()[0].strip(",;:").lower()
    if not (stripped[0].isupper() or stripped[0].isdigit()) or first in _DEPENDENT_OPENERS:
        return True
    if source and first not in _ALLOWED_LOWER_OPENERS:
        opening = " ".join(stripped.split()[:3])
        at = source.find(opening[:1].lower() + opening[1:])
        if at > 0 and source.find(opening) != 0 and not _after_statement(source[:at]):
            return True  # the source has it lower-case mid-sentence: a clause cut from its head
    end = text.rstrip().rstrip("”\"’')]")
    if first in OPENING_SUBORDINATORS and end.endswith("…") and "," not in end:
        return True  # "After rebels staged an uprising in 2003 …": the main clause is cut off
    return not end.endswith((".", "!", "?", "…"))


def is_caption(text: str) -> bool:
    """A photo caption, credit or "(see map)" aside."""
    return bool(_CAPTION.search(text))


def _sentences(article: Article) -> dict[tuple[int, int], str]:
    return {(s.paragraph, s.index): s.text for row in split_article(article) for s in row}


def bullet_texts(brief: Brief) -> list[str]:
    """Every bullet-like line of the brief: key points, section bullets, the assessment."""
    return (
        [b.text for b in brief.key_points]
        + [b.text for s in brief.sections for b in s.bullets]
        + [b.text for b in brief.assessment]
    )


def check_timeline(brief: Brief, article: Article, published: str = "") -> TimelineCheck:
    """Each timeline entry against its own sentence; `published` is the article's true date
    ("2015-03-18", "2015", or "" when not known), which may be more than the brief was given."""
    sentences = _sentences(article)
    paragraphs = [p.text for p in article.paragraphs]
    out = TimelineCheck()
    seen: set[str] = set()
    for event in brief.timeline:
        ref = event.refs[0] if event.refs else None
        source = sentences.get((ref.paragraph, ref.sentence), "") if ref else ""
        verdict = judge_date(event, source, published, paragraphs, ref.paragraph if ref else 0)
        if earlier_date(event):
            verdict = "wrong"
        if verdict == "right":
            out.right += 1
        elif verdict == "wrong":
            out.wrong.append(f"{event.date} | {event.text}")
        elif verdict == "partial":
            out.partial += 1
        else:
            out.unchecked += 1
        if is_fragment(event.text, source):
            out.fragments.append(event.text)
        key = _norm(event.text)
        if key in seen:
            out.duplicates.append(event.text)
        seen.add(key)
        if is_caption(source):
            out.captions.append(event.text)
    return out


def repeated_lines(brief: Brief) -> list[str]:
    """Lines said twice in one document: a bullet, key point or assessment line repeated word for
    word elsewhere in those lists."""
    seen: set[str] = set()
    repeated = []
    for text in bullet_texts(brief):
        key = _norm(text)
        if key in seen:
            repeated.append(text)
        seen.add(key)
    return repeated


def caption_lines(brief: Brief, article: Article) -> list[str]:
    """Bullets, key points and facts whose source sentence is a caption or credit."""
    sentences = _sentences(article)
    lines = list(brief.key_points) + [b for s in brief.sections for b in s.bullets] + list(brief.assessment)

    def captioned(refs: Sequence[Ref]) -> bool:
        return any(is_caption(sentences.get((r.paragraph, r.sentence), "")) for r in refs)

    return [b.text for b in lines if captioned(b.refs)] + [f.text for f in brief.facts if captioned(f.refs)]


def caption_of(fact: Fact) -> str:
    """What a reader sees beside the figure: its unit (unless the value or caption already says
    it, or it is a currency code or "percent") and what it counts, as the built-in packs show it."""
    said = f"{fact.value} {fact.counts}".lower()
    unit = fact.unit if fact.unit and fact.unit.lower() not in said and fact.unit.lower() not in _BARE_UNITS else ""
    return " ".join(part for part in (unit, fact.counts) if part)


def figure_problem(fact: Fact, sentence: str = "") -> str:
    """Why a key figure cannot be trusted as shown, or "": "name" (a number in a name, "20-point"),
    "unit" (a sum without a currency, a share without "percent"), "no subject" (nothing said of
    what it counts, or only a bare unit, a place or a dangling preposition), "scope" (a year taken
    from another clause of the sentence)."""
    if _COMPOUND.match(fact.value.strip()):
        return "name"
    value = fact.value.lower()
    money = bool(re.search(r"[$€£¥₹]|\b(?:usd|eur|rs)\b", value))
    share = bool(re.search(r"%|percent|per cent", value))
    unit = fact.unit.lower()
    shares = {"percent", "per cent", "%", "percentage points"}
    if (money and unit not in _BARE_UNITS - shares) or (share and unit not in shares):
        return "unit"
    words = _norm(caption_of(fact)).split()
    if not words or " ".join(words) in _BARE_UNITS or words[-1] in _PREPOSITIONS:
        return "no subject"
    if words[0] in _PREPOSITIONS and not (money or share):
        return "no subject"  # a count shown only with where or when: "9 – in Turkey"
    for year in re.findall(r"\b(?:1[89]|20)\d\d\b", fact.counts):
        if sentence and _nearest_year(sentence, fact.value) != year:
            return "scope"
    return ""


def _nearest_year(sentence: str, value: str) -> str:
    """The year (or "first half of 2020"-style period) written closest to the figure in its sentence."""
    at = sentence.find(value)
    years = [(abs(m.start() - at), m.group(1)) for m in re.finditer(r"\b((?:1[89]|20)\d\d)\b", sentence)]
    return min(years)[1] if years and at >= 0 else ""


@dataclass
class FigureCheck:
    total: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def good(self) -> int:
        return self.total - len(self.problems)


def check_figures(brief: Brief, article: Article, shown: int = 6) -> FigureCheck:
    """The first `shown` key facts (those a pack promotes as key figures)."""
    sentences = _sentences(article)
    out = FigureCheck()
    for fact in brief.facts[:shown]:
        out.total += 1
        ref = fact.refs[0] if fact.refs else None
        problem = figure_problem(fact, sentences.get((ref.paragraph, ref.sentence), "") if ref else "")
        if problem:
            out.problems.append(f"{problem}: {fact.value} – {caption_of(fact)}")
    return out


@dataclass
class ActorCheck:
    found: int = 0
    total: int = 0
    roles: int = 0  # gold people with a role hint whose row has a matching role
    role_total: int = 0
    placeholders: int = 0
    missing: list[str] = field(default_factory=list)


def _matches(alias: str, name: str) -> bool:
    a, n = _norm(alias), _norm(name)
    return bool(a) and (a == n or f" {a} " in f" {n} ")


def check_actors(brief: Brief, gold: Sequence[dict[str, object]]) -> ActorCheck:
    """`gold`: [{"names": ["Habib Essid"], "role": ["prime minister"]}, …]; a gold actor is found
    when one of its names stands in an actor row's name (word for word)."""
    out = ActorCheck(placeholders=sum(a.role.lower() in PLACEHOLDER_ROLES for a in brief.actors))
    for entry in gold:
        names = entry.get("names")
        assert isinstance(names, list)
        out.total += 1
        row = next((a for a in brief.actors if any(_matches(str(n), a.name) for n in names)), None)
        if row is None:
            out.missing.append(str(names[0]))
            continue
        out.found += 1
        role = entry.get("role") or []
        assert isinstance(role, list)
        if role:
            out.role_total += 1
            described = f"{row.role} {row.affiliation}"
            out.roles += all(_matches(str(phrase), described) for phrase in role)
    return out
