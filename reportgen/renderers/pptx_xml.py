"""Raw PresentationML/DrawingML for the deck, written with lxml: one small function per element.

The renderer writes slide XML directly rather than through python-pptx objects (importing python-pptx
cost more than rendering a deck). Each function names the element it writes, and children are
added in the schema's sequence: `a:pPr` (CT_TextParagraphProperties) holds lnSpc, spcBef, spcAft,
buClr…, buSzX, buFont, buNone|buAutoNum|buChar… in that order, which is why bullets are written
after spacing; `a:bodyPr` takes its autofit choice as a child; `a:r` holds `a:rPr` before `a:t`.
The values are written the way python-pptx wrote them (points truncated to EMU, then to
centipoints), so a deck reads back exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from reportgen.renderers import fit

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
EMU_PER_PT = 12700
_TAGS: dict[str, str] = {}
_BULLET_TAGS = ("a:buFont", "a:buChar", "a:buNone", "a:buAutoNum")
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def qn(tag: str) -> str:
    """`a:p` -> `{http://…/drawingml/2006/main}p` (memoised: called for every element written)."""
    found = _TAGS.get(tag)
    if found is None:
        prefix, local = tag.split(":")
        found = _TAGS[tag] = f"{{{NS[prefix]}}}{local}"
    return found


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """Append a child `tag` with attributes (names without a prefix are unqualified)."""
    element: etree._Element = etree.SubElement(parent, qn(tag), attrs)
    return element


def pt(points: float) -> int:
    """Points as EMU, truncated as python-pptx's `Pt` did: planning and read-back agree on it."""
    return int(points * EMU_PER_PT)


def centipoints(emu: int) -> str:
    return str(emu // 127)


def hex_colour(value: str) -> str:
    """The a:srgbClr/@val of "#c8102e" or "C8102E": "C8102E"; anything else is a ValueError."""
    return f"{int(value.lstrip('#'), 16):06X}"


def solid_fill(parent: etree._Element, colour: str, index: int | None = None) -> etree._Element:
    """`a:solidFill/a:srgbClr`, appended or inserted at `index`."""
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=hex_colour(colour))
    if index is None:
        parent.append(fill)
    else:
        parent.insert(index, fill)
    return fill


def escape_controls(text: str) -> str:
    """Control characters other than tab and line feed as "_xHHHH_" (XML 1.0 forbids them)."""
    return _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)


# --- text bodies ----------------------------------------------------------------------------------


def prepare(tx_body: etree._Element) -> None:
    """`a:bodyPr@wrap="square"` with `a:noAutofit` (replacing any autofit): wrap at the box edge and
    never shrink; the default insets are the ones planning measured, so none are written."""
    body_pr = tx_body.find(qn("a:bodyPr"))
    assert body_pr is not None
    body_pr.set("wrap", "square")
    for tag in ("a:noAutofit", "a:normAutofit", "a:spAutoFit"):
        for old in body_pr.findall(qn(tag)):
            body_pr.remove(old)
    body_pr.insert(_autofit_index(body_pr), etree.Element(qn("a:noAutofit")))


def _autofit_index(body_pr: etree._Element) -> int:
    """Where the autofit choice goes in `a:bodyPr`: after `a:prstTxWarp`, before scene3d/sp3d/flatTx."""
    for i, child in enumerate(body_pr):
        if child.tag != qn("a:prstTxWarp"):
            return i
    return len(body_pr)


def write_text(
    tx_body: etree._Element,
    paragraphs: Sequence[str],
    size: int,
    indents: Sequence[int | None],
    spacing: float = 0.0,
    bold: Sequence[bool | None] = (),
    numbers: Sequence[int] = (),
) -> list[etree._Element]:
    """Write paragraphs exactly as planned: size on every run, exact line pitch, no autofit.

    The first paragraph reuses the body's empty `a:p`. An indent of None leaves the placeholder's
    own paragraph style (titles); a number sets the hanging indent, 0 meaning no bullet; `numbers`
    (> 0) turn bullets into "1." numbering. Returns the runs, for colouring.
    """
    prepare(tx_body)
    runs = []
    first = tx_body.find(qn("a:p"))
    pitch = centipoints(pt(size * fit.LINE_FACTOR))
    for i, (text, indent) in enumerate(zip(paragraphs, indents, strict=True)):
        paragraph = first if i == 0 and first is not None else sub(tx_body, "a:p")
        ppr = paragraph.find(qn("a:pPr"))
        if ppr is None:
            ppr = etree.Element(qn("a:pPr"))
            paragraph.insert(0, ppr)
        etree.SubElement(etree.SubElement(ppr, qn("a:lnSpc")), qn("a:spcPts"), val=pitch)
        before = centipoints(pt(size * spacing if i else 0))
        etree.SubElement(etree.SubElement(ppr, qn("a:spcBef")), qn("a:spcPts"), val=before)
        if indent is not None:
            set_bullet(ppr, indent, numbers[i] if i < len(numbers) else 0)
        run = sub(paragraph, "a:r")
        rpr = sub(run, "a:rPr", sz=str(size * 100))
        if i < len(bold) and bold[i] is not None:
            rpr.set("b", "1" if bold[i] else "0")
        sub(run, "a:t").text = escape_controls(text)
        runs.append(run)
    return runs


def set_bullet(ppr: etree._Element, indent: int, number: int = 0) -> None:
    """`a:pPr@marL/@indent` with `a:buFont` + `a:buChar` "•", `a:buAutoNum` (number > 0), or `a:buNone`.

    Explicit, so the indent measured while planning is the one rendered whatever the layout says.
    Each numbered paragraph carries its own `startAt`: PowerPoint and LibreOffice then agree on the
    number even on a continuation slide. Call after spacing is set (schema order).
    """
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    for tag in _BULLET_TAGS:
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    if indent and number:
        sub(ppr, "a:buFont", typeface="+mj-lt")
        sub(ppr, "a:buAutoNum", type="arabicPeriod", startAt=str(number))
    elif indent:
        sub(ppr, "a:buFont", typeface="Arial")
        sub(ppr, "a:buChar", char="•")
    else:
        sub(ppr, "a:buNone")


def colour_runs(runs: Sequence[etree._Element], colour: str) -> None:
    """`a:rPr/a:solidFill` on each run: the fill is the first child `a:rPr` may hold after `a:ln`."""
    for run in runs:
        rpr = run.find(qn("a:rPr"))
        assert rpr is not None
        for old in rpr.findall(qn("a:solidFill")):
            rpr.remove(old)
        solid_fill(rpr, colour, 1 if rpr.find(qn("a:ln")) is not None else 0)


def set_notes_text(tx_body: etree._Element, text: str) -> None:
    """Replace the paragraphs of a notes body: one `a:p` per line, `a:br` for a vertical tab, no
    empty runs (what python-pptx's `TextFrame.text` wrote)."""
    for old in tx_body.findall(qn("a:p")):
        tx_body.remove(old)
    for line in text.split("\n"):
        paragraph = sub(tx_body, "a:p")
        for i, piece in enumerate(re.split("\n|\v", line)):
            if i:
                sub(paragraph, "a:br")
            if piece:
                sub(sub(paragraph, "a:r"), "a:t").text = escape_controls(piece)


# --- reading the reference ------------------------------------------------------------------------


def title_caps(shape_element: etree._Element | None, master_element: etree._Element) -> bool:
    """Whether a title renders in capitals: `a:defRPr@cap` on the layout's `a:lstStyle`, else the
    master's `p:titleStyle`."""
    for root, path in (
        (shape_element, ("p:txBody", "a:lstStyle", "a:lvl1pPr", "a:defRPr")),
        (master_element, ("p:txStyles", "p:titleStyle", "a:lvl1pPr", "a:defRPr")),
    ):
        if root is None:
            continue
        rpr = root.find("/".join(qn(tag) for tag in path))
        if rpr is not None and rpr.get("cap"):
            return bool(rpr.get("cap") == "all")
    return False


def theme_fonts(theme: etree._Element | None) -> tuple[str, str]:
    """The theme's (heading, body) Latin typefaces, which +mj-lt / +mn-lt resolve to."""
    faces = [
        theme.find(f".//{qn(which)}/{qn('a:latin')}") if theme is not None else None
        for which in ("a:majorFont", "a:minorFont")
    ]
    major, minor = ((face.get("typeface", "") if face is not None else "") or "Calibri" for face in faces)
    return major, minor


def set_theme_fonts(theme: etree._Element, body: str, heading: str) -> None:
    """a:theme/a:themeElements/a:fontScheme a:majorFont|a:minorFont/a:latin: the typefaces every
    placeholder inherits (+mj-lt, +mn-lt), changed in the theme so planning measures what is shown."""
    for which, face in (("a:majorFont", heading), ("a:minorFont", body)):
        latin = theme.find(f".//{qn(which)}/{qn('a:latin')}")
        if face and latin is not None:
            latin.set("typeface", face)


# --- language and direction -----------------------------------------------------------------------

_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def set_language_and_direction(slide_element: etree._Element, language: str, rtl: bool) -> None:
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
