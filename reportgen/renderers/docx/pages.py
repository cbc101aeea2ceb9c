"""How many pages a brief will fill, estimated before Word or LibreOffice lays it out.

It serves one decision: whether the brief is long enough to need a contents list
(`<toc min-pages="5">`). A contents list that takes the top of page 1 of a three-page brief, ahead
of its bottom line, costs the reader more than it saves. For that decision an estimate in body
lines is enough, and it needs neither the fonts nor a layout engine: a line holds the text width
divided by an average glyph at the body size, each paragraph adds its spacing, a heading or a box
its own height. The two constants were set against LibreOffice's page counts for the analyst
briefs of the sample and the five development articles and for pages of plain prose (all exact
with the built-in reference); tests/renderers/docx/test_tables.py checks other outlines stay
within a page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportgen.outline import BulletList, Callout, Cover, Heading, Judgement, PageBreak, Para, Table, Timeline
from reportgen.renderers.docx import tables
from reportgen.renderers.ooxml.units import emu_to_pt, pt_to_emu

BODY_PT = 11.0
#: Average advance of a character, in ems of the body size (Carlito's running text: 0.42).
AVERAGE_EM = 0.42
#: A body line's height with its share of paragraph spacing, in points (11 pt at 1.15 spacing
#: plus about 2 pt after each short paragraph).
LINE_PT = 14.5
#: Extra lines: after a paragraph or list item, for a heading (its size and space before), for a
#: box's title and padding, for a table's header row, and for the cover's title block.
AFTER_PARAGRAPH = 0.4
HEADING_LINES = 2.6
BOX_LINES = 2.2
HEADER_ROW_LINES = 1.6
COVER_LINES = 6.0


def estimated_pages(blocks: Sequence[object], text_width_emu: int, text_height_emu: int) -> int:
    """The number of pages `blocks` fill on pages with this text area, at least 1."""
    width = emu_to_pt(text_width_emu)
    per_page = max(emu_to_pt(text_height_emu) / LINE_PT, 1.0)
    used = 0.0  # lines on the pages before the current one, whole pages
    for block in blocks:
        if isinstance(block, PageBreak):
            used = math.ceil(used / per_page) * per_page
        else:
            used += _lines(block, width)
    return max(1, math.ceil(used / per_page))


def _lines(block: object, width: float) -> float:
    if isinstance(block, Cover):
        return COVER_LINES + _wrapped(block.title, width) * 1.5
    if isinstance(block, Heading):
        return HEADING_LINES
    if isinstance(block, Para):
        return _wrapped(block.text, width) + AFTER_PARAGRAPH
    if isinstance(block, BulletList):
        return sum(_wrapped(item, width * 0.93) + AFTER_PARAGRAPH for item in block.items)
    if isinstance(block, Callout | Judgement):
        return BOX_LINES + sum(_wrapped(item, width * 0.88) + AFTER_PARAGRAPH for item in block.items)
    if isinstance(block, Table | Timeline):
        return _table_lines(block if isinstance(block, Table) else tables.timeline_table(block), width)
    return 0.0


def _table_lines(table: Table, width: float) -> float:
    """The rows' lines at the widths the brief gives its columns (renderers.docx.tables)."""
    shares = [emu_to_pt(w) for w in tables.column_widths(table, pt_to_emu(width))]
    rows = sum(max(_wrapped(text, share) for text, share in zip(row, shares, strict=False)) for row in table.rows)
    return (HEADER_ROW_LINES if table.head else 0.0) + rows + (AFTER_PARAGRAPH if table.caption else 0.0)


def _wrapped(text: str, width: float) -> int:
    """Lines `text` takes in a column `width` points wide, at least one."""
    per_line = max(width / (BODY_PT * AVERAGE_EM), 1.0)
    return max(1, math.ceil(len(text) / per_line))
