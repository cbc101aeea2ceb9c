"""Which layout each slide goes on, and which of its placeholders hold the title and the body.

Real templates are made by other people, in other languages and tools: "Titre et contenu",
"タイトルとコンテンツ", Google Slides' "TITLE_AND_BODY" and PowerPoint's "Title and Content" are the
same layout, and each says so in `p:sldLayout/@type` (ST_SlideLayoutType: title, obj, secHead,
titleOnly, tx…). So a layout is chosen first by what it can hold (a title placeholder, and a body
placeholder big enough to write in when the slide has text), then by whether it has room for the
slide's bullets or visual, then by its type, then by the English name reportgen's own reference
uses, then by the size of its body, then by its place in the deck. A template that has no such
layout still gets one: the best of those it has, and the renderer draws what that layout lacks
(see render), never a refusal. A pack's own `layout=` in the outline overrides the choice.

A section slide goes on a section-header layout wherever the template has one: one typed secHead, or
one whose name says it is ("Section Header", "Titre de section", "セクション見出し", "节标题",
bevomac's "6_Section Header"; shana's is typed as an ordinary text layout), even when it has no
subtitle placeholder to use (Google Slides' have none: the subtitle is then drawn, as any text a
layout lacks). Only a template without one puts it on its title layout.

Placeholders are found by type too (`p:ph/@type`; no type means obj), not by index: LibreOffice
and Google Slides write placeholders without an idx, so two on one layout may share index 0.
Planning names a placeholder by its position in the layout. A body placeholder too small to write
in (Google Slides' 0.3-inch auto-growing stubs, an icon's caption) is not a body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportgen.renderers.ooxml.units import EMU_PER_PT
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx.reference import Layout, Placeholder, Reference

#: The layout each slide kind looks for by name, as reportgen's own reference names them.
DEFAULT_LAYOUTS = {
    "title": "Title Slide",
    "bullets": "Title and Content",
    "agenda": "Title and Content",
    "section": "Section Header",
    "table": "Title Only",
    "figures": "Title Only",
    "timeline": "Title Only",
    "chart": "Title Only",
}
#: Layout types (ST_SlideLayoutType) each slide kind prefers, best first.
_TEXT = ("obj", "tx", "objOnly", "txOnly")
_VISUAL = ("titleOnly", "obj", "tx", "objOnly")
KIND_TYPES = {
    "title": ("title", "secHead"),
    "bullets": _TEXT,
    "agenda": _TEXT,
    "section": ("secHead", "title"),
    "table": _VISUAL,
    "figures": _VISUAL,
    "timeline": _VISUAL,
    "chart": _VISUAL,
}
TITLE_TYPES = ("title", "ctrTitle")
#: Words that name a section-header layout, in the languages of templates seen so far (English,
#: French, Spanish, Portuguese, Italian, Dutch, German, Hungarian, Russian, Turkish, Vietnamese,
#: Japanese, Chinese, Korean).
SECTION_NAMES = re.compile(
    r"section|secci[oó]n|se[cç][cç][aã]o|sezione|sectie|abschnitt|szakasz|раздел|bölüm|phần|"
    r"divider|セクション|节标题|節標題|구역",
    re.IGNORECASE,
)
#: Placeholders a slide leaves to its layout: they make no layout more than blank.
LATENT_TYPES = ("dt", "ftr", "sldNum")
#: Body placeholder types each slide kind writes into, best first (a title or section slide's
#: subtitle).
_BODY_TYPES = {"title": ("subTitle", "body", "obj"), "section": ("subTitle", "body", "obj")}
_OTHER_BODY_TYPES = ("obj", "body", "subTitle")
#: What makes a placeholder worth writing in: a share of the slide's width, and room for this many
#: lines at the smallest size planning uses (a title slide's subtitle needs one line).
MIN_WIDTH_SHARE = 0.25
#: A body this share of the template's largest is roomy enough for bullets or a visual.
ROOMY_SHARE = 0.5
VISUAL_KINDS = ("table", "figures", "timeline", "chart")
BODY_LINES = 3
SUBTITLE_LINES = 1
_INSETS_PT = 2 * 45720 / EMU_PER_PT
BODY_FLOOR_PT = 16
TITLE_FLOOR_PT = 20


@dataclass(frozen=True)
class Roles:
    """Positions (in `Layout.placeholders`) of the placeholders a slide's title and body go into;
    None where the layout has none that serves."""

    title: int | None
    body: int | None


def body_types(kind: str) -> tuple[str, ...]:
    """The placeholder types a slide of `kind` writes its body text into, best first."""
    return _BODY_TYPES.get(kind, _OTHER_BODY_TYPES)


def roles(layout: Layout, kind: str, slide_width: int, slide_height: int) -> Roles:
    """The layout's first usable title placeholder, and its largest usable body placeholder of the
    types `kind` prefers (the first type that has one wins)."""
    title = next(
        (
            i
            for i, shape in enumerate(layout.placeholders)
            if shape.type in TITLE_TYPES and _usable(shape, 1, TITLE_FLOOR_PT, slide_width, slide_height)
        ),
        None,
    )
    lines = SUBTITLE_LINES if kind in ("title", "section") else BODY_LINES
    body = None
    for wanted in body_types(kind):
        found = [
            (_area(shape), -i, i)
            for i, shape in enumerate(layout.placeholders)
            if shape.type == wanted and _usable(shape, lines, BODY_FLOOR_PT, slide_width, slide_height)
        ]
        if found:
            body = max(found)[2]
            break
    return Roles(title, body)


@lru_cache(maxsize=256)
def choose(reference: Reference, kind: str, needs_title: bool, needs_body: bool) -> str:
    """The name of the layout a slide of `kind` goes on: the one that holds most of what the slide
    needs (title, body), then of the best type for the kind, then named as reportgen names it,
    then the first in the deck. Worked out once per reference and kind of slide (every slide of a
    deck, and every deck of a batch, asks again)."""
    types = KIND_TYPES[kind]
    width, height = reference.slide_width, reference.slide_height
    found = {name: roles(layout, kind, width, height) for name, layout in reference.layouts.items()}
    areas = {
        name: _area(reference.layouts[name].placeholders[at.body]) if at.body is not None else 0
        for name, at in found.items()
    }
    largest = max(areas.values(), default=0)

    def roomy(layout: Layout) -> bool:
        """Room for a slide's bullets or visual: a body at least half the largest the template has,
        or (for a visual) a title high enough on the slide to leave the rest under it."""
        if kind in ("title", "section"):
            return True  # their body is a subtitle: any usable one serves
        if areas[layout.name]:  # the body is where the bullets or the visual go
            return areas[layout.name] >= ROOMY_SHARE * largest
        title = found[layout.name].title
        if kind in VISUAL_KINDS and title is not None:
            top, high = layout.placeholders[title].box[1] or 0, layout.placeholders[title].box[3] or 0
            return top + high <= (1 - ROOMY_SHARE) * height
        return False

    def score(item: tuple[int, Layout]) -> tuple[int, ...]:
        position, layout = item
        at = found[layout.name]
        has_title = int(at.title is not None or not needs_title)
        fits = has_title + int(at.body is not None or not needs_body)
        kind_of = layout_type(layout, width, height)
        rank = len(types) - types.index(kind_of) if kind_of in types else 0
        named = layout.name == DEFAULT_LAYOUTS[kind]
        if kind == "section":  # a section layout beats a subtitle placeholder: one it lacks is drawn
            declared = layout.type == "secHead"  # by type first, then by name
            return has_title, rank, fits, declared, named, areas[layout.name], -position
        return fits, int(roomy(layout)), rank, named, areas[layout.name], -position

    return max(enumerate(reference.layouts.values()), key=score)[1].name


def layout_type(layout: Layout, slide_width: int, slide_height: int) -> str:
    """The layout's type as it declares it; for a custom layout ("cust", or none given, as Keynote,
    WPS and hand-made layouts leave it), the type its placeholders make it: a centred title
    (ctrTitle) makes a title slide, a title with a body to write in a title-and-content layout, a
    title with nothing else to fill a title-only one, no title or body a blank one. A layout named
    as a section header (SECTION_NAMES) is one, whatever else it declares, unless it is a title
    slide's."""
    if layout.type != "secHead" and layout.type not in TITLE_TYPES and SECTION_NAMES.search(layout.name):
        return "secHead"
    if layout.type not in ("", "cust"):
        return layout.type
    shapes = layout.placeholders
    if any(shape.type == "ctrTitle" for shape in shapes):
        return "title"
    found = roles(layout, "bullets", slide_width, slide_height)
    to_fill = [shape for shape in shapes if shape.type not in LATENT_TYPES]
    if found.title is not None and found.body is not None:
        return "obj"
    if found.title is not None:
        return "titleOnly" if len(to_fill) == 1 else "cust"
    return "blank" if not to_fill else "cust"


def _area(shape: Placeholder) -> int:
    return (shape.box[2] or 0) * (shape.box[3] or 0)


def _usable(shape: Placeholder, lines: int, size: int, slide_width: int, slide_height: int) -> bool:
    """Horizontal, on the slide, a share of its width wide and `lines` lines at `size` high."""
    left, top, width, height = shape.box
    if width is None or height is None or shape.orient != "horz":
        return False
    if slide_width and width < MIN_WIDTH_SHARE * slide_width:
        return False
    if slide_width and slide_height and ((left or 0) >= slide_width or (top or 0) >= slide_height):
        return False
    needed = lines * size * fit.LINE_FACTOR + _INSETS_PT
    return height / EMU_PER_PT >= needed
