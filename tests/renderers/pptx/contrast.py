"""What every piece of text and every drawn mark in a saved deck sits on, and how well it reads there.

Worked out from the saved file alone, independently of the renderer's palette: each run's colour is
followed down PowerPoint's inheritance (the run, the shape's list style, the layout's and master's
placeholder, the master's text styles, the theme through the colour map); what it sits on is the
first of: its own fill (a table cell's from the table style), a filled shape under it on the slide,
the layout's or master's drawn shapes under it (a footer bar), the slide's, layout's or master's
background. A gradient counts as the average of its stops, a picture as its average colour.

WCAG 2: text needs 4.5:1, large text (18 pt, or 14 pt bold, on a 13.33 x 7.5 in slide; larger on a
larger one) 3:1, and so do bars, rules, axes and markers against the background.
"""

from __future__ import annotations

import colorsys
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from PIL import Image
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as Deck

from reportgen.renderers.pptx.palette import contrast
from reportgen.renderers.pptx.shapes import text_scale

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
TEXT, LARGE, GRAPHIC = 4.5, 3.0, 3.0
#: Timeline ticks only lead the eye from a label to its dot; they are faint on purpose.
FAINT_NAMES = ("Timeline tick",)
#: The built-in "Medium Style 2 - Accent 1" table style the deck's tables name: header row on
#: accent1 in lt1, bold; body rows on accent1 tinted 40% (banded) or 20%, in dk1.
MEDIUM_2_ACCENT_1 = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
_DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_TITLES = ("title", "ctrTitle")
_FOOTERS = ("dt", "ftr", "sldNum")


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


@dataclass(frozen=True)
class Reading:
    """One text run, or one drawn mark, and what it sits on."""

    slide: int
    shape: str
    text: str  # "" for a mark (a bar, rule, axis, dot)
    colour: str
    backdrop: str
    needed: float

    @property
    def ratio(self) -> float:
        return contrast(self.colour, self.backdrop)

    @property
    def reads(self) -> bool:
        return self.ratio >= self.needed - 1e-9

    def __str__(self) -> str:
        what = f"'{self.text[:30]}'" if self.text else "its mark"
        return (
            f"slide {self.slide} '{self.shape}' {what}: {self.colour} on {self.backdrop} is "
            f"{self.ratio:.2f}:1, needs {self.needed}:1"
        )


class _Colours:
    """DrawingML colour elements to RRGGBB on one slide: its theme and its colour map."""

    def __init__(self, scheme: dict[str, str], mapping: dict[str, str]) -> None:
        self.scheme, self.mapping = scheme, mapping

    def scheme_colour(self, name: str) -> str | None:
        if name == "phClr":
            return None
        return self.scheme.get(self.mapping.get(name, name))

    def of(self, parent: etree._Element | None) -> str | None:
        """The colour of `parent` (a solidFill, fontRef, gs…): its first colour child."""
        if parent is None:
            return None
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            base: str | None = None
            if local == "srgbClr":
                base = child.get("val")
            elif local == "schemeClr":
                base = self.scheme_colour(child.get("val", ""))
            elif local == "sysClr":
                base = child.get("lastClr") or ("FFFFFF" if child.get("val") == "window" else "000000")
            elif local == "prstClr":
                base = {"white": "FFFFFF", "black": "000000"}.get(child.get("val", ""))
            else:
                continue
            return _modified(base.upper(), child) if base and len(base) == 6 else None
        return None

    def fill(self, parent: etree._Element | None, blobs: dict[str, bytes]) -> str | None:
        """The average colour of a fill inside `parent` (spPr, bgPr, tcPr): None for none or noFill."""
        if parent is None:
            return None
        solid = parent.find(q("a:solidFill"))
        if solid is not None:
            return self.of(solid)
        grad = parent.find(q("a:gradFill"))
        if grad is not None:
            stops = [self.of(gs) for gs in grad.iter(q("a:gs"))]
            return _average([s for s in stops if s])
        blip = parent.find(f"{q('a:blipFill')}/{q('a:blip')}")
        if blip is not None:
            return _picture(blobs.get(blip.get(q("r:embed"), ""), b""))
        return None


def readings(prs: Deck) -> Iterator[Reading]:
    """Every text run and every drawn mark of every slide, with what it sits on."""
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    scale = text_scale(width, height)
    for number, slide in enumerate(prs.slides, start=1):
        layout = slide.slide_layout
        master = layout.slide_master
        colours = _Colours(_scheme(master), _colour_map(master, layout, slide))
        background = _background(colours, slide) or _background(colours, layout) or _background(colours, master)
        background = background or colours.scheme_colour("bg1") or "FFFFFF"
        drawn = _decorations(colours, layout) + (
            _decorations(colours, master) if layout.element.get("showMasterSp") != "0" else []
        )
        under: list[tuple[tuple[int, int, int, int], str]] = []  # filled slide shapes seen so far
        for shape in slide.shapes:
            box = (int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))
            on = _on(box, under) or _on(box, drawn) or background
            if shape.has_chart:
                yield from _chart(number, shape, colours, on, scale)
                continue
            if shape.has_table:
                yield from _table(number, shape, colours, scale)
                continue
            own = colours.fill(shape.element.find(q("p:spPr")), _blobs(slide))
            if own is None and shape.is_placeholder:
                own = _placeholder_fill(colours, shape)
            if own is not None and box[2] and box[3]:
                under.insert(0, (box, own))
            sits_on = own or on
            line = shape.element.find(f"{q('p:spPr')}/{q('a:ln')}")
            if shape.element.tag == q("p:cxnSp") and line is not None:
                mark = colours.fill(line, {})
                if mark and not shape.name.startswith(FAINT_NAMES):
                    yield Reading(number, shape.name, "", mark, on, GRAPHIC)
            elif (own and not shape.has_text_frame) or (own and not shape.text_frame.text.strip()):
                yield Reading(number, shape.name, "", own, on, GRAPHIC)
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        if run.text.strip():
                            colour = _run_colour(colours, shape, paragraph, run)
                            yield Reading(number, shape.name, run.text, colour, sits_on, _needed(run, shape, scale))


# --- text colour ---------------------------------------------------------------------------------


def _run_colour(colours: _Colours, shape: Any, paragraph: Any, run: Any) -> str:
    level = int(paragraph._p.pPr.get("lvl", "0")) if paragraph._p.pPr is not None else 0
    found = colours.of(run._r.find(f"{q('a:rPr')}/{q('a:solidFill')}"))
    if found:
        return found
    for element in _chain(shape):
        found = _list_style_colour(colours, element, level) or colours.of(
            element.find(f"{q('p:style')}/{q('a:fontRef')}")
        )
        if found:
            return found
    master = shape.part.slide_layout.slide_master.element if hasattr(shape.part, "slide_layout") else None
    kind = shape.placeholder_format.type if shape.is_placeholder else None
    kind_name = _ph_type(shape.element) if kind is not None else None
    style = (
        "p:titleStyle"
        if kind_name in _TITLES
        else "p:bodyStyle"
        if kind_name and kind_name not in _FOOTERS
        else "p:otherStyle"
    )
    if master is not None:
        styles = master.find(f"{q('p:txStyles')}/{q(style)}")
        if styles is not None:
            found = colours.of(styles.find(f"{q(f'a:lvl{level + 1}pPr')}/{q('a:defRPr')}/{q('a:solidFill')}"))
            if found:
                return found
    return colours.scheme_colour("tx1") or "000000"


def _chain(shape: Any) -> Iterator[etree._Element]:
    """The shape's element, then (for a placeholder) the layout's and the master's it inherits from."""
    yield shape.element
    if not shape.is_placeholder:
        return
    base = getattr(shape, "_base_placeholder", None)
    while base is not None:
        yield base.element
        base = getattr(base, "_base_placeholder", None)


def _list_style_colour(colours: _Colours, element: etree._Element, level: int) -> str | None:
    style = element.find(f"{q('p:txBody')}/{q('a:lstStyle')}/{q(f'a:lvl{level + 1}pPr')}/{q('a:defRPr')}")
    return colours.of(style.find(q("a:solidFill"))) if style is not None else None


def _ph_type(element: etree._Element) -> str:
    ph = element.find(f".//{q('p:nvPr')}/{q('p:ph')}")
    return ph.get("type", "obj") if ph is not None else ""


def _needed(run: Any, shape: Any, scale: float) -> float:
    size = run.font.size.pt / scale if run.font.size is not None else 18.0
    bold = bool(run.font.bold) or (
        run.font.bold is None and shape.is_placeholder and _ph_type(shape.element) in _TITLES
    )
    return LARGE if size >= 18 or (bold and size >= 14) else TEXT


# --- what it sits on -----------------------------------------------------------------------------


def _placeholder_fill(colours: _Colours, shape: Any) -> str | None:
    for element in list(_chain(shape))[1:]:
        found = colours.fill(element.find(q("p:spPr")), {})
        if found:
            return found
    return None


def _on(box: tuple[int, int, int, int], below: list[tuple[tuple[int, int, int, int], str]]) -> str | None:
    """The colour of the topmost of `below` holding the middle of `box`."""
    x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
    for (left, top, w, h), colour in below:
        if left <= x <= left + w and top <= y <= top + h:
            return colour
    return None


def _decorations(colours: _Colours, part_owner: Any) -> list[tuple[tuple[int, int, int, int], str]]:
    """The filled shapes and pictures a layout or master draws (not placeholders; inside groups
    too), topmost first."""
    blobs = _blobs(part_owner)
    found: list[tuple[tuple[int, int, int, int], str]] = []
    _drawn(colours, part_owner.element.find(f"{q('p:cSld')}/{q('p:spTree')}"), blobs, (0, 0, 1.0, 1.0), found)
    return found


def _drawn(
    colours: _Colours,
    tree: etree._Element,
    blobs: dict[str, bytes],
    place: tuple[int, int, float, float],
    found: list[tuple[tuple[int, int, int, int], str]],
) -> None:
    """Add `tree`'s filled shapes to `found` (topmost first), their boxes placed by `place`: the
    group's (x, y) offset and (x, y) scale from child to slide coordinates."""
    dx, dy, sx, sy = place
    for element in tree:
        if not isinstance(element.tag, str):
            continue
        if element.tag == q("p:grpSp"):
            xfrm = element.find(f"{q('p:grpSpPr')}/{q('a:xfrm')}")
            parts = [xfrm.find(q(f"a:{t}")) if xfrm is not None else None for t in ("off", "ext", "chOff", "chExt")]
            if any(part is None for part in parts):
                continue
            off, ext, ch_off, ch_ext = parts
            gx = float(ext.get("cx", 0)) / max(1, int(ch_ext.get("cx", 1)))
            gy = float(ext.get("cy", 0)) / max(1, int(ch_ext.get("cy", 1)))
            inner = (
                dx + sx * (int(off.get("x", 0)) - gx * int(ch_off.get("x", 0))),
                dy + sy * (int(off.get("y", 0)) - gy * int(ch_off.get("y", 0))),
                sx * gx,
                sy * gy,
            )
            _drawn(colours, element, blobs, (int(inner[0]), int(inner[1]), inner[2], inner[3]), found)
            continue
        if element.tag not in (q("p:sp"), q("p:pic")):
            continue
        if element.find(f".//{q('p:nvPr')}/{q('p:ph')}") is not None:
            continue
        off, ext = element.find(f".//{q('a:xfrm')}/{q('a:off')}"), element.find(f".//{q('a:xfrm')}/{q('a:ext')}")
        if off is None or ext is None:
            continue
        properties = element.find(q("p:spPr"))
        colour: str | None
        if element.tag == q("p:pic"):
            blip = element.find(f"{q('p:blipFill')}/{q('a:blip')}")
            colour = _picture(blobs.get(blip.get(q("r:embed"), ""), b"")) if blip is not None else None
        else:
            colour = colours.fill(properties, blobs)
            no_fill = properties is not None and properties.find(q("a:noFill")) is not None
            if colour is None and not no_fill:
                colour = colours.of(element.find(f"{q('p:style')}/{q('a:fillRef')}"))
        if colour:
            box = (
                int(dx + sx * int(off.get("x", 0))),
                int(dy + sy * int(off.get("y", 0))),
                int(sx * int(ext.get("cx", 0))),
                int(sy * int(ext.get("cy", 0))),
            )
            found.insert(0, (box, colour))


def _background(colours: _Colours, owner: Any) -> str | None:
    bg = owner.element.find(f"{q('p:cSld')}/{q('p:bg')}")
    if bg is None:
        return None
    ref = bg.find(q("p:bgRef"))
    if ref is not None:
        return colours.of(ref)
    return colours.fill(bg.find(q("p:bgPr")), _blobs(owner))


def _blobs(owner: Any) -> dict[str, bytes]:
    return {
        rel.rId: rel.target_part.blob
        for rel in owner.part.rels.values()
        if not rel.is_external and rel.reltype == RT.IMAGE
    }


# --- tables and charts ---------------------------------------------------------------------------


def _table(number: int, shape: Any, colours: _Colours, scale: float) -> Iterator[Reading]:
    tbl = shape.table._tbl
    style = tbl.find(f"{q('a:tblPr')}/{q('a:tableStyleId')}")
    known = style is not None and style.text == MEDIUM_2_ACCENT_1
    header = tbl.find(q("a:tblPr")).get("firstRow") == "1"
    banded = tbl.find(q("a:tblPr")).get("bandRow") == "1"
    accent = colours.scheme.get("accent1", "4472C4")
    for r, row in enumerate(shape.table.rows):
        head = header and r == 0
        if known and head:
            fill, text = accent, colours.scheme.get("lt1", "FFFFFF")
        elif known:
            body = r - (1 if header else 0)
            fill = _tint(accent, 0.4 if banded and body % 2 == 0 else 0.2)
            text = colours.scheme.get("dk1", "000000")
        else:
            continue
        for cell in row.cells:
            own = colours.fill(cell._tc.find(q("a:tcPr")), {}) or fill
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    if run.text.strip():
                        colour = colours.of(run._r.find(f"{q('a:rPr')}/{q('a:solidFill')}")) or text
                        size = run.font.size.pt / scale if run.font.size is not None else 18.0
                        bold = bool(run.font.bold) or (head and run.font.bold is None)
                        needed = LARGE if size >= 18 or (bold and size >= 14) else TEXT
                        yield Reading(number, f"{shape.name} row {r + 1}", run.text, colour, own, needed)


def _chart(number: int, shape: Any, colours: _Colours, on: str, scale: float) -> Iterator[Reading]:
    root = etree.fromstring(shape.chart.part.blob)
    area = colours.fill(root.find(q("c:spPr")), {}) or on
    for ser in root.iter(q("c:ser")):
        bar = colours.fill(ser.find(q("c:spPr")), {})
        if bar:
            yield Reading(number, f"{shape.name} bars", "", bar, area, GRAPHIC)
    default = colours.of(root.find(f"{q('c:txPr')}//{q('a:defRPr')}/{q('a:solidFill')}"))
    default = default or colours.scheme_colour("tx1") or "000000"
    for where in ("c:title", "c:dLbls", "c:catAx"):
        for element in root.iter(q(where)):
            text = element.find(q("c:tx")) if where == "c:title" else element.find(q("c:txPr"))
            fill = text.find(f".//{q('a:solidFill')}") if text is not None else None
            colour = colours.of(fill) if fill is not None else default
            size_element = text.find(f".//{q('a:defRPr')}") if text is not None else None
            if size_element is None and text is not None:
                size_element = text.find(f".//{q('a:rPr')}")
            size = int(size_element.get("sz", "1800")) / 100 / scale if size_element is not None else 18.0
            bold = where == "c:title"
            needed = LARGE if size >= 18 or (bold and size >= 14) else TEXT
            yield Reading(number, f"{shape.name} {where[2:]}", where[2:], colour, area, needed)


# --- colour arithmetic ---------------------------------------------------------------------------


def _scheme(master: Any) -> dict[str, str]:
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    scheme = theme.find(f".//{q('a:clrScheme')}")
    plain = _Colours({}, {})
    found = {}
    for element in scheme if scheme is not None else ():
        if isinstance(element.tag, str):
            colour = plain.of(element)
            if colour:
                found[etree.QName(element).localname] = colour
    return found


def _colour_map(master: Any, layout: Any, slide: Any) -> dict[str, str]:
    mapping = dict(_DEFAULT_MAP)
    own = master.element.find(q("p:clrMap"))
    if own is not None:
        mapping.update(own.attrib)
    for part in (layout, slide):
        override = part.element.find(f"{q('p:clrMapOvr')}/{q('a:overrideClrMapping')}")
        if override is not None:
            mapping.update(override.attrib)
    return mapping


def _modified(colour: str, element: etree._Element) -> str:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    for change in element:
        if not isinstance(change.tag, str):
            continue
        try:
            value = int(change.get("val", "100000")) / 100000
        except ValueError:
            continue
        local = etree.QName(change).localname
        if local in ("lumMod", "lumOff"):
            h, light, s = colorsys.rgb_to_hls(r, g, b)
            light = light * value if local == "lumMod" else light + value
            r, g, b = colorsys.hls_to_rgb(h, min(max(light, 0.0), 1.0), s)
        elif local == "tint":
            r, g, b = (c + (1 - c) * (1 - value) for c in (r, g, b))
        elif local == "shade":
            r, g, b = (c * value for c in (r, g, b))
    return "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b))


def _tint(colour: str, share: float) -> str:
    """`colour` at `share` strength over white (a table style's tint)."""
    channels = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def _average(colours: list[str]) -> str | None:
    if not colours:
        return None
    return "".join(f"{sum(int(c[i : i + 2], 16) for c in colours) // len(colours):02X}" for i in (0, 2, 4))


def _picture(blob: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(blob)) as image:
            rgba = image.convert("RGBA").resize((64, 64))
    except Exception:
        return None
    # Transparent pixels show what is under the picture: only the visible ones count.
    data = rgba.tobytes()
    seen = [data[i : i + 4] for i in range(0, len(data), 4) if data[i + 3] >= 128]
    if len(seen) < 64 * 64 // 4:
        return None
    return "".join(f"{sum(p[i] for p in seen) // len(seen):02X}" for i in range(3))
