"""The PowerPoint renderer, read back with python-pptx: slides, layouts, notes, footer, and fit.

The fit checks recompute every text box's height from what was actually written (run sizes,
line pitch, spacing, bullet indent) with the real font metrics, so they hold whatever planning
decided. Each case runs on the built-in 16:9 reference and on a custom 4:3 one with a slide in it.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.util import Emu, Inches

from reportgen.errors import PackError
from reportgen.outline import BulletList, Heading, Meta, Outline, Slide
from reportgen.renderers.pptx import fit
from reportgen.renderers.pptx.plan import BODY_STEPS
from reportgen.renderers.pptx.render import render
from reportgen.renderers.pptx.shapes import text_scale
from tests.renderers.pptx.checks import assert_nothing_overflows
from tests.support.office import convert_to_pdf, pdf_page_count, validation_errors

ROOT = Path(__file__).resolve().parents[3]
BUILT_IN = ROOT / "templates" / "analyst" / "reference.pptx"
FONT = "Calibri"  # both references use the Office theme fonts

META = Meta(
    title="Regional water strategy",
    subject="Analyst deck",
    keywords="water; drought",
    author="Analyst desk",
    marking="OFFICIAL",
    date="2024-03-05",
    audience="analyst",
)
SENTENCE = (
    "The ministry said the new framework would apply to every regional authority from next spring, "
    "subject to a consultation that opens in March and runs for twelve weeks of hearings across the "
    "country, with particular attention to the water companies that serve the driest districts"
)


def words(count: int, tag: str = "w") -> str:
    return " ".join(f"{tag}{i}-consultation" for i in range(count))


def deck(*slides: Slide, meta: Meta = META) -> Outline:
    return Outline(kind="deck", meta=meta, blocks=slides)


def sample() -> Outline:
    return deck(
        Slide("title", "Regional water strategy", subtitle="Analyst briefing", notes="Open with BLUF."),
        Slide("bullets", "Bottom line", items=("Rules tighten in April.", "Three regions face bans.")),
        Slide("section", "Background", subtitle="How the 2022 drought shaped the rules"),
        Slide("bullets", "Outlook", items=("Watch the consultation.",), notes="First line\nSecond line"),
    )


@pytest.fixture(params=["built-in", "custom"])
def reference(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "built-in":
        assert BUILT_IN.exists(), "run scripts/make_reference_pptx.py"
        return BUILT_IN
    custom = Presentation()  # python-pptx's 4:3 default, with a slide the renderer must drop
    custom.slides.add_slide(custom.slide_layouts[0]).shapes.title.text = "Left over from the template"
    path = tmp_path / "custom.pptx"
    custom.save(str(path))
    return path


def read(data: bytes) -> Deck:
    prs: Deck = Presentation(io.BytesIO(data))
    return prs


def titles(prs: Deck) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def body_texts(slide: Any) -> list[str]:
    return [
        p.text for shape in slide.placeholders if shape.placeholder_format.idx != 0 for p in shape.text_frame.paragraphs
    ]


def test_renders_one_slide_per_outline_slide_with_titles_in_order(reference: Path) -> None:
    prs = read(render(sample(), reference))
    assert titles(prs) == ["Regional water strategy", "Bottom line", "Background", "Outlook"]
    assert [s.slide_layout.name for s in prs.slides] == [
        "Title Slide",
        "Title and Content",
        "Section Header",
        "Title and Content",
    ]
    assert_nothing_overflows(prs)


def test_every_item_and_subtitle_is_written_once(reference: Path) -> None:
    prs = read(render(sample(), reference))
    slides = list(prs.slides)
    assert body_texts(slides[0]) == ["Analyst briefing"]
    assert body_texts(slides[1]) == ["Rules tighten in April.", "Three regions face bans."]
    assert body_texts(slides[2]) == ["How the 2022 drought shaped the rules"]
    assert body_texts(slides[3]) == ["Watch the consultation."]


def test_bullets_have_a_bullet_and_subtitles_do_not(reference: Path) -> None:
    outline = deck(Slide("bullets", "Outlook", subtitle="What to watch", items=("Consultation.", "Courts.")))
    slide = read(render(outline, reference)).slides[0]
    paragraphs = [
        p for shape in slide.placeholders if shape.placeholder_format.idx == 1 for p in shape.text_frame.paragraphs
    ]
    marks = [p._p.pPr.find(qn("a:buChar")) is not None for p in paragraphs]
    assert [p.text for p in paragraphs] == ["What to watch", "Consultation.", "Courts."]
    assert marks == [False, True, True]


def test_notes_go_to_the_notes_slide_line_by_line(reference: Path) -> None:
    prs = read(render(sample(), reference))
    slides = list(prs.slides)
    assert slides[0].notes_slide.notes_text_frame.text == "Open with BLUF."
    assert [p.text for p in slides[3].notes_slide.notes_text_frame.paragraphs] == ["First line", "Second line"]
    assert not slides[1].has_notes_slide


def test_footer_shows_marking_everywhere_and_numbers_except_on_the_title_slide(reference: Path) -> None:
    prs = read(render(sample(), reference))
    for number, slide in enumerate(prs.slides, start=1):
        texts = {shape.name: shape.text_frame.text for shape in slide.shapes if not shape.is_placeholder}
        assert texts["Marking"] == "OFFICIAL"
        if number == 1:
            assert "Slide Number" not in texts
        else:
            assert texts["Slide Number"] == f"{number} / 4"


def test_reference_slides_are_dropped_and_layouts_kept(tmp_path: Path) -> None:
    custom = Presentation()
    custom.slides.add_slide(custom.slide_layouts[0]).shapes.title.text = "Left over"
    path = tmp_path / "with-slide.pptx"
    custom.save(str(path))
    data = render(sample(), path)
    assert "Left over" not in titles(read(data))
    assert len(read(data).slides) == 4
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.startswith("ppt/slides/slide") for n in names) == 4


def test_layout_override_is_looked_up_by_name(reference: Path) -> None:
    outline = deck(Slide("bullets", "Just a title", layout="Title Only"))
    prs = read(render(outline, reference))
    assert prs.slides[0].slide_layout.name == "Title Only"
    assert titles(prs) == ["Just a title"]


def test_missing_layout_is_a_pack_error_listing_the_available_ones(reference: Path) -> None:
    with pytest.raises(PackError, match="no layout named 'Timeline'; available: 'Title Slide', 'Title and Content'"):
        render(deck(Slide("bullets", "When", items=("x",), layout="Timeline")), reference)


def test_text_for_a_layout_without_a_body_placeholder_goes_where_the_master_puts_its_body(reference: Path) -> None:
    prs = read(render(deck(Slide("bullets", "T", items=("x",), layout="Title Only")), reference))
    slide = prs.slides[0]
    assert slide.slide_layout.name == "Title Only"
    assert slide.shapes.title.text == "T"
    body = next(shape for shape in slide.shapes if shape.name == "Body")
    master_body = next(s for s in prs.slide_master.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.BODY)
    assert body.text_frame.text == "x"
    assert (body.left, body.top, body.width) == (master_body.left, master_body.top, master_body.width)
    assert_nothing_overflows(prs)


def test_an_outline_without_slides_is_a_pack_error(reference: Path) -> None:
    with pytest.raises(PackError, match="no <slide> blocks"):
        render(Outline(kind="deck", meta=META, blocks=(Heading(1, "Not a slide"),)), reference)


def test_blocks_other_than_slides_are_skipped(reference: Path) -> None:
    outline = deck(Slide("bullets", "Kept", items=("a",)))
    outline = Outline(kind="deck", meta=META, blocks=(BulletList(("ignored",)), *outline.blocks))
    assert titles(read(render(outline, reference))) == ["Kept"]


def body_sizes(prs: Deck) -> set[float]:
    """The body placeholder's run sizes over every slide with one."""
    found = set()
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 1 and shape.has_text_frame:
                found |= {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size}
    return found


def test_bullet_slides_of_a_deck_share_one_body_size_from_the_few_steps(reference: Path) -> None:
    slides = [Slide("bullets", f"Short {n}", items=("A short point.", "Another.")) for n in range(5)]
    slides.insert(2, Slide("bullets", "Dense", items=tuple(SENTENCE for _ in range(4))))
    slides.append(Slide("agenda", "Agenda", items=tuple(f"Part {n}" for n in range(6))))
    prs = read(render(deck(*slides), reference))
    sizes = body_sizes(prs)
    assert len(sizes) == 1, sizes
    (size,) = sizes
    scale = text_scale(prs.slide_width, prs.slide_height)
    assert size in {round(step * scale) for step in BODY_STEPS}, size
    assert_nothing_overflows(prs)


def test_one_long_slide_continues_rather_than_shrinking_the_whole_deck() -> None:
    short = [Slide("bullets", f"Short {n}", items=("A short point.", "Another.")) for n in range(6)]
    long = Slide("bullets", "Long", items=tuple(SENTENCE for _ in range(4)))
    prs = read(render(deck(*short, long), BUILT_IN))
    assert body_sizes(prs) == {24.0}
    assert titles(prs)[-2:] == ["Long", "Long (cont.)"]


def test_when_most_slides_are_dense_the_whole_deck_steps_down_together() -> None:
    dense = [Slide("bullets", f"Dense {n}", items=tuple(SENTENCE for _ in range(4))) for n in range(4)]
    prs = read(render(deck(*dense), BUILT_IN))
    (size,) = body_sizes(prs)
    assert size < 24 and len(prs.slides) <= len(dense) + 1


def test_very_long_bullets_split_onto_continuation_slides_in_order(reference: Path) -> None:
    items = tuple(f"Item {i}: " + words(60, tag=f"i{i}w") for i in range(12))
    outline = deck(Slide("bullets", "Key facts", items=items, notes="Speak to each fact."))
    prs = read(render(outline, reference))
    assert len(prs.slides) > 2
    assert titles(prs) == ["Key facts"] + ["Key facts (cont.)"] * (len(prs.slides) - 1)
    written = [text for slide in prs.slides for text in body_texts(slide)]
    joined = " ".join(t.strip("…") for t in written)
    assert joined.split() == " ".join(items).split(), "every word once, in order"
    assert all(s.notes_slide.notes_text_frame.text == "Speak to each fact." for s in prs.slides)
    assert_nothing_overflows(prs)


def test_one_enormous_bullet_is_cut_at_word_boundaries_with_ellipses(reference: Path) -> None:
    text = words(300)
    prs = read(render(deck(Slide("bullets", "One bullet", items=(text,))), reference))
    parts = [t for slide in prs.slides for t in body_texts(slide)]
    assert len(parts) == len(prs.slides) > 1
    assert parts[0].endswith("…") and not parts[0].startswith("…")
    assert all(p.startswith("…") and p.endswith("…") for p in parts[1:-1])
    assert parts[-1].startswith("…") and not parts[-1].endswith("…")
    assert " ".join(p.strip("…") for p in parts).split() == text.split()
    assert_nothing_overflows(prs)


def test_long_titles_step_down_and_never_overflow(reference: Path) -> None:
    title = "An unusually long slide title about the regional water strategy and the consultation on it"
    prs = read(render(deck(Slide("bullets", title, items=("x",))), reference))
    assert prs.slides[0].shapes.title.text == title
    assert prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt < 36
    assert_nothing_overflows(prs)


def test_section_titles_fit_even_when_the_layout_sets_capitals(reference: Path) -> None:
    title = "Background to the drought and the consultation on the national water resilience framework"
    prs = read(render(deck(Slide("section", title, subtitle="Context")), reference))
    assert prs.slides[0].shapes.title.text == title
    assert_nothing_overflows(prs)


def test_a_title_too_long_for_any_size_is_cut_with_an_ellipsis(reference: Path) -> None:
    prs = read(render(deck(Slide("bullets", words(80), items=("x",))), reference))
    assert prs.slides[0].shapes.title.text.endswith("…")
    assert_nothing_overflows(prs)


def test_built_in_reference_is_16_9() -> None:
    prs = read(render(sample(), BUILT_IN))
    assert (prs.slide_width, prs.slide_height) == (Emu(12_192_000), Inches(7.5))


def test_core_properties_come_from_meta_dated_by_source_date_epoch(
    reference: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")  # 2024-03-05 12:00 UTC
    props = read(render(sample(), reference)).core_properties
    assert (props.title, props.subject, props.author, props.keywords) == (
        "Regional water strategy",
        "Analyst deck",
        "Analyst desk",
        "water; drought",
    )
    assert props.last_modified_by == "reportgen"
    assert props.created == props.modified == datetime(2024, 3, 5, 12)


def test_without_source_date_epoch_the_dates_are_the_build_time(
    reference: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props = read(render(deck(*sample().blocks, meta=Meta(title="t")), reference)).core_properties
    assert props.created == props.modified and props.created is not None and props.created >= before


def test_rendering_twice_gives_identical_bytes(reference: Path) -> None:
    outline = deck(*sample().blocks, Slide("bullets", "Long", items=(words(300),)))
    first = render(outline, reference)
    assert render(outline, reference) == first
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_markup_characters_and_control_characters_are_written_as_text(reference: Path) -> None:
    # Slides are written as XML strings (pptx_xml): escaping is the writer's job, not lxml's.
    markup = "A & B <c> \"d\" 'e' \u2013 \U0001d11e"
    outline = deck(
        Slide("title", markup, subtitle="tab\there", notes=f"{markup}\nline\vbreak"),
        Slide("bullets", "Items", items=(markup, "bell\x07 and return\r")),
    )
    prs = read(render(outline, reference))
    assert titles(prs) == [markup, "Items"]
    assert body_texts(prs.slides[0]) == ["tab\there"]
    assert body_texts(prs.slides[1]) == [markup, "bell_x0007_ and return_x000D_"]
    assert prs.slides[0].notes_slide.notes_text_frame.text == f"{markup}\nline\vbreak"


def test_unreadable_reference_is_a_pack_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(PackError, match="cannot open reference deck"):
        render(sample(), broken)


def test_measurement_uses_real_metrics_a_stand_in_for_a_missing_font_and_else_a_wide_estimate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert fit.font_file("Calibri") is not None, "install fonts-crosextra-carlito"
    real = fit.text_width("illicit", "Calibri", 20)
    assert 0 < real < fit.text_width("WWWWWWW", "Calibri", 20)
    assert fit.font_file("No Such Family") == fit.font_file("DejaVu Sans") is not None, "install fonts-dejavu-core"
    assert fit.text_width("illicit", "No Such Family", 20) == fit.text_width("illicit", "DejaVu Sans", 20)
    monkeypatch.setattr(fit, "STAND_IN", ())
    assert fit.font_file("Another Missing Family") is None
    assert fit.text_width("illicit", "Another Missing Family", 20) == pytest.approx(7 * 0.6 * 20)


def test_output_passes_the_open_xml_validator_and_opens_in_libreoffice(reference: Path, tmp_path: Path) -> None:
    items = tuple(SENTENCE for _ in range(12))
    path = tmp_path / "deck.pptx"
    path.write_bytes(render(deck(*sample().blocks, Slide("bullets", "Long", items=items)), reference))
    assert validation_errors(path) == []
    slides = len(read(path.read_bytes()).slides)
    assert pdf_page_count(convert_to_pdf(path, tmp_path)) == slides


def test_the_overflow_check_itself_catches_an_overfull_box() -> None:
    prs = read(render(deck(Slide("bullets", "Dense", items=tuple(SENTENCE for _ in range(4)))), BUILT_IN))
    for shape in prs.slides[0].placeholders:
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Emu(run.font.size * 2)
    with pytest.raises(AssertionError, match="box holds"):
        assert_nothing_overflows(prs)
