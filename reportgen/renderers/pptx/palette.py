"""The colours the deck draws with, each readable on what it sits on.

Figures, timelines, charts, the footer and drawn text have default colours (a navy accent, greys)
chosen for a light background. A template's own background may be dark (a colour, a gradient or a
picture on the layout or its master), and its footer may sit on a coloured bar (surfaces works out
what lies under a box). Each default that does not reach the WCAG contrast ratio against what it
sits on (4.5:1 for text; the accent colours text as well as rules, axes and bars) is replaced by the
first theme colour that does (accents, then the text and background colours through the colour
map), else by black or white. Defaults that pass are kept, so a light template's deck is drawn
exactly as before.

The template's own text colours are checked the same way: a placeholder's (`placeholder`), and the
table style's header and body text (`Colours.head`, `Colours.cells`); where one does not read, the
deck writes a colour that does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportgen.renderers.pptx import footer as pptx_footer
from reportgen.renderers.pptx import surfaces
from reportgen.renderers.pptx.reference import Reference
from reportgen.renderers.pptx.surfaces import BLACK, WHITE

TEXT_RATIO = 4.5
#: Large text (18 pt, or 14 pt bold, at reportgen's own slide size) needs less.
LARGE_RATIO = 3.0
#: Timeline ticks are faint on purpose (they only lead the eye from a label to its marker): they
#: need only to stay visible.
FAINT_RATIO = 2.0
#: The fill of the judgement box (visuals.JUDGEMENT_FILL): its text is checked against it.
LIGHT_FILL = "F2F2F2"
_ACCENTS = tuple(f"accent{n}" for n in range(1, 7))
#: The theme's text and background colours, through the colour map: second text colour first.
_PLAIN = ("tx2", "tx1", "bg2", "bg1")
#: Tables name PowerPoint's "Medium Style 2 - Accent 1": a header row in lt1 on accent1, body rows
#: in dk1 on accent1 at these tints (banded rows alternate).
TABLE_TINTS = (0.4, 0.2)


@dataclass(frozen=True)
class Colours:
    """RRGGBB colours for what the renderer draws; "" keeps the theme's own text colour."""

    accent: str = "1F3864"  # figure values and rules, timeline axis and markers, chart bars
    muted: str = "44546A"  # figure captions
    tick: str = "8497B0"  # timeline ticks
    footer: str = "595959"  # the marking in its loose box
    number: str = "595959"  # the slide number in its loose box
    text: str = ""  # drawn text: timeline labels, chart text, a title or body a layout lacks
    on_fill: str = ""  # text on the judgement box's light fill
    head: str = ""  # a table's header text; "" keeps the table style's
    cells: str = ""  # a table's body text; "" keeps the table style's


DEFAULT = Colours()


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two RRGGBB colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(default: str, ratio: float, theme: list[str], on: tuple[str, ...]) -> str:
    """`default` if it reads on every colour of `on`, else the first of `theme` that does, else
    black or white, whichever reads better on the worst of them."""

    def worst(colour: str) -> float:
        return min(contrast(colour, under) for under in on)

    if worst(default) >= ratio:
        return default
    best = max((BLACK, WHITE), key=worst)
    return next((c for c in theme if worst(c) >= ratio), best)


@lru_cache(maxsize=64)
def colours(reference: Reference, layout_name: str) -> Colours:
    """The colours for slides on layout `layout_name`: DEFAULT's, each replaced where it would not
    be readable on what it sits on (the layout's background; for the marking and slide number,
    what lies under their boxes)."""
    found = surfaces.surface(reference, layout_name)
    resolve, background = found.resolve, found.background
    text_colour = resolve.name("tx1") or BLACK
    # Accents first for what is drawn in the accent; the text and background colours first for text.
    accents = [c for c in (resolve.name(n) for n in (*_ACCENTS, *_PLAIN)) if c]
    plain = [c for c in (resolve.name(n) for n in _PLAIN) if c]
    # The marking's loose box, and the slide number's (or its box beside the template's footer).
    marking_box, number_box = pptx_footer.footer_boxes(reference)
    beside = pptx_footer.spots(reference, layout_name)[1].box
    under_number = tuple(dict.fromkeys(found.under(box) for box in (number_box, beside)))

    def inherited(on: str) -> str:
        """Nothing (the theme's text colour) when that reads on `on`, else a colour that does."""
        return "" if contrast(text_colour, on) >= TEXT_RATIO else readable(text_colour, TEXT_RATIO, plain, (on,))

    head, cells = _table_text(resolve)
    return Colours(
        accent=readable(DEFAULT.accent, TEXT_RATIO, accents, (background,)),
        muted=readable(DEFAULT.muted, TEXT_RATIO, plain, (background,)),
        tick=readable(DEFAULT.tick, FAINT_RATIO, plain, (background,)),
        footer=readable(DEFAULT.footer, TEXT_RATIO, plain, (found.under(marking_box),)),
        number=readable(DEFAULT.number, TEXT_RATIO, plain, under_number),
        text=inherited(background),
        on_fill=inherited(LIGHT_FILL),
        head=head,
        cells=cells,
    )


def placeholder(reference: Reference, layout_name: str, position: int, ratio: float) -> str:
    """ "" when the text colour the template gives its placeholder at `position` reads on what the
    placeholder sits on at `ratio`, else a colour that does (for the deck to write on its runs)."""
    return _placeholder(reference, layout_name, position, ratio)


@lru_cache(maxsize=256)
def _placeholder(reference: Reference, layout_name: str, position: int, ratio: float) -> str:
    layout = reference.layouts[layout_name]
    text, under = surfaces.placeholder_text(reference, layout, position)
    if contrast(text, under) >= ratio:
        return ""
    resolve = surfaces.surface(reference, layout_name).resolve
    plain = [c for c in (resolve.name(n) for n in (*_PLAIN, *_ACCENTS)) if c]
    return readable(text, ratio, plain, (under,))


def _table_text(resolve: surfaces.Resolver) -> tuple[str, str]:
    """The header's and the body rows' text colours where the table style's do not read on its
    fills ("" where they do). The header is bold at 14 pt or more (scaled with the slide, as
    visuals plans it): large text."""
    scheme = resolve.scheme
    accent = scheme.get("accent1", "4472C4")
    light, dark = scheme.get("lt1", WHITE), scheme.get("dk1", BLACK)
    theme = [c for c in (light, dark, scheme.get("lt2"), scheme.get("dk2")) if c]
    head = "" if contrast(light, accent) >= LARGE_RATIO else readable(light, LARGE_RATIO, theme, (accent,))
    tints = tuple(_tint(accent, share) for share in TABLE_TINTS)
    cells = "" if min(contrast(dark, t) for t in tints) >= TEXT_RATIO else readable(dark, TEXT_RATIO, theme, tints)
    return head, cells


def _tint(colour: str, share: float) -> str:
    """`colour` at `share` strength over white, as a table style's tint draws it."""
    channels = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
