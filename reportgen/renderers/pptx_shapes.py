"""Planned shapes for the deck's visuals, and how each is written onto a slide.

Planning modules (pptx_visuals, pptx_timeline, pptx_chart) decide every position, text and font
size and return these frozen records; `emit` only writes them, as the DrawingML PowerPoint itself
writes for a text box, a straight connector, an oval and a table. Text is written the way planning
measured it: explicit run sizes, exact line pitch, default insets, autofit off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple, Protocol

from lxml import etree

from reportgen.renderers import fit
from reportgen.renderers.pptx_slide import SlideXml, preset, theme_style, xfrm
from reportgen.renderers.pptx_xml import pt as points_to_emu
from reportgen.renderers.pptx_xml import qn, solid_fill, sub, write_text

EMU_PER_PT = 12700
INSET_X, INSET_Y = 91440, 45720  # DrawingML's default insets: the ones planning measures with
#: Paragraph alignment (a:pPr/@algn) and vertical anchoring (a:bodyPr/@anchor).
Align = Literal["l", "ctr", "r"]
Anchor = Literal["t", "ctr", "b"]
LEFT: Align = "l"
CENTER: Align = "ctr"
RIGHT: Align = "r"
TOP: Anchor = "t"
MIDDLE: Anchor = "ctr"
BOTTOM: Anchor = "b"
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
    align: Align = LEFT
    anchor: Anchor = TOP
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
CELL_INSET_X, CELL_INSET_Y = 91440, 45720


class ChartSink(Protocol):
    """Where a chart's own parts go: returns the chart part's name for the slide to relate to."""

    def add_chart(self, spec: ChartSpec) -> str: ...


def emit(slide: SlideXml, shape: Shape, charts: ChartSink) -> None:
    """Write one planned shape onto a slide."""
    if isinstance(shape, TextBox):
        _text_box(slide, shape)
    elif isinstance(shape, Line):
        _line(slide, shape)
    elif isinstance(shape, Dot):
        _dot(slide, shape)
    elif isinstance(shape, Grid):
        _grid(slide, shape)
    else:
        _chart_frame(slide, shape, slide.relate(RT_CHART, charts.add_chart(shape)))


RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
_URI = "http://schemas.openxmlformats.org/drawingml/2006/"


def _text_box(slide: SlideXml, spec: TextBox) -> etree._Element:
    """`p:sp` with `p:cNvSpPr@txBox`: a rectangle, filled and framed if planned, holding the text."""
    sp, nv = slide.add("p:sp", spec.name)
    sub(nv, "p:cNvSpPr", txBox="1")
    sub(nv, "p:nvPr")
    sp_pr = sub(sp, "p:spPr")
    xfrm(sp_pr, spec.box)
    preset(sp_pr, "rect")
    if spec.fill:
        solid_fill(sp_pr, spec.fill)
    else:
        sub(sp_pr, "a:noFill")
    if spec.border:
        solid_fill(sub(sp_pr, "a:ln", w=str(points_to_emu(1))), spec.border)
    body = sub(sp, "p:txBody")
    sub(body, "a:bodyPr", anchor=spec.anchor)
    sub(body, "a:lstStyle")
    sub(body, "a:p")
    indents = spec.indents or (0,) * len(spec.paragraphs)
    runs = write_text(body, spec.paragraphs, spec.size, list(indents), spec.spacing, spec.bold)
    for paragraph in body.iterfind(qn("a:p")):
        ppr = paragraph.find(qn("a:pPr"))
        if ppr is not None:
            ppr.set("algn", spec.align)
    if spec.color:
        for run in runs:
            rpr = run.find(qn("a:rPr"))
            assert rpr is not None
            solid_fill(rpr, spec.color)
    return sp


def _line(slide: SlideXml, spec: Line) -> None:
    """`p:cxnSp`: a straight connector, flipped when it runs right-to-left or upwards."""
    shape, nv = slide.add("p:cxnSp", spec.name)
    sub(nv, "p:cNvCxnSpPr")
    sub(nv, "p:nvPr")
    flips = {name: "1" for name, flipped in (("flipH", spec.x1 > spec.x2), ("flipV", spec.y1 > spec.y2)) if flipped}
    box = (min(spec.x1, spec.x2), min(spec.y1, spec.y2), abs(spec.x2 - spec.x1), abs(spec.y2 - spec.y1))
    sp_pr = sub(shape, "p:spPr")
    xfrm(sp_pr, box, **flips)
    preset(sp_pr, "line")
    solid_fill(sub(sp_pr, "a:ln", w=str(points_to_emu(spec.width))), spec.color)
    theme_style(shape, 2, 0, 1, "tx1")


def _dot(slide: SlideXml, spec: Dot) -> None:
    """`p:sp` ellipse, filled, no outline, no theme shadow."""
    sp, nv = slide.add("p:sp", spec.name)
    sub(nv, "p:cNvSpPr")
    sub(nv, "p:nvPr")
    sp_pr = sub(sp, "p:spPr")
    xfrm(sp_pr, spec.box)
    preset(sp_pr, "ellipse")
    solid_fill(sp_pr, spec.color)
    sub(sub(sp_pr, "a:ln"), "a:noFill")
    sub(sp_pr, "a:effectLst")
    theme_style(sp, 1, 3, 2, "lt1")
    body = sub(sp, "p:txBody")
    sub(body, "a:bodyPr", rtlCol="0", anchor="ctr")
    sub(body, "a:lstStyle")
    sub(sub(body, "a:p"), "a:pPr", algn="ctr")


def _graphic_frame(slide: SlideXml, name: str, box: Box, uri: str) -> etree._Element:
    """`p:graphicFrame` holding `a:graphic/a:graphicData` of `uri`; returns the graphicData."""
    frame, nv = slide.add("p:graphicFrame", name)
    sub(sub(nv, "p:cNvGraphicFramePr"), "a:graphicFrameLocks", noGrp="1")
    sub(nv, "p:nvPr")
    xfrm(frame, box, "p:xfrm")
    return sub(sub(frame, "a:graphic"), "a:graphicData", uri=uri)


def _grid(slide: SlideXml, spec: Grid) -> None:
    """`a:tbl` in a graphic frame, on the default table style (banded rows, header row if any)."""
    table = sub(_graphic_frame(slide, spec.name, spec.box, _URI + "table"), "a:tbl")
    flags = {"firstRow": "1", "bandRow": "1"} if spec.header else {"bandRow": "1"}
    sub(table, "a:tblPr", **flags)
    table[0].append(_element("a:tableStyleId", "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"))
    grid = sub(table, "a:tblGrid")
    for width in spec.widths:
        sub(grid, "a:gridCol", w=str(width))
    for r, (texts, height) in enumerate(zip(spec.rows, spec.heights, strict=True)):
        row = sub(table, "a:tr", h=str(height))
        for text in texts:
            cell = sub(row, "a:tc")
            body = sub(cell, "a:txBody")
            sub(body, "a:bodyPr")
            sub(body, "a:lstStyle")
            sub(body, "a:p")
            write_text(body, [text], spec.size, [None], bold=[spec.header and r == 0])
            margins = {"marL": CELL_INSET_X, "marR": CELL_INSET_X, "marT": CELL_INSET_Y, "marB": CELL_INSET_Y}
            sub(cell, "a:tcPr", anchor="t", **{k: str(v) for k, v in margins.items()})


def _chart_frame(slide: SlideXml, spec: ChartSpec, rel_id: str) -> None:
    """A graphic frame pointing at the chart part (`c:chart@r:id`)."""
    data = _graphic_frame(slide, spec.name, spec.box, _URI + "chart")
    chart = etree.SubElement(data, qn("c:chart"), nsmap={"c": _URI + "chart"})
    chart.set(qn("r:id"), rel_id)


def _element(tag: str, text: str) -> etree._Element:
    element = etree.Element(qn(tag))
    element.text = text
    return element
