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

from lxml import etree

from reportgen.outline import Table, Timeline
from reportgen.renderers.docx import story as docx_story
from reportgen.renderers.docx import wml
from reportgen.renderers.docx.reference import twips
from reportgen.renderers.ooxml.column_widths import auto_widths
from reportgen.renderers.ooxml.namespaces import qn
from reportgen.renderers.ooxml.units import pt_to_emu

RULE_OUTER = "1F3864"  # the reference's heading navy
RULE_INNER = "BFBFBF"
HEAD_FILL = "DCE4EE"
#: Cell padding in twentieths of a point: 2 pt above and below, 4.25 pt at the sides.
CELL_PAD_Y, CELL_PAD_X = 40, 85
#: Air above a table's caption that follows another table (the bottom-line box), in twips: 12 pt.
CAPTION_AFTER_TABLE = 240
#: A page break inside a table leaves at least this many rows on each side of it.
KEEP_ROWS = 3
#: Average advance of a character of table text (10 pt at about half an em), for widths from content.
CHAR_PT = 5.0


class StyleSheet(Protocol):
    """What the writers need from docx._Styles: add a styled paragraph to a story element (the
    body, a header or footer, a table cell), or style an existing `w:p`."""

    def add(self, container: etree._Element, text: str, name: str) -> etree._Element: ...

    def apply(self, p: etree._Element, name: str) -> None: ...


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
    return Table(head=("Date", "Event"), rows=tuple((e.date, e.text) for e in timeline.events))


def start_block(body: etree._Element, styles: StyleSheet, break_pending: bool) -> None:
    """Tables cannot carry "page break before", so a pending break becomes a paragraph of its own."""
    if break_pending:
        docx_story.page_break_run(styles.add(body, "", "Normal"))


def new_table(body: etree._Element, rows: int, cols: int, width: int) -> etree._Element:
    """`w:tbl` as Word starts one: automatic width, the default look, `width` (EMU) shared out
    equally in the grid and the cells, one empty paragraph a cell."""
    tbl: etree._Element = etree.SubElement(body, qn("w:tbl"))
    tbl_pr = etree.SubElement(tbl, qn("w:tblPr"))
    etree.SubElement(tbl_pr, qn("w:tblW"), {qn("w:type"): "auto", qn("w:w"): "0"})
    look = ("firstColumn", "1"), ("firstRow", "1"), ("lastColumn", "0"), ("lastRow", "0"), ("noHBand", "0"), \
        ("noVBand", "1"), ("val", "04A0")  # fmt: skip
    etree.SubElement(tbl_pr, qn("w:tblLook"), {qn(f"w:{k}"): v for k, v in look})
    column = str(twips(width // cols if cols > 0 else 0))
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for _ in range(cols):
        etree.SubElement(grid, qn("w:gridCol"), {qn("w:w"): column})
    for _ in range(rows):
        tr = etree.SubElement(tbl, qn("w:tr"))
        for _ in range(cols):
            tc = etree.SubElement(tr, qn("w:tc"))
            tc_pr = etree.SubElement(tc, qn("w:tcPr"))
            etree.SubElement(tc_pr, qn("w:tcW"), {qn("w:type"): "dxa", qn("w:w"): column})
            etree.SubElement(tc, qn("w:p"))
    return tbl


def _row_properties(tr: etree._Element) -> etree._Element:
    """The row's `w:trPr`, added first (after any `w:tblPrEx`) when missing."""
    found = tr.find(qn("w:trPr"))
    if found is None:
        found = etree.Element(qn("w:trPr"))
        tr.insert(1 if len(tr) and tr[0].tag == qn("w:tblPrEx") else 0, found)
    return found


def write_table(body: etree._Element, styles: StyleSheet, table: Table, text_width: int) -> etree._Element:
    """A full-width table with a repeating, shaded header row; rows never split across pages, and
    a break leaves at least KEEP_ROWS rows on each page.

    `text_width` (EMU) is the page's text width, shared out by the table's relative widths.
    """
    if table.caption:
        caption = styles.add(body, table.caption, "Caption")
        docx_story.keep_with_next(caption)
        if len(body) > 1 and body[-2].tag == qn("w:tbl"):
            docx_story.space_before(caption, CAPTION_AFTER_TABLE)  # not flush against a box above
    rows = ([table.head] if table.head else []) + list(table.rows)
    grid = new_table(body, len(rows), table.columns, text_width)
    tbl_pr = grid[0]
    wml.table_full_width(tbl_pr)
    wml.table_rules(tbl_pr, RULE_OUTER, RULE_INNER)
    wml.table_cell_margins(tbl_pr, CELL_PAD_Y, CELL_PAD_X)
    if table.caption:
        wml.table_caption(tbl_pr, table.caption)
    widths = [str(twips(w)) for w in column_widths(table, text_width)]
    for column, width in zip(grid[1], widths, strict=True):
        column.set(qn("w:w"), width)
    for index, (row, texts) in enumerate(zip(grid.iterfind(qn("w:tr")), rows, strict=True)):
        tr_pr = _row_properties(row)
        wml.row_cant_split(tr_pr)
        header = bool(table.head) and index == 0
        if header:
            wml.row_is_header(tr_pr)
        # The header keeps with the first rows (a header alone at a page foot helps nobody), and
        # so do the first and last few rows: no page holds fewer than KEEP_ROWS of a table.
        keep = header or _kept_with_next(index - (1 if table.head else 0), len(table.rows))
        for cell, width, text in zip(row.iterfind(qn("w:tc")), widths, texts, strict=True):
            tc_pr = cell[0]
            tc_pr[0].set(qn("w:w"), width)  # w:tcW, dxa
            paragraph = cell[-1]
            styles.apply(paragraph, "Table Heading" if header else "Table Text")
            if text:
                docx_story.add_run(paragraph, text)
            if header:
                wml.cell_shading(tc_pr, HEAD_FILL)
            if keep:
                docx_story.keep_with_next(paragraph)
    return grid


def _kept_with_next(row: int, rows: int) -> bool:
    """Whether data row `row` (from 0) of `rows` is kept on the page of the row after it: the first
    KEEP_ROWS rows stay together, and so do the last KEEP_ROWS, as a typesetter breaks a table."""
    if row >= rows - 1:
        return False
    return row < KEEP_ROWS - 1 or row >= rows - KEEP_ROWS


def column_widths(table: Table, text_width: int) -> list[int]:
    """The template's relative widths scaled to the text width; without them, widths from the
    content (ooxml.column_widths), its length estimated at CHAR_PT a character."""
    if table.widths:
        total = sum(table.widths)
        weights = [text_width * w / total for w in table.widths]
    else:
        texts = [table.head, *table.rows] if table.head else list(table.rows)
        pad = pt_to_emu(2 * CELL_PAD_X / 20)
        minimum, natural = [], []
        for column in range(table.columns):
            cells = [row[column] for row in texts if column < len(row)]
            longest_word = max((len(word) for text in cells for word in text.split()), default=0)
            minimum.append(pt_to_emu(longest_word * CHAR_PT) + pad)
            natural.append(pt_to_emu(max((len(text) for text in cells), default=0) * CHAR_PT) + pad)
        weights = auto_widths(minimum, natural, text_width)
    widths = [int(w) for w in weights]
    widths[-1] += text_width - sum(widths)  # rounding goes to the last column
    return widths


def write_box(
    body: etree._Element, styles: StyleSheet, title: str, items: Sequence[str], look: BoxLook, width: int
) -> None:
    """A one-cell table drawn as a box that never splits across pages: a title and its lines."""
    table = new_table(body, 1, 1, width)
    row = table.find(qn("w:tr"))
    assert row is not None
    wml.row_cant_split(_row_properties(row))
    cell = row.find(qn("w:tc"))
    assert cell is not None
    tc_pr = cell[0]
    wml.cell_borders(tc_pr, look.border, size_eighths=look.border_eighths, sides=look.sides)
    wml.cell_shading(tc_pr, look.fill)
    wml.cell_margins(tc_pr, top=113, side=170, bottom=57)
    lines = [(title, look.title_style)] if title else []
    lines += [(item, look.text_style) for item in items]
    paragraphs: list[etree._Element] = []
    for index, (text, style) in enumerate(lines):
        if index == 0:
            paragraph = cell[-1]
            styles.apply(paragraph, style)
            docx_story.add_run(paragraph, text)  # an empty line keeps its (empty) run, as it always had
        else:
            paragraph = styles.add(cell, text, style)
        paragraphs.append(paragraph)
    for paragraph in paragraphs[:-1]:
        docx_story.keep_with_next(paragraph)
