"""The pack's branding on a deck's title slides: its logo in the top right corner, its accent
colour on the title. Everything else about the look comes from the reference deck."""

from __future__ import annotations

from typing import Any

from pptx.util import Emu

from reportgen.outline import Meta
from reportgen.renderers.pptx_shapes import rgb

LOGO_SHARE = 0.12  # of the slide's height
MARGIN_SHARE = 0.04  # of the slide's width, from the top and right edges


def brand_title_slide(slide: Any, meta: Meta, slide_width: int, slide_height: int) -> None:
    if meta.accent:
        colour = rgb(meta.accent.lstrip("#"))
        title = slide.shapes.title
        if title is not None:
            for paragraph in title.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.color.rgb = colour
    if meta.logo:
        margin = int(slide_width * MARGIN_SHARE)
        picture = slide.shapes.add_picture(meta.logo, 0, margin, height=Emu(int(slide_height * LOGO_SHARE)))
        picture.left = Emu(slide_width - margin - int(picture.width))
        picture.name = "Logo"
