"""A native, editable chart (python-pptx's chart API): planned here, written by `emit_chart`.

The chart's data lives in an embedded workbook, as PowerPoint expects, so a reader can edit the
figures in PowerPoint. XlsxWriter stamps that workbook with the current time; `emit_chart`
rewrites its dates and zip entry times so the same outline still gives the same bytes.
Which figures are comparable is the template's decision (documented in docs/packs.md), not ours.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.util import Pt

from reportgen.outline import Chart
from reportgen.renderers import fit, pptx_xml
from reportgen.renderers.pptx_shapes import Box, ChartSpec, pt, rgb

LABEL_SIZE = 14
TITLE_SIZE = 18
BAR = "1F3864"
#: Category labels of a bar chart get at most this share of the width and two lines.
LABEL_SHARE = 0.3
_FIXED_STAMP = "2000-01-01T00:00:00Z"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def plan_chart(chart: Chart, area: Box, family: str) -> ChartSpec:
    """One chart filling the content area; labels cut to two lines of their share of the width."""
    share = LABEL_SHARE if chart.kind == "bar" else 1 / max(1, len(chart.points))
    frame = fit.Frame(family=family, width=pt(area.width) * share * 0.9, height=2 * LABEL_SIZE * fit.LINE_FACTOR)
    labels = tuple(fit.truncate(frame, p.label, LABEL_SIZE) for p in chart.points)
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
        size=LABEL_SIZE,
    )


def emit_chart(slide: Any, spec: ChartSpec) -> None:
    data = CategoryChartData(number_format=spec.number_format)  # type: ignore[no-untyped-call]
    data.categories = spec.labels
    data.add_series(spec.title or "Value", spec.values)  # type: ignore[no-untyped-call]
    kind = XL_CHART_TYPE.BAR_CLUSTERED if spec.kind == "bar" else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = slide.shapes.add_chart(kind, *spec.box, data)
    frame.name = spec.name
    chart = frame.chart
    chart.font.size = Pt(spec.size)
    chart.has_legend = False
    chart.has_title = bool(spec.title)
    if spec.title:
        chart.chart_title.text_frame.text = spec.title
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(TITLE_SIZE)
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = spec.number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(spec.size)
    fill = plot.series[0].format.fill
    fill.solid()
    fill.fore_color.rgb = rgb(BAR)
    values = chart.value_axis
    values.has_major_gridlines = False
    values.visible = False
    categories = chart.category_axis
    categories.tick_labels.font.size = Pt(spec.size)
    categories.format.line.color.rgb = rgb("A5A5A5")
    if spec.kind == "bar":
        categories.reverse_order = True  # bar charts draw the first category at the bottom
    pptx_xml.positive_axis_ids(chart._chartSpace)
    workbook = chart.part.chart_workbook
    workbook.update_from_xlsx_blob(stable_workbook(workbook.xlsx_part.blob))


def stable_workbook(blob: bytes) -> bytes:
    """The embedded .xlsx with fixed document dates and zip entry times."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{_FIXED_STAMP}\g<2>", text)
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()
