"""Raw WordprocessingML, one small function per element, in plain lxml (no python-docx import).

The renderer (docx.py) and the reference generator (scripts/make_reference_docx.py) call these, so
XML details stay at the bottom layer. Importing python-docx alone cost more than a brief takes to
render, so elements are built with lxml and Clark names (`{namespace}tag`) from `qn`.

Each function names the OOXML element it writes; element order inside property containers
follows the schema sequence (ECMA-376 Part 1, §17), because Word refuses files whose children are
out of order even where LibreOffice copes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree

from reportgen.renderers.ooxml import schema_order
from reportgen.renderers.ooxml.namespaces import NS, qn
from reportgen.renderers.ooxml.xmltext import RTL_LETTER

_W = f"{{{NS['w']}}}"

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _element(tag: str, **attrs: str) -> etree._Element:
    """A detached element; appended into a part, lxml gives it the prefix the part declares."""
    return etree.Element(qn(tag), {qn(f"w:{name}"): value for name, value in attrs.items()})


def cell_shading(tc_pr: etree._Element, fill: str) -> None:
    """`w:shd` in `w:tcPr`: a solid background fill (hex RGB) for one table cell."""
    schema_order.replace(tc_pr, _element("w:shd", val="clear", color="auto", fill=fill))


_SIDES = ("top", "left", "bottom", "right")


def cell_borders(tc_pr: etree._Element, color: str, size_eighths: int = 8, sides: tuple[str, ...] = _SIDES) -> None:
    """`w:tcBorders` in `w:tcPr`: a single line on the given sides of one cell (all four by default).

    `size_eighths` is in eighths of a point, as `w:sz` counts them. Sides left out get no line.
    """
    borders = _element("w:tcBorders")
    for side in _SIDES:  # CT_TcBorders sequence: top, left (start), bottom, right (end)
        if side in sides:
            borders.append(_element(f"w:{side}", val="single", sz=str(size_eighths), space="0", color=color))
    schema_order.replace(tc_pr, borders)


def cell_margins(tc_pr: etree._Element, top: int, side: int, bottom: int) -> None:
    """`w:tcMar` in `w:tcPr`: inner padding in twentieths of a point, so text clears the border."""
    margins = _element("w:tcMar")
    for name, value in (("top", top), ("left", side), ("bottom", bottom), ("right", side)):
        margins.append(_element(f"w:{name}", w=str(value), type="dxa"))
    schema_order.replace(tc_pr, margins)


def table_full_width(tbl_pr: etree._Element) -> None:
    """`w:tblW` (pct, 5000 = 100%) and `w:tblLayout` fixed: the grid's column widths are kept as
    planned instead of being re-balanced from the text by Word's autofit."""
    schema_order.replace(tbl_pr, _element("w:tblW", w="5000", type="pct"))
    schema_order.replace(tbl_pr, _element("w:tblLayout", type="fixed"))


def table_rules(tbl_pr: etree._Element, outer: str, inner: str) -> None:
    """`w:tblBorders`: rules above and below the table and between rows, none down the columns."""
    borders = _element("w:tblBorders")
    for side, color, size in (("top", outer, 8), ("bottom", outer, 8), ("insideH", inner, 4)):
        borders.append(_element(f"w:{side}", val="single", sz=str(size), space="0", color=color))
    schema_order.replace(tbl_pr, borders)


def table_cell_margins(tbl_pr: etree._Element, top: int, side: int) -> None:
    """`w:tblCellMar`: default padding of every cell, in twentieths of a point."""
    margins = _element("w:tblCellMar")
    for name, value in (("top", top), ("left", side), ("bottom", top), ("right", side)):
        margins.append(_element(f"w:{name}", w=str(value), type="dxa"))
    schema_order.replace(tbl_pr, margins)


def table_caption(tbl_pr: etree._Element, text: str) -> None:
    """`w:tblCaption`: the table's title for screen readers (Word 2010+ alt text)."""
    schema_order.replace(tbl_pr, _element("w:tblCaption", val=text[:255]))


def row_is_header(tr_pr: etree._Element) -> None:
    """`w:tblHeader` in `w:trPr`: the row repeats at the top of every page the table runs onto."""
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(_element("w:tblHeader"))


def bookmark(p: etree._Element, bookmark_id: int, name: str) -> None:
    """`w:bookmarkStart` / `w:bookmarkEnd` around a paragraph's runs: a target for PAGEREF and links."""
    start = _element("w:bookmarkStart", id=str(bookmark_id), name=name)
    p_pr = p.find(qn("w:pPr"))
    p.insert(p.index(p_pr) + 1 if p_pr is not None else 0, start)
    p.append(_element("w:bookmarkEnd", id=str(bookmark_id)))


def internal_link(anchor: str, runs: Iterable[etree._Element]) -> etree._Element:
    """`w:hyperlink` with `w:anchor`: runs that jump to a bookmark in the same document."""
    link = _element("w:hyperlink", anchor=anchor, history="1")
    for run in runs:
        link.append(run)
    return link


def tab_run() -> etree._Element:
    """`w:r` / `w:tab`: advance to the paragraph's next tab stop (the dotted leader in contents)."""
    run = _element("w:r")
    run.append(_element("w:tab"))
    return run


def row_cant_split(tr_pr: etree._Element) -> None:
    """`w:cantSplit` in `w:trPr`: a row never breaks across pages (CT_TrPrBase is a free choice)."""
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(_element("w:cantSplit"))


def field_runs(instruction: str, placeholder: str, dirty: bool = False) -> list[etree._Element]:
    """A complex field: `w:fldChar begin` / `w:instrText` / `w:fldChar separate` / result / `end`.

    Complex fields rather than `w:fldSimple`, because both Word and LibreOffice recompute PAGE and
    NUMPAGES in this form on every layout; `placeholder` is what a reader without layout shows.
    `dirty` (`w:fldChar@w:dirty`) tells Word the cached result is stale, so it recomputes on open.
    """
    begin = _fld_char("begin")
    if dirty:
        begin[0].set(qn("w:dirty"), "true")
    return [
        begin,
        _text_run("w:instrText", f" {instruction} "),
        _fld_char("separate"),
        _text_run("w:t", placeholder),
        _fld_char("end"),
    ]


def _fld_char(kind: str) -> etree._Element:
    run = _element("w:r")
    run.append(_element("w:fldChar", fldCharType=kind))
    return run


def _text_run(tag: str, text: str) -> etree._Element:
    run = _element("w:r")
    t = etree.SubElement(run, qn(tag))
    t.set(_XML_SPACE, "preserve")
    t.text = text
    return run


def text_run(text: str) -> etree._Element:
    """`w:r` / `w:t` with preserved spaces: the literal text between fields ("Page ", " of ")."""
    return _text_run("w:t", text)


def append_runs(p: etree._Element, runs: Iterable[etree._Element]) -> None:
    """Add runs after a `w:p`'s `w:pPr` (runs must follow it)."""
    for run in runs:
        p.append(run)


def plain_fonts(r_pr: etree._Element, name: str) -> None:
    """`w:rFonts` with explicit names for every script and no theme attributes.

    Theme attributes (`w:asciiTheme`…) win over explicit names in Word, so a style that only sets
    `w:ascii` would still show the theme's font; dropping them makes the named font stick.
    """
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def plain_color(r_pr: etree._Element) -> None:
    """`w:color` without `w:themeColor`/`w:themeShade`, which would override the RGB value."""
    color = r_pr.find(qn("w:color"))
    if color is not None:
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)


def bottom_border(p_pr: etree._Element, color: str, size_eighths: int = 8, space_pt: int = 4) -> None:
    """`w:pBdr` / `w:bottom` in `w:pPr`: a rule under a paragraph (the title's underline)."""
    old = p_pr.find(qn("w:pBdr"))
    if old is not None:
        p_pr.remove(old)
    border = _element("w:pBdr")
    border.append(_element("w:bottom", val="single", sz=str(size_eighths), space=str(space_pt), color=color))
    # CT_PPrBase: pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl, numPr,
    # suppressLineNumbers, pBdr, ... ; insert after whichever of those precede it.
    before = {qn(f"w:{t}") for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
                                      "widowControl", "numPr", "suppressLineNumbers")}  # fmt: skip
    index = 0
    for i, child in enumerate(p_pr):
        if child.tag in before:
            index = i + 1
    p_pr.insert(index, border)


def remove_children(parent: etree._Element, tag: str) -> None:
    """Drop every child `tag` (e.g. a stray `w:numPr` or `w:tabs` inherited from a template)."""
    for child in parent.findall(qn(tag)):
        parent.remove(child)


# --- language and direction ------------------------------------------------------------------------

_CJK = ("zh", "ja", "ko")


def set_language(styles_element: Any, language: str, rtl: bool) -> None:
    """w:docDefaults/w:rPrDefault/w:rPr/w:lang: spell-checking and font fallback in every run.

    `w:val` is the Latin-script language, `w:bidi` the complex-script one (Arabic, Urdu, Hebrew),
    `w:eastAsia` the East Asian one; Word picks by character class.
    """
    rpr = styles_element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    if rpr is None:
        defaults = styles_element.find(f"{_W}docDefaults")
        if defaults is None:
            defaults = etree.SubElement(styles_element, f"{_W}docDefaults")
            styles_element.insert(0, defaults)
        rpr_default = defaults.find(f"{_W}rPrDefault")
        if rpr_default is None:
            rpr_default = etree.SubElement(defaults, f"{_W}rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = etree.SubElement(rpr_default, f"{_W}rPr")
    lang = rpr.find(f"{_W}lang")
    if lang is None:
        lang = etree.SubElement(rpr, f"{_W}lang")
    if rtl:
        lang.set(f"{_W}bidi", language)
    elif language.split("-", maxsplit=1)[0] in _CJK:
        lang.set(f"{_W}eastAsia", language)
    else:
        lang.set(f"{_W}val", language)


def set_right_to_left(body: Any) -> None:
    """w:pPr/w:bidi on every paragraph, w:rPr/w:rtl on every run, w:tblPr/w:bidiVisual on tables:
    right-to-left reading order, right-aligned, columns mirrored, as Word writes Arabic."""
    for paragraph in body.iter(f"{_W}p"):
        if not RTL_LETTER.search("".join(paragraph.itertext())):
            continue  # "Page 1 of 4", the marking and the pack's own wording read left to right
        schema_order.child(_properties(paragraph, "w:pPr"), "w:bidi")
    for run in body.iter(f"{_W}r"):
        if RTL_LETTER.search("".join(run.itertext())):
            schema_order.child(_properties(run, "w:rPr"), "w:rtl")
    for table in body.iter(f"{_W}tbl"):
        tblpr = table.find(f"{_W}tblPr")
        if tblpr is not None and tblpr.find(f"{_W}bidiVisual") is None:
            schema_order.insert(tblpr, etree.Element(f"{_W}bidiVisual"))


def _properties(element: etree._Element, tag: str) -> etree._Element:
    """The paragraph's or run's properties (`w:pPr`, `w:rPr`: always its first child), made when missing."""
    found = element.find(qn(tag))
    if found is None:
        found = etree.Element(qn(tag))
        element.insert(0, found)
    return found


def set_default_font(styles_element: Any, face: str) -> None:
    """w:docDefaults/w:rPrDefault/w:rPr/w:rFonts: the typeface of text no style names one for."""
    rpr = styles_element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    if rpr is None:
        return
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        fonts = etree.Element(f"{_W}rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        if key.endswith("Theme"):
            del fonts.attrib[key]  # a theme font would win over the named one
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(f"{_W}{slot}", face)
