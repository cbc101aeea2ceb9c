"""The overflow check every deck test uses: recompute each text's height from what was written.

It reads the saved deck back and measures every text box, placeholder and table cell with the real
font metrics (the same measure the renderer plans with, but from the written run sizes, line
pitch, spacing, indents and insets), so it holds whatever planning decided.
"""

from __future__ import annotations

import itertools
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.util import Length

from reportgen.renderers.pptx import fit

FONT = "Calibri"  # both references use the Office theme fonts
FOOTER = ("Marking", "Slide Number")
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def title_in_capitals(slide: Any) -> bool:
    """cap="all" on the layout's title style or, failing that, the master's (python-pptx's 4:3
    default sets it on "Section Header")."""
    layout = slide.slide_layout
    title = next((s for s in layout.placeholders if s.placeholder_format.type in _TITLES), None)
    if title is None:
        return False
    for rpr in (
        title.element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}"),
        layout.slide_master.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}"),
    ):
        if rpr is not None and rpr.get("cap"):
            return bool(rpr.get("cap") == "all")
    return False


def _paragraphs_height(
    frame: Any, inner_width: float, where: str, title: bool, caps: bool, font: str = FONT, heavy: bool = False
) -> float:
    used = 0.0
    for i, paragraph in enumerate(frame.paragraphs):
        sizes = {run.font.size for run in paragraph.runs}
        assert None not in sizes and len(sizes) == 1, f"{where}: every run needs one explicit size"
        size = next(iter(sizes)).pt
        pitch = paragraph.line_spacing
        assert isinstance(pitch, Length), f"{where}: line spacing must be exact points"
        ppr = paragraph._p.pPr
        indent = int(ppr.get("marL", "0")) if ppr is not None else 0
        # Titles are bold unless a run says otherwise; any run written bold is measured bold.
        # Titles, and text whose style is bold, are bold unless a run says otherwise.
        inherited = (title or heavy) and paragraph.runs[0].font.bold is None
        bold = any(run.font.bold for run in paragraph.runs) or inherited
        text = paragraph.text.upper() if caps else paragraph.text
        lines = fit.wrap(text, font, size, inner_width - indent / 12700, bold)
        used += len(lines) * pitch.pt + (paragraph.space_before.pt if i and paragraph.space_before else 0)
    return used


def text_shapes(slide: Any) -> list[Any]:
    """Shapes that show text or a table/chart: what must not be drawn over one another."""
    return [s for s in slide.shapes if (s.has_text_frame and s.text_frame.text.strip()) or s.has_table or s.has_chart]


def assert_no_text_overlaps(prs: Deck) -> None:
    """No two shapes that show something share any area of a slide."""
    for number, slide in enumerate(prs.slides, start=1):
        for a, b in itertools.combinations(text_shapes(slide), 2):
            overlap = a.left < b.left + b.width and b.left < a.left + a.width
            overlap = overlap and a.top < b.top + b.height and b.top < a.top + a.height
            assert not overlap, f"slide {number}: '{a.name}' overlaps '{b.name}'"


def assert_nothing_overflows(prs: Deck, fonts: tuple[str, str] = (FONT, FONT), footer_band: bool = True) -> None:
    """Every shape on the slide and (with `footer_band`) above the footer; every text box and table
    cell: autofit off, sizes explicit, wrapped height within its box, measured in `fonts` (heading,
    body: a title placeholder's text in the first, the rest in the second)."""
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    for number, slide in enumerate(prs.slides, start=1):
        footer_top = min((s.top for s in slide.shapes if s.name in FOOTER), default=height)
        for shape in slide.shapes:
            where = f"slide {number} shape '{shape.name}'"
            assert shape.left >= 0 and shape.left + shape.width <= width, f"{where} is off the slide"
            assert shape.top >= 0 and shape.top + shape.height <= height, f"{where} is off the slide"
            if footer_band and shape.name not in FOOTER:
                assert shape.top + shape.height <= footer_top, f"{where} runs into the footer"
            if shape.has_table:
                _check_table(shape, where, fonts[1])
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            assert frame.word_wrap is True, where
            assert frame.auto_size == MSO_AUTO_SIZE.NONE, where
            inner_width = (shape.width - frame.margin_left - frame.margin_right) / 12700
            inner_height = (shape.height - frame.margin_top - frame.margin_bottom) / 12700
            title = shape.is_placeholder and shape.placeholder_format.type in _TITLES
            caps = title and title_in_capitals(slide)
            font = _set_typeface(shape, slide, title) or (fonts[0] if title else fonts[1])
            heavy = _style_attribute(shape, slide, title, "b") in ("1", "true")
            used = _paragraphs_height(frame, inner_width, where, title, caps, font, heavy)
            assert used <= inner_height + 0.01, f"{where}: text needs {used:.1f}pt, box holds {inner_height:.1f}pt"


def _style_attribute(shape: Any, slide: Any, title: bool, name: str, child: str = "") -> str:
    """Attribute `name` of the first level's run defaults a placeholder inherits (of their `child`
    element, given one): its layout placeholder's, else the master's title or body style's ("" when
    neither sets it)."""
    if not shape.is_placeholder:
        return ""
    kind, idx = shape.placeholder_format.type, shape.placeholder_format.idx
    candidates = list(slide.slide_layout.placeholders)
    own = next((s for s in candidates if s.placeholder_format.idx == idx), None) or next(
        (s for s in candidates if s.placeholder_format.type == kind), None
    )
    style = "p:titleStyle" if title else "p:bodyStyle"
    tail = ("a:lvl1pPr", "a:defRPr", *((child,) if child else ()))
    for root, path in (
        (own.element if own is not None else None, ("p:txBody", "a:lstStyle", *tail)),
        (slide.slide_layout.slide_master.element, ("p:txStyles", style, *tail)),
    ):
        found = root.find("/".join(qn(tag) for tag in path)) if root is not None else None
        if found is not None and found.get(name):
            return str(found.get(name))
    return ""


def _set_typeface(shape: Any, slide: Any, title: bool) -> str:
    """The typeface a placeholder's layout (else the master's title or body style) sets outright for
    its first level, as Google Slides exports do; "" for a theme font or none."""
    face = _style_attribute(shape, slide, title, "typeface", child="a:latin")
    return "" if face.startswith("+") else face


def _check_table(shape: Any, where: str, font: str) -> None:
    table = shape.table
    assert sum(row.height for row in table.rows) <= shape.height + 1, f"{where}: rows taller than the frame"
    for r, row in enumerate(table.rows):
        for c, column in enumerate(table.columns):
            cell = table.cell(r, c)
            inner_width = (column.width - cell.margin_left - cell.margin_right) / 12700
            inner_height = (row.height - cell.margin_top - cell.margin_bottom) / 12700
            at = f"{where} cell {r},{c}"
            used = _paragraphs_height(cell.text_frame, inner_width, at, False, False, font)
            assert used <= inner_height + 0.01, f"{at}: needs {used:.1f}pt, row holds {inner_height:.1f}pt"


def assert_no_word_is_broken(prs: Deck, fonts: tuple[str, str] = (FONT, FONT)) -> None:
    """Every word of every text box and placeholder fits on a line of its box (a word wider than
    its line is broken by characters: "approximatel / y"). Paths and web addresses are left out:
    a long one cannot fit and is broken anywhere by PowerPoint too."""
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            title = shape.is_placeholder and shape.placeholder_format.type in _TITLES
            font = _set_typeface(shape, slide, title) or (fonts[0] if title else fonts[1])
            inner = (shape.width - frame.margin_left - frame.margin_right) / 12700
            for paragraph in frame.paragraphs:
                ppr = paragraph._p.pPr
                room = inner - (int(ppr.get("marL", "0")) if ppr is not None else 0) / 12700
                for run in paragraph.runs:
                    bold = bool(run.font.bold) or (title and run.font.bold is None)
                    size = run.font.size.pt if run.font.size is not None else 18
                    for word in run.text.upper().split() if title and title_in_capitals(slide) else run.text.split():
                        if "/" in word:
                            continue
                        width = fit.text_width(word, font, size, bold)
                        assert width <= room + 0.01, f"slide {number} '{shape.name}': '{word}' is wider than its line"
