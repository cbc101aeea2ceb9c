"""What the deck renderer needs from a reference .pptx/.potx, read once per process.

A reference is unzipped by `opc.read_package` and its presentation, masters and layouts parsed
here into a small model: layouts by name (in master order, first name wins, as python-pptx
listed them), each with its placeholders (type, idx, name, position with the master's inherited
where the layout has none), the masters' themes and title styles, and the slide size. The model is
cached per reference file (path, size and modification time), so a batch renders hundreds of
decks from one parse; renders only read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from reportgen.errors import PackError
from reportgen.file_versions import per_file_version
from reportgen.renderers.ooxml import opc, references
from reportgen.renderers.ooxml.namespaces import qn
from reportgen.renderers.pptx.pml import theme_fonts, title_caps

#: (left, top, width, height) in EMU (shapes.Box is one; it cannot be imported here).
Rect = tuple[int, int, int, int]

#: Layout placeholder types whose position a layout inherits from this master placeholder type.
_BASE_TYPE = {
    "body": "body",
    "chart": "body",
    "clipArt": "body",
    "ctrTitle": "title",
    "dgm": "body",
    "dt": "dt",
    "ftr": "ftr",
    "media": "body",
    "obj": "body",
    "pic": "body",
    "sldNum": "sldNum",
    "subTitle": "body",
    "tbl": "body",
    "title": "title",
}


@dataclass(frozen=True)
class Placeholder:
    """A layout (or notes master) placeholder: what a slide's copy of it needs, and its box.

    Each of `box`'s values is None when neither the layout nor the master gives it.
    """

    type: str  # ST_PlaceholderType; "obj" when absent
    idx: int
    orient: str
    sz: str
    name: str
    box: tuple[int | None, int | None, int | None, int | None]
    caps: bool  # a title whose text renders in capitals
    #: The Latin typeface its first level sets outright (the layout's, else the master's title or
    #: body style), as Google Slides exports do; "" when it uses the theme's (+mj-lt/+mn-lt).
    typeface: str = ""
    #: Whether its first level is bold by style (Keynote-made decks set bold body text).
    bold: bool = False


@dataclass(frozen=True)
class Layout:
    name: str
    part: str
    master: str
    placeholders: tuple[Placeholder, ...]
    #: `p:sldLayout/@type` (ST_SlideLayoutType: title, obj, secHead, titleOnly, blank, tx…); "" when
    #: the layout does not say (the schema's default, "cust": a custom layout).
    type: str = ""
    #: Boxes of what the layout and (unless it hides them) its master draw on every slide besides
    #: placeholders and the background: logos, bars, rules. Nothing loose should be drawn over them.
    decorations: tuple[Rect, ...] = ()


@dataclass(frozen=True)
class Master:
    part: str
    theme: str | None
    fonts: tuple[str, str]  # the theme's (heading, body) Latin typefaces
    #: Whether the theme names a heading / body Latin typeface that a brand font can replace.
    replaceable: tuple[bool, bool]
    #: The master's own title and body placeholders, which layouts without them still show the
    #: slide's design around: where a slide draws what its layout lacks.
    title_box: Rect | None = None
    body_box: Rect | None = None

    def effective_fonts(self, body: str, heading: str) -> tuple[str, str]:
        """(heading, body) typefaces once a pack's brand fonts are written into the theme."""
        major = heading if heading and self.replaceable[0] else self.fonts[0]
        minor = body if body and self.replaceable[1] else self.fonts[1]
        return major, minor


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per reference file
class Reference:
    """A parsed reference deck; never changed once built (renders copy `package`)."""

    package: opc.Package
    presentation: str
    masters: tuple[Master, ...]
    layouts: dict[str, Layout]
    slide_width: int
    slide_height: int
    notes_master: str | None
    #: Every part's relationships, read once: rendering reuses them for the parts it keeps.
    rels: dict[str, tuple[opc.Rel, ...]]


def load(path: Path) -> Reference:
    """The model of the reference deck at `path`; a file that cannot be read is a PackError."""
    try:
        return _load(path)
    except OSError as exc:
        raise PackError(f"cannot open reference deck {path}: {exc.strerror or exc}") from exc
    except (opc.PackageError, KeyError, ValueError) as exc:
        raise PackError(f"cannot open reference deck {path}: {exc}") from exc


@per_file_version(maxsize=16)
def _load(path: Path) -> Reference:
    package = references.read_package(path)
    presentation = package.main_part()
    rels = _all_rels(package)
    root = package.xml(presentation)
    by_id = {rel.id: rel.target for rel in rels.get(presentation, ())}
    masters: list[Master] = []
    layouts: dict[str, Layout] = {}
    for master_id in root.iterfind(f"{qn('p:sldMasterIdLst')}/{qn('p:sldMasterId')}"):
        master_part = by_id[master_id.get(qn("r:id"), "")]
        master_root = package.xml(master_part)
        master_rels = {rel.id: rel for rel in rels.get(master_part, ())}
        theme = next((r.target for r in master_rels.values() if r.type == opc.RT_THEME and not r.external), None)
        theme_root = _theme(package, theme)
        latin = tuple(
            theme_root is not None and theme_root.find(f".//{qn(which)}/{qn('a:latin')}") is not None
            for which in ("a:majorFont", "a:minorFont")
        )
        master_placeholders = placeholders(master_root, {}, master_root)
        boxes = {p.type: _complete(p.box) for p in reversed(master_placeholders)}
        masters.append(
            Master(
                master_part,
                theme,
                theme_fonts(theme_root),
                (latin[0], latin[1]),
                title_box=boxes.get("title"),
                body_box=boxes.get("body"),
            )
        )
        inherited: dict[str, tuple[int | None, ...]] = {}
        for placeholder in master_placeholders:
            inherited.setdefault(placeholder.type, placeholder.box)
        for layout_id in master_root.iterfind(f"{qn('p:sldLayoutIdLst')}/{qn('p:sldLayoutId')}"):
            layout_part = master_rels[layout_id.get(qn("r:id"), "")].target
            layout_root = package.xml(layout_part)
            csld = layout_root.find(qn("p:cSld"))
            name = csld.get("name", "") if csld is not None else ""
            if name not in layouts:
                found = placeholders(layout_root, inherited, master_root)
                drawn = decorations(layout_root)
                if layout_root.get("showMasterSp", "1") not in ("0", "false"):
                    drawn += decorations(master_root)
                layouts[name] = Layout(name, layout_part, master_part, found, layout_root.get("type", ""), drawn)
    size = root.find(qn("p:sldSz"))
    notes_master = next(
        (r.target for r in rels.get(presentation, ()) if r.type == opc.RT_NOTES_MASTER and not r.external), None
    )
    return Reference(
        package=package,
        presentation=presentation,
        masters=tuple(masters),
        layouts=layouts,
        slide_width=int(size.get("cx", 0) or 0) if size is not None else 0,
        slide_height=int(size.get("cy", 0) or 0) if size is not None else 0,
        notes_master=notes_master,
        rels=rels,
    )


def _all_rels(package: opc.Package) -> dict[str, tuple[opc.Rel, ...]]:
    """Relationships of every part reachable from the package's own, walked as python-pptx loaded
    them; a relationship to a part that is not there makes the reference unreadable."""
    found: dict[str, tuple[opc.Rel, ...]] = {"": tuple(package.rels(""))}
    pending = [""]
    while pending:
        source = pending.pop()
        for rel in found[source]:
            if rel.external or rel.target in found:
                continue
            if rel.target not in package.parts:
                raise opc.PackageError(f"part '{source or '/'}' refers to '{rel.target}', which is missing")
            found[rel.target] = tuple(package.rels(rel.target))
            pending.append(rel.target)
    return found


def _theme(package: opc.Package, theme: str | None) -> etree._Element | None:
    if theme is None:
        return None
    try:
        return package.xml(theme)
    except opc.PackageError:
        return None


def placeholders(
    root: etree._Element, inherited: dict[str, tuple[int | None, ...]], master: etree._Element
) -> tuple[Placeholder, ...]:
    """The placeholders among the spTree's own shapes, in document order; a position the shape does
    not give is taken from `inherited` (the master's placeholder of the base type)."""
    tree = root.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    found = []
    for shape in tree if tree is not None else ():
        if not isinstance(shape.tag, str):
            continue
        ph = shape.find(f"*/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        own = _own_box(shape)
        base = inherited.get(_BASE_TYPE.get(kind, ""), (None, None, None, None))
        box = tuple(value if value is not None else base[i] for i, value in enumerate(own))
        name_element = shape.find(f"*/{qn('p:cNvPr')}")
        found.append(
            Placeholder(
                type=kind,
                idx=int(ph.get("idx", "0")),
                orient=ph.get("orient", "horz"),
                sz=ph.get("sz", "full"),
                name=name_element.get("name", "") if name_element is not None else "",
                box=(box[0], box[1], box[2], box[3]),
                caps=kind in ("title", "ctrTitle") and title_caps(shape, master),
                typeface=_typeface(shape, _style(kind), master),
                bold=_first_level(shape, _style(kind), master).get("b", "0") in ("1", "true"),
            )
        )
    return tuple(found)


_DRAWN = ("p:sp", "p:pic", "p:grpSp", "p:graphicFrame", "p:cxnSp")
_QUARTER_TURNS = (5400000, 16200000)


def decorations(root: etree._Element) -> tuple[Rect, ...]:
    """Boxes of the spTree's own shapes that are not placeholders (a shape turned a quarter turn
    has its box turned too)."""
    tree = root.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    found = []
    for shape in tree if tree is not None else ():
        if not isinstance(shape.tag, str) or shape.tag not in {qn(tag) for tag in _DRAWN}:
            continue
        if shape.find(f"*/{qn('p:nvPr')}/{qn('p:ph')}") is not None:
            continue
        xfrm = shape.find(f"*/{qn('a:xfrm')}")
        if xfrm is None:
            xfrm = shape.find(qn("p:xfrm"))
        left, top, width, height = _own_box_of(xfrm)
        if None in (left, top, width, height):
            continue
        assert left is not None and top is not None and width is not None and height is not None
        rotation = xfrm.get("rot", "0") if xfrm is not None else "0"
        if rotation.lstrip("-").isdigit() and int(rotation) % 21600000 in _QUARTER_TURNS:
            left, top, width, height = left + (width - height) // 2, top + (height - width) // 2, height, width
        found.append((left, top, width, height))
    return tuple(found)


def _style(kind: str) -> str:
    return "p:titleStyle" if kind in ("title", "ctrTitle") else "p:bodyStyle"


def _typeface(shape: etree._Element, style: str, master: etree._Element) -> str:
    """The `a:latin` typeface of the shape's first list level, else of the master's `style`; ""
    for a theme font reference (+mj-lt) or none."""
    for root, path in (
        (shape, ("p:txBody", "a:lstStyle", "a:lvl1pPr", "a:defRPr", "a:latin")),
        (master, ("p:txStyles", style, "a:lvl1pPr", "a:defRPr", "a:latin")),
    ):
        latin = root.find("/".join(qn(tag) for tag in path))
        if latin is not None and latin.get("typeface"):
            face = latin.get("typeface", "")
            return "" if face.startswith("+") else face
    return ""


def _first_level(shape: etree._Element, style: str, master: etree._Element) -> dict[str, str]:
    """The attributes of the first list level's `a:defRPr` that says `b`: the shape's own, else the
    master's `style`'s ({} when neither does)."""
    for root, path in (
        (shape, ("p:txBody", "a:lstStyle", "a:lvl1pPr", "a:defRPr")),
        (master, ("p:txStyles", style, "a:lvl1pPr", "a:defRPr")),
    ):
        found = root.find("/".join(qn(tag) for tag in path))
        if found is not None and found.get("b") is not None:
            return {str(k): str(v) for k, v in found.attrib.items()}
    return {}


def _complete(box: tuple[int | None, int | None, int | None, int | None]) -> Rect | None:
    """A placeholder's box when it has a size (a missing offset is 0), else None."""
    left, top, width, height = box
    if width is None or height is None:
        return None
    return (left or 0, top or 0, width, height)


def _own_box(shape: etree._Element) -> tuple[int | None, int | None, int | None, int | None]:
    return _own_box_of(shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}"))


def _own_box_of(xfrm: etree._Element | None) -> tuple[int | None, int | None, int | None, int | None]:
    if xfrm is None:
        return (None, None, None, None)
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))

    def value(element: etree._Element | None, name: str) -> int | None:
        text = element.get(name) if element is not None else None
        return int(text) if text is not None else None

    return (value(off, "x"), value(off, "y"), value(ext, "cx"), value(ext, "cy"))
