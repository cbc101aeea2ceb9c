"""Tables in the Word brief: data tables (facts, timeline, actors) and one-cell boxes.

Both are drawn with direct formatting over paragraph styles from the reference ("Table Heading",
"Table Text"; the box's title and text styles) rather than with a table style: a company
reference made in Word rarely defines a table style of ours, while paragraph styles are simple
to add, and LibreOffice applies direct table formatting exactly where its support for Word's
conditional table styles is partial. The colours therefore live here, as constants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.shared import Emu
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from reportgen.outline import Table, Timeline
from reportgen.renderers import docx_xml

RULE_OUTER = "1F3864"  # the reference's heading navy
RULE_INNER = "BFBFBF"
HEAD_FILL = "DCE4EE"
#: Cell padding in twentieths of a point: 2 pt above and below, 4.25 pt at the sides.
CELL_PAD_Y, CELL_PAD_X = 40, 85
#: Timeline tables: a narrow date column and a wide event column.
TIMELINE_WIDTHS = (1.3, 6.0)


class Container(Protocol):
    """What the body, a header, a footer and a table cell share: they take paragraphs."""

    def add_paragraph(self, text: str = "", style: str | ParagraphStyle | None = None) -> Paragraph: ...


class StyleSheet(Protocol):
    """What the writers need from docx._Styles: add a styled paragraph, or style an existing one."""

    def add(self, container: Container, text: str, name: str) -> Paragraph: ...

    def apply(self, paragraph: Paragraph, name: str) -> None: ...


@dataclass(frozen=True)
class BoxLook:
    """How a one-cell box is drawn: fill colour, border colour, border width and which sides."""

    fill: str
    border: str
    border_eighths: int
    sides: tuple[str, ...]
    title_style: str
    text_style: str


#: The bottom line up front: shaded and framed on all sides.
CALLOUT = BoxLook("DCE4EE", "1F3864", 8, ("top", "left", "bottom", "right"), "Callout Title", "Callout Text")
#: The author's judgement: a pale box with a heavy bar down the left, unlike reported fact.
JUDGEMENT = BoxLook("F2F2F2", "1F3864", 24, ("left",), "Assessment Title", "Assessment Text")


def timeline_table(timeline: Timeline) -> Table:
    """A timeline as the brief shows it: Date | Event, one row an event, in the outline's order."""
    return Table(head=("Date", "Event"), rows=tuple((e.date, e.text) for e in timeline.events), widths=TIMELINE_WIDTHS)


def start_block(doc: Document, styles: StyleSheet, break_pending: bool) -> None:
    """Tables cannot carry "page break before", so a pending break becomes a paragraph of its own."""
    if break_pending:
        styles.add(doc, "", "Normal").add_run().add_break(WD_BREAK.PAGE)


def write_table(doc: Document, styles: StyleSheet, table: Table, text_width: int) -> DocxTable:
    """A full-width table with a repeating, shaded header row; rows never split across pages.

    `text_width` (EMU) is the page's text width, shared out by the table's relative widths.
    """
    if table.caption:
        styles.add(doc, table.caption, "Caption").paragraph_format.keep_with_next = True
    rows = ([table.head] if table.head else []) + list(table.rows)
    grid: DocxTable = doc.add_table(rows=len(rows), cols=table.columns)
    tbl_pr = grid._tbl.tblPr
    docx_xml.table_full_width(tbl_pr)
    docx_xml.table_rules(tbl_pr, RULE_OUTER, RULE_INNER)
    docx_xml.table_cell_margins(tbl_pr, CELL_PAD_Y, CELL_PAD_X)
    if table.caption:
        docx_xml.table_caption(tbl_pr, table.caption)
    widths = _column_widths(table, text_width)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Emu(width)
    for index, (row, texts) in enumerate(zip(grid.rows, rows, strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        docx_xml.row_cant_split(tr_pr)
        header = bool(table.head) and index == 0
        if header:
            docx_xml.row_is_header(tr_pr)
        for cell, width, text in zip(row.cells, widths, texts, strict=True):
            cell.width = Emu(width)
            paragraph = cell.paragraphs[0]
            styles.apply(paragraph, "Table Heading" if header else "Table Text")
            if text:
                paragraph.add_run(text)
            if header:
                docx_xml.cell_shading(cell._tc.get_or_add_tcPr(), HEAD_FILL)
                # Keeps the header with the first row: a header alone at a page foot helps nobody.
                paragraph.paragraph_format.keep_with_next = True
    return grid


def _column_widths(table: Table, text_width: int) -> list[int]:
    """Relative widths scaled to the text width; without them, equal columns."""
    weights = table.widths or (1.0,) * table.columns
    total = sum(weights)
    widths = [int(text_width * w / total) for w in weights]
    widths[-1] += text_width - sum(widths)  # rounding goes to the last column
    return widths


def write_box(doc: Document, styles: StyleSheet, title: str, items: Sequence[str], look: BoxLook) -> None:
    """A one-cell table drawn as a box that never splits across pages: a title and its lines."""
    table = doc.add_table(rows=1, cols=1)
    docx_xml.row_cant_split(table.rows[0]._tr.get_or_add_trPr())
    cell = table.cell(0, 0)
    tc_pr = cell._tc.get_or_add_tcPr()
    docx_xml.cell_borders(tc_pr, look.border, size_eighths=look.border_eighths, sides=look.sides)
    docx_xml.cell_shading(tc_pr, look.fill)
    docx_xml.cell_margins(tc_pr, top=113, side=170, bottom=57)
    lines = [(title, look.title_style)] if title else []
    lines += [(item, look.text_style) for item in items]
    paragraphs: list[Paragraph] = []
    for index, (text, style) in enumerate(lines):
        if index == 0:
            paragraph = cell.paragraphs[0]
            styles.apply(paragraph, style)
            paragraph.add_run(text)
        else:
            paragraph = styles.add(cell, text, style)
        paragraphs.append(paragraph)
    for paragraph in paragraphs[:-1]:
        paragraph.paragraph_format.keep_with_next = True
