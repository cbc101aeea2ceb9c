"""The small .xlsx embedded behind a chart, so PowerPoint's "Edit Data" opens the figures.

One worksheet, laid out as PowerPoint lays out a one-series category chart: the series name in B1,
the category labels in A2…, the values in B2… with the chart's number format. SpreadsheetML
(ECMA-376 Part 1, §18) written as strings: shared strings for text, a styles part for the one
number format, and nothing that records a time, so the same chart gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.renderers.ooxml.package import write_zip
from reportgen.renderers.ooxml.xmltext import run_attribute, run_text

_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def workbook(series: str, labels: Sequence[str], values: Sequence[float], number_format: str) -> bytes:
    """The .xlsx bytes of one chart's data sheet."""
    strings = list(dict.fromkeys([*labels, series]))
    index = {text: i for i, text in enumerate(strings)}
    last = len(labels) + 1
    rows = [f'<row r="1" spans="1:2"><c r="B1" t="s"><v>{index[series]}</v></c></row>']
    for n, (label, value) in enumerate(zip(labels, values, strict=True), start=2):
        rows.append(
            f'<row r="{n}" spans="1:2"><c r="A{n}" s="1" t="s"><v>{index[label]}</v></c>'
            f'<c r="B{n}" s="2"><v>{_number(value)}</v></c></row>'
        )
    sheet = (
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><dimension ref="A1:B{last}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
        + "".join(rows)
        + '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    )
    shared = (
        f'<sst xmlns="{_MAIN}" count="{len(labels) + 1}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{run_text(text)}</t></si>' for text in strings)
        + "</sst>"
    )
    styles = (
        f'<styleSheet xmlns="{_MAIN}"><numFmts count="1">'
        f'<numFmt numFmtId="164" formatCode="{run_attribute(number_format)}"/>'
        '</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
    book = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
        '</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )
    book_rels = (
        f'<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    )
    package_rels = (
        f'<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SHEET_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_SHEET_TYPE}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHEET_TYPE}.sharedStrings+xml"/></Types>'
    )
    members = [
        ("[Content_Types].xml", types),
        ("_rels/.rels", package_rels),
        ("xl/workbook.xml", book),
        ("xl/_rels/workbook.xml.rels", book_rels),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/styles.xml", styles),
        ("xl/sharedStrings.xml", shared),
    ]
    return write_zip((name, (_HEAD + text).encode("utf-8")) for name, text in members)


def _number(value: float) -> str:
    """Shortest round-tripping decimal; whole numbers without ".0" (Excel writes them so)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
