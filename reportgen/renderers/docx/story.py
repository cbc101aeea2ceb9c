"""Paragraphs and runs of a Word story (the body, a header, a footer, a table cell), in lxml.

Text becomes `w:t` runs with tabs as `w:tab` and line breaks as `w:br`; paragraph
properties go into `w:pPr` in the schema's sequence (CT_PPrBase, ECMA-376 Part 1, §17.3.1.26).
"""

from __future__ import annotations

from lxml import etree

from reportgen.renderers.ooxml import schema_order
from reportgen.renderers.ooxml.namespaces import NS, qn

W_P, W_R, W_T, W_PPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:pPr")
W_PSTYLE, W_VAL = qn("w:pStyle"), qn("w:val")
_XML_SPACE = qn("xml:space")


def paragraph(parent: etree._Element, text: str = "") -> etree._Element:
    """`w:p` appended to `parent`, holding one run of `text` (none when the text is empty)."""
    p: etree._Element = etree.SubElement(parent, W_P)
    if text:
        add_run(p, text)
    return p


def add_run(p: etree._Element, text: str = "") -> etree._Element:
    """`w:r` appended to a paragraph; `text` is split as Word types it: tabs and line breaks."""
    r: etree._Element = etree.SubElement(p, W_R)
    if text:
        append_text(r, text)
    return r


def append_text(r: etree._Element, text: str) -> None:
    """`w:t` for each stretch of text, `w:tab` for a tab, `w:br` for a line break (CR or LF)."""
    start = 0
    for index, char in enumerate(text):
        if char in "\t\r\n":
            _add_t(r, text[start:index])
            etree.SubElement(r, qn("w:tab") if char == "\t" else qn("w:br"))
            start = index + 1
    _add_t(r, text[start:])


def _add_t(r: etree._Element, text: str) -> None:
    if not text:
        return
    t = etree.SubElement(r, W_T)
    t.text = text
    if len(text.strip()) < len(text):  # leading or trailing spaces would be dropped otherwise
        t.set(_XML_SPACE, "preserve")


def page_break_run(p: etree._Element) -> None:
    """`w:r/w:br[@w:type=page]`: a hard page break."""
    etree.SubElement(add_run(p), qn("w:br"), {qn("w:type"): "page"})


def properties(p: etree._Element) -> etree._Element:
    """The paragraph's `w:pPr`, added as its first child when missing."""
    if len(p) and p[0].tag == W_PPR:
        return p[0]
    ppr = etree.Element(W_PPR)
    p.insert(0, ppr)
    return ppr


def _property(p: etree._Element, tag: str) -> etree._Element:
    """The `w:pPr` child `tag` (a Clark name), added in schema order when missing."""
    ppr = properties(p)
    found = ppr.find(tag)
    if found is not None:
        return found
    return schema_order.insert(ppr, etree.Element(tag))


def set_style(p: etree._Element, style_id: str | None) -> None:
    """`w:pStyle`; None removes it (the default paragraph style is written as no `w:pStyle`)."""
    has_ppr = len(p) > 0 and p[0].tag == W_PPR
    if style_id is None:
        if has_ppr:
            for old in p[0].findall(W_PSTYLE):
                p[0].remove(old)
    elif not has_ppr:  # the usual case, a new paragraph: `w:pPr/w:pStyle` and nothing else
        ppr = etree.Element(W_PPR)
        etree.SubElement(ppr, W_PSTYLE, {W_VAL: style_id})
        p.insert(0, ppr)
    else:
        _property(p, W_PSTYLE).set(W_VAL, style_id)


def keep_with_next(p: etree._Element) -> None:
    """`w:keepNext`: the paragraph stays on the page of the one after it."""
    _property(p, qn("w:keepNext"))


def page_break_before(p: etree._Element) -> None:
    """`w:pageBreakBefore`: the paragraph starts a new page."""
    _property(p, qn("w:pageBreakBefore"))


def space_after(p: etree._Element, twips: int) -> None:
    """`w:spacing/@w:after` in twentieths of a point."""
    _property(p, qn("w:spacing")).set(qn("w:after"), str(twips))


def space_before(p: etree._Element, twips: int) -> None:
    """`w:spacing/@w:before` in twentieths of a point."""
    _property(p, qn("w:spacing")).set(qn("w:before"), str(twips))


def run_color(r: etree._Element, rgb: str) -> None:
    """`w:rPr/w:color`: a run's text colour (hex RGB), the run's only property here."""
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.Element(qn("w:rPr"))
        r.insert(0, rpr)
    schema_order.replace(rpr, etree.Element(qn("w:color"), {qn("w:val"): rgb}))


def picture(r: etree._Element, shape_id: int, rid: str, filename: str, cx: int, cy: int) -> None:
    """`w:drawing/wp:inline` holding a `pic:pic` that shows the image part `rid` at cx x cy EMU.

    The minimal inline picture Word writes (DrawingML, ECMA-376 Part 1, §20.4.2.8): an extent, a
    drawing id and name, aspect-ratio lock, and the picture with its blip and rectangle geometry.
    """
    wp, a, pic = (f"{{{NS[p]}}}" for p in ("wp", "a", "pic"))
    drawing = etree.SubElement(r, qn("w:drawing"))
    inline = etree.SubElement(drawing, f"{wp}inline", nsmap={p: NS[p] for p in ("wp", "a", "pic", "r")})
    size = {"cx": str(cx), "cy": str(cy)}
    etree.SubElement(inline, f"{wp}extent", size)
    etree.SubElement(inline, f"{wp}docPr", {"id": str(shape_id), "name": f"Picture {shape_id}"})
    locks = etree.SubElement(inline, f"{wp}cNvGraphicFramePr")
    etree.SubElement(locks, f"{a}graphicFrameLocks", {"noChangeAspect": "1"})
    graphic = etree.SubElement(inline, f"{a}graphic")
    data = etree.SubElement(
        graphic, f"{a}graphicData", {"uri": "http://schemas.openxmlformats.org/drawingml/2006/picture"}
    )
    pic_pic = etree.SubElement(data, f"{pic}pic")
    nv_pr = etree.SubElement(pic_pic, f"{pic}nvPicPr")
    etree.SubElement(nv_pr, f"{pic}cNvPr", {"id": "0", "name": filename})
    etree.SubElement(nv_pr, f"{pic}cNvPicPr")
    fill = etree.SubElement(pic_pic, f"{pic}blipFill")
    etree.SubElement(fill, f"{a}blip", {qn("r:embed"): rid})
    etree.SubElement(etree.SubElement(fill, f"{a}stretch"), f"{a}fillRect")
    sp_pr = etree.SubElement(pic_pic, f"{pic}spPr")
    xfrm = etree.SubElement(sp_pr, f"{a}xfrm")
    etree.SubElement(xfrm, f"{a}off", {"x": "0", "y": "0"})
    etree.SubElement(xfrm, f"{a}ext", size)
    etree.SubElement(sp_pr, f"{a}prstGeom", {"prst": "rect"})


def right_tab(p: etree._Element, position: int) -> None:
    """A right-aligned tab stop with a dotted leader at `position` (twips): a contents line's page number."""
    tabs = _property(p, qn("w:tabs"))
    etree.SubElement(tabs, qn("w:tab"), {qn("w:val"): "right", qn("w:leader"): "dot", qn("w:pos"): str(position)})
