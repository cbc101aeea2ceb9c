"""PowerPoint renderer: a deck Outline onto the layouts of a reference .pptx, fitted before writing.

Plan, then emit (pandoc's PowerPoint writer does the same): `plan.plan()` turns the outline's slides
into the slides that will exist, choosing each layout, the font sizes, the continuation slides and
the slide numbers from the reference's placeholder geometry and real font metrics
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

Layouts are chosen by what they hold and by type (layouts), so any template works: what a layout
lacks (a title or body placeholder) is drawn where the master puts it (geometry). Only a layout
the outline names itself (`layout=`) must exist.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.outline import Outline
from reportgen.renderers.ooxml import core_properties, references
from reportgen.renderers.pptx import brand as pptx_brand
from reportgen.renderers.pptx import fit, layouts, palette
from reportgen.renderers.pptx import footer as pptx_footer
from reportgen.renderers.pptx import reference as pptx_reference
from reportgen.renderers.pptx.footer import footer_boxes, slide_size
from reportgen.renderers.pptx.geometry import BULLET_INDENT, NUMBER_INDENT, SPACE_FACTOR, geometry
from reportgen.renderers.pptx.package import DeckPackage
from reportgen.renderers.pptx.plan import PlannedSlide, plan
from reportgen.renderers.pptx.pml import FITTED_BODY, Script, paragraphs, xfrm
from reportgen.renderers.pptx.reference import Layout, Reference
from reportgen.renderers.pptx.shapes import LEFT, RIGHT, Align, Box, TextBox, emit
from reportgen.renderers.pptx.slide import LATENT, PlaceholderCopy, SlideXml, placeholder_copies


def render(outline: Outline, reference: Path) -> bytes:
    """The .pptx bytes of a deck outline, on the layouts of `reference`; same input, same bytes."""
    ref = pptx_reference.load(reference)
    meta = outline.meta
    deck = DeckPackage.start(ref, meta.font, meta.heading_font)
    width, height = slide_size(ref)
    script = Script(meta.language, meta.direction == "rtl")
    for planned in plan(outline, ref):
        accent = pptx_brand.title_colour(meta, planned.kind)
        slide = _emit_slide(deck, ref.layouts[planned.layout], planned, ref, script, accent)
        if planned.kind == "title":
            pptx_brand.brand_title_slide(deck, slide, meta, width, height)
    _set_properties(deck, outline)
    return deck.to_bytes()


def prepare(reference: Path) -> None:
    """Parse the reference deck, open its theme fonts and choose and measure the layouts each kind
    of slide goes on (without brand fonts), as a first render would: all of it cached, so a render
    after a head start finds it ready."""
    ref = pptx_reference.load(reference)
    for master in ref.masters[:1]:
        for family in master.effective_fonts("", ""):
            for bold in (False, True):
                fit.font_file(family, bold)
    for kind in layouts.DEFAULT_LAYOUTS:
        for has_text in (True, False):
            name = layouts.choose(ref, kind, True, has_text and kind in _TEXT_KINDS)
            geometry(ref, name, kind, "", "")
            palette.colours(ref, name)
            pptx_footer.spots(ref, name)


#: Slide kinds whose text goes in the layout's body (the others hold a visual).
_TEXT_KINDS = frozenset({"title", "bullets", "agenda", "section"})


# --- 2. emit ------------------------------------------------------------------------------------


def _emit_slide(
    deck: DeckPackage, layout: Layout, planned: PlannedSlide, reference: Reference, script: Script, accent: str = ""
) -> SlideXml:
    """Write one planned slide: the title and body into copies of the layout's placeholders (those
    left empty are dropped: an empty placeholder shows "Click to add text" to the editor), then
    the planned shapes, the footer and the notes. `accent` colours the runs of placeholder idx 0;
    a placeholder planning moved (onto the slide, clear of the footer) gets its box written."""
    slide = deck.add_slide(layout.part, script)
    name = deck.slides[-1][0]
    copies = placeholder_copies(layout.placeholders, False, skip=LATENT)
    texts: dict[int, str] = {}  # copy id -> the inside of its p:txBody
    sp_pr: dict[int, str] = {}
    if planned.title and planned.title_position is not None:
        title = _copy(copies, planned.title_position)
        if planned.title_box is not None:
            sp_pr[title.id] = f"<p:spPr>{xfrm(planned.title_box)}</p:spPr>"
        colour = accent if title.idx == 0 and accent else planned.title_colour
        texts[title.id] = FITTED_BODY + paragraphs(
            [planned.title], planned.title_size, [None], colour=colour, script=script
        )
    if planned.body and planned.body_position is not None:
        body = _copy(copies, planned.body_position)
        if planned.body_box is not None:
            sp_pr[body.id] = f"<p:spPr>{xfrm(planned.body_box)}</p:spPr>"
        indent = NUMBER_INDENT if planned.numbers else BULLET_INDENT
        indents: list[int | None] = [indent if b else 0 for b in planned.bulleted]
        colour = accent if body.idx == 0 and accent else planned.body_colour
        text = paragraphs(
            planned.body,
            planned.body_size,
            indents,
            SPACE_FACTOR,
            numbers=planned.numbers,
            colour=colour,
            script=script,
        )
        texts[body.id] = FITTED_BODY + text
    slide.add_placeholders(
        [(copy, copy.xml(texts[copy.id], sp_pr.get(copy.id, "<p:spPr/>"))) for copy in copies if copy.id in texts]
    )
    for planned_shape in planned.shapes:
        emit(slide, planned_shape, deck)
    loose = footer_boxes(reference)
    spots = pptx_footer.spots(reference, layout.name)
    marking_box, number_box = (loose[i] if spots[i].position is not None else spots[i].box for i in (0, 1))
    for text, size, position, label, box, align, own in (
        (planned.marking, planned.marking_size, planned.marking_position, "Marking", marking_box, LEFT,
         planned.marking_colour),
        (planned.number, planned.number_size, planned.number_position, "Slide Number", number_box, RIGHT,
         planned.number_colour),
    ):  # fmt: skip
        if text and position is not None:
            _footer_placeholder(slide, layout, position, text, size, script, own)
        elif text:
            drawn = planned.footer_colour if label == "Marking" else planned.loose_number_colour
            _footer_text(deck, slide, label, box, text, size, align, drawn)
    if planned.notes:
        deck.add_notes(name, slide, planned.notes)
    return slide


def _copy(copies: tuple[PlaceholderCopy, ...], position: int) -> PlaceholderCopy:
    """The copy of the layout's placeholder at `position` (placeholders are told apart by position:
    LibreOffice and Google Slides leave some without an index, so indexes repeat)."""
    found = next(copy for copy in copies if copy.position == position)
    assert found.has_text, "title, body, object and subtitle placeholders are copied with a text body"
    return found


def _footer_placeholder(
    slide: SlideXml, layout: Layout, position: int, text: str, size: int, script: Script, colour: str
) -> None:
    """A copy of the layout's footer or slide-number placeholder at `position` holding `text`, in
    the placeholder's own style (placed and coloured for the template's bar or corner), or in
    `colour` where that style's would not read."""
    copy = next(c for c in placeholder_copies(layout.placeholders, False, kinds=LATENT) if c.position == position)
    head = re.sub(r'id="\d+"', f'id="{slide.next_id()}"', copy.head, count=1)
    body = pptx_footer.BODY + paragraphs([text], size, [None], colour=colour, script=script)
    slide.add(f"{head}<p:spPr/><p:txBody>{body}</p:txBody></p:sp>")


def _footer_text(
    deck: DeckPackage, slide: SlideXml, name: str, box: Box, text: str, size: int, align: Align, colour: str
) -> None:
    emit(slide, TextBox(name, box, (text,), size, (False,), align=align, color=colour), deck)


# --- 3. package ---------------------------------------------------------------------------------


def _set_properties(deck: DeckPackage, outline: Outline) -> None:
    deck.set_core_properties(*core_properties.from_meta(outline.meta))


def notes(reference: Path) -> tuple[str, ...]:
    """One line for each link outside the file the deck's copy of the reference leaves out."""
    return tuple(f"{reference.name}: {note}" for note in references.read_package(reference).notes)
