"""Planning a timeline drawn with native shapes: a line, a dot per event, a tick and a label.

Editable in PowerPoint like anything drawn by hand (no picture). Events keep the outline's order and
are spread evenly along a horizontal line across the content area; labels alternate above and
below the line, so each may be up to 1.6 event-spacings wide without touching its neighbours on
the same side (edge labels are pulled inside the area, which the 0.4-spacing margin allows for).
At most EVENTS_PER_SLIDE events share a slide; more continue on "(cont.)" slides, balanced.
Label text takes the largest size at which every label on the slide fits; at the floor a label
still too long is cut at a word with an ellipsis, the notes keeping the full text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportgen.outline import Event, Timeline
from reportgen.renderers.ooxml.units import emu_to_pt, pt_to_emu
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx.palette import DEFAULT, Colours
from reportgen.renderers.pptx.shapes import BOTTOM, CENTER, TOP, Box, Dot, Line, Shape, TextBox, text_frame
from reportgen.renderers.pptx.visuals import balanced

Page = tuple[Shape, ...]

EVENTS_PER_SLIDE = 8
LABEL_SIZES = (18, 16, 14)
#: Tried last, where labels are too narrow for whole words at 14 pt (a timeline in a side column).
NARROW_LABEL_SIZES = (12, 10)
LABEL_SPAN = 1.6  # label width in event spacings
MAX_LABEL_WIDTH = 300.0  # points: a wider label reads as a paragraph, not a caption
DOT = 14.0  # marker diameter, points
TICK = 10.0  # gap between marker and label, bridged by a tick, points


def plan_timeline(timeline: Timeline, area: Box, family: str, colours: Colours = DEFAULT) -> list[Page]:
    events = timeline.events
    pages = balanced(len(events), EVENTS_PER_SLIDE)
    return [_page([events[i] for i in page], area, family, colours) for page in pages]


def _page(events: Sequence[Event], area: Box, family: str, colours: Colours) -> Page:
    count = max(1, len(events))
    slot = area.width / count
    # Labels alternate above and below the axis; those on one side, pushed in at the area's edges,
    # must still not reach each other (three events in a narrow area did).
    same_side = math.ceil(count / 2)
    label_width = min(pt_to_emu(min(emu_to_pt(slot) * LABEL_SPAN, MAX_LABEL_WIDTH)), area.width // same_side)
    mid = area.top + area.height // 2
    radius = pt_to_emu(DOT / 2)
    above = Box(0, area.top, label_width, mid - radius - pt_to_emu(TICK) - area.top)
    below_top = mid + radius + pt_to_emu(TICK)
    below = Box(0, below_top, label_width, area.bottom - below_top)
    size = _label_size(events, above, below, family)
    shapes: list[Shape] = [Line("Timeline axis", area.left, mid, area.right, mid, colours.accent, 2.25)]
    for n, event in enumerate(events):
        x = area.left + round(slot * (n + 0.5))
        upper = n % 2 == 0
        frame_box = above if upper else below
        left = min(max(x - label_width // 2, area.left), area.right - label_width)
        box = Box(left, frame_box.top, label_width, frame_box.height)
        text = _fit_label(event, box, family, size)
        shapes.append(
            Dot(f"Timeline marker {n + 1}", Box(x - radius, mid - radius, 2 * radius, 2 * radius), colours.accent)
        )
        tick_from, tick_to = (mid - radius, box.bottom) if upper else (mid + radius, box.top)
        shapes.append(Line(f"Timeline tick {n + 1}", x, tick_from, x, tick_to, colours.tick, 1))
        shapes.append(
            TextBox(
                f"Timeline label {n + 1}",
                box,
                (event.date, text) if text else (event.date,),
                size,
                (True, False) if text else (True,),
                align=CENTER,
                anchor=BOTTOM if upper else TOP,
                color=colours.text,
            )
        )
    return tuple(shapes)


def _height(event: Event, box: Box, family: str, size: int, text: str | None = None) -> float:
    """Points the label needs: the date (bold) over the text."""
    date = text_frame(box, family, bold=True).lines(event.date, size)
    body = text_frame(box, family).lines(event.text if text is None else text, size) if (text or event.text) else 0
    return (date + body) * size * fit.LINE_FACTOR


def _label_size(events: Sequence[Event], above: Box, below: Box, family: str) -> int:
    """The largest size at which every label fits its box with no word broken; failing that, the
    largest at which no word is broken (texts are cut to fit), else the smallest."""

    def whole(e: Event, b: Box, size: int) -> bool:
        return text_frame(b, family, bold=True).unbroken(e.date, size) and text_frame(b, family).unbroken(e.text, size)

    boxes = [(e, above if n % 2 == 0 else below) for n, e in enumerate(events)]
    for size in LABEL_SIZES:
        if all(_height(e, b, family, size) <= text_frame(b, family).height and whole(e, b, size) for e, b in boxes):
            return size
    sizes = LABEL_SIZES + NARROW_LABEL_SIZES
    return next((size for size in sizes if all(whole(e, b, size) for e, b in boxes)), sizes[-1])


def _fit_label(event: Event, box: Box, family: str, size: int) -> str:
    """The event's text, cut at a word if the label would not fit under its date."""
    frame = text_frame(box, family)
    if _height(event, box, family, size) <= frame.height:
        return event.text
    date_lines = text_frame(box, family, bold=True).lines(event.date, size)
    room = frame.height - date_lines * size * fit.LINE_FACTOR
    if room < size * fit.LINE_FACTOR:
        return ""
    return fit.truncate(fit.Frame(frame.family, frame.width, room), event.text, size)
