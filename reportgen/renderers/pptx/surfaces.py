"""What a box on a slide sits on, and the colour the template gives the text in a placeholder.

Colours are DrawingML colour elements resolved through the master's colour map and the theme
(`Resolver`), with the luminance, tint and shade changes most used. What lies under a box is the
first of: a filled shape or picture the layout, else the master, draws there (inside groups too:
a footer bar, a coloured title panel), the layout's background, the master's. A gradient counts as
the average of its stops, a picture as the average of its visible pixels.
"""

from __future__ import annotations

import colorsys
import io
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from reportgen.renderers.ooxml import opc
from reportgen.renderers.ooxml.namespaces import qn
from reportgen.renderers.pptx.reference import Layout, Reference

WHITE, BLACK = "FFFFFF", "000000"
_SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
_DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class Surface:
    """The colours of one layout: its resolver, its background and its drawn shapes' fills."""

    resolve: Resolver
    background: str
    #: (box, colour) of the layout's and master's filled shapes and pictures, topmost first.
    drawn: tuple[tuple[Rect, str], ...]

    def under(self, box: Rect) -> str:
        """The colour under the middle of `box`: the topmost drawn shape holding it, else the
        background."""
        x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
        for (left, top, width, height), colour in self.drawn:
            if left <= x <= left + width and top <= y <= top + height:
                return colour
        return self.background


@lru_cache(maxsize=64)
def surface(reference: Reference, layout_name: str) -> Surface:
    """The colours layout `layout_name` puts under what a slide on it draws."""
    layout = reference.layouts[layout_name]
    master = next(m for m in reference.masters if m.part == layout.master)
    master_root = reference.package.xml(master.part)
    resolve = Resolver(_scheme(reference, master.theme), _DEFAULT_MAP | _colour_map(master_root))
    background = _background(reference, layout.part, resolve) or _background(reference, master.part, resolve)
    if background is None:
        background = resolve.name("bg1") or WHITE
    layout_root = reference.package.xml(layout.part)
    drawn = _drawn(reference, layout.part, resolve)
    if layout_root.get("showMasterSp", "1") not in ("0", "false"):
        drawn += _drawn(reference, master.part, resolve)
    return Surface(resolve, background, tuple(drawn))


def placeholder_text(reference: Reference, layout: Layout, position: int) -> tuple[str, str]:
    """(the text colour, the colour under it) of the layout's placeholder at `position`: the colour
    its list style, the master's placeholder of its type or the master's text style gives its first
    level (else the text colour), and its own fill or what lies under its box."""
    found = surface(reference, layout.name)
    master = next(m for m in reference.masters if m.part == layout.master)
    master_root = reference.package.xml(master.part)
    shape = _placeholder_elements(reference.package.xml(layout.part))[position]
    kind = _ph_type(shape)
    chain = [shape]
    base = _base_type(kind)
    chain += [e for e in _placeholder_elements(master_root) if _base_type(_ph_type(e)) == base][:1]
    text = None
    for element in chain:
        level = element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
        fill = level.find(qn("a:solidFill")) if level is not None else None
        text = found.resolve.first(fill) if fill is not None else None
        if text:
            break
    if not text:
        style = {"title": "p:titleStyle", "body": "p:bodyStyle"}.get(base, "p:otherStyle")
        path = f"{qn('p:txStyles')}/{qn(style)}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}/{qn('a:solidFill')}"
        fill = master_root.find(path)
        text = (found.resolve.first(fill) if fill is not None else None) or found.resolve.name("tx1") or BLACK
    fill_colour = next((c for c in (_fill(reference, layout.part, e, found.resolve) for e in chain) if c), None)
    left, top, width, height = layout.placeholders[position].box
    return text, fill_colour or found.under((left or 0, top or 0, width or 0, height or 0))


def _placeholder_elements(root: etree._Element) -> list[etree._Element]:
    tree = root.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    return [
        shape
        for shape in (tree if tree is not None else ())
        if isinstance(shape.tag, str) and shape.find(f"*/{qn('p:nvPr')}/{qn('p:ph')}") is not None
    ]


def _ph_type(shape: etree._Element) -> str:
    ph = shape.find(f"*/{qn('p:nvPr')}/{qn('p:ph')}")
    return ph.get("type", "obj") if ph is not None else ""


def _base_type(kind: str) -> str:
    """The master placeholder a layout's of type `kind` inherits from."""
    if kind in ("title", "ctrTitle"):
        return "title"
    if kind in ("dt", "ftr", "sldNum"):
        return kind
    return "body"


def _fill(reference: Reference, part: str, shape: etree._Element, resolve: Resolver) -> str | None:
    """The colour of a shape's own fill (None for none, noFill, or a fill it leaves to its style)."""
    properties = shape.find(qn("p:spPr"))
    return _fill_colour(reference, part, properties, resolve) if properties is not None else None


def _fill_colour(reference: Reference, part: str, owner: etree._Element, resolve: Resolver) -> str | None:
    """The average colour of the fill `owner` (spPr, bgPr) holds."""
    fill = next(
        (
            c
            for c in owner
            if isinstance(c.tag, str) and c.tag in (qn("a:solidFill"), qn("a:gradFill"), qn("a:blipFill"))
        ),
        None,
    )
    if fill is None:
        return None
    if fill.tag == qn("a:solidFill"):
        return resolve.first(fill)
    if fill.tag == qn("a:gradFill"):
        stops = [resolve.first(stop) for stop in fill.iter(qn("a:gs"))]
        return _average([s for s in stops if s])
    blip = fill.find(qn("a:blip"))
    target = _related(reference, part, blip.get(qn("r:embed"), "") if blip is not None else "")
    return _picture_colour(reference.package.parts[target]) if target else None


def _drawn(reference: Reference, part: str, resolve: Resolver) -> list[tuple[Rect, str]]:
    """The filled shapes and pictures `part` draws besides placeholders, topmost first."""
    found: list[tuple[Rect, str]] = []
    tree = reference.package.xml(part).find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    if tree is not None:
        _collect(reference, part, tree, resolve, (0.0, 0.0, 1.0, 1.0), found)
    return found


def _collect(
    reference: Reference,
    part: str,
    tree: etree._Element,
    resolve: Resolver,
    place: tuple[float, float, float, float],
    found: list[tuple[Rect, str]],
) -> None:
    """Add `tree`'s filled shapes to `found`, topmost first, placed on the slide by `place`: the
    enclosing groups' offset and scale (x, y, sx, sy) from child to slide coordinates."""
    dx, dy, sx, sy = place
    for shape in tree:
        if not isinstance(shape.tag, str) or shape.find(f"*/{qn('p:nvPr')}/{qn('p:ph')}") is not None:
            continue
        if shape.tag == qn("p:grpSp"):
            xfrm = shape.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
            parts = [_point(xfrm, tag) for tag in ("a:off", "a:ext", "a:chOff", "a:chExt")] if xfrm is not None else []
            if len(parts) == 4 and all(parts):
                (x, y), (cx, cy), (chx, chy), (chcx, chcy) = parts  # type: ignore[misc]
                gx, gy = cx / max(1, chcx), cy / max(1, chcy)
                inner = (dx + sx * (x - gx * chx), dy + sy * (y - gy * chy), sx * gx, sy * gy)
                _collect(reference, part, shape, resolve, inner, found)
            continue
        if shape.tag not in (qn("p:sp"), qn("p:pic")):
            continue
        xfrm = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
        off, ext = (_point(xfrm, "a:off"), _point(xfrm, "a:ext")) if xfrm is not None else (None, None)
        if off is None or ext is None:
            continue
        if shape.tag == qn("p:pic"):
            blip = shape.find(f"{qn('p:blipFill')}/{qn('a:blip')}")
            target = _related(reference, part, blip.get(qn("r:embed"), "") if blip is not None else "")
            colour = _visible_colour(reference.package.parts[target]) if target else None
        else:
            properties = shape.find(qn("p:spPr"))
            colour = _fill_colour(reference, part, properties, resolve) if properties is not None else None
            no_fill = properties is not None and properties.find(qn("a:noFill")) is not None
            style_fill = shape.find(f"{qn('p:style')}/{qn('a:fillRef')}")
            if colour is None and not no_fill and style_fill is not None and style_fill.get("idx", "0") != "0":
                colour = resolve.first(style_fill)
        if colour:
            box = (round(dx + sx * off[0]), round(dy + sy * off[1]), round(sx * ext[0]), round(sy * ext[1]))
            found.insert(0, (box, colour))


def _point(xfrm: etree._Element, tag: str) -> tuple[int, int] | None:
    element = xfrm.find(qn(tag))
    if element is None:
        return None
    names = ("x", "y") if tag.endswith("ff") else ("cx", "cy")
    try:
        return int(element.get(names[0], "0")), int(element.get(names[1], "0"))
    except ValueError:
        return None


# --- the background ------------------------------------------------------------------------------


def _background(reference: Reference, part: str, resolve: Resolver) -> str | None:
    """The average colour of the background `part` (a layout or master) sets itself, or None."""
    bg = reference.package.xml(part).find(f"{qn('p:cSld')}/{qn('p:bg')}")
    if bg is None:
        return None
    ref = bg.find(qn("p:bgRef"))
    if ref is not None:
        return resolve.first(ref)
    properties = bg.find(qn("p:bgPr"))
    return _fill_colour(reference, part, properties, resolve) if properties is not None else None


def _related(reference: Reference, part: str, rel_id: str) -> str | None:
    for rel in reference.rels.get(part, ()):
        if rel.id == rel_id and not rel.external and rel.target in reference.package.parts:
            return rel.target
    return None


@lru_cache(maxsize=16)
def _picture_colour(blob: bytes) -> str | None:
    """The average colour of a picture (None if Pillow cannot read it)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(blob)) as image:
            image.draft("RGB", (64, 64))
            pixel = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    assert isinstance(pixel, tuple)
    return "".join(f"{channel:02X}" for channel in pixel[:3])


# --- theme colours -------------------------------------------------------------------------------


def _scheme(reference: Reference, theme: str | None) -> dict[str, str]:
    """The theme's colour scheme: dk1, lt1, dk2, lt2, accent1-6 as RRGGBB."""
    if theme is None:
        return {}
    try:
        root = reference.package.xml(theme)
    except opc.PackageError:
        return {}
    found = {}
    clr_scheme = root.find(f".//{qn('a:clrScheme')}")
    for name in _SCHEME:
        element = clr_scheme.find(qn(f"a:{name}")) if clr_scheme is not None else None
        value = Resolver({}, {}).first(element) if element is not None else None
        if value:
            found[name] = value
    return found


def _colour_map(master: etree._Element) -> dict[str, str]:
    found = master.find(qn("p:clrMap"))
    return dict(found.attrib) if found is not None else {}


class Resolver:
    """DrawingML colour elements (srgbClr, schemeClr, sysClr, prstClr) to RRGGBB, through the
    master's colour map and the theme, with the luminance and tint/shade changes most used."""

    def __init__(self, scheme: dict[str, str], mapping: dict[str, str]) -> None:
        self.scheme, self.mapping = scheme, mapping

    def name(self, value: str) -> str | None:
        return self.scheme.get(self.mapping.get(value, value))

    def first(self, parent: etree._Element) -> str | None:
        """The colour of `parent`'s first colour child."""
        for child in parent:
            if isinstance(child.tag, str) and child.tag.endswith("Clr") and child.tag != qn("a:clrChange"):
                return self.colour(child)
        return None

    def colour(self, element: etree._Element) -> str | None:
        tag = etree.QName(element).localname
        base: str | None
        if tag == "srgbClr":
            base = element.get("val", "")
        elif tag == "schemeClr":
            base = self.name(element.get("val", ""))
        elif tag == "sysClr":
            base = element.get("lastClr") or (WHITE if element.get("val") == "window" else BLACK)
        elif tag == "prstClr":
            base = {"white": WHITE, "black": BLACK}.get(element.get("val", ""))
        else:
            base = None
        if not base or len(base) != 6:
            return None
        try:
            int(base, 16)
        except ValueError:
            return None
        return _modified(base.upper(), element)


def _modified(colour: str, element: etree._Element) -> str:
    """`colour` with the element's lumMod/lumOff, tint and shade applied (in HSL and sRGB, as
    near as a contrast check needs)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    for change in element:
        if not isinstance(change.tag, str):
            continue
        try:
            value = int(change.get("val", "100000")) / 100000
        except ValueError:  # a percentage written "50%" (transitional files): left unapplied
            continue
        tag = etree.QName(change).localname
        if tag in ("lumMod", "lumOff"):
            h, lightness, s = colorsys.rgb_to_hls(r, g, b)
            lightness = lightness * value if tag == "lumMod" else lightness + value
            r, g, b = colorsys.hls_to_rgb(h, min(max(lightness, 0.0), 1.0), s)
        elif tag == "tint":
            r, g, b = (c + (1 - c) * (1 - value) for c in (r, g, b))
        elif tag == "shade":
            r, g, b = (c * value for c in (r, g, b))
    return "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b))


def _average(colours: list[str]) -> str | None:
    if not colours:
        return None
    channels = [sum(int(c[i : i + 2], 16) for c in colours) // len(colours) for i in (0, 2, 4)]
    return "".join(f"{channel:02X}" for channel in channels)


@lru_cache(maxsize=32)
def _visible_colour(blob: bytes) -> str | None:
    """The average colour of a picture's visible pixels (a logo's transparent corners show what is
    under it); None when Pillow cannot read it or less than a quarter of it is visible."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(blob)) as image:
            image.draft("RGBA", (64, 64))
            data = image.convert("RGBA").resize((32, 32)).tobytes()
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    pixels = [data[i : i + 4] for i in range(0, len(data), 4)]
    seen = [p for p in pixels if p[3] >= 128]
    if len(seen) < len(pixels) // 4:
        return None
    return "".join(f"{sum(p[i] for p in seen) // len(seen):02X}" for i in range(3))
