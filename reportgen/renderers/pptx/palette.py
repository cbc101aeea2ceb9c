"""The colours the deck draws with, each readable on the background of the layout it sits on.

Figures, timelines, charts, the footer and drawn text have default colours (a navy accent, greys)
chosen for a light background. A template's own background may be dark: a colour, a gradient or a
picture on the layout or its master. So the background is worked out from the layout (else the
master): a solid fill or `p:bgRef` colour through the master's colour map and the theme, the average
of a gradient's stops, the average colour of a picture. Each default that does not reach the WCAG
contrast ratio against it (4.5:1; the accent colours text as well as rules, axes and bars) is
replaced by the first theme colour
that does (accents, then the text and background colours through the colour map), else by black or
white. Defaults that pass are kept, so a light template's deck is drawn exactly as before.
"""

from __future__ import annotations

import colorsys
import io
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from reportgen.renderers.ooxml import opc
from reportgen.renderers.ooxml.namespaces import qn
from reportgen.renderers.pptx.reference import Reference

TEXT_RATIO = 4.5
#: Timeline ticks are faint on purpose (they only lead the eye from a label to its marker): they
#: need only to stay visible.
FAINT_RATIO = 2.0
WHITE, BLACK = "FFFFFF", "000000"
#: The fill of the judgement box (visuals.JUDGEMENT_FILL): its text is checked against it.
LIGHT_FILL = "F2F2F2"
_SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
_DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_ACCENTS = tuple(f"accent{n}" for n in range(1, 7))
#: The theme's text and background colours, through the colour map: second text colour first.
_PLAIN = ("tx2", "tx1", "bg2", "bg1")


@dataclass(frozen=True)
class Colours:
    """RRGGBB colours for what the renderer draws; "" keeps the theme's own text colour."""

    accent: str = "1F3864"  # figure values and rules, timeline axis and markers, chart bars
    muted: str = "44546A"  # figure captions
    tick: str = "8497B0"  # timeline ticks
    footer: str = "595959"  # marking and slide number
    text: str = ""  # drawn text: timeline labels, chart text, a title or body a layout lacks
    on_fill: str = ""  # text on the judgement box's light fill


DEFAULT = Colours()


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two RRGGBB colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@lru_cache(maxsize=64)
def colours(reference: Reference, layout_name: str) -> Colours:
    """The colours for slides on layout `layout_name`: DEFAULT's, each replaced where it would not
    be readable on the layout's background."""
    layout = reference.layouts[layout_name]
    master = next(m for m in reference.masters if m.part == layout.master)
    master_root = reference.package.xml(master.part)
    scheme = _scheme(reference, master.theme)
    mapping = _DEFAULT_MAP | _colour_map(master_root)
    resolve = _Resolver(scheme, mapping)
    background = _background(reference, layout.part, resolve) or _background(reference, master.part, resolve)
    if background is None:
        background = resolve.name("bg1") or WHITE
    text_colour = resolve.name("tx1") or BLACK
    # Accents first for what is drawn in the accent; the text and background colours first for text.
    accents = [c for c in (resolve.name(n) for n in (*_ACCENTS, *_PLAIN)) if c]
    plain = [c for c in (resolve.name(n) for n in _PLAIN) if c]

    def readable(default: str, ratio: float, theme: list[str], on: str = background) -> str:
        """`default` if it reads on `on`, else the first of `theme` that does, else black or white."""
        if contrast(default, on) >= ratio:
            return default
        best = max((BLACK, WHITE), key=lambda c: contrast(c, on))
        return next((c for c in theme if contrast(c, on) >= ratio), best)

    def inherited(on: str) -> str:
        """Nothing (the theme's text colour) when that reads on `on`, else a colour that does."""
        return "" if contrast(text_colour, on) >= TEXT_RATIO else readable(text_colour, TEXT_RATIO, plain, on)

    return Colours(
        accent=readable(DEFAULT.accent, TEXT_RATIO, accents),
        muted=readable(DEFAULT.muted, TEXT_RATIO, plain),
        tick=readable(DEFAULT.tick, FAINT_RATIO, plain),
        footer=readable(DEFAULT.footer, TEXT_RATIO, plain),
        text=inherited(background),
        on_fill=inherited(LIGHT_FILL),
    )


# --- the background ------------------------------------------------------------------------------


def _background(reference: Reference, part: str, resolve: _Resolver) -> str | None:
    """The average colour of the background `part` (a layout or master) sets itself, or None."""
    bg = reference.package.xml(part).find(f"{qn('p:cSld')}/{qn('p:bg')}")
    if bg is None:
        return None
    ref = bg.find(qn("p:bgRef"))
    if ref is not None:
        return resolve.first(ref)
    properties = bg.find(qn("p:bgPr"))
    fill = properties[0] if properties is not None and len(properties) else None
    if fill is None or not isinstance(fill.tag, str):
        return None
    if fill.tag == qn("a:solidFill"):
        return resolve.first(fill)
    if fill.tag == qn("a:gradFill"):
        stops = [resolve.first(stop) for stop in fill.iter(qn("a:gs"))]
        return _average([s for s in stops if s])
    if fill.tag == qn("a:blipFill"):
        blip = fill.find(qn("a:blip"))
        target = _related(reference, part, blip.get(qn("r:embed"), "") if blip is not None else "")
        return _picture_colour(reference.package.parts[target]) if target else None
    return None


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
        value = _Resolver({}, {}).first(element) if element is not None else None
        if value:
            found[name] = value
    return found


def _colour_map(master: etree._Element) -> dict[str, str]:
    found = master.find(qn("p:clrMap"))
    return dict(found.attrib) if found is not None else {}


class _Resolver:
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


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
