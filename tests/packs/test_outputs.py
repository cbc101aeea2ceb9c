"""The sample built with each built-in pack, read back: what each audience gets is different.

Executive: one page as LibreOffice lays it out, at most six slides, at most three bullets a
section. Public: PUBLIC on every page and slide, no paragraph references or OFFICIAL marking.
Analyst: contents, facts, timeline and actors tables. Plus a copied pack whose shared template
edit reaches both outputs, branding, and a company .dotx/.potx as the reference.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pptx import Presentation

from reportgen.packs import find_pack
from reportgen.packs.scaffold import new_pack
from reportgen.pipeline import build
from tests.builders import SAMPLE
from tests.support.office import convert_to_pdf, pdf_page_count, validation_errors

PACKS = ("analyst", "executive", "public")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("packs")
    return {name: build(SAMPLE, name, root / name).out_dir for name in PACKS}


def _docx_text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _slides(path: Path) -> list[list[str]]:
    return [
        [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        for slide in Presentation(str(path)).slides
    ]


def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("name", PACKS)
def test_every_pack_makes_files_the_open_xml_validator_accepts(built: dict[str, Path], name: str) -> None:
    for file in ("brief.docx", "deck.pptx"):
        assert validation_errors(built[name] / file) == [], (name, file)


def test_executive_brief_fits_one_page_and_its_deck_six_slides(built: dict[str, Path], tmp_path: Path) -> None:
    folder = built["executive"]
    assert pdf_page_count(convert_to_pdf(folder / "brief.docx", tmp_path)) == 1
    slides = _slides(folder / "deck.pptx")
    assert len(slides) <= 6
    assert slides[1][0] == "Bottom line" and slides[2][0] == "Key figures"
    document = docx.Document(str(folder / "brief.docx"))
    bullets = [p for p in document.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert 0 < len(bullets) <= 2 * 3  # two sections, at most three bullets each
    assert "Contents" not in _docx_text(folder / "brief.docx")


def test_public_marking_is_on_every_page_and_slide(built: dict[str, Path], tmp_path: Path) -> None:
    folder = built["public"]
    for pdf in (convert_to_pdf(folder / "brief.docx", tmp_path), convert_to_pdf(folder / "deck.pptx", tmp_path)):
        pages = _pdf_pages(pdf)
        assert len(pages) == pdf_page_count(pdf)
        assert all("PUBLIC" in page for page in pages), pdf.name
        assert not any("OFFICIAL" in page or "[¶" in page for page in pages), pdf.name
    assert all(any(text == "PUBLIC" for text in slide) for slide in _slides(folder / "deck.pptx"))
    boxes = [c.text for t in docx.Document(str(folder / "brief.docx")).tables for r in t.rows for c in r.cells]
    assert any(text.startswith("In short") for text in boxes)  # plain words for the bottom line


def test_analyst_brief_keeps_every_table_and_no_contents_in_a_three_page_brief(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["analyst"] / "brief.docx"))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert {"Key facts", "Timeline", "Actors"} <= set(headings)
    assert len(document.tables) >= 4  # the bottom-line box, facts, timeline, actors
    assert "Contents" not in [p.text for p in document.paragraphs]  # <toc min-pages="5">
    assert len(_slides(built["analyst"] / "deck.pptx")) > 6


def test_packs_differ_in_wording_and_depth(built: dict[str, Path]) -> None:
    words = {name: " ".join(_docx_text(built[name] / "brief.docx")) for name in PACKS}
    assert len(words["executive"]) < len(words["public"]) < len(words["analyst"])
    assert "[¶" in words["analyst"] and "[¶" in words["executive"] and "[¶" not in words["public"]


def test_an_edit_to_one_shared_template_changes_both_outputs(tmp_path: Path) -> None:
    folder = new_pack("board", find_pack("executive"), tmp_path / "packs")
    shared = folder / "_executive.xml.j2"
    text = shared.read_text(encoding="utf-8")
    shared.write_text(text.replace("{{ common.counted(fact) }}", "{{ common.counted(fact) }} (board figure)"), "utf-8")
    out = build(SAMPLE, str(folder), tmp_path / "out").out_dir
    brief_cells = [c.text for t in docx.Document(str(out / "brief.docx")).tables for r in t.rows for c in r.cells]
    assert any(cell.endswith("(board figure) [¶7]") for cell in brief_cells)
    slide_text = " ".join(" ".join(s) for s in _slides(out / "deck.pptx"))
    assert "(board figure)" in slide_text


def _png(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (120, 40), (200, 16, 46)).save(path)


def _extend_manifest(folder: Path, toml: str) -> None:
    """Append tables to the pack's pack.toml."""
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n" + toml, "utf-8")


def test_a_logo_and_accent_colour_brand_the_cover_and_title_slide(tmp_path: Path) -> None:
    folder = new_pack("board", find_pack("executive"), tmp_path)
    _png(folder / "logo.png")
    _extend_manifest(folder, '[brand]\nlogo = "logo.png"\naccent = "#C8102E"\n')
    out = build(SAMPLE, str(folder), tmp_path / "out").out_dir
    document = docx.Document(str(out / "brief.docx"))
    assert len(document.inline_shapes) == 1
    title = next(p for p in document.paragraphs if p.style is not None and p.style.name == "Title")
    assert all(str(run.font.color.rgb) == "C8102E" for run in title.runs)
    first = Presentation(str(out / "deck.pptx")).slides[0]
    assert [s.name for s in first.shapes if s.shape_type == 13] == ["Logo"]  # MSO_SHAPE_TYPE.PICTURE
    assert str(first.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb) == "C8102E"
    assert validation_errors(out / "brief.docx") == [] and validation_errors(out / "deck.pptx") == []


def test_brand_fonts_reach_both_files_and_the_deck_still_fits(tmp_path: Path) -> None:
    from lxml import etree

    from tests.renderers.pptx.checks import assert_nothing_overflows

    folder = new_pack("serif", find_pack("analyst"), tmp_path)
    _extend_manifest(folder, '[brand]\nfont = "Liberation Serif"\nheading_font = "Liberation Sans"\n')
    out = build(SAMPLE, str(folder), tmp_path / "out").out_dir
    styles = docx.Document(str(out / "brief.docx")).styles
    assert styles["Normal"].font.name == "Liberation Serif"
    assert styles["Heading 1"].font.name == "Liberation Sans"
    deck = Presentation(str(out / "deck.pptx"))
    with zipfile.ZipFile(out / "deck.pptx") as z:
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    assert theme.find(".//a:minorFont/a:latin", ns).get("typeface") == "Liberation Serif"
    assert theme.find(".//a:majorFont/a:latin", ns).get("typeface") == "Liberation Sans"
    assert_nothing_overflows(deck)
    assert validation_errors(out / "brief.docx") == [] and validation_errors(out / "deck.pptx") == []


def _as_template(source: Path, target: Path, document_type: str, template_type: str) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(document_type.encode(), template_type.encode())
            dst.writestr(info, data)


def test_a_company_dotx_and_potx_work_as_references(tmp_path: Path) -> None:
    folder = new_pack("company", find_pack("executive"), tmp_path)
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    slides = "application/vnd.openxmlformats-officedocument.presentationml"
    _as_template(
        folder / "reference.docx", folder / "company.dotx", f"{word}.document.main+xml", f"{word}.template.main+xml"
    )
    _as_template(
        folder / "reference.pptx",
        folder / "company.potx",
        f"{slides}.presentation.main+xml",
        f"{slides}.template.main+xml",
    )
    _extend_manifest(
        folder, '[outputs.docx]\nreference = "company.dotx"\n\n[outputs.pptx]\nreference = "company.potx"\n'
    )
    out = build(SAMPLE, str(folder), tmp_path / "out").out_dir
    assert validation_errors(out / "brief.docx") == [] and validation_errors(out / "deck.pptx") == []
    assert len(_slides(out / "deck.pptx")) <= 6


@pytest.mark.parametrize("kind", ["one pixel a metre", "no pHYs", "16-bit"])
def test_a_pack_logo_with_an_odd_png_header_builds_both_outputs(tmp_path: Path, kind: str) -> None:
    from PIL import Image
    from pptx.util import Pt

    folder = new_pack("branded", find_pack("executive"), tmp_path / "packs")
    logo = folder / "logo.png"
    if kind == "16-bit":
        Image.new("I;16", (300, 100), 40000).save(logo)
    else:
        dpi = {"dpi": (0.0254, 0.0254)} if kind == "one pixel a metre" else {}
        Image.new("RGB", (300, 100), (200, 16, 46)).save(logo, **dpi)
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + '\n[brand]\nlogo = "logo.png"\n', encoding="utf-8")
    result = build(SAMPLE, audience="branded", out_dir=tmp_path / "out", templates_dir=tmp_path / "packs")
    (shape,) = docx.Document(str(result.files["docx"])).inline_shapes
    assert shape.height == Pt(36) and abs(shape.width - Pt(108)) <= Pt(1)  # 72 dpi when the file says otherwise
    pictures = [s for s in Presentation(str(result.files["pptx"])).slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].width > pictures[0].height
