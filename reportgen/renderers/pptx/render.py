"""PowerPoint renderer: a deck Outline onto the layouts of a reference .pptx, fitted before writing.

Plan, then emit (pandoc's PowerPoint writer does the same): `plan()` turns the outline's slides into
the slides that will exist, choosing each layout by name, the font sizes, the continuation slides
and the slide numbers from the reference's placeholder geometry and real font metrics
(`reportgen.renderers.pptx.fit`). `render()` then writes exactly that plan. Nothing is left for
PowerPoint to shrink: its autofit only runs when someone edits a box, and LibreOffice's silent
shrinking would hide an overflow in a PDF preview, so every run carries an explicit size and
autofit is switched off.

Visual slides (a table, key figures, a timeline, a chart) are planned by visuals,
timeline and chart into shapes (shapes) laid out in the layout's content area, with
continuation slides where they do not fit.

The reference deck is read once per process into a small model (reference); each render
copies its parts and writes the slides' PresentationML directly as XML strings (slide,
pml, shapes) into a package (package). Importing python-pptx cost more than a
whole render, and its object layer dominated every profile; so did building the slides as lxml
trees, element by element.

A custom reference deck must provide the layouts the outline names (by default "Title Slide",
"Title and Content", "Section Header" and, for visual slides, "Title Only"), each with a title
placeholder and, for any slide with text, a body, content or subtitle placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from reportgen.errors import PackError
from reportgen.outline import Chart, Figures, Judgement, Outline, Slide, Table, Timeline
from reportgen.renderers.ooxml import core_properties, opc
from reportgen.renderers.ooxml.units import EMU_PER_PT
from reportgen.renderers.pptx import brand as pptx_brand
from reportgen.renderers.pptx import chart as pptx_chart
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx import reference as pptx_reference
from reportgen.renderers.pptx import timeline as pptx_timeline
from reportgen.renderers.pptx import visuals as pptx_visuals
from reportgen.renderers.pptx.package import DeckPackage
from reportgen.renderers.pptx.pml import FITTED_BODY, Script, paragraphs, xfrm
from reportgen.renderers.pptx.reference import Layout, Placeholder, Reference
from reportgen.renderers.pptx.shapes import (
    INSET_X,
    INSET_Y,
    LEFT,
    RIGHT,
    WIDTH_SAFETY,
    Align,
    Box,
    Shape,
    TextBox,
    emit,
)
from reportgen.renderers.pptx.slide import LATENT, PlaceholderCopy, SlideXml, placeholder_copies

DEFAULT_LAYOUTS = {
    "title": "Title Slide",
    "bullets": "Title and Content",
    "agenda": "Title and Content",
    "section": "Section Header",
    "table": "Title Only",
    "figures": "Title Only",
    "timeline": "Title Only",
    "chart": "Title Only",
}
#: Font sizes in points: the first that fits wins, stepping down by STEP to the floor.
BODY_START = {"title": 24, "bullets": 24, "agenda": 24, "section": 20}
BODY_FLOOR = 16  # above the 14 pt minimum: a denser slide reads worse than a "(cont.)" one
TITLE_START = {"title": 40, "section": 36}  # every other kind: 36
TITLE_FLOOR = 20
STEP = 2
FOOTER_SIZES = (11, 10, 9, 8)
#: Space before each body paragraph but the first, as a multiple of the font size.
SPACE_FACTOR = 0.5
CONTINUED = " (cont.)"

BULLET_INDENT = 274320  # 0.3 in hanging indent
NUMBER_INDENT = 457200  # 0.5 in: room for "10." at 24 pt
#: A judgement box may take this share of the body before the bullets move on to a "(cont.)" slide.
JUDGEMENT_SHARE = 0.5
JUDGEMENT_GAP = 152400  # 12 pt between the bullets and the box
CONTENT_GAP = 91440  # between the title and a visual, and above the footer
FOOTER_GREY = "595959"
_TITLE_TYPES = ("title", "ctrTitle")
_BODY_TYPES = ("body", "obj", "subTitle")
DEFAULT_SIZE = (12_192_000, 6_858_000)  # 16:9, when the reference gives no slide size


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
    #: Agenda numbering: the number of each body paragraph (empty: bullets as `bulleted` says).
    numbers: tuple[int, ...] = ()
    #: Where the body placeholder goes when planning moved it (to make room for a judgement box).
    body_box: Box | None = None
    #: Drawn after the placeholders: visuals, the judgement box.
    shapes: tuple[Shape, ...] = ()


@dataclass(frozen=True)
class _Geometry:
    """What planning needs from one layout: which placeholders to fill and their text frames."""

    title_idx: int | None
    title: fit.Frame | None
    body_idx: int | None
    body: fit.Frame | None  # without bullet indent
    bullets: fit.Frame | None  # with it
    numbered: fit.Frame | None  # with the wider numbering indent
    title_box: Box | None
    body_box: Box | None
    body_family: str


def render(outline: Outline, reference: Path) -> bytes:
    """The .pptx bytes of a deck outline, on the layouts of `reference`; same input, same bytes."""
    ref = pptx_reference.load(reference)
    meta = outline.meta
    deck = DeckPackage.start(ref, meta.font, meta.heading_font)
    width, height = _slide_size(ref)
    script = Script(meta.language, meta.direction == "rtl")
    for planned in plan(outline, ref):
        accent = pptx_brand.title_colour(meta, planned.kind)
        slide = _emit_slide(deck, ref.layouts[planned.layout], planned, ref, script, accent)
        if planned.kind == "title":
            pptx_brand.brand_title_slide(deck, slide, meta, width, height)
    _set_properties(deck, outline)
    return deck.to_bytes()


def prepare(reference: Path) -> None:
    """Parse the reference deck and open its theme fonts, as a first render would (cached)."""
    ref = pptx_reference.load(reference)
    for master in ref.masters[:1]:
        for family in master.effective_fonts("", ""):
            for bold in (False, True):
                fit.font_file(family, bold)


# --- 1. plan ------------------------------------------------------------------------------------


def plan(outline: Outline, reference: Reference) -> list[PlannedSlide]:
    """Decide every slide: layout, continuation slides, font sizes, footer and numbers.

    Blocks other than Slide are skipped, so one template may feed both the brief and the deck.
    """
    wanted = [block for block in outline.blocks if isinstance(block, Slide)]
    if not wanted:
        raise PackError("the deck outline has no <slide> blocks; a deck template must emit at least one")
    layouts = reference.layouts
    fonts = (outline.meta.font, outline.meta.heading_font)
    planned: list[PlannedSlide] = []
    for slide in wanted:
        if slide.kind not in DEFAULT_LAYOUTS:
            raise PackError(f"slide kind must be one of {', '.join(DEFAULT_LAYOUTS)}, not '{slide.kind}'")
        name = slide.layout or DEFAULT_LAYOUTS[slide.kind]
        if name not in layouts:
            available = ", ".join(f"'{n}'" for n in layouts)
            raise PackError(
                f"reference deck has no layout named '{name}'; available: {available}",
                hint="add the layout to the pack's reference.pptx or name an existing one",
            )
        geo = _geometry(reference, name, *fonts)
        if slide.visual is not None:
            planned.extend(_plan_visual(slide, name, geo, _content_area(geo, reference)))
        else:
            planned.extend(_plan_slide(slide, name, geo))
    body_font = reference.masters[0].effective_fonts(*fonts)[1] if reference.masters else "Calibri"
    marking, size = _fit_marking(outline.meta.marking, _footer_boxes(reference)[0], body_font)
    total = len(planned)
    return [
        replace(p, marking=marking, marking_size=size, number="" if p.kind == "title" else f"{n} / {total}")
        for n, p in enumerate(planned, start=1)
    ]


def _plan_slide(slide: Slide, layout: str, geo: _Geometry) -> list[PlannedSlide]:
    lead = (slide.subtitle,) if slide.subtitle else ()
    paragraphs = lead + slide.items
    marked = slide.kind in ("bullets", "agenda")
    bulleted = [False] * len(lead) + [marked] * len(slide.items)
    frame = geo.numbered if slide.kind == "agenda" else geo.bullets if marked else geo.body
    body_size, pages = BODY_START[slide.kind], [list(enumerate(paragraphs))]
    if (paragraphs or slide.judgement is not None) and (frame is None or geo.body_box is None):
        raise PackError(f"layout '{layout}' has no body or subtitle placeholder for slide '{slide.title}'")
    if paragraphs:
        assert frame is not None
        body_size, pages = _fit_body(frame, paragraphs, range(body_size, BODY_FLOOR - 1, -STEP))
    box_on_last: tuple[Box | None, TextBox | None] = (None, None)
    if slide.judgement is not None:
        assert frame is not None and geo.body_box is not None
        pages, body_size, box_on_last = _place_judgement(slide.judgement, pages, frame, body_size, geo)
    titles = [slide.title] + [slide.title + CONTINUED if slide.title else ""] * (len(pages) - 1)
    title_size = TITLE_START.get(slide.kind, 36)
    if slide.title:
        if geo.title is None:
            raise PackError(f"layout '{layout}' has no title placeholder for slide '{slide.title}'")
        title_size, titles = _fit_titles(geo.title, titles, title_size)
    lead_count = len(lead)
    planned = []
    for number, (title, page) in enumerate(zip(titles, pages, strict=True), start=1):
        last = number == len(pages)
        body_box, judgement = box_on_last if last else (None, None)
        planned.append(
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
                numbers=tuple(i - lead_count + 1 for i, _ in page) if slide.kind == "agenda" else (),
                body_box=body_box,
                shapes=(judgement,) if judgement is not None else (),
            )
        )
    return planned


def _place_judgement(
    judgement: Judgement, pages: Pages, frame: fit.Frame, size: int, geo: _Geometry
) -> tuple[Pages, int, tuple[Box | None, TextBox | None]]:
    """Put the judgement box at the foot of the body area on the last slide, shortening the body
    placeholder above it; when the last slide's bullets would not fit above it (a one-slide body may
    first step its size down to the floor), the box moves on to a "(cont.)" slide of its own."""
    assert geo.body_box is not None
    area = geo.body_box
    has_text = bool(pages and pages[-1])
    box = pptx_visuals.plan_judgement(
        judgement.title, judgement.items, area, geo.body_family, JUDGEMENT_SHARE if has_text else 1.0
    )
    if has_text:
        room = box.box.top - JUDGEMENT_GAP - area.top
        shorter = replace(frame, height=(room - 2 * INSET_Y) / EMU_PER_PT)
        # A slide of its own may step its text down to make room; continued slides keep one size.
        sizes = range(size, BODY_FLOOR - 1, -STEP) if len(pages) == 1 else range(size, size - 1, -1)
        smaller = fit.largest_fitting(shorter, [text for _, text in pages[-1]], sizes)
        if smaller is not None:
            return pages, int(smaller), (Box(area.left, area.top, area.width, room), box)
        pages = [*pages, []]
    alone = pptx_visuals.plan_judgement(judgement.title, judgement.items, area, geo.body_family, 1.0)
    top_box = replace(alone, box=Box(area.left, area.top, area.width, alone.box.height))
    return pages, size, (None, top_box)


def _content_area(geo: _Geometry, reference: Reference) -> Box:
    """Where a visual goes: the layout's body placeholder if it has one, else from under the title
    to above the footer, between the title's side edges."""
    if geo.body_box is not None:
        return geo.body_box
    width, height = _slide_size(reference)
    if geo.title_box is not None:
        left, right, top = geo.title_box.left, geo.title_box.right, geo.title_box.bottom + CONTENT_GAP
    else:
        left, right, top = width // 20, width - width // 20, height // 6
    bottom = _footer_boxes(reference)[0].top - CONTENT_GAP
    return Box(left, top, right - left, bottom - top)


def _plan_visual(slide: Slide, layout: str, geo: _Geometry, area: Box) -> list[PlannedSlide]:
    visual = slide.visual
    pages: list[tuple[Shape, ...]]
    if isinstance(visual, Table):
        pages = pptx_visuals.plan_table(visual, area, geo.body_family)
    elif isinstance(visual, Figures):
        pages = pptx_visuals.plan_figures(visual.items, area, geo.body_family)
    elif isinstance(visual, Timeline):
        pages = pptx_timeline.plan_timeline(visual, area, geo.body_family)
    elif isinstance(visual, Chart):
        pages = [(pptx_chart.plan_chart(visual, area, geo.body_family),)]
    else:
        raise AssertionError(f"unknown visual {visual!r}")
    titles = [slide.title] + [slide.title + CONTINUED if slide.title else ""] * (len(pages) - 1)
    title_size = 36
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
            body=(),
            bulleted=(),
            body_size=BODY_FLOOR,
            body_idx=None,
            notes=slide.notes,
            shapes=shapes,
        )
        for title, shapes in zip(titles, pages, strict=True)
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


@lru_cache(maxsize=64)
def _geometry(reference: Reference, name: str, body_font: str, heading_font: str) -> _Geometry:
    """What planning needs from layout `name`, measured once per reference, layout and brand fonts
    (a batch plans every deck on the same few)."""
    layout = reference.layouts[name]
    master = next(m for m in reference.masters if m.part == layout.master)
    major, minor = master.effective_fonts(body_font, heading_font)
    title: Placeholder | None = None
    body: Placeholder | None = None
    for shape in layout.placeholders:
        if shape.type in _TITLE_TYPES and title is None:
            title = shape
        elif shape.type in _BODY_TYPES and (body is None or shape.idx < body.idx):
            body = shape

    def frame(shape: Placeholder | None, indent: int, family: str, bold: bool, space: float = 0.0) -> fit.Frame | None:
        if shape is None:
            return None
        shape_width, shape_height = shape.box[2], shape.box[3]
        if shape_width is None or shape_height is None:
            raise PackError(f"layout '{layout.name}': placeholder '{shape.name}' has no size")
        width = (shape_width - 2 * INSET_X - indent) / EMU_PER_PT * WIDTH_SAFETY
        height = (shape_height - 2 * INSET_Y) / EMU_PER_PT
        caps = bold and shape.caps
        return fit.Frame(family=family, width=width, height=height, bold=bold, space_factor=space, caps=caps)

    def box(shape: Placeholder | None) -> Box | None:
        if shape is None or shape.box[2] is None or shape.box[3] is None:
            return None
        return Box(shape.box[0] or 0, shape.box[1] or 0, shape.box[2], shape.box[3])

    return _Geometry(
        title_idx=title.idx if title is not None else None,
        # Titles are measured bold: most decks set them bold, and bold is the wider case.
        title=frame(title, 0, major, True),
        body_idx=body.idx if body is not None else None,
        body=frame(body, 0, minor, False, SPACE_FACTOR),
        bullets=frame(body, BULLET_INDENT, minor, False, SPACE_FACTOR),
        numbered=frame(body, NUMBER_INDENT, minor, False, SPACE_FACTOR),
        title_box=box(title),
        body_box=box(body),
        body_family=minor,
    )


def _slide_size(reference: Reference) -> tuple[int, int]:
    return reference.slide_width or DEFAULT_SIZE[0], reference.slide_height or DEFAULT_SIZE[1]


def _footer_boxes(reference: Reference) -> tuple[Box, Box]:
    """Marking on the left, "n / N" on the right, along the bottom edge inside the side margins."""
    width, height = _slide_size(reference)
    margin, box_height = width // 20, 320040  # 0.35 in
    top = height - box_height - 91440
    inner = width - 2 * margin
    return (
        Box(margin, top, inner - inner // 5, box_height),
        Box(width - margin - inner // 5, top, inner // 5, box_height),
    )


def _fit_marking(marking: str, box: Box, family: str) -> tuple[str, int]:
    width = (box.width - 2 * INSET_X) / EMU_PER_PT * WIDTH_SAFETY
    frame = fit.Frame(family=family, width=width, height=(box.height - 2 * INSET_Y) / EMU_PER_PT)
    size = fit.largest_fitting(frame, [marking], FOOTER_SIZES)
    if size is not None:
        return marking, int(size)
    return fit.truncate(frame, marking, FOOTER_SIZES[-1]), FOOTER_SIZES[-1]


# --- 2. emit ------------------------------------------------------------------------------------


def _emit_slide(
    deck: DeckPackage, layout: Layout, planned: PlannedSlide, reference: Reference, script: Script, accent: str = ""
) -> SlideXml:
    """Write one planned slide: the title and body into copies of the layout's placeholders (those
    left empty are dropped: an empty placeholder shows "Click to add text" to the editor), then
    the planned shapes, the footer and the notes. `accent` colours the runs of placeholder idx 0."""
    slide = deck.add_slide(layout.part, script)
    name = deck.slides[-1][0]
    copies = placeholder_copies(layout.placeholders, False, skip=LATENT)
    texts: dict[int, str] = {}  # copy id -> the inside of its p:txBody
    sp_pr: dict[int, str] = {}
    if planned.title and planned.title_idx is not None:
        title = _first(copies, planned.title_idx)
        colour = accent if title.idx == 0 else ""
        texts[title.id] = FITTED_BODY + paragraphs(
            [planned.title], planned.title_size, [None], colour=colour, script=script
        )
    if planned.body and planned.body_idx is not None:
        body = _first(copies, planned.body_idx)
        if planned.body_box is not None:
            sp_pr[body.id] = f"<p:spPr>{xfrm(planned.body_box)}</p:spPr>"
        indent = NUMBER_INDENT if planned.numbers else BULLET_INDENT
        indents: list[int | None] = [indent if b else 0 for b in planned.bulleted]
        colour = accent if body.idx == 0 else ""
        text = paragraphs(
            planned.body,
            planned.body_size,
            indents,
            SPACE_FACTOR,
            numbers=planned.numbers,
            colour=colour,
            script=script,
        )
        # A (malformed) layout whose title and body placeholders share an index gets both in one box.
        texts[body.id] = texts.get(body.id, FITTED_BODY) + text
    used = {copy.idx for copy in copies if copy.id in texts}
    slide.add_placeholders(
        [(copy, copy.xml(texts.get(copy.id), sp_pr.get(copy.id, "<p:spPr/>"))) for copy in copies if copy.idx in used]
    )
    for planned_shape in planned.shapes:
        emit(slide, planned_shape, deck)
    marking_box, number_box = _footer_boxes(reference)
    if planned.marking:
        _footer_text(deck, slide, "Marking", marking_box, planned.marking, planned.marking_size, LEFT)
    if planned.number:
        _footer_text(deck, slide, "Slide Number", number_box, planned.number, FOOTER_SIZES[0], RIGHT)
    if planned.notes:
        deck.add_notes(name, slide, planned.notes)
    return slide


def _first(copies: tuple[PlaceholderCopy, ...], idx: int) -> PlaceholderCopy:
    """The first copy with placeholder index `idx`; planning took the index from this layout."""
    found = next(copy for copy in copies if copy.idx == idx)
    assert found.has_text, "title, body, object and subtitle placeholders are copied with a text body"
    return found


def _footer_text(deck: DeckPackage, slide: SlideXml, name: str, box: Box, text: str, size: int, align: Align) -> None:
    emit(slide, TextBox(name, box, (text,), size, (False,), align=align, color=FOOTER_GREY), deck)


# --- 3. package ---------------------------------------------------------------------------------


def _set_properties(deck: DeckPackage, outline: Outline) -> None:
    deck.set_core_properties(*core_properties.from_meta(outline.meta))


def notes(reference: Path) -> tuple[str, ...]:
    """One line for each link outside the file the deck's copy of the reference leaves out."""
    return tuple(f"{reference.name}: {note}" for note in opc.read_package(reference).notes)
