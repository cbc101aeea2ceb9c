"""The pack's branding on a deck's title slides: its logo in the top right corner, its accent
colour on the title. Everything else about the look comes from the reference deck."""

from __future__ import annotations

from pathlib import Path

from reportgen.outline import Meta
from reportgen.renderers.pptx_package import DeckPackage
from reportgen.renderers.pptx_slide import SlideXml, preset, xfrm
from reportgen.renderers.pptx_xml import colour_runs, qn, sub

LOGO_SHARE = 0.12  # of the slide's height
MARGIN_SHARE = 0.04  # of the slide's width, from the top and right edges


def brand_title_slide(deck: DeckPackage, slide: SlideXml, meta: Meta, slide_width: int, slide_height: int) -> None:
    if meta.accent:
        title = next((shape for _, idx, shape in slide.placeholders() if idx == 0), None)
        if title is not None:
            colour_runs(list(title.iter(qn("a:r"))), meta.accent)
    if meta.logo:
        _logo(deck, slide, Path(meta.logo), slide_width, slide_height)


def _logo(deck: DeckPackage, slide: SlideXml, path: Path, slide_width: int, slide_height: int) -> None:
    """`p:pic` of the logo, its height a share of the slide's and its width kept in proportion."""
    margin = int(slide_width * MARGIN_SHARE)
    height = int(slide_height * LOGO_SHARE)
    picture = deck.add_picture(slide, path)
    native_width, native_height = picture.size
    width = round(native_width * (float(height) / float(native_height)))
    pic, nv = slide.add("p:pic", "Logo")
    nv[0].set("descr", picture.name)
    sub(sub(nv, "p:cNvPicPr"), "a:picLocks", noChangeAspect="1")
    sub(nv, "p:nvPr")
    fill = sub(pic, "p:blipFill")
    sub(fill, "a:blip").set(qn("r:embed"), picture.rel_id)
    sub(sub(fill, "a:stretch"), "a:fillRect")
    sp_pr = sub(pic, "p:spPr")
    xfrm(sp_pr, (slide_width - margin - width, margin, width, height))
    preset(sp_pr, "rect")
