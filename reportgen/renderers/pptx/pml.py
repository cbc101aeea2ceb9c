"""Raw PresentationML/DrawingML for the deck: slide text written as XML strings, and what the
renderer reads from a reference's own XML (with lxml).

Slides are written as strings rather than element trees: a deck has a few thousand elements, and
creating each one through lxml (plus the finds that went with it) was most of a warm render.
The strings are exactly what lxml serialised for the same trees — attributes in the order they
were set, empty elements as `<x/>`, text escaped as `escape_text` does, non-ASCII as UTF-8 — so
a deck's bytes did not change with the switch (the tests compare renders byte for byte).

Children are written in the schema's sequence: `a:pPr` (CT_TextParagraphProperties) holds lnSpc,
spcBef, spcAft, buClr…, buSzX, buFont, buNone|buAutoNum|buChar… in that order; `a:bodyPr` takes
its autofit choice as a child; `a:r` holds `a:rPr` before `a:t`. The values are written the way
python-pptx wrote them (points truncated to EMU, then to centipoints), so a deck reads back
exactly as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from reportgen.renderers.ooxml.namespaces import NS, qn
from reportgen.renderers.ooxml.units import pt_to_emu_floor
from reportgen.renderers.ooxml.xmltext import RTL_LETTER, escape_attribute, run_text
from reportgen.renderers.pptx import fit

#: The namespace declarations on a slide's or notes slide's root element.
DECLARED = " ".join(f'xmlns:{prefix}="{NS[prefix]}"' for prefix in ("a", "p", "r"))


def centipoints(emu: int) -> str:
    return str(emu // 127)


def hex_colour(value: str) -> str:
    """The a:srgbClr/@val of "#c8102e" or "C8102E": "C8102E"; anything else is a ValueError."""
    return f"{int(value.lstrip('#'), 16):06X}"


def solid_fill(colour: str) -> str:
    """`a:solidFill/a:srgbClr`."""
    return f'<a:solidFill><a:srgbClr val="{hex_colour(colour)}"/></a:solidFill>'


def xfrm(box: Sequence[int], tag: str = "a:xfrm", flips: str = "") -> str:
    """`a:xfrm` (or `p:xfrm`) with `a:off` and `a:ext` from a (left, top, width, height) box;
    `flips` is written as its attributes (' flipH="1"')."""
    return f'<{tag}{flips}><a:off x="{box[0]}" y="{box[1]}"/><a:ext cx="{box[2]}" cy="{box[3]}"/></{tag}>'


# --- text bodies ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Script:
    """How a slide's text is marked: a:rPr/@lang on every run (spell-checking, font fallback for
    CJK) and, for right-to-left text, a:pPr/@rtl="1" with right alignment on each paragraph that
    holds a right-to-left letter (the marking and "2 / 13" stay left to right)."""

    language: str = ""
    rtl: bool = False


PLAIN = Script()
#: `a:bodyPr@wrap="square"` with `a:noAutofit`: wrap at the box edge and never shrink; the default
#: insets are the ones planning measured, so none are written.
FITTED_BODY = '<a:bodyPr wrap="square"><a:noAutofit/></a:bodyPr><a:lstStyle/>'


def fitted_body(anchor: str) -> str:
    """`FITTED_BODY` anchored top, middle or bottom (`a:bodyPr@anchor`)."""
    return f'<a:bodyPr anchor="{anchor}" wrap="square"><a:noAutofit/></a:bodyPr><a:lstStyle/>'


def paragraphs(
    texts: Sequence[str],
    size: int,
    indents: Sequence[int | None],
    spacing: float = 0.0,
    bold: Sequence[bool | None] = (),
    numbers: Sequence[int] = (),
    align: str = "",
    colour: str = "",
    script: Script = PLAIN,
) -> str:
    """The `a:p` elements of text written exactly as planned: size on every run, exact line pitch.

    An indent of None leaves the placeholder's own paragraph style (titles); a number sets the
    hanging indent, 0 meaning no bullet; `numbers` (> 0) turn bullets into "1." numbering; `align`
    sets `a:pPr@algn`, `colour` each run's fill. No texts leave the body's one empty paragraph.
    """
    if not texts:
        return "<a:p/>"
    pitch = f'<a:lnSpc><a:spcPts val="{centipoints(pt_to_emu_floor(size * fit.LINE_FACTOR))}"/></a:lnSpc>'
    fill = solid_fill(colour) if colour else ""
    lang = f' lang="{escape_attribute(script.language)}"' if script.language else ""
    out = []
    for i, (text, indent) in enumerate(zip(texts, indents, strict=True)):
        before = centipoints(pt_to_emu_floor(size * spacing if i else 0))
        attrs = "" if indent is None else f' marL="{indent}" indent="{-indent}"'
        if script.rtl and RTL_LETTER.search(text):
            # rtl follows the paragraph's own attributes; a left alignment becomes right where it is.
            attrs += f' algn="{"r" if align == "l" else align}" rtl="1"' if align else ' rtl="1" algn="r"'
        elif align:
            attrs += f' algn="{align}"'
        weight = "" if i >= len(bold) or bold[i] is None else (' b="1"' if bold[i] else ' b="0"')
        rpr = f'<a:rPr sz="{size * 100}"{weight}{lang}' + (f">{fill}</a:rPr>" if fill else "/>")
        out.append(
            f'<a:p><a:pPr{attrs}>{pitch}<a:spcBef><a:spcPts val="{before}"/></a:spcBef>'
            f"{_bullet(indent, numbers[i] if i < len(numbers) else 0)}</a:pPr>"
            f"<a:r>{rpr}<a:t>{run_text(text)}</a:t></a:r></a:p>"
        )
    return "".join(out)


def _bullet(indent: int | None, number: int) -> str:
    """`a:buFont` + `a:buChar` "•", `a:buAutoNum` (number > 0), or `a:buNone`: explicit, so the
    indent measured while planning is the one rendered whatever the layout says. Each numbered
    paragraph carries its own `startAt`: PowerPoint and LibreOffice then agree on the number even
    on a continuation slide."""
    if indent is None:
        return ""
    if indent and number:
        return f'<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="{number}"/>'
    if indent:
        return '<a:buFont typeface="Arial"/><a:buChar char="•"/>'
    return "<a:buNone/>"


def notes_paragraphs(text: str) -> str:
    """A notes body's paragraphs: one `a:p` per line, `a:br` for a vertical tab, no empty runs
    (what python-pptx's `TextFrame.text` wrote)."""
    out = []
    for line in text.split("\n"):
        pieces = []
        for i, piece in enumerate(line.split("\v")):
            if i:
                pieces.append("<a:br/>")
            if piece:
                pieces.append(f"<a:r><a:t>{run_text(piece)}</a:t></a:r>")
        out.append(f"<a:p>{''.join(pieces)}</a:p>" if pieces else "<a:p/>")
    return "".join(out)


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
