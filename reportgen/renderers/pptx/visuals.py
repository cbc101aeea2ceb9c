"""Planning key figures and tables on slides: positions, font sizes and continuation pages.

Each planner takes the slide's content area and the theme's body font and returns pages, each a
tuple of planned shapes (shapes) that fit by the font-metric measure. What cannot fit at the
floor size continues on another page; a single cell or caption too long for a whole page is cut at
a word with an ellipsis (the speaker notes keep the full text). Sizes and distances in points are
those of reportgen's own 13.33 x 7.5 in slide, planned `scale` times larger on a larger one
(shapes.text_scale), as body text is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from reportgen.outline import Figure, Table
from reportgen.renderers.ooxml.column_widths import auto_widths
from reportgen.renderers.ooxml.units import emu_to_pt, pt_to_emu
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx.palette import DEFAULT, LIGHT_FILL, Colours
from reportgen.renderers.pptx.shapes import (
    CELL_INSET_X,
    CELL_INSET_Y,
    INSET_X,
    INSET_Y,
    WIDTH_SAFETY,
    Box,
    Grid,
    Line,
    Shape,
    TextBox,
    scaled,
    text_frame,
)

Page = tuple[Shape, ...]

FLOOR = 14  # the smallest text on any slide
#: Key figures: values as large as fit, captions under them.
VALUE_SIZES = (60, 54, 48, 44, 40, 36, 32, 28, 24, 20)
#: Tried last, for values on two lines in a narrow column.
NARROW_VALUE_SIZES = (18, 16)
CAPTION_SIZES = (20, 18, 16, 14)
FIGURES_PER_SLIDE = 4
FIGURE_GAP = 24.0  # points between columns
MIN_FIGURE_WIDTH = 144.0  # points: a column narrower cannot hold "approximately" at the smallest size
RULE_GAP = 10.0  # points between the accent rule and the value
CAPTION_GAP = 6.0  # points between the value and its caption
RULE = 4.0  # the accent rule's width, points
CAPTION_LINES = 5
#: Tables: body sizes tried, largest first.
TABLE_SIZES = (18, 16, 14)


def balanced(count: int, per_page: int) -> list[range]:
    """Split `count` items into the fewest pages of at most `per_page`, as evenly as possible."""
    pages = max(1, math.ceil(count / per_page))
    base, extra = divmod(count, pages)
    out, start = [], 0
    for page in range(pages):
        size = base + (1 if page < extra else 0)
        out.append(range(start, start + size))
        start += size
    return out


# --- key figures --------------------------------------------------------------------------------


def plan_figures(
    figures: Sequence[Figure], area: Box, family: str, colours: Colours = DEFAULT, scale: float = 1.0
) -> list[Page]:
    """Two to four large numbers a slide, each over its caption, in columns with an accent rule;
    fewer a slide where the area is too narrow for four columns of MIN_FIGURE_WIDTH, or of the
    longest word of a value at the smallest size (it is never broken)."""
    words = [word for figure in figures for word in figure.value.split()]
    smallest = scaled(NARROW_VALUE_SIZES, scale)[-1]
    longest = max((fit.text_width(word, family, smallest, bold=True) for word in words), default=0.0)
    least = max(pt_to_emu(MIN_FIGURE_WIDTH * scale), pt_to_emu(longest / WIDTH_SAFETY) + 2 * INSET_X)
    gap = pt_to_emu(FIGURE_GAP * scale)
    columns = max(1, min(FIGURES_PER_SLIDE, (area.width + gap) // (least + gap)))
    pages = balanced(len(figures), columns)
    return [_figures_page([figures[i] for i in page], area, family, colours, scale) for page in pages]


def _figures_page(figures: list[Figure], area: Box, family: str, colours: Colours, scale: float) -> Page:
    """Columns of rule, value and caption, one size for all values and one for all captions, the
    group centred in the area's height."""
    count = max(1, len(figures))
    gap = pt_to_emu(FIGURE_GAP * scale)
    value_sizes, narrow_sizes = scaled(VALUE_SIZES, scale), scaled(NARROW_VALUE_SIZES, scale)
    caption_sizes = scaled(CAPTION_SIZES, scale)
    rule_gap, caption_gap = pt_to_emu(RULE_GAP * scale), pt_to_emu(CAPTION_GAP * scale)
    width = (area.width - gap * (count - 1)) // count

    def lines_high(lines: int, size: float) -> int:
        return pt_to_emu(lines * size * fit.LINE_FACTOR) + 2 * INSET_Y

    def frame(lines: int, size: float) -> fit.Frame:
        return text_frame(Box(0, 0, width, lines_high(lines, size)), family, bold=True)

    def whole_words(value: str, size: float) -> bool:
        """No word of the value is cut across lines ("approximatel / y")."""
        room = emu_to_pt(width - 2 * INSET_X)
        return all(fit.text_width(word, family, size, bold=True) <= room for word in value.split())

    # Values on one line at the largest size that allows it; a value too long for one line even at
    # the smallest size ("approximately $1.9 billion") gets two lines of whole words, so it never
    # prints over its caption and never loses its number to an ellipsis; a narrow column may take
    # two lines a little smaller still.
    lines, value_size = next(
        (
            (n, s)
            for n, sizes in ((1, value_sizes), (2, value_sizes + narrow_sizes))
            for s in sizes
            if all(frame(n, s).fits([f.value], s) and whole_words(f.value, s) for f in figures)
        ),
        (2, narrow_sizes[-1]),
    )
    value_frame = frame(lines, value_size)
    value_height = lines_high(lines, value_size)
    # Captions get what the values leave, but no more than CAPTION_LINES lines at the largest size.
    most = pt_to_emu(CAPTION_LINES * caption_sizes[0] * fit.LINE_FACTOR) + 2 * INSET_Y
    caption_height = min(most, area.height - value_height - rule_gap - caption_gap)
    caption_frame = text_frame(Box(0, 0, width, caption_height), family)
    caption_size = next(
        (s for s in caption_sizes if all(caption_frame.fits([f.caption], s) for f in figures)), caption_sizes[-1]
    )
    block = rule_gap + value_height + caption_gap + caption_height
    rule_y = area.top + max(0, (area.height - block) // 2)
    value_top = rule_y + rule_gap
    caption_top = value_top + value_height + caption_gap
    shapes: list[Shape] = []
    for n, figure in enumerate(figures, start=1):
        left = area.left + (n - 1) * (width + gap)
        # The rule starts where the text does, inside the box's inset.
        shapes.append(
            Line(f"Figure {n} rule", left + INSET_X, rule_y, left + width // 3, rule_y, colours.accent, RULE * scale)
        )
        value = fit.truncate(value_frame, figure.value, value_size)
        shapes.append(
            TextBox(
                f"Figure {n} value",
                Box(left, value_top, width, value_height),
                (value,),
                value_size,
                (True,),
                color=colours.accent,
            )
        )
        if figure.caption:
            caption = fit.truncate(caption_frame, figure.caption, caption_size)
            shapes.append(
                TextBox(
                    f"Figure {n} caption",
                    Box(left, caption_top, width, caption_height),
                    (caption,),
                    caption_size,
                    (False,),
                    color=colours.muted,
                )
            )
    return tuple(shapes)


# --- tables -------------------------------------------------------------------------------------


def plan_table(table: Table, area: Box, family: str, colours: Colours = DEFAULT, scale: float = 1.0) -> list[Page]:
    """A native table as wide as the area; rows continue on further pages under a repeated header.

    The largest size that needs no more pages than the floor size would is used, as for bullets.
    Text is in the table style's colours, or `colours.head` / `colours.cells` where those are set.
    """
    if not table.rows:
        return [()]
    sizes = scaled(TABLE_SIZES, scale)
    widths = _column_widths(table, area.width, family, sizes[0])
    at_floor = _paginate(table, widths, area, family, sizes[-1])
    for size in sizes:
        pages = at_floor if size == sizes[-1] else _paginate(table, widths, area, family, size)
        if len(pages) <= len(at_floor):
            return [
                tuple(
                    replace(s, head_colour=colours.head, colour=colours.cells) if isinstance(s, Grid) else s
                    for s in page
                )
                for page in pages
            ]
    raise AssertionError("unreachable: the floor size reaches its own page count")


def _column_widths(table: Table, total: int, family: str, size: int) -> list[int]:
    """Relative widths from the outline, else from the content (ooxml.column_widths), measured in
    bold at `size`, the largest a table may take, so no header word is broken at any size."""
    if table.widths:
        weights = [total * w / sum(table.widths) for w in table.widths]
    else:
        texts = [table.head, *table.rows] if table.head else list(table.rows)
        minimum, natural = [], []
        for column in range(table.columns):
            cells = [row[column] for row in texts]
            words = [word for text in cells for word in text.split()]
            longest_word = max((fit.text_width(w, family, size, bold=True) for w in words), default=0.0)
            minimum.append(_cell_width(longest_word))
            natural.append(_cell_width(max(fit.text_width(text, family, size, bold=True) for text in cells)))
        weights = [pt_to_emu(w) for w in auto_widths(minimum, natural, emu_to_pt(total))]
    widths = [int(w) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def _cell_width(text_width: float) -> float:
    """The cell width (points) whose measuring frame (`_cell_frame`) holds `text_width` on a line."""
    return text_width / WIDTH_SAFETY + emu_to_pt(2 * CELL_INSET_X)


@lru_cache(maxsize=256)
def _cell_frame(width: int, family: str, bold: bool, height: float = 1e9) -> fit.Frame:
    """The measuring frame of a table cell (cached: asked for every cell at every size tried)."""
    inner = emu_to_pt(width - 2 * CELL_INSET_X) * WIDTH_SAFETY
    return fit.Frame(family=family, width=inner, height=height, bold=bold)


def _row_height(cells: Sequence[str], widths: Sequence[int], family: str, size: int, bold: bool) -> int:
    lines = max(_cell_frame(w, family, bold).lines(text, size) for text, w in zip(cells, widths, strict=True))
    return pt_to_emu(lines * size * fit.LINE_FACTOR) + 2 * CELL_INSET_Y


def _fit_row(cells: tuple[str, ...], widths: Sequence[int], family: str, size: int, room: int) -> tuple[str, ...]:
    """Cut the cells of a row taller than `room` so the row fits, each at a word with an ellipsis."""
    height = emu_to_pt(room - 2 * CELL_INSET_Y)
    return tuple(
        fit.truncate(_cell_frame(w, family, False, height), text, size) for text, w in zip(cells, widths, strict=True)
    )


def _paginate(table: Table, widths: list[int], area: Box, family: str, size: int) -> list[Page]:
    head = (table.head,) if table.head else ()
    head_heights = [_row_height(table.head, widths, family, size, True)] if table.head else []
    room = area.height - sum(head_heights)
    pages: list[tuple[list[tuple[str, ...]], list[int]]] = [([], [])]
    for source in table.rows:
        row, height = source, _row_height(source, widths, family, size, False)
        if height > room:
            row = _fit_row(source, widths, family, size, room)
            height = _row_height(row, widths, family, size, False)
        rows, heights = pages[-1]
        if rows and sum(heights) + height > room:
            pages.append(([], []))
            rows, heights = pages[-1]
        rows.append(row)
        heights.append(height)
    planned: list[Page] = []
    for rows, heights in pages:
        all_heights = (*head_heights, *heights)
        box = area._replace(height=sum(all_heights))
        grid = Grid("Table", box, tuple(widths), all_heights, (*head, *rows), size, bool(head))
        planned.append((grid,))
    return planned


# --- the judgement box on a bullets slide --------------------------------------------------------

JUDGEMENT_FILL = LIGHT_FILL
JUDGEMENT_BORDER = "1F3864"
BULLET_INDENT = 274320


def plan_judgement(
    title: str, items: Sequence[str], area: Box, family: str, size: int, text_colour: str = ""
) -> TextBox:
    """A filled, framed box at the bottom of `area` holding the title and its items at `size`
    points (in `text_colour`, "" for the theme's: palette.Colours.on_fill).

    The box is as tall as its text; where that is taller than the area, items are cut at a word
    with an ellipsis. The size is the caller's, a fixed step below the slide's body text.
    """
    paragraphs = ((title,) if title else ()) + tuple(items)
    bold = ((True,) if title else ()) + (False,) * len(items)
    indents = ((0,) if title else ()) + (BULLET_INDENT,) * len(items)

    def needed(size: int, texts: Sequence[str]) -> int:
        points = 0.0
        for i, (text, heavy, indent) in enumerate(zip(texts, bold, indents, strict=False)):
            frame = text_frame(area, family, bold=heavy, indent=indent)
            points += frame.lines(text, size) * size * fit.LINE_FACTOR + (size * 0.3 if i else 0)
        return pt_to_emu(points) + 2 * 45720 + pt_to_emu(4)

    if needed(size, paragraphs) > area.height:
        # Each item gets an equal share of what the title leaves, and is cut at a word to fit it.
        lead = needed(size, paragraphs[:1]) if title else 2 * 45720 + pt_to_emu(4)
        share_pt = emu_to_pt(area.height - lead) / max(1, len(items)) - size * 0.3
        frame = replace(text_frame(area, family, indent=BULLET_INDENT), height=share_pt)
        start = 1 if title else 0
        paragraphs = paragraphs[:start] + tuple(fit.truncate(frame, text, size) for text in paragraphs[start:])
    height = min(area.height, needed(size, paragraphs))
    box = Box(area.left, area.bottom - height, area.width, height)
    return TextBox(
        "Judgement",
        box,
        paragraphs,
        size,
        bold,
        indents,
        color=text_colour,
        fill=JUDGEMENT_FILL,
        border=JUDGEMENT_BORDER,
        spacing=0.3,
    )
