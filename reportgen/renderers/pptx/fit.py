"""Text measurement with real font metrics, so that slides are split before they overflow.

PowerPoint does not shrink the text of a written deck (its autofit runs only when a user edits
the box), and LibreOffice shrinks it silently, which hides an overflow in a PDF preview. So the
renderer has to know, before writing, how many lines each paragraph takes. Widths come from the
font files themselves (Pillow's FreeType binding); where a Microsoft font is not installed its
metric-compatible twin stands in (Carlito for Calibri, Liberation Sans for Arial, Caladea for
Cambria). A family with neither (a template's Century Gothic, Trebuchet MS, Gill Sans) is measured
with DejaVu Sans: it is what LibreOffice draws such text with where the font is missing (fontconfig's
default), and one of the widest common sans faces, so the real font fits where it does. With no
font file at all, a deliberately wide estimate keeps text from overflowing at the cost of some
wasted space.

All lengths are in points.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

#: Line height as a multiple of the font size. The pptx renderer writes it as exact line spacing,
#: so measurement and rendering agree whatever the font's own line gap is.
LINE_FACTOR = 1.2
#: Average advance per character, in ems, when no font file is found: wider than any common
#: proportional font (Calibri averages about 0.45), so the estimate errs towards fitting.
FALLBACK_EM = 0.6
ELLIPSIS = "…"

#: Metric-compatible stand-ins, tried after the family itself.
ALIASES: dict[str, tuple[str, ...]] = {
    "calibri": ("Carlito",),
    "cambria": ("Caladea",),
    "arial": ("Liberation Sans", "Arimo"),
    "helvetica": ("Liberation Sans", "Arimo"),
    "times new roman": ("Liberation Serif", "Tinos"),
    "courier new": ("Liberation Mono", "Cousine"),
}

#: Measures a family that has neither its own file nor a metric twin here.
STAND_IN = ("DejaVu Sans",)

_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "C:\\Windows\\Fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
)
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
_REGULAR_STYLES = ("", "regular", "roman", "book")
_BOLD_STYLES = ("bold", "bd", "b")
#: Widths are measured once at this pixel size and scaled: large enough that hinting and
#: rounding of advances are negligible, and the cache serves every point size.
_UNITS = 1000


@lru_cache(maxsize=1)
def _font_files() -> tuple[Path, ...]:
    found: list[Path] = []
    for folder in _FONT_DIRS:
        root = Path(os.path.expanduser(folder))
        if root.is_dir():
            found.extend(p for p in root.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES)
    return tuple(sorted(found))


def _squash(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@lru_cache(maxsize=64)
def _font(family: str, bold: bool) -> ImageFont.FreeTypeFont | None:
    """The font file for `family`, its metric twin, or the stand-in; matched by file name, checked by
    family name."""
    styles = _BOLD_STYLES if bold else _REGULAR_STYLES
    for name in (family, *ALIASES.get(family.strip().lower(), ()), *STAND_IN):
        key = _squash(name)
        wanted = {key + style for style in styles}
        for path in _font_files():
            if _squash(path.stem) not in wanted:
                continue
            try:
                font = ImageFont.truetype(str(path), _UNITS, layout_engine=ImageFont.Layout.BASIC)
            except OSError:
                continue
            if _squash(str(font.getname()[0])) == key:
                return font
    return None


def font_file(family: str, bold: bool = False) -> Path | None:
    """Which file measures `family` here, for diagnostics and tests; None means the estimate is used."""
    font = _font(family, bold)
    return Path(str(font.path)) if font is not None else None


def installed(family: str) -> bool:
    """Whether `family` itself, or its metric twin, has a font file here (not only the stand-in)."""
    found = font_file(family)
    if found is None:
        return False
    names = (family, *ALIASES.get(family.strip().lower(), ()))
    return any(_squash(found.stem).startswith(_squash(name)) for name in names)


@lru_cache(maxsize=65536)
def _units(text: str, family: str, bold: bool) -> float:
    font = _font(family, bold)
    if font is None:
        return len(text) * FALLBACK_EM * _UNITS
    return float(font.getlength(text))


def text_width(text: str, family: str, size: float, bold: bool = False) -> float:
    """Advance width of `text` on one line at `size` points."""
    return _units(text, family, bold) * size / _UNITS


def wrap(text: str, family: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as PowerPoint does it; a word wider than the line is broken by characters.

    A line's width is the sum of its words' and spaces' widths, each measured once and cached:
    measuring every candidate line afresh made wrapping quadratic in the words of a paragraph and
    was most of a deck's planning time. Without kerning (Pillow's basic layout applies none) the
    sum differs from measuring the whole line only by sub-unit rounding, under 0.001 em a word.
    """

    limit = width * _UNITS / size
    space = _units(" ", family, bold)
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        extent = _units(word, family, bold)
        wanted = used + space + extent if current else extent
        if wanted <= limit:
            current, used = (f"{current} {word}" if current else word), wanted
            continue
        if current:
            lines.append(current)
        *broken, current = _break_word(word, family, bold, limit)
        lines.extend(broken)
        used = _units(current, family, bold)
    if current or not lines:
        lines.append(current)
    return lines


def _break_word(word: str, family: str, bold: bool, limit: float) -> list[str]:
    """Character-level pieces of a word (a URL, say) too wide for the line, as PowerPoint breaks it:
    each piece as many characters as fit in `limit` font units, at least one. Each character is
    measured once (cached), so a word of any length costs time in proportion to its length."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for k, char in enumerate(word):
        extent = _units(char, family, bold)
        if used + extent > limit and k > start:
            pieces.append(word[start:k])
            start, used = k, 0.0
        used += extent
    return [*pieces, word[start:]]


def _longest(upper: int, ok: Callable[[int], bool], lower: int = 1) -> int:
    """Largest n in [lower, upper] with ok(n), assuming ok is monotone; lower - 1 if none."""
    best = lower - 1
    while lower <= upper:
        mid = (lower + upper) // 2
        if ok(mid):
            best, lower = mid, mid + 1
        else:
            upper = mid - 1
    return best


@dataclass(frozen=True)
class Frame:
    """The writable area of a text box (inside insets and bullet indent) and its paragraph rhythm."""

    family: str
    width: float
    height: float
    bold: bool = False
    #: Space before every paragraph but the first, as a multiple of the font size.
    space_factor: float = 0.0
    #: Rendered in capitals (a style with cap="all"), which are much wider than the text's letters.
    caps: bool = False

    def lines(self, text: str, size: float) -> int:
        return len(wrap(text.upper() if self.caps else text, self.family, size, self.width, self.bold))

    def height_of(self, paragraphs: Sequence[str], size: float) -> float:
        lines = sum(self.lines(p, size) for p in paragraphs)
        gaps = max(0, len(paragraphs) - 1)
        return lines * size * LINE_FACTOR + gaps * size * self.space_factor

    def fits(self, paragraphs: Sequence[str], size: float) -> bool:
        return self.height_of(paragraphs, size) <= self.height + 1e-6

    def unbroken(self, text: str, size: float) -> bool:
        """Whether every word of `text` fits on a line (wrap breaks a wider one by characters)."""
        words = (text.upper() if self.caps else text).split()
        return all(text_width(word, self.family, size, self.bold) <= self.width for word in words)


def largest_fitting(frame: Frame, paragraphs: Sequence[str], sizes: Sequence[float]) -> float | None:
    """The first of `sizes` (largest first) at which all paragraphs fit, or None."""
    return next((size for size in sizes if frame.fits(paragraphs, size)), None)


def split_paragraph(frame: Frame, text: str, size: float) -> list[str]:
    """Cut text that cannot fit in one frame into frame-sized parts at word boundaries.

    Parts are joined by an ellipsis ("first part…", "…next part") so a reader sees the cut.
    """
    words = text.split()
    parts: list[str] = []
    start = 0
    while start < len(words):

        def piece(end: int, start: int = start) -> str:
            lead = ELLIPSIS if start else ""
            tail = "" if end == len(words) else ELLIPSIS
            return lead + " ".join(words[start:end]) + tail

        if frame.fits([piece(len(words))], size):
            parts.append(piece(len(words)))
            break
        # At least one word per part, so a pathological word still makes progress.
        end = max(start + 1, _longest(len(words) - 1, lambda n: frame.fits([piece(n)], size), start + 1))
        parts.append(piece(end))
        start = end
    return parts or [text]


def paginate(frame: Frame, paragraphs: Sequence[str], size: float) -> list[list[tuple[int, str]]]:
    """Pack paragraphs, in order, into as few frames as a greedy fill allows.

    Each page lists (index of the source paragraph, text). A paragraph moves whole to the next page
    when it fits there; only one too long for a page of its own is split.
    """
    pages: list[list[tuple[int, str]]] = []
    page: list[tuple[int, str]] = []
    for index, text in enumerate(paragraphs):
        if frame.fits([t for _, t in page] + [text], size):
            page.append((index, text))
        elif frame.fits([text], size):
            pages.append(page)
            page = [(index, text)]
        else:
            if page:
                pages.append(page)
            parts = split_paragraph(frame, text, size)
            pages.extend([(index, part)] for part in parts[:-1])
            page = [(index, parts[-1])]
    if page or not pages:
        pages.append(page)
    return pages


def truncate(frame: Frame, text: str, size: float) -> str:
    """The longest word prefix of `text`, closed by an ellipsis, that fits the frame."""
    if frame.fits([text], size):
        return text
    words = text.split()
    keep = _longest(len(words) - 1, lambda n: frame.fits([" ".join(words[:n]) + ELLIPSIS], size))
    return " ".join(words[: max(1, keep)]) + ELLIPSIS
