"""The Word renderer, read back with python-docx: styles by name, order, marking, fields, callout."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from reportgen.errors import PackError
from reportgen.outline import BulletList, Callout, Cover, Heading, Meta, Outline, PageBreak, Para, Slide, Toc
from reportgen.renderers.docx.render import REQUIRED_STYLES, render
from tests.support.office import convert_to_pdf, pdf_page_count, validation_errors

ROOT = Path(__file__).resolve().parents[3]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BUILT_IN = ROOT / "templates" / "analyst" / "reference.docx"

META = Meta(
    title="Operation Azm-i-Istehkam",
    subject="Security brief",
    keywords="Pakistan; counter-terrorism",
    author="Analyst desk",
    marking="OFFICIAL",
    date="2024-06-22",
    audience="analyst",
)


def sample_outline(meta: Meta = META) -> Outline:
    sections = []
    for number, title in enumerate(("Background", "Developments", "Actors", "Outlook")):
        items = tuple(f"{title} bullet {i}, reported in the article [¶{4 * number + i}]" for i in range(1, 5))
        sections += [Heading(1, title), BulletList(items)]
    return Outline(
        kind="brief",
        meta=meta,
        blocks=(
            Cover("Operation Azm-i-Istehkam", "Analyst brief", "Regional analysts", ""),
            Callout("Bottom line", ("A new campaign [¶1]", "A political track [¶3]", "Opposition doubts [¶7]")),
            *sections,
            Heading(2, "Sources"),
            Para("Dawn, 22 June 2024", "Source"),
            Para("A closing paragraph in Normal."),
        ),
    )


@pytest.fixture(scope="module")
def custom_reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reference a user might make: Letter paper, theme fonts, sample text and an old header."""
    doc = docx.Document()
    for name in ("Marking", "Source", "Callout Title", "Callout Text"):
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("Sample text the renderer must remove")
    doc.sections[0].header.paragraphs[0].text = "Old header text"
    path = tmp_path_factory.mktemp("ref") / "custom.docx"
    doc.save(str(path))
    return path


@pytest.fixture(params=["built-in", "custom"])
def reference(request: pytest.FixtureRequest, custom_reference: Path) -> Path:
    return BUILT_IN if request.param == "built-in" else custom_reference


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def body_items(doc: Document) -> Iterator[tuple[str, str]]:
    """(style, text) for body paragraphs; ("table", joined cell text) for tables."""
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            yield (item.style.name if item.style else "", item.text)
        elif isinstance(item, Table):
            yield ("table", " | ".join(p.text for p in item.cell(0, 0).paragraphs))


def test_headings_are_real_heading_paragraphs_and_bullets_use_list_bullet(reference: Path) -> None:
    items = list(body_items(read(render(sample_outline(), reference))))
    assert ("Heading 1", "Background") in items
    assert ("Heading 2", "Sources") in items
    assert ("List Bullet", "Outlook bullet 4, reported in the article [¶16]") in items
    assert ("Title", "Operation Azm-i-Istehkam") in items
    assert ("Subtitle", "Analyst brief") in items
    assert ("Source", "Dawn, 22 June 2024") in items
    assert items[-1] == ("Normal", "A closing paragraph in Normal.")


def test_blocks_appear_in_outline_order_and_reference_sample_text_is_gone(reference: Path) -> None:
    texts = [text for _style, text in body_items(read(render(sample_outline(), reference)))]
    assert texts[:4] == [
        "Operation Azm-i-Istehkam",
        "Analyst brief",
        "Audience: Regional analysts",
        "Bottom line | A new campaign [¶1] | A political track [¶3] | Opposition doubts [¶7]",
    ]
    headings = [t for t in texts if t in ("Background", "Developments", "Actors", "Outlook", "Sources")]
    assert headings == ["Background", "Developments", "Actors", "Outlook", "Sources"]
    assert not any("Sample text" in t for t in texts)


def test_marking_is_in_the_header_and_footer_in_marking_style(reference: Path) -> None:
    section = read(render(sample_outline(), reference)).sections[0]
    header = [(p.style.name if p.style else "", p.text) for p in section.header.paragraphs]
    footer = [(p.style.name if p.style else "", p.text) for p in section.footer.paragraphs]
    assert header == [("Marking", "OFFICIAL")]
    assert footer[-1] == ("Marking", "OFFICIAL")
    assert "Old header text" not in section.header._element.xml


def test_the_cover_repeats_no_marking_the_pages_carry_but_shows_another_one(reference: Path) -> None:
    same = [p.text for p in read(render(sample_outline(), reference)).paragraphs]
    assert "OFFICIAL" not in same  # the header and footer of every page say it already
    cover = Cover("Operation Azm-i-Istehkam", "Analyst brief", "", "OFFICIAL-SENSITIVE")
    other = Outline("brief", META, (cover, Para("Body.")))
    assert [p.text for p in read(render(other, reference)).paragraphs][:3] == [
        "Operation Azm-i-Istehkam", "Analyst brief", "OFFICIAL-SENSITIVE",
    ]  # fmt: skip


def test_footer_shows_page_x_of_y_with_page_and_numpages_fields(reference: Path) -> None:
    footer = read(render(sample_outline(), reference)).sections[0].footer
    numbers = footer.paragraphs[0]
    instructions = [el.text.strip() for el in numbers._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert [el.get(qn("w:fldCharType")) for el in numbers._p.iter(qn("w:fldChar"))] == [
        "begin", "separate", "end", "begin", "separate", "end",
    ]  # fmt: skip
    assert "".join(t.text or "" for t in numbers._p.iter(qn("w:t"))) == "Page 1 of 1"


def test_callout_is_a_shaded_bordered_unsplittable_box_holding_title_and_items(reference: Path) -> None:
    doc = read(render(sample_outline(), reference))
    (table,) = doc.tables
    cell = table.cell(0, 0)
    assert [(p.style.name if p.style else "", p.text) for p in cell.paragraphs] == [
        ("Callout Title", "Bottom line"),
        ("Callout Text", "A new campaign [¶1]"),
        ("Callout Text", "A political track [¶3]"),
        ("Callout Text", "Opposition doubts [¶7]"),
    ]
    assert [p.paragraph_format.keep_with_next for p in cell.paragraphs[:-1]] == [True, True, True]
    tc_pr = cell._tc.tcPr
    assert tc_pr is not None
    shading = tc_pr.find(qn("w:shd"))
    assert shading is not None and shading.get(qn("w:fill")) not in (None, "auto", "FFFFFF")
    borders = tc_pr.find(qn("w:tcBorders"))
    assert borders is not None and len(borders) == 4
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_core_properties_come_from_the_outline_meta(reference: Path) -> None:
    props = read(render(sample_outline(), reference)).core_properties
    assert (props.title, props.subject, props.author, props.keywords) == (
        "Operation Azm-i-Istehkam", "Security brief", "Analyst desk", "Pakistan; counter-terrorism",
    )  # fmt: skip
    assert props.last_modified_by == "reportgen"
    assert props.comments == ""
    assert props.revision == 1
    # The build time: SOURCE_DATE_EPOCH, which tests/conftest.py sets (issue 18: never the article's date).
    assert props.created == props.modified == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def test_documents_are_dated_by_source_date_epoch_or_the_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    meta = Meta(title="Undated", marking="OFFICIAL")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719014400")  # 2024-06-22 UTC
    props = read(render(sample_outline(meta), BUILT_IN)).core_properties
    assert props.created == props.modified == dt.datetime(2024, 6, 22, tzinfo=dt.UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = read(render(sample_outline(meta), BUILT_IN)).core_properties
    assert props.created is not None and props.created >= before


def test_a_date_that_is_not_iso_raises_pack_error() -> None:
    with pytest.raises(PackError, match="not an ISO date"):
        render(sample_outline(Meta(date="22/06/2024")), BUILT_IN)


def test_rendering_twice_gives_identical_bytes(reference: Path) -> None:
    assert render(sample_outline(), reference) == render(sample_outline(), reference)


def test_reference_page_setup_survives_the_render() -> None:
    section = read(render(sample_outline(), BUILT_IN)).sections[0]
    assert section.page_width is not None and section.page_height is not None and section.left_margin is not None
    # A4 and 2 cm margins, to the twip Word stores them in
    assert (section.page_width.twips, section.page_height.twips) == (Cm(21).twips, Cm(29.7).twips)
    assert section.left_margin.twips == Cm(2).twips


def test_page_break_becomes_break_before_on_the_next_paragraph() -> None:
    outline = Outline("brief", META, (Para("first"), PageBreak(), Heading(1, "second")))
    paragraphs = read(render(outline, BUILT_IN)).paragraphs
    assert [p.text for p in paragraphs] == ["first", "second"]
    assert paragraphs[1].paragraph_format.page_break_before is True


def test_slide_blocks_are_skipped_in_a_brief() -> None:
    outline = Outline("brief", META, (Para("kept"), Slide(kind="bullets", title="deck only", items=("x",))))
    assert [p.text for p in read(render(outline, BUILT_IN)).paragraphs] == ["kept"]


def test_styles_a_reference_lacks_come_from_the_built_in_one_adapted_to_it(tmp_path: Path) -> None:
    doc = docx.Document()  # python-docx's default template: no Marking, Callout or List Bullet numbering
    doc.styles["Normal"].font.name = "Georgia"
    doc.styles["List Bullet"].element.getparent().remove(doc.styles["List Bullet"].element)
    plain = tmp_path / "plain.docx"
    doc.save(str(plain))
    out = read(render(sample_outline(), plain))
    callout = out.styles["Callout Title"]
    assert callout.base_style is not None and callout.base_style.name == "Normal"
    assert callout.font.name is None  # no typeface of its own: the template's Normal (Georgia) shows
    assert callout.element.find(f"{W}rPr/{W}color").get(f"{W}themeColor") == "accent1"
    bullets = [p for p in out.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert len(bullets) == 16 and bullets[0].style.element.find(f"{W}pPr/{W}numPr") is not None
    assert out.part.numbering_part.element.findall(f"{W}num")  # its bullet definition came too


def test_a_reference_with_word_or_libreoffice_names_keeps_its_own_styles(tmp_path: Path) -> None:
    doc = docx.Document()  # has Word's "TOC Heading"; "Contents 1" is LibreOffice's name for toc 1
    doc.styles.add_style("Contents 1", WD_STYLE_TYPE.PARAGRAPH)
    named = tmp_path / "named.docx"
    doc.save(str(named))
    outline = Outline("brief", META, (Toc("Contents", 1), Heading(1, "One"), Para("text")))
    out = read(render(outline, named))
    assert [p.style.name for p in out.paragraphs[:2] if p.style is not None] == ["TOC Heading", "Contents 1"]


def test_a_paragraph_style_neither_reference_has_is_a_pack_error_naming_it() -> None:
    outline = Outline("brief", META, (Para("x", "Pull Quote"),))
    with pytest.raises(PackError, match="neither the reference document nor the built-in one has: 'Pull Quote'"):
        render(outline, BUILT_IN)


def test_a_reference_that_is_not_a_docx_is_a_pack_error(tmp_path: Path) -> None:
    bogus = tmp_path / "reference.docx"
    bogus.write_text("not a zip")
    with pytest.raises(PackError, match="reference document"):
        render(sample_outline(), bogus)


def test_built_in_reference_defines_every_documented_style_and_headings_keep_with_next() -> None:
    doc = docx.Document(str(BUILT_IN))
    names = {s.name for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    assert set(REQUIRED_STYLES) | {"Heading 3", "Source"} <= names
    for level in (1, 2, 3):
        assert doc.styles[f"Heading {level}"].paragraph_format.keep_with_next is True


def test_committed_reference_is_what_its_script_generates(tmp_path: Path) -> None:
    out = tmp_path / "reference.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_reference_docx.py"), str(out)], check=True, capture_output=True
    )
    assert out.read_bytes() == BUILT_IN.read_bytes(), "run scripts/make_reference_docx.py and commit the result"


def test_output_passes_the_open_xml_validator_and_opens_in_libreoffice(reference: Path, tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(render(sample_outline(), reference))
    assert validation_errors(path) == []
    assert pdf_page_count(convert_to_pdf(path, tmp_path)) >= 1


def test_rendering_does_not_import_python_docx() -> None:
    """The renderer writes WordprocessingML itself: python-docx costs more to import than a render."""
    script = (
        "import sys; from pathlib import Path; from tests.renderers.docx.test_render import BUILT_IN, sample_outline; "
        "sys.modules.pop('docx', None); from reportgen.renderers.docx.render import render; "
        "render(sample_outline(), BUILT_IN); print('docx' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"


def test_first_page_and_even_page_headers_and_footers_get_the_marking_too(tmp_path: Path) -> None:
    doc = docx.Document(str(BUILT_IN))
    doc.sections[0].different_first_page_header_footer = True
    doc.settings.odd_and_even_pages_header_footer = True
    reference = tmp_path / "pages.docx"
    doc.save(str(reference))
    path = tmp_path / "brief.docx"
    path.write_bytes(render(sample_outline(), reference))
    section = read(path.read_bytes()).sections[0]
    for header, footer in (
        (section.header, section.footer),
        (section.first_page_header, section.first_page_footer),
        (section.even_page_header, section.even_page_footer),
    ):
        assert [p.text for p in header.paragraphs] == ["OFFICIAL"]
        assert [p.text for p in footer.paragraphs] == ["Page 1 of 1", "OFFICIAL"]
    assert validation_errors(path) == []


def test_a_logo_is_36_pt_tall_and_keeps_its_proportions_at_its_own_resolution(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (200, 16, 46)).save(logo, dpi=(300, 300))
    meta = Meta(title="Branded", marking="OFFICIAL", logo=str(logo))
    (shape,) = read(render(sample_outline(meta), BUILT_IN)).inline_shapes
    assert shape.height == Pt(36) and abs(shape.width - Pt(108)) <= 1


def test_a_logo_whose_png_says_one_pixel_a_metre_is_placed_at_72_dpi(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (200, 16, 46)).save(logo, dpi=(0.0254, 0.0254))  # pHYs: 1 pixel a metre
    meta = Meta(title="Branded", marking="OFFICIAL", logo=str(logo))
    (shape,) = read(render(sample_outline(meta), BUILT_IN)).inline_shapes
    assert shape.height == Pt(36) and abs(shape.width - Pt(108)) <= 1


def test_a_reference_without_core_properties_gets_them(tmp_path: Path) -> None:
    reference = tmp_path / "nocore.docx"
    with zipfile.ZipFile(BUILT_IN) as src, zipfile.ZipFile(reference, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                continue
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = re.sub(rb"<(Relationship|Override) [^>]*core[^>]*/>", b"", data)
            dst.writestr(info, data)
    props = read(render(sample_outline(), reference)).core_properties
    assert (props.title, props.author, props.revision) == ("Operation Azm-i-Istehkam", "Analyst desk", 1)
    assert props.created == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # SOURCE_DATE_EPOCH of tests/conftest.py


def test_contents_lines_get_a_right_tab_when_the_templates_contents_styles_set_none(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)  # Word's own: its TOC field adds the tab
    plain = tmp_path / "plain.docx"
    doc.save(str(plain))
    outline = Outline("brief", META, (Toc("Contents", 1), Heading(1, "One"), Para("text")))
    entry = read(render(outline, plain)).paragraphs[1]
    [tab] = entry._p.findall(f"{W}pPr/{W}tabs/{W}tab")
    assert (tab.get(f"{W}val"), tab.get(f"{W}leader")) == ("right", "dot")
    built_in_entry = read(render(outline, BUILT_IN)).paragraphs[1]
    assert built_in_entry._p.find(f"{W}pPr/{W}tabs") is None  # its Contents styles have the tab
