"""A native, editable bar or column chart: planned here, its DrawingML chart part written by
`chart_xml` (its data in an embedded workbook, `pptx_workbook`, so PowerPoint's "Edit Data" works).

The chart part is the one PowerPoint writes for a clustered bar chart of one series: no legend,
value labels outside the bars, the value axis hidden, the first category at the top. Which figures
are comparable is the template's decision (documented in the pack guide, reportgen/data/packs.md), not ours.
"""

from __future__ import annotations

from reportgen.outline import Chart
from reportgen.renderers.ooxml.namespaces import NS
from reportgen.renderers.ooxml.units import emu_to_pt
from reportgen.renderers.ooxml.xmltext import DECLARATION, run_attribute, run_text
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx.palette import DEFAULT, Colours
from reportgen.renderers.pptx.pml import solid_fill
from reportgen.renderers.pptx.shapes import Box, ChartSpec, scaled

LABEL_SIZE = 14
TITLE_SIZE = 18
#: Category labels of a bar chart get at most this share of the width and two lines.
LABEL_SHARE = 0.3
SHEET = "Sheet1"


def plan_chart(chart: Chart, area: Box, family: str, colours: Colours = DEFAULT, scale: float = 1.0) -> ChartSpec:
    """One chart filling the content area; labels cut to two lines of their share of the width;
    bars in the accent colour, text in the theme's unless that would not read (`colours.text`).
    Text sizes are `scale` times LABEL_SIZE and TITLE_SIZE (shapes.text_scale)."""
    size, title_size = scaled((LABEL_SIZE, TITLE_SIZE), scale)
    share = LABEL_SHARE if chart.kind == "bar" else 1 / max(1, len(chart.points))
    frame = fit.Frame(family=family, width=emu_to_pt(area.width) * share * 0.9, height=2 * size * fit.LINE_FACTOR)
    labels = tuple(fit.truncate(frame, p.label, size) for p in chart.points)
    values = tuple(p.value for p in chart.points)
    whole = all(float(v).is_integer() for v in values)
    return ChartSpec(
        name="Chart",
        box=area,
        kind=chart.kind,
        title=chart.title + (f" ({chart.unit})" if chart.unit else ""),
        labels=labels,
        values=values,
        number_format="#,##0" if whole else "#,##0.0#",
        size=size,
        title_size=title_size,
        color=colours.accent,
        text_color=colours.text,
    )


def series_name(spec: ChartSpec) -> str:
    return spec.title or "Value"


def chart_xml(spec: ChartSpec) -> bytes:
    """The `c:chartSpace` part of a planned chart; `rId1` is its embedded workbook."""
    bar = spec.kind == "bar"
    count = len(spec.labels)
    size = _text_size(spec.size, spec.text_color)
    fill = solid_fill(spec.text_color) if spec.text_color else ""
    name = run_text(series_name(spec))
    number_format = run_text(spec.number_format)
    categories = "".join(f'<c:pt idx="{i}"><c:v>{run_text(label)}</c:v></c:pt>' for i, label in enumerate(spec.labels))
    values = "".join(f'<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>' for i, value in enumerate(spec.values))
    if spec.title:
        weight = f'<a:rPr sz="{spec.title_size * 100}" b="1"' + (f">{fill}</a:rPr>" if fill else "/>")
        title = (
            f"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r>{weight}"
            f"<a:t>{run_text(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:layout/>"
            '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
        )
    else:
        title = '<c:autoTitleDeleted val="1"/>'
    xml = (
        f'<c:chartSpace xmlns:c="{NS["c"]}" xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}">'
        f'<c:date1904 val="0"/><c:chart>{title}<c:plotArea><c:barChart>'
        f'<c:barDir val="{"bar" if bar else "col"}"/><c:grouping val="clustered"/>'
        f'<c:ser><c:idx val="0"/><c:order val="0"/>'
        f"<c:tx><c:strRef><c:f>{SHEET}!$B$1</c:f><c:strCache>"
        f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        f'<c:spPr><a:solidFill><a:srgbClr val="{spec.color}"/></a:solidFill></c:spPr>'
        f"<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${count + 1}</c:f><c:strCache>"
        f'<c:ptCount val="{count}"/>{categories}</c:strCache></c:strRef></c:cat>'
        f"<c:val><c:numRef><c:f>{SHEET}!$B$2:$B${count + 1}</c:f><c:numCache>"
        f'<c:formatCode>{number_format}</c:formatCode><c:ptCount val="{count}"/>{values}'
        "</c:numCache></c:numRef></c:val></c:ser>"
        f'<c:dLbls><c:numFmt formatCode="{run_attribute(spec.number_format)}" sourceLinked="0"/>{size}'
        '<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
        '<c:showLeaderLines val="1"/></c:dLbls>'
        '<c:gapWidth val="60"/><c:axId val="1"/><c:axId val="2"/></c:barChart>'
        f'<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="{"maxMin" if bar else "minMax"}"/>'
        f'</c:scaling><c:delete val="0"/><c:axPos val="{"l" if bar else "b"}"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        '<c:spPr><a:ln><a:solidFill><a:srgbClr val="A5A5A5"/></a:solidFill></a:ln></c:spPr>'
        f'{size}<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="2"/><c:scaling/><c:delete/><c:axPos val="{"b" if bar else "l"}"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="1"/><c:crosses val="autoZero"/></c:valAx></c:plotArea>'
        '<c:dispBlanksAs val="gap"/></c:chart>'
        f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{_run_defaults(spec.size, fill)}</a:pPr>"
        '<a:endParaRPr lang="en-US"/></a:p></c:txPr>'
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
    )
    return (DECLARATION + xml).encode("utf-8")


def _text_size(size: int, colour: str = "") -> str:
    """`c:txPr`: the default run size (and colour, if given) of labels and axis text."""
    fill = solid_fill(colour) if colour else ""
    return f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{_run_defaults(size, fill)}</a:pPr></a:p></c:txPr>"


def _run_defaults(size: int, fill: str) -> str:
    """`a:defRPr` of `size` points, holding `fill` if any."""
    return f'<a:defRPr sz="{size * 100}">{fill}</a:defRPr>' if fill else f'<a:defRPr sz="{size * 100}"/>'
