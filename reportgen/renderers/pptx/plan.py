"""Planning a deck: the slides that will exist, each with its layout, text, sizes and shapes.

`plan()` turns the outline's slides into PlannedSlides, choosing each layout (layouts), the font
sizes, the continuation slides and the slide numbers from the reference's placeholder geometry
(geometry) and real font metrics (fit); visual slides are planned by visuals, timeline and chart.
Nothing here writes XML: render writes exactly what is planned.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportgen.errors import PackError
from reportgen.outline import Chart, Figures, Judgement, Outline, Slide, Table, Timeline
from reportgen.renderers.ooxml.units import EMU_PER_PT
from reportgen.renderers.pptx import chart as pptx_chart
from reportgen.renderers.pptx import fit, layouts, palette
from reportgen.renderers.pptx import footer as pptx_footer
from reportgen.renderers.pptx import timeline as pptx_timeline
from reportgen.renderers.pptx import visuals as pptx_visuals
from reportgen.renderers.pptx.footer import footer_boxes, slide_size
from reportgen.renderers.pptx.geometry import (
    BULLET_INDENT,
    NUMBER_INDENT,
    SPACE_FACTOR,
    Geometry,
    geometry,
)
from reportgen.renderers.pptx.layouts import DEFAULT_LAYOUTS
from reportgen.renderers.pptx.palette import Colours
from reportgen.renderers.pptx.reference import Reference
from reportgen.renderers.pptx.shapes import INSET_Y, Box, Shape, TextBox, text_scale

#: Body sizes in points (on a 10-inch-wide slide; geometry scales them to the template's size).
#: Bullets and agenda slides share one of BODY_STEPS for the whole deck (_deck_body_step); a title
#: or section slide takes the first size from BODY_START that fits, stepping down by STEP.
BODY_STEPS = (24, 20, 18, 16)
SHARED_SIZE_KINDS = ("bullets", "agenda")
BODY_START = {"title": 24, "section": 20}
BODY_FLOOR = BODY_STEPS[-1]  # above the 14 pt minimum: a denser slide reads worse than a "(cont.)" one
#: The share of a deck's bullets slides that may continue on a "(cont.)" slide to keep a larger step.
EXTRA_SLIDES_SHARE = 0.25
#: The judgement box's text sits this many points under the body's, never under the 14 pt minimum.
JUDGEMENT_BELOW_BODY = 2
TITLE_START = {"title": 40, "section": 36}  # every other kind: 36
TITLE_FLOOR = 20
STEP = 2
FOOTER_SIZES = pptx_footer.SIZES
CONTINUED = " (cont.)"

#: A judgement box may take this share of the body before the bullets move on to a "(cont.)" slide.
JUDGEMENT_SHARE = 0.5
JUDGEMENT_GAP = 152400  # 12 pt between the bullets and the box
FOOTER_GREY = "595959"
#: WCAG's large text: 18 pt (at reportgen's own slide size), which needs 3:1 rather than 4.5:1.
LARGE_TEXT = 18


@dataclass(frozen=True)
class PlannedSlide:
    """One slide as it will be written: every text, size and placeholder decided."""

    layout: str
    kind: str
    title: str
    title_size: int
    #: The title and body placeholders' positions in the layout (None: drawn as a text box).
    title_position: int | None
    body: tuple[str, ...]
    bulleted: tuple[bool, ...]
    body_size: int
    body_position: int | None
    notes: str
    marking: str = ""
    marking_size: int = FOOTER_SIZES[0]
    number: str = ""  # "n / N"; empty on title slides, which carry no number
    number_size: int = FOOTER_SIZES[0]
    #: The layout's footer / slide-number placeholder (position) the marking / number go into;
    #: None: a loose text box along the bottom edge.
    marking_position: int | None = None
    number_position: int | None = None
    #: Agenda numbering: the number of each body paragraph (empty: bullets as `bulleted` says).
    numbers: tuple[int, ...] = ()
    #: Where the body placeholder goes when planning moved it (to make room for a judgement box,
    #: or to keep it on the slide and clear of the footer).
    body_box: Box | None = None
    #: Where the title placeholder goes when it had to be moved onto the slide.
    title_box: Box | None = None
    #: Drawn after the placeholders: visuals, the judgement box.
    shapes: tuple[Shape, ...] = ()
    #: The marking's and slide number's colour, readable on the layout's background.
    footer_colour: str = FOOTER_GREY
    #: The slide number's colour in its loose box.
    loose_number_colour: str = FOOTER_GREY
    #: Colours written on the title's, body's, marking's and number's placeholder runs where the
    #: template's own would not read on what the placeholder sits on ("": the template's).
    title_colour: str = ""
    body_colour: str = ""
    marking_colour: str = ""
    number_colour: str = ""


def plan(outline: Outline, reference: Reference) -> list[PlannedSlide]:
    """Decide every slide: layout, continuation slides, font sizes, footer and numbers.

    Blocks other than Slide are skipped, so one template may feed both the brief and the deck.
    """
    wanted = [block for block in outline.blocks if isinstance(block, Slide)]
    if not wanted:
        raise PackError("the deck outline has no <slide> blocks; a deck template must emit at least one")
    available = reference.layouts
    if not available:
        raise PackError("the reference deck has no slide layouts", hint="use a .pptx or .potx saved by PowerPoint")
    fonts = (outline.meta.font, outline.meta.heading_font)
    placed: list[_Placed] = []
    for slide in wanted:
        if slide.kind not in DEFAULT_LAYOUTS:
            raise PackError(f"slide kind must be one of {', '.join(DEFAULT_LAYOUTS)}, not '{slide.kind}'")
        name = slide.layout or _choose(reference, slide)
        if name not in available:
            listed = ", ".join(f"'{n}'" for n in available)
            raise PackError(
                f"reference deck has no layout named '{name}'; available: {listed}",
                hint="add the layout to the pack's reference.pptx or name an existing one",
            )
        placed.append(
            _Placed(slide, name, geometry(reference, name, slide.kind, *fonts), palette.colours(reference, name))
        )
    shared = [p for p in placed if p.shares_body_size]
    _, at_step = _deck_body_step(shared)
    sharing = iter(at_step[n] for n in range(len(shared)))  # in deck order, as `shared` is
    planned: list[PlannedSlide] = []
    for p in placed:
        if p.slide.visual is not None:
            planned.extend(_plan_visual(p.slide, p.layout, p.geo, p.colours))
        elif p.shares_body_size:
            planned.extend(next(sharing))
        else:
            planned.extend(_plan_slide(p.slide, p.layout, p.geo, p.colours, None))
    body_font = reference.masters[0].effective_fonts(*fonts)[1] if reference.masters else "Calibri"
    total = len(planned)
    scale = text_scale(*slide_size(reference))
    return [
        _with_text_colours(
            _with_footer(p, reference, outline.meta.marking, "" if p.kind == "title" else f"{n} / {total}", body_font),
            reference,
            scale,
        )
        for n, p in enumerate(planned, start=1)
    ]


def _with_text_colours(planned: PlannedSlide, reference: Reference, scale: float) -> PlannedSlide:
    """The slide with a colour for each placeholder it writes in whose template colour would not
    read where it sits (palette.placeholder): at 3:1 for large text (18 pt, or a bold title, at
    reportgen's own slide size), else 4.5:1."""

    def colour(position: int | None, size: int, large: bool = False) -> str:
        if position is None:
            return ""
        ratio = palette.LARGE_RATIO if large or size / scale >= LARGE_TEXT else palette.TEXT_RATIO
        return palette.placeholder(reference, planned.layout, position, ratio)

    return replace(
        planned,
        title_colour=colour(planned.title_position, planned.title_size, large=True) if planned.title else "",
        body_colour=colour(planned.body_position, planned.body_size) if planned.body else "",
        marking_colour=colour(planned.marking_position, planned.marking_size) if planned.marking else "",
        number_colour=colour(planned.number_position, planned.number_size) if planned.number else "",
    )


def _with_footer(planned: PlannedSlide, reference: Reference, marking: str, number: str, family: str) -> PlannedSlide:
    """The slide with its marking and number placed (pptx_footer): in the layout's footer and
    slide-number placeholders where loose boxes would sit on the template's graphics and the text
    fits them, else in the loose boxes along the bottom edge."""
    marking_spot, number_spot = pptx_footer.spots(reference, planned.layout)
    scale = text_scale(*slide_size(reference))
    loose_marking = pptx_footer.fitted(marking, footer_boxes(reference)[0], family, whole=False, scale=scale)
    assert loose_marking is not None
    placed = numbered = None
    if marking_spot.position is not None:
        placed = pptx_footer.fitted(marking, marking_spot.box, family, whole=False, scale=scale)
    if number_spot.position is not None:
        numbered = pptx_footer.fitted(number, number_spot.box, family, whole=True, scale=scale)
    marking_text, marking_size = placed or loose_marking
    marking_position = marking_spot.position if placed else None
    return replace(
        planned,
        marking=marking_text,
        marking_size=marking_size,
        marking_position=marking_position,
        number=number,
        number_size=numbered[1] if numbered else round(FOOTER_SIZES[0] * scale),
        number_position=number_spot.position if numbered else None,
    )


def _choose(reference: Reference, slide: Slide) -> str:
    has_text = bool(slide.subtitle or slide.items or slide.judgement is not None)
    return layouts.choose(reference, slide.kind, bool(slide.title), slide.visual is None and has_text)


@dataclass(frozen=True)
class _Placed:
    """A slide of the outline with the layout chosen for it, that layout's geometry and colours."""

    slide: Slide
    layout: str
    geo: Geometry
    colours: Colours

    @property
    def shares_body_size(self) -> bool:
        return self.slide.visual is None and self.slide.kind in SHARED_SIZE_KINDS


def _deck_body_step(slides: Sequence[_Placed]) -> tuple[int, dict[int, list[PlannedSlide]]]:
    """The one body size (a BODY_STEPS step) every bullets and agenda slide of the deck takes, and
    those slides planned at it (by their index in `slides`).

    The largest step at which "(cont.)" slides add no more than EXTRA_SLIDES_SHARE of these slides
    (at least one) beyond those the smallest step needs anyway: a deck reads in one voice, and a
    long section continues on a second slide rather than shrinking its text below its neighbours'.
    The smallest step is only planned when a larger one adds more slides than allowed."""
    if not slides:
        return BODY_STEPS[0], {}
    allowed = max(1, math.floor(EXTRA_SLIDES_SHARE * len(slides)))

    def planned_at(step: int) -> dict[int, list[PlannedSlide]]:
        return {n: _plan_slide(p.slide, p.layout, p.geo, p.colours, step) for n, p in enumerate(slides)}

    def count(plans: dict[int, list[PlannedSlide]]) -> int:
        return sum(len(slide) for slide in plans.values())

    least: int | None = None
    for step in BODY_STEPS[:-1]:
        plans = planned_at(step)
        if count(plans) - len(slides) <= allowed:  # the floor needs at least one slide each
            return step, plans
        if least is None:
            least = count(planned_at(BODY_STEPS[-1]))
        if count(plans) - least <= allowed:
            return step, plans
    return BODY_STEPS[-1], planned_at(BODY_STEPS[-1])


def _plan_slide(slide: Slide, layout: str, geo: Geometry, colours: Colours, step: int | None) -> list[PlannedSlide]:
    """The slide and its "(cont.)" slides; its body at the deck's shared `step` (bullets, agenda) or,
    for a title or section slide (`step` None), at the largest size from BODY_START that fits."""
    lead = (slide.subtitle,) if slide.subtitle else ()
    paragraphs = lead + slide.items
    marked = slide.kind in ("bullets", "agenda")
    bulleted = [False] * len(lead) + [marked] * len(slide.items)
    # A drawn body is a plain text box: bullets, no automatic numbering.
    numbered = slide.kind == "agenda" and not geo.body_drawn
    frame = geo.numbered if numbered else geo.bullets if marked else geo.body
    body_size = geo.points(step if step is not None else BODY_START[slide.kind])
    sizes = (
        range(body_size, body_size - 1, -1) if step is not None else range(body_size, geo.points(BODY_FLOOR) - 1, -STEP)
    )
    pages: Pages = [list(enumerate(paragraphs))]
    if paragraphs:
        body_size, pages = _fit_body(frame, paragraphs, sizes)
        if slide.kind == "title":
            pages = pages[:1]  # one title slide: a subtitle too long for it ends in an ellipsis
    box_on_last: tuple[Box | None, TextBox | None] = (None, None)
    if slide.judgement is not None:
        pages, box_on_last = _place_judgement(slide.judgement, pages, frame, body_size, geo, colours.on_fill)
    titles = [slide.title] + [slide.title + CONTINUED if slide.title else ""] * (len(pages) - 1)
    title_size = geo.points(TITLE_START.get(slide.kind, 36))
    if slide.title:
        title_size, titles = _fit_titles(geo.title, titles, title_size, geo.points(TITLE_FLOOR))
    lead_count = len(lead)
    moved = geo.body_box if geo.body_moved else None
    planned = []
    for number, (title, page) in enumerate(zip(titles, pages, strict=True), start=1):
        last = number == len(pages)
        body_box, judgement = box_on_last if last else (None, None)
        body = tuple(text for _, text in page)
        shown = tuple(bulleted[i] for i, _ in page)
        drawn = _drawn_title(geo, title, title_size, colours)
        if geo.body_drawn and body:
            indents = tuple((NUMBER_INDENT if numbered else BULLET_INDENT) if b else 0 for b in shown)
            box, weights = body_box or geo.body_box, (False,) * len(body)
            drawn += (
                TextBox("Body", box, body, body_size, weights, indents, color=colours.text, spacing=SPACE_FACTOR),
            )
        planned.append(
            PlannedSlide(
                layout=layout,
                kind=slide.kind,
                title=title,
                title_size=title_size,
                title_position=geo.title_position,
                body=body,
                bulleted=shown,
                body_size=body_size,
                body_position=geo.body_position,
                notes=slide.notes,  # continuation slides repeat the notes: the speaker loses nothing
                numbers=tuple(i - lead_count + 1 for i, _ in page) if numbered else (),
                body_box=body_box or moved,
                title_box=geo.title_box if geo.title_moved else None,
                shapes=drawn + ((judgement,) if judgement is not None else ()),
                footer_colour=colours.footer,
                loose_number_colour=colours.number,
            )
        )
    return planned


def _drawn_title(geo: Geometry, title: str, size: int, colours: Colours) -> tuple[Shape, ...]:
    """The title as a text box where the master puts titles, for a layout with no title placeholder."""
    if not (geo.title_drawn and title):
        return ()
    return (TextBox("Title", geo.title_box, (title,), size, (True,), color=colours.text),)


def _place_judgement(
    judgement: Judgement, pages: Pages, frame: fit.Frame, size: int, geo: Geometry, text_colour: str
) -> tuple[Pages, tuple[Box | None, TextBox | None]]:
    """Put the judgement box at the foot of the body area on the last slide, shortening the body
    placeholder above it. When the last slide's bullets do not all fit above it, the last ones that
    do move with it onto a "(cont.)" slide; a box taller than JUDGEMENT_SHARE of the area goes on a
    slide of its own. Its text is JUDGEMENT_BELOW_BODY points under the body's `size`."""
    area = geo.body_box
    box_size = max(geo.points(pptx_visuals.FLOOR), size - geo.points(JUDGEMENT_BELOW_BODY))
    box = pptx_visuals.plan_judgement(judgement.title, judgement.items, area, geo.body_family, box_size, text_colour)
    room = box.box.top - JUDGEMENT_GAP - area.top
    shorter = replace(frame, height=(room - 2 * INSET_Y) / EMU_PER_PT)
    last = pages[-1] if pages else []
    if last and box.box.height <= area.height * JUDGEMENT_SHARE:
        # The box goes under all the last slide's bullets if they fit above it; otherwise it moves
        # on with as few of the last bullets as fit above it (one at least, so it never sits alone
        # while a bullet could keep it company) and the rest stay where they are.
        for keep in (len(last), *range(1, len(last))):
            above = last[len(last) - keep :]
            if fit.largest_fitting(shorter, [text for _, text in above], [size]) is not None:
                rest = [*pages[:-1], last[: len(last) - keep]] if keep < len(last) else pages[:-1]
                return [*rest, above], (Box(area.left, area.top, area.width, room), box)
    if last:
        pages = [*pages, []]
    top_box = replace(box, box=Box(area.left, area.top, area.width, box.box.height))
    return pages, (None, top_box)


def _plan_visual(slide: Slide, layout: str, geo: Geometry, colours: Colours) -> list[PlannedSlide]:
    visual, area = slide.visual, geo.content
    pages: list[tuple[Shape, ...]]
    if isinstance(visual, Table):
        pages = pptx_visuals.plan_table(visual, area, geo.body_family, colours, geo.scale)
    elif isinstance(visual, Figures):
        pages = pptx_visuals.plan_figures(visual.items, area, geo.body_family, colours, geo.scale)
    elif isinstance(visual, Timeline):
        pages = pptx_timeline.plan_timeline(visual, area, geo.body_family, colours, geo.scale)
    elif isinstance(visual, Chart):
        pages = [(pptx_chart.plan_chart(visual, area, geo.body_family, colours, geo.scale),)]
    else:
        raise AssertionError(f"unknown visual {visual!r}")
    title = (
        slide.title + pptx_timeline.shown_count(visual) if isinstance(visual, Timeline) and slide.title else slide.title
    )
    titles = [title] + [title + CONTINUED if title else ""] * (len(pages) - 1)
    title_size = geo.points(36)
    if slide.title:
        title_size, titles = _fit_titles(geo.title, titles, title_size, geo.points(TITLE_FLOOR))
    return [
        PlannedSlide(
            layout=layout,
            kind=slide.kind,
            title=title,
            title_size=title_size,
            title_position=geo.title_position,
            body=(),
            bulleted=(),
            body_size=BODY_FLOOR,
            body_position=None,
            notes=slide.notes,
            title_box=geo.title_box if geo.title_moved else None,
            shapes=_drawn_title(geo, title, title_size, colours) + shapes,
            footer_colour=colours.footer,
            loose_number_colour=colours.number,
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


def _fit_titles(frame: fit.Frame, titles: list[str], start: int, floor: int = TITLE_FLOOR) -> tuple[int, list[str]]:
    """One size for a slide and its continuations, so a split slide keeps one voice; no word is
    broken across lines (a narrow title column steps the size down for a long word)."""
    longest = max(titles, key=len)
    sizes = range(start, floor - 1, -STEP)
    size = next((s for s in sizes if frame.fits([longest], s) and frame.unbroken(longest, s)), None)
    if size is not None:
        return int(size), titles
    # Too long even at the floor: cut at a word and say so with an ellipsis.
    narrower = replace(frame, width=frame.width - fit.text_width(CONTINUED, frame.family, floor, True))
    first = fit.truncate(frame, titles[0], floor)
    rest = [fit.truncate(narrower, titles[0], floor) + CONTINUED for _ in titles[1:]]
    return floor, [first, *rest]
