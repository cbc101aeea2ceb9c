"""Planned shapes for the deck's visuals, and how each is written onto a slide.

Planning modules (pptx_visuals, pptx_timeline, pptx_chart) decide every position, text and font
size and return these frozen records; `emit` only writes them. Text is written the way planning
measured it: explicit run sizes, exact line pitch, explicit insets, autofit off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from reportgen.renderers import fit, pptx_xml

EMU_PER_PT = 12700
INSET_X, INSET_Y = Emu(91440), Emu(45720)  # python-pptx's defaults, written explicitly
#: Plan lines a little narrower than the box: PowerPoint's kerning and line breaking differ
#: slightly from FreeType's advances, and a spare 3% costs less than a clipped word.
WIDTH_SAFETY = 0.97


class Box(NamedTuple):
    """A rectangle in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width


def pt(emu: float) -> float:
    return emu / EMU_PER_PT


def emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def text_frame(box: Box, family: str, bold: bool = False, indent: int = 0, space: float = 0.0) -> fit.Frame:
    """The measuring frame of a text box: inside its insets (and bullet indent), in points."""
    return fit.Frame(
        family=family,
        width=pt(box.width - 2 * INSET_X - indent) * WIDTH_SAFETY,
        height=pt(box.height - 2 * INSET_Y),
        bold=bold,
        space_factor=space,
    )


@dataclass(frozen=True)
class TextBox:
    """A text box; `bold` and `indents` give each paragraph's weight and bullet indent (0: none)."""

    name: str
    box: Box
    paragraphs: tuple[str, ...]
    size: int
    bold: tuple[bool, ...]
    indents: tuple[int, ...] = ()
    align: PP_ALIGN = PP_ALIGN.LEFT
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP
    color: str = ""
    fill: str = ""
    border: str = ""
    spacing: float = 0.0


@dataclass(frozen=True)
class Line:
    """A straight connector from (x1, y1) to (x2, y2), in EMU."""

    name: str
    x1: int
    y1: int
    x2: int
    y2: int
    color: str
    width: float  # points


@dataclass(frozen=True)
class Dot:
    """A filled circle (a timeline marker)."""

    name: str
    box: Box
    color: str


@dataclass(frozen=True)
class Grid:
    """A native table: column widths and row heights in EMU, one font size; row 0 may be a header."""

    name: str
    box: Box
    widths: tuple[int, ...]
    heights: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]
    size: int
    header: bool


@dataclass(frozen=True)
class ChartSpec:
    """A native bar or column chart of one series, drawn by pptx_chart."""

    name: str
    box: Box
    kind: str
    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    number_format: str
    size: int


Shape = TextBox | Line | Dot | Grid | ChartSpec

#: Cell insets of planned tables, in EMU: as measured, so written explicitly.
CELL_INSET_X, CELL_INSET_Y = Emu(91440), Emu(45720)


def rgb(hex_colour: str) -> RGBColor:
    value = int(hex_colour, 16)
    return RGBColor(value >> 16, (value >> 8) & 0xFF, value & 0xFF)  # type: ignore[no-untyped-call]


def write_text(
    frame: TextFrame,
    paragraphs: Sequence[str],
    size: int,
    indents: Sequence[int | None],
    spacing: float = 0.0,
    bold: Sequence[bool | None] = (),
    numbers: Sequence[int] = (),
) -> None:
    """Write paragraphs exactly as planned: size on every run, exact line pitch, no autofit.

    An indent of None leaves the placeholder's own paragraph style (titles); a number sets the
    hanging indent, 0 meaning no bullet; `numbers` (> 0) turn bullets into "1." numbering.
    """
    prepare(frame)
    for i, (text, indent) in enumerate(zip(paragraphs, indents, strict=True)):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        paragraph.line_spacing = Pt(size * fit.LINE_FACTOR)
        paragraph.space_before = Pt(size * spacing if i else 0)
        if indent is not None:
            pptx_xml.set_bullet(paragraph, indent, numbers[i] if i < len(numbers) else 0)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        if i < len(bold) and bold[i] is not None:
            run.font.bold = bold[i]


def prepare(frame: TextFrame) -> None:
    """Wrap at the box edge and never autofit; insets explicit, as measured in planning."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # writes <a:noAutofit/>, overriding the layout's autofit
    frame.margin_left = frame.margin_right = INSET_X
    frame.margin_top = frame.margin_bottom = INSET_Y


def emit(slide: Any, shape: Shape) -> None:
    """Write one planned shape onto a slide."""
    if isinstance(shape, TextBox):
        _text_box(slide, shape)
    elif isinstance(shape, Line):
        line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, shape.x1, shape.y1, shape.x2, shape.y2)
        line.name = shape.name
        line.line.color.rgb = rgb(shape.color)
        line.line.width = Pt(shape.width)
    elif isinstance(shape, Dot):
        dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, *shape.box)
        dot.name = shape.name
        dot.fill.solid()
        dot.fill.fore_color.rgb = rgb(shape.color)
        dot.line.fill.background()
        dot.shadow.inherit = False
    elif isinstance(shape, Grid):
        _grid(slide, shape)
    else:
        from reportgen.renderers import pptx_chart

        pptx_chart.emit_chart(slide, shape)


def _text_box(slide: Any, spec: TextBox) -> None:
    shape = slide.shapes.add_textbox(*spec.box)
    shape.name = spec.name
    indents = spec.indents or (0,) * len(spec.paragraphs)
    write_text(shape.text_frame, spec.paragraphs, spec.size, list(indents), spec.spacing, spec.bold)
    shape.text_frame.vertical_anchor = spec.anchor
    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = spec.align
        if spec.color:
            for run in paragraph.runs:
                run.font.color.rgb = rgb(spec.color)
    if spec.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(spec.fill)
    if spec.border:
        shape.line.color.rgb = rgb(spec.border)
        shape.line.width = Pt(1)


def _grid(slide: Any, spec: Grid) -> None:
    frame = slide.shapes.add_table(len(spec.rows), len(spec.widths), *spec.box)
    frame.name = spec.name
    table = frame.table
    table.first_row = spec.header
    table.horz_banding = True
    for column, width in zip(table.columns, spec.widths, strict=True):
        column.width = Emu(width)
    for row, height in zip(table.rows, spec.heights, strict=True):
        row.height = Emu(height)
    for r, texts in enumerate(spec.rows):
        for c, text in enumerate(texts):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = CELL_INSET_X
            cell.margin_top = cell.margin_bottom = CELL_INSET_Y
            cell.vertical_anchor = MSO_ANCHOR.TOP
            write_text(cell.text_frame, [text], spec.size, [None], bold=[spec.header and r == 0])
