"""Planning a timeline drawn with native shapes: a line, a dot per event, a tick and a short label.

Editable in PowerPoint like anything drawn by hand (no picture). A slide reads at a glance, so:
- **One slide, at most EVENTS_PER_SLIDE events**: where the outline has more, the weightiest
  (`Event.weight`: what the brief itself cites) are shown, in time order, and the title says how
  many of how many (`shown_count`); the speaker notes list them all. Fewer than MIN_EVENTS
  events make a table, not a near-empty line.
- **To scale in time**: dates written "2014", "2014-12" or "2014-12-24" place their dots by time;
  a gap longer than LONG_GAP of the whole span (and than twice an ordinary gap, with at least two
  ordinary gaps to judge by) is shortened and marked on the axis with a break (two slanted
  strokes). Dots keep at least MIN_GAP of an even spacing apart, so close events stay legible;
  any other date form spaces the events evenly.
- **Short labels**: the date ("24 Dec 2014") over the event's first few words, the date phrase that
  opens many sentences ("On 26 March,") left out; the full sentence is in the notes.
Labels alternate above and below the line, each up to LABEL_SPAN of the least spacing wide, so
labels on one side never reach each other (edge labels are pulled inside the area). Label text
takes the largest size at which every label fits; at the floor a label still too long is cut at a
word with an ellipsis. Sizes and distances in points are those of reportgen's own slide, `scale`
times larger on a larger one (shapes.text_scale).
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import replace

from reportgen.outline import Event, Table, Timeline
from reportgen.renderers.ooxml.units import emu_to_pt, pt_to_emu
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx.palette import DEFAULT, Colours
from reportgen.renderers.pptx.shapes import (
    BOTTOM,
    CENTER,
    TOP,
    Box,
    Dot,
    Line,
    Shape,
    TextBox,
    scaled,
    text_frame,
)
from reportgen.renderers.pptx.visuals import plan_table

Page = tuple[Shape, ...]

EVENTS_PER_SLIDE = 6
#: A title's "(6 of 9 events)" where the outline gives no `count_label` of its own wording.
COUNT_LABEL = "{shown} of {total} events"
MIN_EVENTS = 3
LABEL_WORDS = 8
LABEL_SIZES = (18, 16, 14)
#: Tried last, where labels are too narrow for whole words at 14 pt (a timeline in a side column).
NARROW_LABEL_SIZES = (12, 10)
LABEL_SPAN = 1.6  # label width in (least) event spacings
MIN_GAP = 0.8  # the least distance between dots, as a share of an even spacing
LONG_GAP = 0.4  # a gap longer than this share of the span is shortened and marked
MAX_LABEL_WIDTH = 300.0  # points: a wider label reads as a paragraph, not a caption
DOT = 14.0  # marker diameter, points
AXIS = 2.25  # the line's width, points
TICK = 10.0  # gap between marker and label, bridged by a tick, points
BREAK = 6.0  # half the height of an axis-break stroke, points

_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: An opening date phrase, up to its comma: "In 2014,", "On 26 March,", "Then, in 2012,".
_DATE_OPENING = re.compile(
    r"^(?:(?:then|and|but|later|so),?\s+)?"
    r"(?:(?:in|on|by|since|during|from|until|after|before|between|early|late|mid|by late|by early)\s+)?"
    r"[^,]{0,24}?\b(?:1[89]\d\d|20\d\d|" + "|".join(_MONTHS) + r")[a-z]*\b[^,]{0,12},\s+",
    re.IGNORECASE,
)


def plan_timeline(
    timeline: Timeline, area: Box, family: str, colours: Colours = DEFAULT, scale: float = 1.0
) -> list[Page]:
    events = timeline.events
    if len(events) < MIN_EVENTS:
        rows = tuple((shown_date(e.date), e.text) for e in events)
        return plan_table(Table(("Date", "Event"), rows), area, family, colours, scale)
    return [_page(chosen(events, EVENTS_PER_SLIDE), area, family, colours, scale)]


def shown_count(timeline: Timeline) -> str:
    """What a title adds when the slide shows some of the events only: " (6 of 9 events)"; the
    speaker notes list them all."""
    total = len(timeline.events)
    shown = len(chosen(timeline.events, EVENTS_PER_SLIDE)) if total >= MIN_EVENTS else total
    if shown == total:
        return ""
    label = timeline.count_label or COUNT_LABEL
    return " (" + label.replace("{shown}", str(shown)).replace("{total}", str(total)) + ")"


def chosen(events: Sequence[Event], limit: int) -> list[Event]:
    """The `limit` weightiest events (the earlier in the outline where weights tie), in outline order."""
    if len(events) <= limit:
        return list(events)
    ranked = sorted(range(len(events)), key=lambda i: (-events[i].weight, i))
    return [events[i] for i in sorted(ranked[:limit])]


def shown_date(date: str) -> str:
    """ "2014-12-24" as "24 Dec 2014", "2014-12" as "Dec 2014"; a year or any other form as written."""
    found = _ISO.match(date)
    if not found or not found["month"] or not 1 <= int(found["month"]) <= 12:
        return date
    month = _MONTHS[int(found["month"]) - 1]
    if found["day"]:
        return f"{int(found['day'])} {month} {found['year']}"
    return f"{month} {found['year']}"


def short_label(text: str, words: int = LABEL_WORDS) -> str:
    """The event's first `words` words, without an opening date phrase (the label shows the date)."""
    rest = _DATE_OPENING.sub("", text, count=1) or text
    rest = rest[:1].upper() + rest[1:]
    kept = rest.split()
    if len(kept) <= words:
        return rest.rstrip()
    return " ".join(kept[:words]).rstrip(",;:.… ") + fit.ELLIPSIS


def when(date: str) -> float | None:
    """The date as a fractional year, for placing by time; None for a form that is not ISO."""
    found = _ISO.match(date)
    if not found:
        return None
    month = int(found["month"] or 1)
    day = int(found["day"] or 1)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return int(found["year"]) + (month - 1) / 12 + (day - 1) / 365


def positions(dates: Sequence[str], left: float, right: float) -> tuple[list[float], list[float]]:
    """Each event's x between `left` and `right` (the first and last dots' places), and the x of
    each axis break. To scale in time where every date is ISO and in order, else evenly spaced."""
    count = len(dates)
    if count == 1:
        return [(left + right) / 2], []
    even = (right - left) / (count - 1)
    times = [when(d) for d in dates]
    known = [t for t in times if t is not None]
    if len(known) < count or any(b < a for a, b in itertools.pairwise(known)) or known[-1] == known[0]:
        return [left + even * n for n in range(count)], []
    gaps = [b - a for a, b in itertools.pairwise(known)]
    span = sum(gaps)
    ordinary = [g for g in gaps if g <= LONG_GAP * span] or [min(gaps)]
    shortened = max(statistics.median(ordinary), span * 0.05)
    # A break needs ordinary gaps to compare with: of three events, one gap is not "long".
    broken = [i for i, g in enumerate(gaps) if g > LONG_GAP * span and g > 2 * shortened] if len(ordinary) > 1 else []
    gaps = [shortened if i in broken else g for i, g in enumerate(gaps)]
    scale = (right - left) / sum(gaps)
    xs = [left]
    for gap in gaps:
        xs.append(xs[-1] + gap * scale)
    least = even * MIN_GAP
    for n in range(1, count):  # push apart what sits too close, then back from the right edge
        xs[n] = max(xs[n], xs[n - 1] + least)
    xs[-1] = min(xs[-1], right)
    for n in range(count - 2, -1, -1):
        xs[n] = min(xs[n], xs[n + 1] - least)
    return xs, [(xs[i] + xs[i + 1]) / 2 for i in broken]


def _page(events: Sequence[Event], area: Box, family: str, colours: Colours, scale: float) -> Page:
    count = max(1, len(events))
    slot = area.width / count
    xs, breaks = positions([e.date for e in events], area.left + slot / 2, area.right - slot / 2)
    least = min((b - a for a, b in itertools.pairwise(xs)), default=slot)
    label_width = min(pt_to_emu(min(emu_to_pt(least) * LABEL_SPAN, MAX_LABEL_WIDTH * scale)), area.width)
    mid = area.top + area.height // 2
    radius = pt_to_emu(DOT * scale / 2)
    tick, stroke = pt_to_emu(TICK * scale), BREAK * scale
    above = Box(0, area.top, label_width, mid - radius - tick - area.top)
    below_top = mid + radius + tick
    below = Box(0, below_top, label_width, area.bottom - below_top)
    labels = [replace(e, date=shown_date(e.date), text=short_label(e.text)) for e in events]
    size = _label_size(labels, above, below, family, scale)
    shapes: list[Shape] = [Line("Timeline axis", area.left, mid, area.right, mid, colours.accent, AXIS * scale)]
    for n, x_break in enumerate(breaks):
        for offset in (-stroke / 2, stroke / 2):
            x = round(x_break + pt_to_emu(offset))
            shapes.append(
                Line(f"Timeline break {n + 1}", x - pt_to_emu(stroke / 2), mid + pt_to_emu(stroke),
                     x + pt_to_emu(stroke / 2), mid - pt_to_emu(stroke), colours.accent, 1.5 * scale)
            )  # fmt: skip
    for n, (x_float, event) in enumerate(zip(xs, labels, strict=True)):
        x = round(x_float)
        upper = n % 2 == 0
        frame_box = above if upper else below
        left = min(max(x - label_width // 2, area.left), area.right - label_width)
        box = Box(left, frame_box.top, label_width, frame_box.height)
        text = _fit_label(event, box, family, size)
        shapes.append(
            Dot(f"Timeline marker {n + 1}", Box(x - radius, mid - radius, 2 * radius, 2 * radius), colours.accent)
        )
        tick_from, tick_to = (mid - radius, box.bottom) if upper else (mid + radius, box.top)
        shapes.append(Line(f"Timeline tick {n + 1}", x, tick_from, x, tick_to, colours.tick, scale))
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


def _label_size(events: Sequence[Event], above: Box, below: Box, family: str, scale: float) -> int:
    """The largest size at which every label fits its box with no word broken; failing that, the
    largest at which no word is broken (texts are cut to fit), else the smallest."""

    def whole(e: Event, b: Box, size: int) -> bool:
        return text_frame(b, family, bold=True).unbroken(e.date, size) and text_frame(b, family).unbroken(e.text, size)

    boxes = [(e, above if n % 2 == 0 else below) for n, e in enumerate(events)]
    label_sizes = scaled(LABEL_SIZES, scale)
    for size in label_sizes:
        if all(_height(e, b, family, size) <= text_frame(b, family).height and whole(e, b, size) for e, b in boxes):
            return size
    sizes = label_sizes + scaled(NARROW_LABEL_SIZES, scale)
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
