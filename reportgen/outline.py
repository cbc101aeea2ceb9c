"""The Outline: what an audience pack's templates render to, and what renderers consume.

Templates emit a small XML vocabulary (documented in `reportgen packs guide`). XML, rendered with Jinja's
autoescaping, is what keeps article text from ever injecting structure: a "<" or "{{" in an
article arrives as text, never as a block. Parsing refuses DTDs and entities, since templates may
come from other people.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from lxml import etree

from reportgen.errors import PackError


@dataclass(frozen=True)
class Meta:
    """Document properties: core properties of both files and the marking on every page."""

    title: str = ""
    subject: str = ""
    keywords: str = ""
    author: str = "reportgen"
    marking: str = ""
    date: str = ""
    audience: str = ""
    #: Branding, set from the pack's manifest after parsing (never from template text): an
    #: absolute path to a PNG for the cover and title slide, and a "#RRGGBB" title colour.
    logo: str = ""
    accent: str = ""
    #: The article's language (BCP 47) and writing direction ("rtl" for Arabic, Urdu, Hebrew…), set
    #: from the Brief after parsing, so every pack gets right-to-left and CJK text right.
    language: str = ""
    direction: str = ""
    #: Typefaces from the pack's [brand] table (body, headings); empty: the reference's own.
    font: str = ""
    heading_font: str = ""


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str = ""
    audience: str = ""
    marking: str = ""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    style: str = ""


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Callout:
    """A shaded box (the bottom line up front): a title and its bullets."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Table:
    """A grid of text: `head` labels the columns (may be empty); every row has one cell per column.

    `widths` are relative column widths ("1,3,1"); empty lets the renderer choose from the text.
    """

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    widths: tuple[float, ...] = ()

    @property
    def columns(self) -> int:
        return len(self.head) if self.head else len(self.rows[0]) if self.rows else 0


@dataclass(frozen=True)
class Event:
    date: str
    text: str
    #: How much the brief makes of it (`<event weight>`, templating's `salience`): a slide with
    #: room for fewer events shows the weightiest.
    weight: float = 0.0


@dataclass(frozen=True)
class Timeline:
    """Dated events in reading order: a table in the brief, a drawn line with markers on a slide.

    `count_label` (`<timeline count-label>`) is what a slide title adds when it shows some of the
    events only, "{shown}" and "{total}" standing for the numbers; "" for the English default."""

    events: tuple[Event, ...]
    count_label: str = ""


@dataclass(frozen=True)
class Figure:
    value: str
    caption: str


@dataclass(frozen=True)
class Figures:
    """Key figures shown large with a caption each: a slide element (2–4 a slide, more continue)."""

    items: tuple[Figure, ...]


@dataclass(frozen=True)
class Point:
    label: str
    value: float


@dataclass(frozen=True)
class Chart:
    """A native, editable chart of one series: a slide element."""

    kind: str  # "bar" (horizontal) or "column"
    title: str
    points: tuple[Point, ...]
    unit: str = ""


@dataclass(frozen=True)
class Judgement:
    """The author's own judgement, set apart from reported fact: a box of its own."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Toc:
    """A table of contents listing the headings down to `levels`.

    `min_pages` > 0: the contents are written only when the document is expected to run to at
    least that many pages; a short brief reads better without a list of its own four headings."""

    title: str = ""
    levels: int = 1
    min_pages: int = 0


Visual = Table | Timeline | Figures | Chart


@dataclass(frozen=True)
class Slide:
    """One planned slide. The pptx renderer may split it into continuation slides to fit.

    A slide holds either text items or one `visual`; a `judgement` box may follow the items.
    """

    kind: str  # "title", "bullets", "section", "agenda", or the visual's tag
    title: str
    subtitle: str = ""
    items: tuple[str, ...] = ()
    notes: str = ""
    layout: str = ""
    visual: Visual | None = None
    judgement: Judgement | None = None


Block = Cover | Heading | Para | BulletList | Callout | PageBreak | Slide | Table | Timeline | Judgement | Toc

#: Slide kinds that carry text in placeholders, and the visual elements a slide may hold instead.
TEXT_KINDS = ("title", "bullets", "section", "agenda")
VISUAL_TAGS = ("table", "timeline", "figures", "chart")
#: `<toc min-pages>` beyond this is a typo: no brief runs to a hundred pages.
MAX_MIN_PAGES = 99


@dataclass(frozen=True)
class Outline:
    kind: str  # "brief" or "deck"
    meta: Meta
    blocks: tuple[Block, ...] = field(default_factory=tuple)


#: The <meta> attributes a template may set; branding is the manifest's (see Meta).
_TEMPLATE_META = frozenset(Meta.__dataclass_fields__) - {"logo", "accent"}

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def parse_outline(xml_text: str, origin: str = "template") -> Outline:
    """Parse rendered template output into an Outline, naming `origin` in every error."""
    if "<!DOCTYPE" in xml_text or "<!ENTITY" in xml_text:
        raise PackError(f"{origin}: DOCTYPE and entity declarations are not allowed in an outline", file=origin)
    try:
        root = etree.fromstring(xml_text.strip().encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        skipped = xml_text[: len(xml_text) - len(xml_text.lstrip())].count("\n")
        detail = re.sub(r",? line \d+, column \d+$", "", str(exc.msg or exc))
        # libxml's "paragraph line 64 and paragrap" counts lines of text the user never sees.
        detail = re.sub(r"mismatch: (\S+) line \d+ and (\S+)", r"mismatch: <\1> ended by </\2>", detail)
        raise OutlineError.at(origin, f"not well-formed XML: {detail}", line + skipped, column, xml_text) from exc
    if root.tag != "document" or root.get("kind") not in ("brief", "deck"):
        raise PackError(f'{origin}: the outline must be <document kind="brief|deck">', file=origin)
    meta = Meta()
    blocks: list[Block] = []
    for el in root:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "meta":
            meta = Meta(**{k: _clean(v) for k, v in el.attrib.items() if k in _TEMPLATE_META})
        else:
            try:
                blocks.append(_block(el, origin))
            except OutlineError as exc:  # placed in the text as rendered, before strip()
                skipped = xml_text[: len(xml_text) - len(xml_text.lstrip())].count("\n")
                line = exc.rendered_line + skipped
                indent = len(xml_text.split("\n")[line - 1]) - len(xml_text.split("\n")[line - 1].lstrip())
                raise OutlineError.at(origin, exc.detail, line, indent + 1, xml_text) from None
    return Outline(kind=str(root.get("kind")), meta=meta, blocks=tuple(blocks))


def _clean(text: str | None) -> str:
    """Collapse white space: template indentation must not leak into documents."""
    return " ".join((text or "").split())


def _items(el: etree._Element) -> tuple[str, ...]:
    return tuple(_clean(i.text) for i in el if i.tag == "item" and _clean(i.text))


def _child_text(el: etree._Element, tag: str) -> str:
    child = el.find(tag)
    return _clean(child.text) if child is not None else ""


class OutlineError(PackError):
    """A mistake found in the rendered outline, at its `rendered_line` (1-based) and `column`.

    The user never sees the rendered text, so whoever rendered it (reportgen.outlining) traces
    the place back to the template line that wrote it; until then the message names the rendered
    line as such.
    """

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        file: str | None = None,
        line: int | None = None,
        detail: str = "",
        rendered_line: int = 0,
        column: int = 1,
        text: str = "",
    ) -> None:
        super().__init__(message, hint, file=file, line=line)
        self.detail, self.rendered_line, self.column, self.text = detail or message, rendered_line, column, text

    @classmethod
    def at(cls, origin: str, detail: str, rendered_line: int, column: int, text: str) -> OutlineError:
        """The error at (rendered_line, column) of `text`, the outline `origin` rendered."""
        message = f"{origin}: {detail} (line {rendered_line} of the outline it rendered)"
        return cls(message, file=origin, detail=detail, rendered_line=rendered_line, column=column, text=text)

    @property
    def offset(self) -> int:
        """The character offset of the place in the rendered text (column 1-based, as lxml counts)."""
        lines = self.text.split("\n")
        before = sum(len(line) + 1 for line in lines[: self.rendered_line - 1])
        return before + max(self.column - 1, 0)


def _error(el: etree._Element, origin: str, message: str) -> PackError:
    """An error at an element of the rendered outline, located by its line there."""
    return OutlineError.at(origin, message, el.sourceline or 0, 1, "")


def _block(el: etree._Element, origin: str) -> Block:
    tag = str(el.tag)
    if tag == "cover":
        return Cover(
            title=_clean(el.get("title")),
            subtitle=_clean(el.get("subtitle")),
            audience=_clean(el.get("audience")),
            marking=_clean(el.get("marking")),
        )
    if tag == "heading":
        level = el.get("level", "1")
        if level not in ("1", "2", "3"):
            raise _error(el, origin, "heading level must be 1, 2 or 3")
        return Heading(level=int(level), text=_clean(el.text))
    if tag == "paragraph":
        return Para(text=_clean(el.text), style=_clean(el.get("style")))
    if tag == "bullets":
        return BulletList(items=_items(el))
    if tag == "callout":
        return Callout(title=_clean(el.get("title")), items=_items(el))
    if tag == "pagebreak":
        return PageBreak()
    if tag == "table":
        return _table(el, origin)
    if tag == "timeline":
        return _timeline(el, origin)
    if tag == "judgement":
        return _judgement(el)
    if tag == "toc":
        levels = el.get("levels", "1")
        if levels not in ("1", "2", "3"):
            raise _error(el, origin, "toc levels must be 1, 2 or 3")
        min_pages = el.get("min-pages", "0")
        if not min_pages.isdigit() or int(min_pages) > MAX_MIN_PAGES:
            raise _error(el, origin, f'toc min-pages="{min_pages}" must be a whole number from 0 to {MAX_MIN_PAGES}')
        return Toc(title=_clean(el.get("title")), levels=int(levels), min_pages=int(min_pages))
    if tag == "slide":
        return _slide(el, origin)
    if tag in ("figures", "chart"):
        raise _error(el, origin, f"<{tag}> belongs inside a <slide>")
    raise _error(el, origin, f"unknown outline element <{tag}>")


def _slide(el: etree._Element, origin: str) -> Slide:
    visuals = [child for child in el if child.tag in VISUAL_TAGS]
    if len(visuals) > 1:
        raise _error(el, origin, f"a slide holds at most one of <{'>, <'.join(VISUAL_TAGS)}>")
    visual = _visual(visuals[0], origin) if visuals else None
    default = str(visuals[0].tag) if visuals else "bullets"
    kind = el.get("kind", default)
    if visuals and kind != default:
        raise _error(el, origin, f'a slide holding <{default}> must have kind="{default}" or none')
    if not visuals and kind not in TEXT_KINDS:
        allowed = ", ".join(TEXT_KINDS)
        raise _error(el, origin, f"slide kind must be {allowed}, or a slide holding <{kind}>")
    items = _items(el)
    if visual is not None and items:
        raise _error(el, origin, f"a slide holds either <item>s or <{kind}>, not both")
    judgements = [child for child in el if child.tag == "judgement"]
    if judgements and kind not in ("bullets", "agenda"):
        raise _error(el, origin, "<judgement> goes on a bullets slide")
    return Slide(
        kind=kind,
        title=_child_text(el, "title"),
        subtitle=_child_text(el, "subtitle"),
        items=items,
        notes="\n".join(_clean(n.text) for n in el.iter("note") if _clean(n.text)),
        layout=_clean(el.get("layout")),
        visual=visual,
        judgement=_judgement(judgements[0]) if judgements else None,
    )


def _visual(el: etree._Element, origin: str) -> Visual:
    if el.tag == "table":
        return _table(el, origin)
    if el.tag == "timeline":
        return _timeline(el, origin)
    if el.tag == "figures":
        figures = tuple(
            Figure(value=_clean(f.get("value")), caption=_clean(f.get("caption")) or _clean(f.text))
            for f in el
            if f.tag == "figure"
        )
        if any(not f.value for f in figures):
            raise _error(el, origin, "every <figure> needs a value")
        return Figures(items=figures)
    return _chart(el, origin)


def _cells(el: etree._Element) -> tuple[str, ...]:
    return tuple(_clean(c.text) for c in el if c.tag == "cell")


def _table(el: etree._Element, origin: str) -> Table:
    head_el = el.find("head")
    head = _cells(head_el) if head_el is not None else ()
    rows = tuple(_cells(r) for r in el if r.tag == "row")
    width = len(head) if head else len(rows[0]) if rows else 0
    for row_el, row in zip((r for r in el if r.tag == "row"), rows, strict=True):
        if len(row) != width:
            raise _error(row_el, origin, f"this <row> has {len(row)} cells; the table has {width} columns")
    widths: tuple[float, ...] = ()
    if el.get("widths"):
        try:
            widths = tuple(float(w) for w in str(el.get("widths")).split(","))
        except ValueError:
            widths = ()
        if len(widths) != width or any(w <= 0 for w in widths):
            raise _error(el, origin, f'widths="{el.get("widths")}" must be {width} positive numbers')
    return Table(head=head, rows=rows, caption=_clean(el.get("caption")), widths=widths)


def _timeline(el: etree._Element, origin: str) -> Timeline:
    events = []
    for event in el:
        if event.tag != "event":
            continue
        if not _clean(event.get("date")):
            raise _error(event, origin, "every <event> needs a date")
        try:
            weight = float(event.get("weight", "0"))
        except ValueError:
            weight = math.nan
        if not math.isfinite(weight):
            raise _error(event, origin, f'<event weight="{event.get("weight")}"> must be a number')
        events.append(Event(date=_clean(event.get("date")), text=_clean(event.text), weight=weight))
    return Timeline(events=tuple(events), count_label=_clean(el.get("count-label")))


def _chart(el: etree._Element, origin: str) -> Chart:
    kind = el.get("kind", "bar")
    if kind not in ("bar", "column"):
        raise _error(el, origin, "chart kind must be bar or column")
    points = []
    for point in el:
        if point.tag != "point":
            continue
        raw = _clean(point.get("value")).replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            raise _error(point, origin, f'point value "{point.get("value")}" is not a number') from None
        points.append(Point(label=_clean(point.get("label")), value=value))
    return Chart(kind=kind, title=_clean(el.get("title")), points=tuple(points), unit=_clean(el.get("unit")))


def _judgement(el: etree._Element) -> Judgement:
    return Judgement(title=_clean(el.get("title")), items=_items(el))
