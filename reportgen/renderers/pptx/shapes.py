"""Planned shapes for the deck's visuals, and how each is written onto a slide.

Planning modules (pptx_visuals, pptx_timeline, pptx_chart) decide every position, text and font
size and return these frozen records; `emit` only writes them (as XML strings, see pptx_xml), as
the DrawingML PowerPoint itself writes for a text box, a straight connector, an oval and a table.
Text is written the way planning measured it: explicit run sizes, exact line pitch, default
insets, autofit off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple, Protocol

from reportgen.renderers.ooxml import opc
from reportgen.renderers.ooxml.units import emu_to_pt, pt_to_emu_floor
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx.pml import FITTED_BODY, Script, fitted_body, paragraphs, solid_fill, xfrm
from reportgen.renderers.pptx.slide import SlideXml, nv_name, preset, theme_style

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


STANDARD = (12_192_000, 6_858_000)  # reportgen's own reference: 13.33 x 7.5 in


def text_scale(width: int, height: int) -> float:
    """How much larger than reportgen's 16:9 reference a slide is, in its smaller proportion; 1 for
    that size and anything smaller (4:3 and A4 slides keep the sizes they were made for)."""
    return max(1.0, min(width / STANDARD[0], height / STANDARD[1]))


def scaled(sizes: tuple[int, ...], scale: float) -> tuple[int, ...]:
    """Text sizes (points) as planned on a slide `scale` times reportgen's own in size
    (shapes.text_scale): 1 keeps them, a 26.67 x 15 in slide doubles them."""
    return tuple(round(size * scale) for size in sizes)


def text_frame(box: Box, family: str, bold: bool = False, indent: int = 0, space: float = 0.0) -> fit.Frame:
    """The measuring frame of a text box: inside its insets (and bullet indent), in points."""
    return fit.Frame(
        family=family,
        width=emu_to_pt(box.width - 2 * INSET_X - indent) * WIDTH_SAFETY,
        height=emu_to_pt(box.height - 2 * INSET_Y),
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
    #: The header's and the body rows' text colours where the table style's would not read ("").
    head_colour: str = ""
    colour: str = ""


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
    size: int  # labels' and values', points
    title_size: int
    color: str = "1F3864"  # the bars'
    text_color: str = ""  # labels' and title's; "" keeps the chart's default


Shape = TextBox | Line | Dot | Grid | ChartSpec

#: Cell insets of planned tables, in EMU: as measured, so written explicitly.
CELL_INSET_X, CELL_INSET_Y = 91440, 45720


class ChartSink(Protocol):
    """Where a chart's own parts go: returns the chart part's name for the slide to relate to."""

    def add_chart(self, spec: ChartSpec) -> str: ...


def emit(slide: SlideXml, shape: Shape, charts: ChartSink) -> None:
    """Write one planned shape onto a slide."""
    if isinstance(shape, TextBox):
        slide.add(_text_box(slide.next_id(), shape, slide.script))
    elif isinstance(shape, Line):
        slide.add(_line(slide.next_id(), shape))
    elif isinstance(shape, Dot):
        slide.add(_dot(slide.next_id(), shape))
    elif isinstance(shape, Grid):
        slide.add(_grid(slide.next_id(), shape, slide.script))
    else:
        shape_id = slide.next_id()
        slide.add(_chart_frame(shape_id, shape, slide.relate(opc.RT_CHART, charts.add_chart(shape))))


_URI = "http://schemas.openxmlformats.org/drawingml/2006/"
_TABLE_STYLE = "<a:tableStyleId>{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}</a:tableStyleId>"
_CELL_PROPERTIES = (
    f'<a:tcPr anchor="t" marL="{CELL_INSET_X}" marR="{CELL_INSET_X}" marT="{CELL_INSET_Y}" marB="{CELL_INSET_Y}"/>'
)


def _text_box(shape_id: int, spec: TextBox, script: Script) -> str:
    """`p:sp` with `p:cNvSpPr@txBox`: a rectangle, filled and framed if planned, holding the text."""
    fill = solid_fill(spec.fill) if spec.fill else "<a:noFill/>"
    if spec.border:
        fill += f'<a:ln w="{pt_to_emu_floor(1)}">{solid_fill(spec.border)}</a:ln>'
    indents = spec.indents or (0,) * len(spec.paragraphs)
    text = paragraphs(
        spec.paragraphs, spec.size, indents, spec.spacing, spec.bold, align=spec.align, colour=spec.color, script=script
    )
    return (
        f'<p:sp><p:nvSpPr>{nv_name(shape_id, spec.name)}<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f"<p:spPr>{xfrm(spec.box)}{preset('rect')}{fill}</p:spPr>"
        f"<p:txBody>{fitted_body(spec.anchor)}{text}</p:txBody></p:sp>"
    )


def _line(shape_id: int, spec: Line) -> str:
    """`p:cxnSp`: a straight connector, flipped when it runs right-to-left or upwards."""
    flips = (' flipH="1"' if spec.x1 > spec.x2 else "") + (' flipV="1"' if spec.y1 > spec.y2 else "")
    box = (min(spec.x1, spec.x2), min(spec.y1, spec.y2), abs(spec.x2 - spec.x1), abs(spec.y2 - spec.y1))
    return (
        f"<p:cxnSp><p:nvCxnSpPr>{nv_name(shape_id, spec.name)}<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>"
        f"<p:spPr>{xfrm(box, flips=flips)}{preset('line')}"
        f'<a:ln w="{pt_to_emu_floor(spec.width)}">{solid_fill(spec.color)}</a:ln></p:spPr>'
        f"{theme_style(2, 0, 1, 'tx1')}</p:cxnSp>"
    )


def _dot(shape_id: int, spec: Dot) -> str:
    """`p:sp` ellipse, filled, no outline, no theme shadow."""
    return (
        f"<p:sp><p:nvSpPr>{nv_name(shape_id, spec.name)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
        f"<p:spPr>{xfrm(spec.box)}{preset('ellipse')}{solid_fill(spec.color)}"
        "<a:ln><a:noFill/></a:ln><a:effectLst/></p:spPr>"
        f'{theme_style(1, 3, 2, "lt1")}<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
        '<a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>'
    )


def _graphic_frame(shape_id: int, name: str, box: Box, uri: str, data: str) -> str:
    """`p:graphicFrame` holding `a:graphic/a:graphicData` of `uri` with `data` inside."""
    return (
        f"<p:graphicFrame><p:nvGraphicFramePr>{nv_name(shape_id, name)}"
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
        f'</p:nvGraphicFramePr>{xfrm(box, "p:xfrm")}<a:graphic><a:graphicData uri="{uri}">{data}'
        "</a:graphicData></a:graphic></p:graphicFrame>"
    )


def _grid(shape_id: int, spec: Grid, script: Script) -> str:
    """`a:tbl` in a graphic frame, on the default table style (banded rows, header row if any)."""
    flags = ' firstRow="1" bandRow="1"' if spec.header else ' bandRow="1"'
    columns = "".join(f'<a:gridCol w="{width}"/>' for width in spec.widths)
    rows = []
    for r, (texts, height) in enumerate(zip(spec.rows, spec.heights, strict=True)):
        bold = [spec.header and r == 0]
        colour = spec.head_colour if bold[0] else spec.colour
        cells = "".join(
            f"<a:tc><a:txBody>{FITTED_BODY}"
            f"{paragraphs([text], spec.size, [None], bold=bold, colour=colour, script=script)}"
            f"</a:txBody>{_CELL_PROPERTIES}</a:tc>"
            for text in texts
        )
        rows.append(f'<a:tr h="{height}">{cells}</a:tr>')
    table = f"<a:tbl><a:tblPr{flags}>{_TABLE_STYLE}</a:tblPr><a:tblGrid>{columns}</a:tblGrid>{''.join(rows)}</a:tbl>"
    return _graphic_frame(shape_id, spec.name, spec.box, _URI + "table", table)


def _chart_frame(shape_id: int, spec: ChartSpec, rel_id: str) -> str:
    """A graphic frame pointing at the chart part (`c:chart@r:id`)."""
    chart = f'<c:chart xmlns:c="{_URI}chart" r:id="{rel_id}"/>'
    return _graphic_frame(shape_id, spec.name, spec.box, _URI + "chart", chart)
