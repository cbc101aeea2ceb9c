"""The sample article built into both files, read back as a reader and as Office would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from reportgen.evaluate import faithful
from reportgen.pipeline import BuildResult, build
from reportgen.readers import read_article
from tests.builders import SAMPLE
from tests.renderers.pptx.checks import assert_nothing_overflows
from tests.support.office import convert_to_pdf, pdf_page_count, validation_errors

SECTIONS = ["Background", "Chinese pressure", "Past operations", "Outlook"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(SAMPLE, out_dir=tmp_path_factory.mktemp("sample"))


def test_brief_has_the_four_sections_in_order_as_real_headings(built: BuildResult) -> None:
    doc = Document(str(built.files["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert [h for h in headings if h in SECTIONS] == SECTIONS
    bullets = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert len(bullets) >= 12


def test_deck_has_the_four_sections_in_order(built: BuildResult) -> None:
    deck = Presentation(str(built.files["pptx"]))
    assert deck.slide_width * 9 == deck.slide_height * 16
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    section_titles = [t.removesuffix(" (cont.)") for t in titles if t.removesuffix(" (cont.)") in SECTIONS]
    assert list(dict.fromkeys(section_titles)) == SECTIONS


def test_every_bullet_is_article_text_and_its_refs_point_at_the_paragraph(built: BuildResult) -> None:
    article = read_article(SAMPLE)
    bullets = list(built.brief.key_points) + [b for s in built.brief.sections for b in s.bullets]
    for bullet in bullets:
        # Bullets are compressed (a leading "However," or a trailing "according to…" dropped) but
        # every word stands, in order, in the sentence they cite; the quote is that sentence.
        assert faithful(bullet, article), bullet
        for ref in bullet.refs:
            assert _norm(bullet.quote) in _norm(article.paragraphs[ref.paragraph].text)


def test_brief_bullets_in_the_document_cite_their_paragraph(built: BuildResult) -> None:
    doc = Document(str(built.files["docx"]))
    texts = [p.text for p in doc.paragraphs]
    for section in built.brief.sections:
        for bullet in section.bullets:
            ref = f"[¶{bullet.refs[0].paragraph + 1}]"
            assert any(bullet.text in t and ref in t for t in texts), (bullet.text, ref)


def test_speaker_notes_hold_the_full_sentences_with_references(built: BuildResult) -> None:
    deck = Presentation(str(built.files["pptx"]))
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    for section in built.brief.sections:
        for bullet in section.bullets:
            assert f"{bullet.quote} [¶{bullet.refs[0].paragraph + 1}]" in notes


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_libreoffice_converts_the_output_to_pdf(built: BuildResult, kind: str, tmp_path: Path) -> None:
    pdf = convert_to_pdf(built.files[kind], tmp_path)
    if kind == "docx":
        assert 1 <= pdf_page_count(pdf) <= 4, "the analyst brief of the sample fits four pages"
    else:
        assert pdf_page_count(pdf) == len(Presentation(str(built.files[kind])).slides)


def test_deck_fits_and_every_content_slide_has_speaker_notes(built: BuildResult) -> None:
    deck = Presentation(str(built.files["pptx"]))
    assert_nothing_overflows(deck)
    content = [s for s in deck.slides if s.slide_layout.name != "Title Slide"]
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in content)


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_open_xml_sdk_validator_finds_no_error(built: BuildResult, kind: str) -> None:
    errors = validation_errors(built.files[kind])
    assert errors == []
