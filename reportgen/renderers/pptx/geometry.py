"""Where a slide's title, body and visuals go on one layout, and the frames planning measures in.

The title and the body go into the layout's placeholders that serve (layouts.roles); what the
layout lacks is supplied, as pandoc supplies its default styles: a title text box in the master's
title area, body text in the master's body area, else bands of the slide below the title and above
the footer. Every box is kept on the slide, and out of the footer band the marking and slide number
take (a placeholder reaching into it is shortened; the written box then says so explicitly).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportgen.renderers.ooxml.units import EMU_PER_PT
from reportgen.renderers.pptx import fit, layouts
from reportgen.renderers.pptx.footer import footer_boxes, marks, slide_size, spots
from reportgen.renderers.pptx.reference import Placeholder, Rect, Reference
from reportgen.renderers.pptx.shapes import INSET_X, INSET_Y, WIDTH_SAFETY, Box, scaled, text_scale

CONTENT_GAP = 91440  # between the title and a visual, and above the footer
BULLET_INDENT = 274320  # 0.3 in hanging indent
NUMBER_INDENT = 457200  # 0.5 in: room for "10." at 24 pt
SPACE_FACTOR = 0.5  # space before each body paragraph but the first, times the font size
#: A visual goes below the title when that leaves it this share of the slide's height; else in the
#: master's body area (a title placed low or to the side leaves no room under it).
VISUAL_SHARE = 0.4


@dataclass(frozen=True)
class Geometry:
    """What planning needs from one layout for one slide kind: which placeholders to fill (by
    position in the layout), where title and body go, and their text frames."""

    title_position: int | None  # None: the layout has no usable title placeholder; it is drawn
    title: fit.Frame
    title_box: Box
    title_moved: bool  # the placeholder's own box was changed (kept on the slide): write it
    body_position: int | None  # None: no usable body placeholder; body text is drawn
    body: fit.Frame  # without bullet indent
    bullets: fit.Frame  # with it
    numbered: fit.Frame  # with the wider numbering indent
    body_box: Box
    body_moved: bool
    body_family: str
    title_family: str
    #: Where visuals go: the body placeholder's box, or the slide below the title, or the master's
    #: body area.
    content: Box
    #: Text sizes are planned times this: 1 up to a 13.33 x 7.5 in slide, more on a larger one (a
    #: Keynote 26.67 x 15 in deck shows 24 pt text as a standard slide shows 12 pt).
    scale: float = 1.0

    def points(self, size: int) -> int:
        """`size` points as planned on this slide."""
        return scaled((size,), self.scale)[0]

    @property
    def title_drawn(self) -> bool:
        return self.title_position is None

    @property
    def body_drawn(self) -> bool:
        return self.body_position is None


@lru_cache(maxsize=64)
def geometry(reference: Reference, name: str, kind: str, body_font: str, heading_font: str) -> Geometry:
    """The geometry of layout `name` for a slide of `kind`, measured once per reference, layout,
    kind and brand fonts (a batch plans every deck on the same few)."""
    layout = reference.layouts[name]
    master = next(m for m in reference.masters if m.part == layout.master)
    major, minor = master.effective_fonts(body_font, heading_font)
    width, height = slide_size(reference)
    # Clear of the footer: the loose boxes' band, and the layout's own footer placeholders where
    # the marking or number go into them (those in the lower half of the slide).
    used = [spot.box.top for spot in spots(reference, name) if spot.position is not None]
    footer_top = min([footer_boxes(reference)[0].top, *(top for top in used if top > height // 2)])
    found = layouts.roles(layout, kind, width, height)
    title_shape = layout.placeholders[found.title] if found.title is not None else None
    body_shape = layout.placeholders[found.body] if found.body is not None else None

    title_own = _box(title_shape)
    title_box = _on_slide(title_own, width, height) if title_own is not None else None
    if title_box is None:
        title_box = _supplied_title(master.title_box, width, height)
    body_own = _box(body_shape)
    body_box = _above(_on_slide(body_own, width, height), footer_top) if body_own is not None else None
    drawn = marks(reference, name)
    if title_shape is None and _hits(title_box, drawn):
        title_box = _title_clear(title_box, drawn, body_box or _master_area(master.body_box, width, height, footer_top))
    if body_box is not None and _overlap(body_box, title_box):
        title_box, body_box = _apart(title_box, body_box, footer_top, title_shape is None)
    below_title = _below(Box(title_box.left, 0, title_box.width, height), title_box, footer_top)
    master_body = _master_body(master.body_box, title_box, width, height, footer_top)
    if body_box is not None:
        content = body_box
    elif below_title.height >= VISUAL_SHARE * height or master_body is None:
        content = _clear(below_title, drawn, below_title.height // 2) or below_title
    else:
        content = _clear(master_body, drawn, master_body.height // 2) or master_body
    supplied_body = master_body or _below(Box(width // 20, 0, width - width // 10, height), title_box, footer_top)
    supplied_body = _clear(supplied_body, drawn, height // 10) or supplied_body
    text_box = body_box if body_box is not None else supplied_body
    title_family = (title_shape.typeface or major) if title_shape is not None else minor
    text_family = (body_shape.typeface or minor) if body_shape is not None else minor
    heavy = body_shape is not None and body_shape.bold  # bold by the template's style
    return Geometry(
        title_position=found.title,
        # Titles are measured bold: most decks set them bold, and bold is the wider case.
        title=_frame(title_box, 0, title_family, True, caps=title_shape is not None and title_shape.caps),
        title_box=title_box,
        title_moved=title_own is not None and title_box != title_own,
        body_position=found.body,
        body=_frame(text_box, 0, text_family, heavy, SPACE_FACTOR),
        bullets=_frame(text_box, BULLET_INDENT, text_family, heavy, SPACE_FACTOR),
        numbered=_frame(text_box, NUMBER_INDENT, text_family, heavy, SPACE_FACTOR),
        body_box=text_box,
        body_moved=body_own is not None and text_box != body_own,
        body_family=minor,
        title_family=title_family,
        content=content,
        scale=text_scale(width, height),
    )


def _frame(box: Box, indent: int, family: str, bold: bool, space: float = 0.0, caps: bool = False) -> fit.Frame:
    width = (box.width - 2 * INSET_X - indent) / EMU_PER_PT * WIDTH_SAFETY
    height = (box.height - 2 * INSET_Y) / EMU_PER_PT
    return fit.Frame(family=family, width=width, height=height, bold=bold, space_factor=space, caps=bold and caps)


def _box(shape: Placeholder | None) -> Box | None:
    if shape is None or shape.box[2] is None or shape.box[3] is None:
        return None
    return Box(shape.box[0] or 0, shape.box[1] or 0, shape.box[2], shape.box[3])


def _on_slide(box: Box, width: int, height: int) -> Box:
    """`box` cut to the slide's edges (a template may place a placeholder partly off it)."""
    left, top = min(max(box.left, 0), width - 1), min(max(box.top, 0), height - 1)
    right, bottom = min(box.right, width), min(box.bottom, height)
    return Box(left, top, max(right - left, 1), max(bottom - top, 1))


def _above(box: Box, footer_top: int) -> Box:
    """`box` shortened to end above the footer band when it reaches into it (and can)."""
    if box.bottom <= footer_top or box.top >= footer_top - CONTENT_GAP:
        return box
    return Box(box.left, box.top, box.width, footer_top - CONTENT_GAP - box.top)


def _below(box: Box, title: Box, footer_top: int) -> Box:
    """The part of `box` under the title and above the footer band (at least one gap high)."""
    top = max(box.top, title.bottom + CONTENT_GAP)
    bottom = min(box.bottom, footer_top - CONTENT_GAP)
    return Box(box.left, top, box.width, max(bottom - top, CONTENT_GAP))


def _apart(title: Box, body: Box, footer_top: int, title_drawn: bool) -> tuple[Box, Box]:
    """Title and body boxes that do not overlap (some templates' do, a little): a title above the
    body ends where the body starts, if that leaves it half its height; else the body starts below
    the title. A drawn title keeps its box."""
    if not title_drawn and title.top < body.top and body.top - title.top >= title.height // 2:
        return Box(title.left, title.top, title.width, body.top - title.top), body
    return title, _below(body, title, footer_top)


def _overlap(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _supplied_title(master: Rect | None, width: int, height: int) -> Box:
    """The master's title area when it is on the slide and wide enough, else a band at the top."""
    if master is not None:
        box = _on_slide(Box(*master), width, height)
        if box.width >= layouts.MIN_WIDTH_SHARE * width and box.height >= height // 14:
            return box
    return Box(width // 20, height // 24, width - width // 10, height // 7)


def _hits(box: Box, drawn: tuple[Box, ...]) -> bool:
    return any(_overlap(box, mark) for mark in drawn)


def _clear(box: Box, drawn: tuple[Box, ...], least: int) -> Box | None:
    """`box` cut to its taller part above or below each of the master's or layout's graphics it
    overlaps (a logo, a rule); None when that leaves less than `least` of it."""
    for mark in (m for m in drawn if _overlap(box, m)):
        above = Box(box.left, box.top, box.width, mark.top - CONTENT_GAP - box.top)
        below = Box(box.left, mark.bottom + CONTENT_GAP, box.width, box.bottom - mark.bottom - CONTENT_GAP)
        box = max(above, below, key=lambda part: part.height)
    return box if box.height >= least else None


def _title_clear(title: Box, drawn: tuple[Box, ...], area: Box | None) -> Box:
    """A drawn title's box clear of the template's graphics: cut clear of them where it stays high
    enough, else at the top of the body area (`area`; the body then starts below it: nothing is
    drawn over a logo outside the body area), else where it was."""
    cleared = _clear(title, drawn, title.height // 2)
    if cleared is not None:
        return cleared
    if area is None:
        return title
    return Box(area.left, area.top, area.width, min(title.height, area.height // 3))


def _master_area(master: Rect | None, width: int, height: int, footer_top: int) -> Box | None:
    """The master's body area on the slide, above the footer; None when it has none."""
    return _above(_on_slide(Box(*master), width, height), footer_top) if master is not None else None


def _master_body(master: Rect | None, title: Box, width: int, height: int, footer_top: int) -> Box | None:
    """The master's body area, on the slide, clear of the title and the footer; None when it has
    none or too little of it is left."""
    box = _master_area(master, width, height, footer_top)
    if box is None:
        return None
    if _overlap(box, title):
        box = _below(box, title, footer_top)
    if box.width < layouts.MIN_WIDTH_SHARE * width or box.height < height // 5:
        return None
    return box
