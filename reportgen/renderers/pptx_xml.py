"""Raw PresentationML/DrawingML that python-pptx has no API for: one small function per element.

Each function names the element it writes. Children of `a:pPr` follow the schema sequence
(CT_TextParagraphProperties: lnSpc, spcBef, spcAft, buClr…, buSzX, buFont, buNone|buAutoNum|buChar…),
which is why bullets are written after spacing.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.text.text import _Paragraph

_BULLET_TAGS = ("a:buFont", "a:buChar", "a:buNone", "a:buAutoNum")


def set_bullet(paragraph: _Paragraph, indent: int, number: int = 0) -> None:
    """`a:pPr@marL/@indent` with `a:buFont` + `a:buChar` "•", `a:buAutoNum` (number > 0), or `a:buNone`.

    Explicit, so the indent measured while planning is the one rendered whatever the layout says.
    Each numbered paragraph carries its own `startAt`: PowerPoint and LibreOffice then agree on the
    number even on a continuation slide. Call after spacing is set (schema order).
    """
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    for tag in _BULLET_TAGS:
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    if indent and number:
        etree.SubElement(ppr, qn("a:buFont"), typeface="+mj-lt")
        etree.SubElement(ppr, qn("a:buAutoNum"), type="arabicPeriod", startAt=str(number))
    elif indent:
        etree.SubElement(ppr, qn("a:buFont"), typeface="Arial")
        etree.SubElement(ppr, qn("a:buChar"), char="•")
    else:
        etree.SubElement(ppr, qn("a:buNone"))


def remove_shape(shape: Any) -> None:
    """Delete the shape's `p:sp` from the slide's `p:spTree`."""
    element = shape.element
    element.getparent().remove(element)


def drop_slides(deck: Deck) -> None:
    """Empty `p:sldIdLst` and drop the relationships, so the reference's own slides are not saved."""
    id_list = deck.slides._sldIdLst
    for slide_id in list(id_list):
        deck.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def title_caps(shape_element: etree._Element, master_element: etree._Element) -> bool:
    """Whether a title renders in capitals: `a:defRPr@cap` on the layout's `a:lstStyle`, else the
    master's `p:titleStyle`."""
    for root, path in (
        (shape_element, ("p:txBody", "a:lstStyle", "a:lvl1pPr", "a:defRPr")),
        (master_element, ("p:txStyles", "p:titleStyle", "a:lvl1pPr", "a:defRPr")),
    ):
        rpr = root.find("/".join(qn(tag) for tag in path))
        if rpr is not None and rpr.get("cap"):
            return bool(rpr.get("cap") == "all")
    return False


def positive_axis_ids(chart_space: etree._Element) -> None:
    """Renumber `c:axId` / `c:crossAx` from 1: python-pptx's chart templates carry negative ids,
    which the schema (xsd:unsignedInt) forbids and the Open XML SDK validator reports."""
    renumbered: dict[str, str] = {}
    for tag in ("c:axId", "c:crossAx"):
        for element in chart_space.iter(qn(tag)):
            old = element.get("val", "")
            element.set("val", renumbered.setdefault(old, str(len(renumbered) + 1)))


_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def set_language_and_direction(slide_element: Any, language: str, rtl: bool) -> None:
    """a:rPr/@lang on every run (spell-checking, font fallback for CJK) and, for right-to-left
    text, a:pPr/@rtl="1" with right alignment on every paragraph of the slide's text."""
    for paragraph in slide_element.iter(qn("a:p")):
        text = "".join(paragraph.itertext())
        if rtl and _RTL_LETTER.search(text):  # the marking and "2 / 13" stay left to right
            ppr = paragraph.find(qn("a:pPr"))
            if ppr is None:
                ppr = etree.Element(qn("a:pPr"))
                paragraph.insert(0, ppr)
            ppr.set("rtl", "1")
            if ppr.get("algn") in (None, "l"):
                ppr.set("algn", "r")
        if language:
            for rpr in paragraph.iter(qn("a:rPr"), qn("a:endParaRPr")):
                rpr.set("lang", language)


def set_theme_fonts(theme_part: Any, body: str, heading: str) -> None:
    """a:theme/a:themeElements/a:fontScheme a:majorFont|a:minorFont/a:latin: the typefaces every
    placeholder inherits (+mj-lt, +mn-lt), changed in the theme so planning measures what is shown."""
    theme = etree.fromstring(theme_part.blob)
    for which, face in (("a:majorFont", heading), ("a:minorFont", body)):
        latin = theme.find(f".//{qn(which)}/{qn('a:latin')}")
        if face and latin is not None:
            latin.set("typeface", face)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
