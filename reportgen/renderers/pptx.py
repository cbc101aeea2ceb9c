"""PowerPoint renderer: a deck Outline onto the layouts of a reference .pptx, fitted before writing.

Plan, then emit (pandoc's PowerPoint writer does the same): `plan()` turns the outline's slides into
the slides that will exist, choosing each layout by name, the font sizes, the continuation slides
and the slide numbers from the reference's placeholder geometry and real font metrics
(`reportgen.renderers.fit`). `render()` then writes exactly that plan. Nothing is left for
PowerPoint to shrink: its autofit only runs when someone edits a box, and LibreOffice's silent
shrinking would hide an overflow in a PDF preview, so every run carries an explicit size and
autofit is switched off.

A custom reference deck must provide the layouts the outline names (by default "Title Slide",
"Title and Content" and "Section Header"), each with a title placeholder and, for any slide with
text, a body, content or subtitle placeholder.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.slide import SlideLayout, SlideMaster
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from reportgen.errors import PackError
from reportgen.outline import Outline, Slide
from reportgen.renderers import fit

DEFAULT_LAYOUTS = {"title": "Title Slide", "bullets": "Title and Content", "section": "Section Header"}
#: Font sizes in points: the first that fits wins, stepping down by STEP to the floor.
BODY_START = {"title": 24, "bullets": 24, "section": 20}
BODY_FLOOR = 16  # above the 14 pt minimum: a denser slide reads worse than a "(cont.)" one
TITLE_START = {"title": 40, "bullets": 36, "section": 36}
TITLE_FLOOR = 20
STEP = 2
FOOTER_SIZES = (11, 10, 9, 8)
#: Space before each body paragraph but the first, as a multiple of the font size.
SPACE_FACTOR = 0.5
CONTINUED = " (cont.)"

INSET_X, INSET_Y = Emu(91440), Emu(45720)  # python-pptx's defaults, written explicitly
BULLET_INDENT = Emu(274320)  # 0.3 in hanging indent
#: Plan lines a little narrower than the box: PowerPoint's kerning and line breaking differ
#: slightly from FreeType's advances, and a spare 3% costs less than a clipped word.
WIDTH_SAFETY = 0.97
FOOTER_GREY = RGBColor(0x59, 0x59, 0x59)  # type: ignore[no-untyped-call]
_EMU_PER_PT = 12700
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)


@dataclass(frozen=True)
class PlannedSlide:
    """One slide as it will be written: every text, size and placeholder decided."""

    layout: str
    kind: str
    title: str
    title_size: int
    title_idx: int | None
    body: tuple[str, ...]
    bulleted: tuple[bool, ...]
    body_size: int
    body_idx: int | None
    notes: str
    marking: str = ""
    marking_size: int = FOOTER_SIZES[0]
    number: str = ""  # "n / N"; empty on title slides, which carry no number


@dataclass(frozen=True)
class _Geometry:
    """What planning needs from one layout: which placeholders to fill and their text frames."""

    title_idx: int | None
    title: fit.Frame | None
    body_idx: int | None
    body: fit.Frame | None  # without bullet indent
    bullets: fit.Frame | None  # with it


class _Box(NamedTuple):
    left: int
    top: int
    width: int
    height: int


def render(outline: Outline, reference: Path) -> bytes:
    """The .pptx bytes of a deck outline, on the layouts of `reference`; same input, same bytes."""
    deck = _open(reference)
    _drop_slides(deck)
    layouts = _layouts(deck)
    for planned in plan(outline, deck):
        _emit_slide(deck, layouts[planned.layout], planned)
    _set_properties(deck, outline)
    buffer = io.BytesIO()
    deck.save(buffer)
    return _normalise_zip(buffer.getvalue())


# --- 1. plan ------------------------------------------------------------------------------------


def plan(outline: Outline, deck: Deck) -> list[PlannedSlide]:
    """Decide every slide: layout, continuation slides, font sizes, footer and numbers.

    Blocks other than Slide are skipped, so one template may feed both the brief and the deck.
    """
    wanted = [block for block in outline.blocks if isinstance(block, Slide)]
    if not wanted:
        raise PackError("the deck outline has no <slide> blocks; a deck template must emit at least one")
    layouts = _layouts(deck)
    planned: list[PlannedSlide] = []
    for slide in wanted:
        if slide.kind not in DEFAULT_LAYOUTS:
            raise PackError(f"slide kind must be title, bullets or section, not '{slide.kind}'")
        name = slide.layout or DEFAULT_LAYOUTS[slide.kind]
        if name not in layouts:
            available = ", ".join(f"'{n}'" for n in layouts)
            raise PackError(
                f"reference deck has no layout named '{name}'; available: {available}",
                hint="add the layout to the pack's reference.pptx or name an existing one",
            )
        planned.extend(_plan_slide(slide, name, _geometry(layouts[name])))
    marking, size = _fit_marking(outline.meta.marking, _footer_boxes(deck)[0], _fonts(deck.slide_master)[1])
    total = len(planned)
    return [
        replace(p, marking=marking, marking_size=size, number="" if p.kind == "title" else f"{n} / {total}")
        for n, p in enumerate(planned, start=1)
    ]


def _plan_slide(slide: Slide, layout: str, geo: _Geometry) -> list[PlannedSlide]:
    lead = (slide.subtitle,) if slide.subtitle else ()
    paragraphs = lead + slide.items
    bulleted = [False] * len(lead) + [slide.kind == "bullets"] * len(slide.items)
    frame = geo.bullets if slide.kind == "bullets" else geo.body
    body_size, pages = BODY_START[slide.kind], [list(enumerate(paragraphs))]
    if paragraphs:
        if frame is None:
            raise PackError(f"layout '{layout}' has no body or subtitle placeholder for slide '{slide.title}'")
        body_size, pages = _fit_body(frame, paragraphs, range(body_size, BODY_FLOOR - 1, -STEP))
    titles = [slide.title] + [slide.title + CONTINUED if slide.title else ""] * (len(pages) - 1)
    title_size = TITLE_START[slide.kind]
    if slide.title:
        if geo.title is None:
            raise PackError(f"layout '{layout}' has no title placeholder for slide '{slide.title}'")
        title_size, titles = _fit_titles(geo.title, titles, title_size)
    return [
        PlannedSlide(
            layout=layout,
            kind=slide.kind,
            title=title,
            title_size=title_size,
            title_idx=geo.title_idx,
            body=tuple(text for _, text in page),
            bulleted=tuple(bulleted[i] for i, _ in page),
            body_size=body_size,
            body_idx=geo.body_idx,
            notes=slide.notes,  # continuation slides repeat the notes: the speaker loses nothing
        )
        for title, page in zip(titles, pages, strict=True)
    ]


Pages = list[list[tuple[int, str]]]


def _fit_body(frame: fit.Frame, paragraphs: tuple[str, ...], sizes: range) -> tuple[int, Pages]:
    """The largest size that fits one slide; failing that, the fewest slides the floor size
    allows, written at the largest size that needs no more slides than that."""
    size = fit.largest_fitting(frame, paragraphs, sizes)
    if size is not None:
        return int(size), [list(enumerate(paragraphs))]
    fewest = len(fit.paginate(frame, paragraphs, sizes[-1]))
    for size in sizes:
        pages = fit.paginate(frame, paragraphs, size)
        if len(pages) <= fewest:
            return size, pages
    raise AssertionError("unreachable: the floor size reaches its own page count")


def _fit_titles(frame: fit.Frame, titles: list[str], start: int) -> tuple[int, list[str]]:
    """One size for a slide and its continuations, so a split slide keeps one voice."""
    size = fit.largest_fitting(frame, [max(titles, key=len)], range(start, TITLE_FLOOR - 1, -STEP))
    if size is not None:
        return int(size), titles
    # Too long even at the floor: cut at a word and say so with an ellipsis.
    narrower = replace(frame, width=frame.width - fit.text_width(CONTINUED, frame.family, TITLE_FLOOR, True))
    first = fit.truncate(frame, titles[0], TITLE_FLOOR)
    rest = [fit.truncate(narrower, titles[0], TITLE_FLOOR) + CONTINUED for _ in titles[1:]]
    return TITLE_FLOOR, [first, *rest]


def _geometry(layout: SlideLayout) -> _Geometry:
    major, minor = _fonts(layout.slide_master)
    title: Any = None
    body: Any = None
    for shape in layout.shapes:
        if not shape.is_placeholder:
            continue
        kind, idx = shape.placeholder_format.type, shape.placeholder_format.idx
        if kind in _TITLE_TYPES and title is None:
            title = shape
        elif kind in _BODY_TYPES and (body is None or idx < body.placeholder_format.idx):
            body = shape

    def frame(shape: Any, indent: int, family: str, bold: bool, space: float = 0.0) -> fit.Frame | None:
        if shape is None:
            return None
        if shape.width is None or shape.height is None:
            raise PackError(f"layout '{layout.name}': placeholder '{shape.name}' has no size")
        width = (shape.width - 2 * INSET_X - indent) / _EMU_PER_PT * WIDTH_SAFETY
        height = (shape.height - 2 * INSET_Y) / _EMU_PER_PT
        caps = bold and _all_caps(shape, layout.slide_master)
        return fit.Frame(family=family, width=width, height=height, bold=bold, space_factor=space, caps=caps)

    return _Geometry(
        title_idx=title.placeholder_format.idx if title is not None else None,
        # Titles are measured bold: most decks set them bold, and bold is the wider case.
        title=frame(title, 0, major, True),
        body_idx=body.placeholder_format.idx if body is not None else None,
        body=frame(body, 0, minor, False, SPACE_FACTOR),
        bullets=frame(body, BULLET_INDENT, minor, False, SPACE_FACTOR),
    )


def _all_caps(shape: Any, master: SlideMaster) -> bool:
    """Whether a title renders in capitals: a:defRPr@cap on the layout's lstStyle, else the master's."""
    for root, path in (
        (shape.element, ("p:txBody", "a:lstStyle", "a:lvl1pPr", "a:defRPr")),
        (master.element, ("p:txStyles", "p:titleStyle", "a:lvl1pPr", "a:defRPr")),
    ):
        rpr = root.find("/".join(qn(tag) for tag in path))
        if rpr is not None and rpr.get("cap"):
            return bool(rpr.get("cap") == "all")
    return False


def _fonts(master: SlideMaster) -> tuple[str, str]:
    """The theme's (heading, body) Latin typefaces, which +mj-lt / +mn-lt resolve to."""
    try:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        theme = etree.Element("theme")
    faces = [theme.find(f".//{qn(which)}/{qn('a:latin')}") for which in ("a:majorFont", "a:minorFont")]
    major, minor = ((face.get("typeface", "") if face is not None else "") or "Calibri" for face in faces)
    return major, minor


def _footer_boxes(deck: Deck) -> tuple[_Box, _Box]:
    """Marking on the left, "n / N" on the right, along the bottom edge inside the side margins."""
    width, height = int(deck.slide_width or 12_192_000), int(deck.slide_height or 6_858_000)
    margin, box_height = width // 20, Emu(320040)  # 0.35 in
    top = height - box_height - Emu(91440)
    inner = width - 2 * margin
    return (
        _Box(margin, top, inner - inner // 5, box_height),
        _Box(width - margin - inner // 5, top, inner // 5, box_height),
    )


def _fit_marking(marking: str, box: _Box, family: str) -> tuple[str, int]:
    width = (box.width - 2 * INSET_X) / _EMU_PER_PT * WIDTH_SAFETY
    frame = fit.Frame(family=family, width=width, height=(box.height - 2 * INSET_Y) / _EMU_PER_PT)
    size = fit.largest_fitting(frame, [marking], FOOTER_SIZES)
    if size is not None:
        return marking, int(size)
    return fit.truncate(frame, marking, FOOTER_SIZES[-1]), FOOTER_SIZES[-1]


# --- 2. emit ------------------------------------------------------------------------------------


def _emit_slide(deck: Deck, layout: SlideLayout, planned: PlannedSlide) -> None:
    slide = deck.slides.add_slide(layout)
    used = set()
    if planned.title and planned.title_idx is not None:
        used.add(planned.title_idx)
        _write(slide.placeholders[planned.title_idx].text_frame, [planned.title], planned.title_size, [None])
    if planned.body and planned.body_idx is not None:
        used.add(planned.body_idx)
        indents: list[int | None] = [BULLET_INDENT if b else 0 for b in planned.bulleted]
        frame = slide.placeholders[planned.body_idx].text_frame
        _write(frame, list(planned.body), planned.body_size, indents, SPACE_FACTOR)
    for shape in list(slide.placeholders):
        if shape.placeholder_format.idx not in used:
            _remove_shape(shape)  # an empty placeholder shows "Click to add text" to the editor
    marking_box, number_box = _footer_boxes(deck)
    if planned.marking:
        _text_box(slide, "Marking", marking_box, planned.marking, planned.marking_size, PP_ALIGN.LEFT)
    if planned.number:
        _text_box(slide, "Slide Number", number_box, planned.number, FOOTER_SIZES[0], PP_ALIGN.RIGHT)
    if planned.notes:
        notes = slide.notes_slide.notes_text_frame
        if notes is not None:
            notes.text = planned.notes


Indents = list[int | None]


def _write(frame: TextFrame, paragraphs: list[str], size: int, indents: Indents, spacing: float = 0.0) -> None:
    """Write paragraphs exactly as planned: size on every run, exact line pitch, no autofit.

    An indent of None leaves the placeholder's own paragraph style (titles); a number sets the
    hanging bullet indent, 0 meaning no bullet.
    """
    _prepare(frame)
    for i, (text, indent) in enumerate(zip(paragraphs, indents, strict=True)):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        paragraph.line_spacing = Pt(size * fit.LINE_FACTOR)
        paragraph.space_before = Pt(size * spacing if i else 0)
        if indent is not None:
            _set_bullet(paragraph, indent)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)


def _prepare(frame: TextFrame) -> None:
    """Wrap at the box edge and never autofit; insets explicit, as measured in planning."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # writes <a:noAutofit/>, overriding the layout's autofit
    frame.margin_left = frame.margin_right = INSET_X
    frame.margin_top = frame.margin_bottom = INSET_Y


def _text_box(slide: Any, name: str, box: _Box, text: str, size: int, align: PP_ALIGN) -> None:
    shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    shape.name = name
    _write(shape.text_frame, [text], size, [None])
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.alignment = align
    paragraph.runs[0].font.color.rgb = FOOTER_GREY


# --- raw XML: what python-pptx has no API for --------------------------------------------------


def _set_bullet(paragraph: _Paragraph, indent: int) -> None:
    """Write a:pPr@marL/@indent and a:buFont + a:buChar "•" (or a:buNone when indent is 0).

    Explicit, so the indent measured while planning is the one rendered whatever the layout says.
    Called after spacing is set: a:lnSpc and a:spcBef must precede the a:bu* elements.
    """
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    for tag in ("a:buFont", "a:buChar", "a:buNone", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    if indent:
        etree.SubElement(ppr, qn("a:buFont"), typeface="Arial")
        etree.SubElement(ppr, qn("a:buChar"), char="•")
    else:
        etree.SubElement(ppr, qn("a:buNone"))


def _remove_shape(shape: Any) -> None:
    """Delete the shape's p:sp from the slide's p:spTree."""
    element = shape.element
    element.getparent().remove(element)


def _drop_slides(deck: Deck) -> None:
    """Empty p:sldIdLst and drop the relationships, so the reference's own slides are not saved."""
    id_list = deck.slides._sldIdLst
    for slide_id in list(id_list):
        deck.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


# --- 3. package ---------------------------------------------------------------------------------


def _open(reference: Path) -> Deck:
    try:
        deck: Deck = Presentation(str(reference))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise PackError(f"cannot open reference deck {reference}: {exc}") from exc
    return deck


def _layouts(deck: Deck) -> dict[str, SlideLayout]:
    found: dict[str, SlideLayout] = {}
    for master in deck.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name, layout)
    return found


def _document_date(text: str) -> datetime:
    """Midnight UTC (naive, as python-pptx writes it) of an ISO date; 2000-01-01 when absent."""
    try:
        return datetime.strptime(text.strip()[:10], "%Y-%m-%d")
    except ValueError:
        return datetime(2000, 1, 1)


def _set_properties(deck: Deck, outline: Outline) -> None:
    meta, props = outline.meta, deck.core_properties
    props.title, props.subject, props.author = meta.title, meta.subject, meta.author
    props.keywords = meta.keywords
    props.last_modified_by = "reportgen"
    props.comments = ""
    props.revision = 1
    props.created = props.modified = _document_date(meta.date)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry timestamps: python-pptx stamps entries with "now"."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
