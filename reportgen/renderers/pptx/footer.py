"""Where the marking and the slide number go: loose text boxes along the bottom edge, or the
layout's own footer and slide-number placeholders where a loose box would sit on the template's
graphics.

reportgen's own reference leaves the bottom edge free, and its decks draw the marking and "n / N"
there as text boxes. Real templates often put a bar, a rule or a logo there, with footer
(`ftr`) and slide-number (`sldNum`) placeholders placed and coloured to read on it; a loose box
would be drawn over the logo or vanish on the bar. So each of the two goes into the layout's own
placeholder of its type when its loose box would overlap something the layout or master draws
(other than a full-slide picture), and the text fits that placeholder; else it stays loose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportgen.renderers.ooxml.units import EMU_PER_PT
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx.reference import Rect, Reference
from reportgen.renderers.pptx.shapes import INSET_X, INSET_Y, WIDTH_SAFETY, Box, scaled, text_scale

SIZES = (11, 10, 9, 8)
DEFAULT_SIZE = (12_192_000, 6_858_000)  # 16:9, when the reference gives no slide size
#: The placeholder's text is written with DrawingML's default insets, the ones measured with.
INSETS = f'lIns="{INSET_X}" tIns="{INSET_Y}" rIns="{INSET_X}" bIns="{INSET_Y}"'
BODY = f'<a:bodyPr {INSETS} wrap="square"><a:noAutofit/></a:bodyPr><a:lstStyle/>'

#: A drawing covering this share of the slide is a background, not a graphic to keep clear of.
BACKGROUND_SHARE = 0.8


@dataclass(frozen=True)
class Spot:
    """Where one footer text goes: a loose box, or the layout placeholder at `position`."""

    box: Box
    position: int | None = None


def slide_size(reference: Reference) -> tuple[int, int]:
    return reference.slide_width or DEFAULT_SIZE[0], reference.slide_height or DEFAULT_SIZE[1]


def footer_boxes(reference: Reference) -> tuple[Box, Box]:
    """Marking on the left, "n / N" on the right, along the bottom edge inside the side margins."""
    width, height = slide_size(reference)
    # 0.35 in tall and 0.1 in above the edge on reportgen's own slide size, larger on larger slides.
    scale = text_scale(width, height)
    margin, box_height = width // 20, round(320040 * scale)
    top = height - box_height - round(91440 * scale)
    inner = width - 2 * margin
    return (
        Box(margin, top, inner - inner // 5, box_height),
        Box(width - margin - inner // 5, top, inner // 5, box_height),
    )


def marks(reference: Reference, layout_name: str) -> tuple[Box, ...]:
    """What the layout and its master draw on every slide (logos, bars, rules), without a picture or
    shape covering most of the slide (a background): nothing loose may be drawn over them."""
    width, height = slide_size(reference)
    found = reference.layouts[layout_name].decorations
    return tuple(Box(*d) for d in found if d[2] * d[3] < BACKGROUND_SHARE * width * height)


@lru_cache(maxsize=64)
def spots(reference: Reference, layout_name: str) -> tuple[Spot, Spot]:
    """The marking's and the slide number's spots on layout `layout_name`."""
    layout = reference.layouts[layout_name]
    width, height = slide_size(reference)
    drawn = marks(reference, layout_name)
    found = []
    for loose, kind in zip(footer_boxes(reference), ("ftr", "sldNum"), strict=True):
        spot = Spot(loose)
        if any(_overlap(loose, d) for d in drawn):
            for position, shape in enumerate(layout.placeholders):
                left, top, w, h = shape.box
                if shape.type != kind or w is None or h is None or w <= 0 or h <= 0:
                    continue
                box = Box(left or 0, top or 0, w, h)
                if box.left >= 0 and box.top >= 0 and box.right <= width and box.bottom <= height:
                    spot = Spot(box, position)
                    break
        found.append(spot)
    marking, number = found
    if marking.position is not None and number.position is None and _overlap(marking.box, number.box):
        # A loose number beside the template's footer rather than over it.
        right = width - width // 20
        if right - marking.box.right >= number.box.width // 2:
            number = Spot(Box(marking.box.right, number.box.top, right - marking.box.right, number.box.height))
    return marking, number


def fitted(text: str, box: Box, family: str, whole: bool, scale: float = 1.0) -> tuple[str, int] | None:
    """`text` and the largest of SIZES (times `scale`, shapes.text_scale) at which it fits `box` on
    one line; cut with an ellipsis at the smallest, unless `whole` (a slide number is never cut: None)."""
    sizes = scaled(SIZES, scale)
    width = (box.width - 2 * INSET_X) / EMU_PER_PT * WIDTH_SAFETY
    frame = fit.Frame(family=family, width=width, height=(box.height - 2 * INSET_Y) / EMU_PER_PT)
    size = fit.largest_fitting(frame, [text], sizes)
    if size is not None:
        return text, int(size)
    if whole or width <= 0 or frame.height < sizes[-1] * fit.LINE_FACTOR:
        return None
    return fit.truncate(frame, text, sizes[-1]), sizes[-1]


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
