"""Golden read-back dumps of the sample's brief and deck, and LibreOffice's rendering of both.

The brief is the sample article's full hand-labelled Brief (tests/fixtures/sample-full-brief.json)
through the analyst pack, so every element is exercised and the files do not move when the
summariser changes. After a deliberate change, regenerate with

    REPORTGEN_REGEN_GOLDEN=1 python -m pytest tests/renderers/test_golden.py

and look at the rendered pages before committing the new dumps.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from pptx import Presentation

from reportgen.outlining import outline_for
from reportgen.packs import find_pack
from reportgen.renderers import get_renderer
from tests.builders import make_full_brief
from tests.renderers.pptx.checks import assert_nothing_overflows
from tests.support.office import convert_to_pdf, pdf_page_count, validation_errors

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REGEN = os.environ.get("REPORTGEN_REGEN_GOLDEN") == "1"
MAX_BRIEF_PAGES = 4


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pack, brief = find_pack("analyst"), make_full_brief()
    folder = tmp_path_factory.mktemp("golden")
    files = {}
    for kind, name in (("docx", "brief.docx"), ("pptx", "deck.pptx")):
        path = folder / name
        path.write_bytes(get_renderer(kind)(outline_for(brief, pack, kind), pack.reference(kind)))
        files[kind] = path
    return files


def dump_brief(data: bytes) -> str:
    """One line a paragraph ("style | text"), a table row ("table | cell | cell"), then header/footer."""
    doc = docx.Document(io.BytesIO(data))
    lines = []
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(f"{item.style.name if item.style else ''} | {item.text.strip()}")
        elif isinstance(item, DocxTable):
            for row in item.rows:
                cells = [" / ".join(p.text for p in cell.paragraphs) for cell in row.cells]
                lines.append("table | " + " | ".join(cells))
    section = doc.sections[0]
    for where, part in (("header", section.header), ("footer", section.footer)):
        lines += [f"{where} | {p.style.name if p.style else ''} | {p.text}" for p in part.paragraphs]
    return "\n".join(lines) + "\n"


def _shape_lines(shape: Any) -> list[str]:
    if shape.has_chart:
        plot = shape.chart.plots[0]
        values = ", ".join(f"{c}={v:g}" for c, v in zip(plot.categories, plot.series[0].values, strict=True))
        return [f"  chart | {shape.chart.chart_title.text_frame.text} | {values}"]
    if shape.has_table:
        return ["  row | " + " | ".join(c.text for c in row.cells) for row in shape.table.rows]
    if shape.has_text_frame and shape.text_frame.text and shape.name not in ("Marking", "Slide Number"):
        return [f"  shape | {shape.name} | {' / '.join(p.text for p in shape.text_frame.paragraphs)}"]
    return []


def dump_deck(data: bytes) -> str:
    """Per slide: "slide n | layout | title", its bullets, other shapes' text, its notes, its footer."""
    prs = Presentation(io.BytesIO(data))
    lines = []
    for number, slide in enumerate(prs.slides, start=1):
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        lines.append(f"slide {number} | {slide.slide_layout.name} | {title}")
        for shape in slide.placeholders:
            if shape.placeholder_format.idx != 0:
                lines += [f"  bullet | {p.text}" for p in shape.text_frame.paragraphs]
        for shape in slide.shapes:
            if not shape.is_placeholder:
                lines += _shape_lines(shape)
        if slide.has_notes_slide:
            lines += [f"  note | {p.text}" for p in slide.notes_slide.notes_text_frame.paragraphs]
        footer = {s.name: s.text_frame.text for s in slide.shapes if s.name in ("Marking", "Slide Number")}
        lines.append(f"  footer | {footer.get('Marking', '')} | {footer.get('Slide Number', '')}")
    return "\n".join(lines) + "\n"


DUMPS = [("docx", dump_brief, "sample-brief.txt"), ("pptx", dump_deck, "sample-deck.txt")]


@pytest.mark.parametrize(("kind", "dump", "name"), DUMPS)
def test_read_back_dump_matches_the_golden_file(rendered: dict[str, Path], kind: str, dump: Any, name: str) -> None:
    text = dump(rendered[kind].read_bytes())
    golden = GOLDEN / name
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with REPORTGEN_REGEN_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs: check, then REPORTGEN_REGEN_GOLDEN=1"


def test_the_sample_deck_fits_and_has_notes_on_every_content_slide(rendered: dict[str, Path]) -> None:
    prs = Presentation(str(rendered["pptx"]))
    assert_nothing_overflows(prs)
    content = [s for s in prs.slides if s.slide_layout.name != "Title Slide"]
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in content)
    kinds = [s.slide_layout.name for s in prs.slides]
    assert kinds.count("Title Only") >= 3, "figures, timeline and actors are visual slides (no chart: no 3 alike)"


def test_libreoffice_renders_the_analyst_brief_in_at_most_four_pages(rendered: dict[str, Path], tmp_path: Path) -> None:
    pdf = convert_to_pdf(rendered["docx"], tmp_path)
    assert pdf_page_count(pdf) <= MAX_BRIEF_PAGES
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for heading in ("Key facts", "Timeline", "Actors", "Outlook", "Sources"):
        assert heading in text
    assert "1,524" in text and "Shehbaz Sharif" in text and "2014-12-24" in text


def test_libreoffice_renders_every_slide_of_the_sample_deck(rendered: dict[str, Path], tmp_path: Path) -> None:
    pdf = convert_to_pdf(rendered["pptx"], tmp_path)
    assert pdf_page_count(pdf) == len(Presentation(str(rendered["pptx"])).slides)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for title in ("Agenda", "Key figures", "Timeline", "Actors", "Outlook", "Sources"):
        assert title in text


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_the_sample_files_pass_the_open_xml_validator(rendered: dict[str, Path], kind: str) -> None:
    assert validation_errors(rendered[kind]) == []
