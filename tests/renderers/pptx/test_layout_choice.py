"""Layouts and placeholders found by what they are, on references made in other languages and tools.

Each reference here is python-pptx's default deck changed the way real templates differ from it:
layout names in another language, layouts that do not declare their type, a body placeholder
without an index (LibreOffice), a body too small to write in (Google Slides' auto-growing stubs), a
template whose only layout is blank. The outline is the same throughout; the deck must come out
with the right layouts, every text where it belongs, and nothing over the edge.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.util import Inches

from reportgen.outline import Figure, Figures, Meta, Outline, Slide
from reportgen.renderers.pptx.render import render
from tests.renderers.pptx.checks import assert_nothing_overflows

META = Meta(title="Water", subject="Deck", keywords="", author="Desk", marking="OFFICIAL", date="2024-03-05")
OUTLINE = Outline(
    kind="deck",
    meta=META,
    blocks=(
        Slide("title", "Regional water strategy", subtitle="Analyst briefing"),
        Slide("bullets", "Bottom line", items=("Rules tighten in April.", "Three regions face bans.")),
        Slide("section", "Background", subtitle="How the drought shaped the rules"),
        Slide("figures", "Key figures", visual=Figures((Figure("12", "regions"), Figure("3", "bans")))),
    ),
)
#: python-pptx's default layouts in order, and their names in a French PowerPoint.
FRENCH = {
    "Title Slide": "Diapositive de titre",
    "Title and Content": "Titre et contenu",
    "Section Header": "Titre de section",
    "Two Content": "Deux contenus",
    "Comparison": "Comparaison",
    "Title Only": "Titre seul",
    "Blank": "Vide",
    "Content with Caption": "Contenu avec légende",
    "Picture with Caption": "Image avec légende",
    "Title and Vertical Text": "Titre et texte vertical",
    "Vertical Title and Text": "Titre vertical et texte",
}


def reference(tmp_path: Path, change: Callable[[Any], None]) -> Path:
    """python-pptx's default deck with `change` applied to each layout."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        change(layout)
    path = tmp_path / "reference.pptx"
    prs.save(str(path))
    return path


def read(data: bytes) -> Deck:
    prs: Deck = Presentation(io.BytesIO(data))
    return prs


def layout_names(prs: Deck) -> list[str]:
    return [slide.slide_layout.name for slide in prs.slides]


def rename(layout: Any) -> None:
    layout.name = FRENCH[layout.name]


def test_layouts_are_chosen_by_type_whatever_their_names(tmp_path: Path) -> None:
    prs = read(render(OUTLINE, reference(tmp_path, rename)))
    assert layout_names(prs) == ["Diapositive de titre", "Titre et contenu", "Titre de section", "Titre seul"]
    assert_nothing_overflows(prs)


def test_layouts_that_do_not_declare_a_type_are_known_by_their_placeholders(tmp_path: Path) -> None:
    def untyped(layout: Any) -> None:
        rename(layout)
        layout.element.attrib.pop("type", None)

    prs = read(render(OUTLINE, reference(tmp_path, untyped)))
    # A centred title makes a title slide; a layout named as a section header ("Titre de section")
    # is one; a title and a body make a content layout, a title alone a title-only one.
    expected = ["Diapositive de titre", "Titre et contenu", "Titre de section", "Titre seul"]
    assert layout_names(prs) == expected
    assert_nothing_overflows(prs)


def test_a_body_placeholder_without_an_index_gets_the_bullets_not_the_title(tmp_path: Path) -> None:
    def libreoffice(layout: Any) -> None:
        for shape in layout.placeholders:
            ph = shape.element.find(f".//{qn('p:ph')}")
            if shape.placeholder_format.type == PP_PLACEHOLDER.OBJECT:
                ph.attrib.pop("idx", None)
                ph.set("type", "body")

    slide = read(render(OUTLINE, reference(tmp_path, libreoffice))).slides[1]
    assert slide.shapes.title.text == "Bottom line"
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
    assert "Rules tighten in April.\nThree regions face bans." in texts


def test_a_body_too_small_to_write_in_is_not_used(tmp_path: Path) -> None:
    def stub(layout: Any) -> None:
        for shape in layout.placeholders:
            if shape.placeholder_format.type == PP_PLACEHOLDER.OBJECT:
                shape.height = Inches(0.3)  # Google Slides' auto-growing placeholder

    prs = read(render(OUTLINE, reference(tmp_path, stub)))
    assert len(prs.slides) == 4
    bullets = prs.slides[1]
    assert bullets.slide_layout.name != "Title and Content"
    assert_nothing_overflows(prs)


def test_visuals_go_in_the_content_area_not_in_a_footer_box(tmp_path: Path) -> None:
    def footer_body(layout: Any) -> None:
        if layout.name == "Title Only":  # a small body box in the footer, as one real template has
            body = layout.placeholders[0].element.__copy__()
            body.find(f".//{qn('p:ph')}").attrib.update({"type": "body", "idx": "5"})
            layout.shapes._spTree.append(body)
            layout.placeholders[-1].left, layout.placeholders[-1].top = Inches(0.5), Inches(7)
            layout.placeholders[-1].width, layout.placeholders[-1].height = Inches(2.3), Inches(0.4)

    prs = read(render(OUTLINE, reference(tmp_path, footer_body)))
    figures = prs.slides[3]
    values = [s for s in figures.shapes if s.name.startswith("Figure") and s.name.endswith("value")]
    assert len(values) == 2
    assert all(s.top + s.height < Inches(6.8) and s.width > Inches(2) for s in values)
    assert_nothing_overflows(prs)


def test_a_template_with_only_a_blank_layout_gets_titles_and_bodies_drawn(tmp_path: Path) -> None:
    prs = Presentation()
    ids = prs.slide_master.element.find(qn("p:sldLayoutIdLst"))
    for layout_id, layout in zip(list(ids), list(prs.slide_layouts), strict=True):
        if layout.name != "Blank":
            ids.remove(layout_id)
    path = tmp_path / "blank.pptx"
    prs.save(str(path))
    out = read(render(OUTLINE, path))
    assert layout_names(out) == ["Blank"] * 4
    drawn = [[s.text_frame.text for s in slide.shapes if s.name in ("Title", "Body")] for slide in out.slides]
    assert drawn[0] == ["Regional water strategy", "Analyst briefing"]
    assert drawn[1] == ["Bottom line", "Rules tighten in April.\nThree regions face bans."]
    assert_nothing_overflows(out)


def test_a_title_placeholder_partly_off_the_slide_is_moved_onto_it(tmp_path: Path) -> None:
    def raised(layout: Any) -> None:
        for shape in layout.placeholders:
            if shape.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                shape.top = -Inches(0.2)

    prs = read(render(OUTLINE, reference(tmp_path, raised)))
    title = prs.slides[1].shapes.title
    assert title.text == "Bottom line" and title.top == 0
    assert_nothing_overflows(prs)


def test_marking_and_number_go_into_the_templates_footer_placeholders_when_a_bar_sits_where_loose_ones_would(
    tmp_path: Path,
) -> None:
    prs = Presentation()
    # A bar across the foot of the master (drawn on a slide, then moved there; slides are dropped).
    bar = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_shape(1, 0, Inches(6.9), prs.slide_width, Inches(0.6))
    prs.slide_master.shapes._spTree.append(bar._element)
    path = tmp_path / "bar.pptx"
    prs.save(str(path))
    out = read(render(OUTLINE, path))
    slide = out.slides[1]  # "Title and Content", with footer and slide-number placeholders
    kinds = {s.placeholder_format.type: s.text_frame.text for s in slide.placeholders}
    assert kinds[PP_PLACEHOLDER.FOOTER] == "OFFICIAL"
    assert kinds[PP_PLACEHOLDER.SLIDE_NUMBER] == "2 / 4"
    assert not [s for s in slide.shapes if s.name in ("Marking", "Slide Number")]
    assert_nothing_overflows(out, footer_band=False)


def test_without_anything_drawn_at_the_foot_the_marking_and_number_stay_loose_text_boxes(tmp_path: Path) -> None:
    out = read(render(OUTLINE, reference(tmp_path, lambda layout: None)))
    names = [s.name for s in out.slides[1].shapes]
    assert "Marking" in names and "Slide Number" in names
    assert not [s for s in out.slides[1].placeholders if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
