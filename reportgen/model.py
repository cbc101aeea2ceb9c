"""The two documents every stage agrees on: the Article a reader produces and the Brief a summariser produces.

Like pandoc's AST, the Brief is the one format-neutral tree between the summariser and every
renderer, so it is frozen, typed and versioned, and its JSON names are a public contract
(documented in docs/brief-schema.md): fields may be added, never renamed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from reportgen.errors import BriefFormatError
from reportgen.safe_loads import json_loads

#: Major.minor. A brief of another major version is refused; a newer minor is read (extra keys are
#: ignored), since minor versions only add fields.
SCHEMA_VERSION = "1.4"


@dataclass(frozen=True)
class Source:
    """Where the article came from, so every brief can be traced back to it."""

    title: str
    path: str = ""
    url: str = ""
    published: str = ""
    author: str = ""
    #: The publication or site ("The Washington Post"), from the page's metadata; "" unknown.
    publication: str = ""
    #: BCP 47 tag ("ar", "ur", "zh", "en-GB") from the file's metadata or a clear script; "" unknown.
    language: str = ""
    #: "rtl" or "ltr" for the body text, so renderers can set bidi paragraphs; "" means ltr.
    direction: str = ""


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph; `heading` is the author's sub-heading it stands under, if any."""

    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Article:
    """Clean text of one article: headings are kept apart from the paragraphs they govern."""

    title: str
    paragraphs: tuple[Paragraph, ...]
    source: Source
    #: What the reader changed or guessed (encoding, removed characters), one line each, for stderr.
    warnings: tuple[str, ...] = ()

    @property
    def headings(self) -> tuple[str, ...]:
        seen: list[str] = []
        for p in self.paragraphs:
            if p.heading and p.heading not in seen:
                seen.append(p.heading)
        return tuple(seen)


@dataclass(frozen=True)
class Ref:
    """A pointer into the article: 0-based paragraph and 0-based sentence within it."""

    paragraph: int
    sentence: int


#: The opening words a bullet's `referent` can stand for.
REFERRING_PRONOUNS = ("He", "She", "His", "Her")


@dataclass(frozen=True)
class Bullet:
    """A line of the brief. `text` is the article's words; `quote` is the full source sentence(s).

    `referent` (added in 1.4) names whom an opening "He"/"She"/"His"/"Her" stands for, where the
    article makes it plain ("Ajmi Lourimi", "Benjamin Netanyahu’s"); documents show it in square
    brackets after the pronoun (`shown`), and `text` stays the article's own words."""

    text: str
    refs: tuple[Ref, ...]
    quote: str = ""
    referent: str = ""

    @property
    def shown(self) -> str:
        """The line as documents show it: "He [Ajmi Lourimi] said…", the editor's square brackets
        marking the only words that are not the article's. The text as it stands when it no longer
        opens with that pronoun (a hand edit)."""
        first, _, rest = self.text.partition(" ")
        if not self.referent or first not in REFERRING_PRONOUNS or not rest:
            return self.text
        return f"{first} [{self.referent}] {rest}"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: tuple[int, ...]
    bullets: tuple[Bullet, ...]


@dataclass(frozen=True)
class Fact:
    """A figure with its unit and what it counts: "1,524" "fatalities" "in Pakistan in 2023".

    `text` is a short verbatim span of the source that carries the figure, for display.
    """

    text: str
    value: str
    unit: str = ""
    counts: str = ""
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class TimelineEvent:
    """`date` sorts as text: "2014", "2014-12", "2014-12-24"; `text` is a one-line description."""

    date: str
    text: str
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Actor:
    """`kind` is "person", "organisation", "group" or "state"."""

    name: str
    role: str = ""
    affiliation: str = ""
    refs: tuple[Ref, ...] = ()
    kind: str = ""


@dataclass(frozen=True)
class Provenance:
    """What `render` checks a (perhaps hand-edited) Brief against, without the article: how many
    body paragraphs it has, and a digest of the source sentence(s) of every line, keyed by the
    line's references ("4.0" or "4.0,4.1"). Added in 1.2; see reportgen.provenance."""

    paragraphs: int
    quotes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Brief:
    title: str
    key_points: tuple[Bullet, ...]
    sections: tuple[Section, ...]
    source: Source
    facts: tuple[Fact, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    actors: tuple[Actor, ...] = ()
    #: The author's own judgement (for the outlook), set apart from reported fact. Added in 1.1.
    assessment: tuple[Bullet, ...] = ()
    #: What the summariser saw, for telling an edited line from the article's own. Added in 1.2;
    #: None in older briefs, whose lines are then taken as they stand.
    provenance: Provenance | None = None
    schema_version: str = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Brief:
        try:
            data = json_loads(text)
        except json.JSONDecodeError as exc:
            raise BriefFormatError(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> Brief:
        if not isinstance(data, dict):
            raise BriefFormatError("the top level must be a JSON object")
        version = str(data.get("schema_version", ""))
        if version.split(".", maxsplit=1)[0] != SCHEMA_VERSION.split(".", maxsplit=1)[0]:
            raise BriefFormatError(
                f"schema_version {version or '(missing)'} is not supported; "
                f"this reportgen reads {SCHEMA_VERSION.split('.', maxsplit=1)[0]}.x"
            )
        try:
            return cls(
                title=str(data["title"]),
                key_points=tuple(_bullet(b) for b in data.get("key_points", [])),
                sections=tuple(
                    Section(
                        key=str(s["key"]),
                        title=str(s["title"]),
                        paragraphs=tuple(int(i) for i in s.get("paragraphs", [])),
                        bullets=tuple(_bullet(b) for b in s.get("bullets", [])),
                    )
                    for s in data.get("sections", [])
                ),
                source=_known(Source, data.get("source", {"title": data["title"]})),
                facts=tuple(_known(Fact, f, refs=_refs(f)) for f in data.get("facts", [])),
                timeline=tuple(_known(TimelineEvent, e, refs=_refs(e)) for e in data.get("timeline", [])),
                actors=tuple(_known(Actor, a, refs=_refs(a)) for a in data.get("actors", [])),
                assessment=tuple(_bullet(b) for b in data.get("assessment", [])),
                provenance=_provenance(data.get("provenance")),
                schema_version=version,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BriefFormatError(f"missing or malformed field: {exc}") from exc


def _provenance(obj: Any) -> Provenance | None:
    if obj is None:
        return None
    quotes = obj.get("quotes", {})
    if not isinstance(quotes, dict):
        raise TypeError("provenance.quotes must be an object")
    return Provenance(paragraphs=int(obj["paragraphs"]), quotes={str(k): str(v) for k, v in quotes.items()})


def _refs(obj: dict[str, Any]) -> tuple[Ref, ...]:
    return tuple(Ref(paragraph=int(r["paragraph"]), sentence=int(r["sentence"])) for r in obj.get("refs", []))


def _bullet(obj: dict[str, Any]) -> Bullet:
    return Bullet(
        text=str(obj["text"]), refs=_refs(obj), quote=str(obj.get("quote", "")), referent=str(obj.get("referent", ""))
    )


def _known(cls: type, obj: dict[str, Any], **override: Any) -> Any:
    """Build `cls` from the keys it knows, so briefs written by a newer minor version still load."""
    names = cls.__dataclass_fields__  # type: ignore[attr-defined]
    values = {k: v for k, v in obj.items() if k in names and k not in override}
    return cls(**values, **override)
