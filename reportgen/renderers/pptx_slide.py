"""One slide (or notes slide) being written: its XML tree, shape ids and names, relationships.

A new slide starts as PresentationML's empty `p:sld` and gets a copy of each of its layout's
placeholders (all but date, footer and slide number, which PowerPoint leaves latent), numbered and
named the way PowerPoint and python-pptx do ("Title 1", "Content Placeholder 2"); shapes added
afterwards take the next free id. Every shape is appended to `p:spTree` in drawing order.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from reportgen.renderers import opc
from reportgen.renderers.pptx_reference import Placeholder
from reportgen.renderers.pptx_xml import NS, qn, sub

RT = opc.RT_OFFICE
_DECLARED = " ".join(f'xmlns:{prefix}="{NS[prefix]}"' for prefix in ("a", "p", "r"))
_GROUP = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
SLIDE_XML = (
    f"<p:sld {_DECLARED}><p:cSld><p:spTree>{_GROUP}<p:grpSpPr/></p:spTree></p:cSld>"
    "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
).encode()
NOTES_XML = (
    f"<p:notes {_DECLARED}><p:cSld><p:spTree>{_GROUP}<p:grpSpPr><a:xfrm>"
    '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/>'
    "</a:xfrm></p:grpSpPr></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
).encode()
#: Placeholders a new slide leaves to its layout, and those a notes slide copies from its master.
LATENT = ("dt", "ftr", "sldNum")
NOTES_CLONED = ("sldImg", "body", "sldNum")
_WITH_TEXT = ("title", "ctrTitle", "subTitle", "body", "obj")
_SLIDE_NAMES = {
    "body": "Text Placeholder",
    "chart": "Chart Placeholder",
    "clipArt": "ClipArt Placeholder",
    "ctrTitle": "Title",
    "dgm": "SmartArt Placeholder",
    "dt": "Date Placeholder",
    "ftr": "Footer Placeholder",
    "hdr": "Header Placeholder",
    "media": "Media Placeholder",
    "obj": "Content Placeholder",
    "pic": "Picture Placeholder",
    "sldNum": "Slide Number Placeholder",
    "subTitle": "Subtitle",
    "tbl": "Table Placeholder",
    "title": "Title",
}
_NOTES_NAMES = {
    "body": "Notes Placeholder",
    "dt": "Date Placeholder",
    "ftr": "Footer Placeholder",
    "hdr": "Header Placeholder",
    "sldImg": "Slide Image Placeholder",
    "sldNum": "Slide Number Placeholder",
}
_PARSER = etree.XMLParser(remove_blank_text=True)
_IDS = etree.XPath("//@id")
_NAMES = etree.XPath("//p:cNvPr/@name", namespaces=NS)


class SlideXml:
    """A slide part under construction: `root` is its XML, `rels` its relationships in order."""

    def __init__(self, template: bytes, notes: bool = False) -> None:
        self.root = etree.fromstring(template, _PARSER)
        tree = self.root.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
        assert tree is not None
        self.tree = tree
        self.rels: list[opc.Rel] = []
        self._names = _NOTES_NAMES if notes else _SLIDE_NAMES
        self._max_id: int | None = None

    # --- relationships ----------------------------------------------------------------------

    def relate(self, rel_type: str, target: str) -> str:
        """The rId of a relationship to `target`, added unless one of this type exists."""
        for rel in self.rels:
            if rel.type == rel_type and rel.target == target:
                return rel.id
        rel_id = next_rid(self.rels)
        self.rels.append(opc.Rel(rel_id, rel_type, target))
        return rel_id

    # --- ids and names ------------------------------------------------------------------------

    def next_id(self) -> int:
        """One more than the largest shape id on the slide (ids freed by removal are reused)."""
        if self._max_id is None:
            used = [int(v) for v in _IDS(self.root) if isinstance(v, str) and v.isdigit()]
            self._max_id = max(used, default=0)
        self._max_id += 1
        return self._max_id

    def remove(self, shape: etree._Element) -> None:
        """Take a shape off the slide; its id is free again."""
        self.tree.remove(shape)
        self._max_id = None

    def _placeholder_name(self, kind: str, shape_id: int, orient: str) -> str:
        base = self._names[kind]
        if orient == "vert":
            base = f"Vertical {base}"
        names = set(_NAMES(self.root))
        number = shape_id - 1
        while f"{base} {number}" in names:
            number += 1
        return f"{base} {number}"

    # --- placeholders -------------------------------------------------------------------------

    def clone_placeholders(
        self, placeholders: Sequence[Placeholder], kinds: Sequence[str] = (), skip: Sequence[str] = ()
    ) -> None:
        """Copy placeholders in order: those of `kinds` if given, else all but `skip`."""
        for placeholder in placeholders:
            if (kinds and placeholder.type not in kinds) or placeholder.type in skip:
                continue
            shape_id = self.next_id()
            name = self._placeholder_name(placeholder.type, shape_id, placeholder.orient)
            sp = sub(self.tree, "p:sp")
            nv = sub(sp, "p:nvSpPr")
            sub(nv, "p:cNvPr", id=str(shape_id), name=name)
            sub(sub(nv, "p:cNvSpPr"), "a:spLocks", noGrp="1")
            ph = sub(sub(nv, "p:nvPr"), "p:ph")
            if placeholder.type != "obj":
                ph.set("type", placeholder.type)
            if placeholder.orient != "horz":
                ph.set("orient", placeholder.orient)
            if placeholder.sz != "full":
                ph.set("sz", placeholder.sz)
            if placeholder.idx:
                ph.set("idx", str(placeholder.idx))
            sub(sp, "p:spPr")
            if placeholder.type in _WITH_TEXT:
                body = sub(sp, "p:txBody")
                sub(body, "a:bodyPr")
                sub(body, "a:lstStyle")
                sub(body, "a:p")

    def placeholders(self) -> list[tuple[str, int, etree._Element]]:
        """(type, idx, shape) of each placeholder on the slide, in document order."""
        found = []
        for shape in self.tree:
            ph = shape.find(f"*/{qn('p:nvPr')}/{qn('p:ph')}")
            if ph is not None:
                found.append((ph.get("type", "obj"), int(ph.get("idx", "0")), shape))
        return found

    def placeholder(self, idx: int) -> etree._Element:
        return next(shape for _, i, shape in self.placeholders() if i == idx)

    # --- shapes -------------------------------------------------------------------------------

    def add(self, tag: str, name: str) -> tuple[etree._Element, etree._Element]:
        """A new shape element `tag` (p:sp, p:cxnSp, p:graphicFrame, p:pic) with its non-visual
        properties' `p:cNvPr` filled in; returns the shape and its nv*Pr element."""
        shape_id = self.next_id()
        shape = sub(self.tree, tag)
        nv_tag = {"p:sp": "p:nvSpPr", "p:cxnSp": "p:nvCxnSpPr", "p:graphicFrame": "p:nvGraphicFramePr"}.get(
            tag, "p:nvPicPr"
        )
        nv = sub(shape, nv_tag)
        sub(nv, "p:cNvPr", id=str(shape_id), name=name)
        return shape, nv


def next_rid(rels: Sequence[opc.Rel]) -> str:
    """python-pptx's choice of the next rId: counting down from len+1, the first one not in use
    (so a gap left by a removed relationship is filled)."""
    used = {rel.id for rel in rels}
    for n in range(len(rels) + 1, 0, -1):
        if f"rId{n}" not in used:
            return f"rId{n}"
    raise AssertionError("unreachable: len + 1 ids cannot all be taken by len relationships")


def xfrm(parent: etree._Element, box: Sequence[int], tag: str = "a:xfrm", **attrs: str) -> etree._Element:
    """`a:xfrm` (or `p:xfrm`) with `a:off` and `a:ext` from a (left, top, width, height) box."""
    element = sub(parent, tag, **attrs)
    sub(element, "a:off", x=str(box[0]), y=str(box[1]))
    sub(element, "a:ext", cx=str(box[2]), cy=str(box[3]))
    return element


def preset(parent: etree._Element, geometry: str) -> None:
    """`a:prstGeom` with its empty `a:avLst`."""
    sub(sub(parent, "a:prstGeom", prst=geometry), "a:avLst")


def theme_style(parent: etree._Element, line: int, fill: int, effect: int, font_colour: str) -> None:
    """`p:style`: the theme references PowerPoint gives a new shape (accent1 line/fill/effect)."""
    style = sub(parent, "p:style")
    for tag, idx in (("a:lnRef", line), ("a:fillRef", fill), ("a:effectRef", effect)):
        sub(sub(style, tag, idx=str(idx)), "a:schemeClr", val="accent1")
    sub(sub(style, "a:fontRef", idx="minor"), "a:schemeClr", val=font_colour)
