"""The pack's branding on a deck's title slides: its logo in the top right corner, its accent
colour on the title. Everything else about the look comes from the reference deck."""

from __future__ import annotations

from pathlib import Path

from reportgen.outline import Meta
from reportgen.renderers.ooxml.xmltext import escape_attribute
from reportgen.renderers.pptx.package import DeckPackage
from reportgen.renderers.pptx.pml import xfrm
from reportgen.renderers.pptx.slide import SlideXml, nv_name, preset

LOGO_SHARE = 0.12  # of the slide's height
MARGIN_SHARE = 0.04  # of the slide's width, from the top and right edges


def title_colour(meta: Meta, kind: str) -> str:
    """The colour of the runs in a slide's title placeholder (idx 0): the accent on title slides,
    else none (the layout's own)."""
    return meta.accent if kind == "title" else ""


def brand_title_slide(deck: DeckPackage, slide: SlideXml, meta: Meta, slide_width: int, slide_height: int) -> None:
    """The logo on a title slide, drawn above everything else on it."""
    if meta.logo:
        _logo(deck, slide, Path(meta.logo), slide_width, slide_height)


def _logo(deck: DeckPackage, slide: SlideXml, path: Path, slide_width: int, slide_height: int) -> None:
    """`p:pic` of the logo, its height a share of the slide's and its width kept in proportion."""
    margin = int(slide_width * MARGIN_SHARE)
    height = int(slide_height * LOGO_SHARE)
    picture = deck.add_picture(slide, path)
    native_width, native_height = picture.size
    width = round(native_width * (float(height) / float(native_height)))
    descr = f' descr="{escape_attribute(picture.name)}"'
    box = (slide_width - margin - width, margin, width, height)
    slide.add(
        f"<p:pic><p:nvPicPr>{nv_name(slide.next_id(), 'Logo', descr)}"
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{picture.rel_id}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f"<p:spPr>{xfrm(box)}{preset('rect')}</p:spPr></p:pic>"
    )
