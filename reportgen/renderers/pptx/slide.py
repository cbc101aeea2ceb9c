"""One slide (or notes slide) being written: its shapes' XML, shape ids and names, relationships.

A new slide is PresentationML's empty `p:sld` plus a copy of each of its layout's placeholders
that it fills (all but date, footer and slide number are copied; those left empty are dropped,
since an empty placeholder shows "Click to add text" to the editor). Copies are numbered and named
the way PowerPoint and python-pptx do ("Title 1", "Content Placeholder 2") as if every copy stayed;
shapes added afterwards take the next free id. Shapes are kept as XML strings in drawing order
(see pptx_xml for why strings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportgen.renderers.ooxml import opc
from reportgen.renderers.ooxml.xmltext import DECLARATION, escape_attribute
from reportgen.renderers.pptx.pml import DECLARED, PLAIN, Script
from reportgen.renderers.pptx.reference import Placeholder

_GROUP = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
_SLIDE_OPEN = f"{DECLARATION}<p:sld {DECLARED}><p:cSld><p:spTree>{_GROUP}<p:grpSpPr/>"
_NOTES_OPEN = (
    f"{DECLARATION}<p:notes {DECLARED}><p:cSld><p:spTree>{_GROUP}<p:grpSpPr><a:xfrm>"
    '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/>'
    "</a:xfrm></p:grpSpPr>"
)
_CLOSE = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
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


@dataclass(frozen=True)
class PlaceholderCopy:
    """A layout placeholder as copied onto a slide: its id, its name and the start of its `p:sp`."""

    type: str
    idx: int
    id: int
    head: str  # `<p:sp><p:nvSpPr>…</p:nvSpPr>`
    has_text: bool
    position: int  # of the placeholder copied, in the layout's (indexes may repeat; this cannot)

    def xml(self, text: str | None = None, sp_pr: str = "<p:spPr/>") -> str:
        """The `p:sp`; `text` is the inside of its `p:txBody` (the layout's empty body if None)."""
        if not self.has_text:
            return f"{self.head}{sp_pr}</p:sp>"
        body = "<a:bodyPr/><a:lstStyle/><a:p/>" if text is None else text
        return f"{self.head}{sp_pr}<p:txBody>{body}</p:txBody></p:sp>"


@lru_cache(maxsize=256)
def placeholder_copies(
    placeholders: tuple[Placeholder, ...], notes: bool, kinds: tuple[str, ...] = (), skip: tuple[str, ...] = ()
) -> tuple[PlaceholderCopy, ...]:
    """The copies a new slide (or notes slide) gets of `placeholders`: those of `kinds` if given,
    else all but `skip`, numbered from 2 and named as PowerPoint names them.

    Cached: every slide on one layout starts with the same copies (a deck uses a handful of layouts).
    """
    names_by_type = _NOTES_NAMES if notes else _SLIDE_NAMES
    names = {""}
    copies = []
    shape_id = 1
    for position, placeholder in enumerate(placeholders):
        if (kinds and placeholder.type not in kinds) or placeholder.type in skip:
            continue
        shape_id += 1
        base = names_by_type[placeholder.type]
        if placeholder.orient == "vert":
            base = f"Vertical {base}"
        number = shape_id - 1
        while f"{base} {number}" in names:
            number += 1
        name = f"{base} {number}"
        names.add(name)
        ph = "" if placeholder.type == "obj" else f' type="{escape_attribute(placeholder.type)}"'
        ph += "" if placeholder.orient == "horz" else f' orient="{escape_attribute(placeholder.orient)}"'
        ph += "" if placeholder.sz == "full" else f' sz="{escape_attribute(placeholder.sz)}"'
        ph += f' idx="{placeholder.idx}"' if placeholder.idx else ""
        head = (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape_attribute(name)}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{ph}/></p:nvPr></p:nvSpPr>'
        )
        copies.append(
            PlaceholderCopy(placeholder.type, placeholder.idx, shape_id, head, placeholder.type in _WITH_TEXT, position)
        )
    return tuple(copies)


class SlideXml:
    """A slide part under construction: `shapes` is its spTree's XML, `rels` its relationships."""

    def __init__(self, notes: bool = False, script: Script = PLAIN) -> None:
        self.notes = notes
        self.script = script  # how the slide's text is marked for language and direction
        self.shapes: list[str] = []
        self.rels: list[opc.Rel] = []
        self._max_id = 1  # the group shape's

    # --- relationships ----------------------------------------------------------------------

    def relate(self, rel_type: str, target: str) -> str:
        """The rId of a relationship to `target`, added unless one of this type exists."""
        for rel in self.rels:
            if rel.type == rel_type and rel.target == target:
                return rel.id
        rel_id = opc.next_rid(rel.id for rel in self.rels)
        self.rels.append(opc.Rel(rel_id, rel_type, target))
        return rel_id

    # --- shapes -------------------------------------------------------------------------------

    def add_placeholders(self, kept: Sequence[tuple[PlaceholderCopy, str]]) -> None:
        """Put the copies kept, with their XML, on the slide; the ids of those dropped are free."""
        self.shapes.extend(xml for _, xml in kept)
        self._max_id = max([self._max_id, *(copy.id for copy, _ in kept)])

    def next_id(self) -> int:
        """One more than the largest shape id on the slide."""
        self._max_id += 1
        return self._max_id

    def add(self, xml: str) -> None:
        """Append a shape's XML (drawn above those before it)."""
        self.shapes.append(xml)

    def to_bytes(self) -> bytes:
        """The part's bytes, as lxml serialised the same tree."""
        if self.notes:
            return f"{_NOTES_OPEN}{''.join(self.shapes)}{_CLOSE}</p:notes>".encode()
        return f"{_SLIDE_OPEN}{''.join(self.shapes)}{_CLOSE}</p:sld>".encode()


def nv_name(shape_id: int, name: str, extra: str = "") -> str:
    """`p:cNvPr` with the shape's id and name (and `extra` attributes, already escaped)."""
    return f'<p:cNvPr id="{shape_id}" name="{escape_attribute(name)}"{extra}/>'


def preset(geometry: str) -> str:
    """`a:prstGeom` with its empty `a:avLst`."""
    return f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'


def theme_style(line: int, fill: int, effect: int, font_colour: str) -> str:
    """`p:style`: the theme references PowerPoint gives a new shape (accent1 line/fill/effect)."""
    refs = "".join(
        f'<{tag} idx="{idx}"><a:schemeClr val="accent1"/></{tag}>'
        for tag, idx in (("a:lnRef", line), ("a:fillRef", fill), ("a:effectRef", effect))
    )
    return f'<p:style>{refs}<a:fontRef idx="minor"><a:schemeClr val="{font_colour}"/></a:fontRef></p:style>'
