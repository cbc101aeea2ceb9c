"""Colours readable on the background they sit on: a template's dark background changes the colours
the deck draws with, a light one keeps the defaults (so the built-in decks do not change)."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor

from reportgen.outline import Figure, Figures, Meta, Outline, Slide
from reportgen.renderers.pptx import palette
from reportgen.renderers.pptx import reference as pptx_reference
from reportgen.renderers.pptx.render import render

META = Meta(title="Water", subject="Deck", keywords="", author="Desk", marking="OFFICIAL", date="2024-03-05")
DARK = "101040"


def _deck(tmp_path: Path, dark: bool = False, picture: bool = False) -> Path:
    prs = Presentation()
    if dark:
        prs.slide_master.background.fill.solid()
        prs.slide_master.background.fill.fore_color.rgb = RGBColor.from_string(DARK)
    if picture:  # a full-slide dark picture, as PoweredTemplate designs have, set as the background
        blob = io.BytesIO()
        Image.new("RGB", (32, 24), (16, 16, 64)).save(blob, "PNG")
        _, rel_id = prs.slide_master.part.get_or_add_image_part(io.BytesIO(blob.getvalue()))
        bg = (
            '<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:bgPr>'
            f'<a:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
            "<a:effectLst/></p:bgPr></p:bg>"
        )
        c_sld = prs.slide_master.element.cSld
        c_sld.insert(0, etree.fromstring(bg))
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "reference.pptx"
    prs.save(str(path))
    return path


def test_contrast_is_the_wcag_ratio() -> None:
    assert palette.contrast("000000", "FFFFFF") == 21
    assert palette.contrast("777777", "FFFFFF") == palette.contrast("FFFFFF", "777777")
    assert 4.4 < palette.contrast("777777", "FFFFFF") < 4.6


def test_a_light_template_keeps_the_default_colours(tmp_path: Path) -> None:
    reference = pptx_reference.load(_deck(tmp_path))
    assert {palette.colours(reference, name) for name in reference.layouts} == {palette.DEFAULT}


def test_on_a_dark_background_every_colour_reads(tmp_path: Path) -> None:
    for picture in (False, True):
        reference = pptx_reference.load(_deck(tmp_path / str(picture), dark=not picture, picture=picture))
        colours = palette.colours(reference, "Title Only")
        for colour in (colours.accent, colours.muted, colours.footer, colours.text):
            assert palette.contrast(colour, DARK) >= palette.TEXT_RATIO, (picture, colours)


def test_figures_and_the_footer_on_a_dark_template_are_drawn_in_readable_colours(tmp_path: Path) -> None:
    outline = Outline(
        "deck", META, (Slide("figures", "Key figures", visual=Figures((Figure("12", "regions"), Figure("3", "bans")))),)
    )
    prs = Presentation(io.BytesIO(render(outline, _deck(tmp_path, dark=True))))
    runs = [
        run
        for shape in prs.slides[0].shapes
        if shape.has_text_frame and shape.name.startswith(("Figure", "Marking", "Slide Number"))
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert runs
    assert all(palette.contrast(str(run.font.color.rgb), DARK) >= palette.TEXT_RATIO for run in runs)
