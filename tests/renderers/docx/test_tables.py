"""The brief's tables, judgement box and contents, read back with python-docx and via LibreOffice."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from reportgen.outline import BulletList, Callout, Event, Heading, Judgement, Meta, Outline, Para, Table, Timeline, Toc
from reportgen.renderers.docx.pages import estimated_pages
from reportgen.renderers.docx.reference import open_reference
from reportgen.renderers.docx.render import render
from tests.support.office import convert_to_pdf, pdf_page_count

ROOT = Path(__file__).resolve().parents[3]
BUILT_IN = ROOT / "templates" / "analyst" / "reference.docx"
META = Meta(title="Brief", marking="OFFICIAL", date="2024-06-24")
ACTORS = Table(
    head=("Name", "Role", "Affiliation"),
    rows=(("Shehbaz Sharif", "Prime Minister", "Pakistan"), ("Liu Jianchao", "Minister", "Communist Party of China")),
    widths=(2, 3, 3),
)


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def styles_of(cell: object) -> list[str]:
    return [p.style.name for p in cell.paragraphs]  # type: ignore[attr-defined]


def test_a_table_has_a_repeating_shaded_header_and_rows_that_never_split() -> None:
    doc = read(render(Outline("brief", META, (ACTORS,)), BUILT_IN))
    (table,) = doc.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [list(ACTORS.head), *map(list, ACTORS.rows)]
    assert styles_of(table.cell(0, 0)) == ["Table Heading"] and styles_of(table.cell(1, 2)) == ["Table Text"]
    header = table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table.cell(0, 0)._tc.tcPr.find(qn("w:shd")) is not None
    widths = [c.width for c in table.columns]
    assert widths[1] == widths[2] and abs(widths[0] * 1.5 - widths[1]) < 1000, "widths follow the outline's 2,3,3"


def kept_with_next(row: object) -> bool:
    paragraphs = [p for cell in row.cells for p in cell.paragraphs]  # type: ignore[attr-defined]
    return all(p.paragraph_format.keep_with_next for p in paragraphs)


def test_the_first_and_last_three_rows_of_a_table_keep_together() -> None:
    table = Table(("Name", "Role"), tuple((f"Person {n}", "Minister") for n in range(10)))
    (written,) = read(render(Outline("brief", META, (table,)), BUILT_IN)).tables
    kept = [kept_with_next(row) for row in written.rows]
    # header, rows 0 and 1 hold on to row 2; rows 7 and 8 to row 9; the middle may break anywhere
    assert kept == [True, True, True, False, False, False, False, False, True, True, False]


def test_a_short_table_keeps_all_its_rows_on_one_page() -> None:
    table = Table(("Name", "Role"), tuple((f"Person {n}", "Minister") for n in range(4)))
    (written,) = read(render(Outline("brief", META, (table,)), BUILT_IN)).tables
    assert [kept_with_next(row) for row in written.rows] == [True, True, True, True, False]


def test_columns_without_widths_take_their_width_from_their_content() -> None:
    prose = "Minister of the International Department of the Communist Party of China, met the delegation"
    table = Table(
        ("Name", "Role", "Source"),
        (("Liu Jianchao", prose, "[¶18], [¶19], [¶24]"), ("Ishaq Dar", "Foreign Minister", "[¶22]")),
    )
    (written,) = read(render(Outline("brief", META, (table,)), BUILT_IN)).tables
    name, role, source = (c.width for c in written.columns)
    assert role > 2 * name and role > 2 * source  # the prose takes the room
    assert source > name * 0.9  # "[¶18], [¶19], [¶24]" on one line where it fits


def test_a_table_breaking_across_pages_leaves_three_rows_on_each(tmp_path: Path) -> None:
    """Filler pushes the table's start to the foot of page 1; LibreOffice must carry its first rows
    over rather than leave the header and one row behind."""
    filler = " ".join(["Filler text that fills the first page of the brief."] * 12)
    rows = tuple((f"Row {n:02d}", "A role held by this person") for n in range(24))
    for paragraphs in range(4, 9):  # some count leaves room for only one or two rows
        outline = Outline("brief", META, (*(Para(filler) for _ in range(paragraphs)), Table(("Name", "Role"), rows)))
        path = tmp_path / f"brief{paragraphs}.docx"
        path.write_bytes(render(outline, BUILT_IN))
        pdf = convert_to_pdf(path, tmp_path)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        per_page = [len(re.findall(r"Row \d\d", page)) for page in text.split("\f")]
        assert [n for n in per_page if n] and all(n == 0 or n >= 3 for n in per_page), (paragraphs, per_page)


def test_a_timeline_is_a_date_and_event_table_in_order() -> None:
    timeline = Timeline((Event("2007", "Lal Masjid [¶27]"), Event("2014-12-24", "NAP approved [¶4]")))
    (table,) = read(render(Outline("brief", META, (timeline,)), BUILT_IN)).tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Date", "Event"], ["2007", "Lal Masjid [¶27]"], ["2014-12-24", "NAP approved [¶4]"],
    ]  # fmt: skip


def test_an_empty_table_or_timeline_writes_nothing() -> None:
    outline = Outline("brief", META, (Para("kept"), Table(("a",), ()), Timeline(())))
    doc = read(render(outline, BUILT_IN))
    assert doc.tables == [] and [p.text for p in doc.paragraphs] == ["kept"]


def test_the_judgement_is_set_apart_in_its_own_box_and_styles() -> None:
    doc = read(render(Outline("brief", META, (Judgement("The author's assessment", ("A neutral trend.",)),)), BUILT_IN))
    (box,) = doc.tables
    cell = box.cell(0, 0)
    assert [(p.style.name, p.text) for p in cell.paragraphs] == [
        ("Assessment Title", "The author's assessment"), ("Assessment Text", "A neutral trend."),
    ]  # fmt: skip
    borders = cell._tc.tcPr.find(qn("w:tcBorders"))
    assert [b.tag.split("}")[1] for b in borders] == ["left"]
    assert doc.styles["Assessment Text"].font.italic is True


def contents_outline() -> Outline:
    long = " ".join(["Filler text for the page."] * 60)
    blocks: list[object] = [Toc("Contents", 1)]
    for n in range(1, 5):
        blocks += [Heading(1, f"Part {n}"), *(Para(long) for _ in range(6)), Heading(2, f"Detail {n}")]
    return Outline("brief", META, tuple(blocks))  # type: ignore[arg-type]


def test_contents_list_level_one_headings_linked_to_bookmarks_with_pageref_fields() -> None:
    doc = read(render(contents_outline(), BUILT_IN))
    entries = [p for p in doc.paragraphs if p.style.name == "Contents 1"]
    assert [p.text.strip() for p in entries] == ["Part 1", "Part 2", "Part 3", "Part 4"]
    first = entries[0]._p
    anchor = first.find(qn("w:hyperlink")).get(qn("w:anchor"))
    assert [t.text.strip() for t in first.iter(qn("w:instrText"))] == [f"PAGEREF {anchor} \\h"]
    heading = next(p for p in doc.paragraphs if p.text == "Part 1")
    assert heading._p.find(qn("w:bookmarkStart")).get(qn("w:name")) == anchor


def test_contents_with_min_pages_are_written_only_for_a_brief_that_long() -> None:
    long = contents_outline()
    blocks = (Callout("Bottom line", ("A point.",)), Toc("Contents", 1, min_pages=5), *long.blocks[1:])
    written = [p.text for p in read(render(Outline("brief", META, blocks), BUILT_IN)).paragraphs]
    assert "Contents" in written
    short = (Callout("Bottom line", ("A point.",)), Toc("Contents", 1, min_pages=5), Heading(1, "Only"), Para("x"))
    assert "Contents" not in [p.text for p in read(render(Outline("brief", META, short), BUILT_IN)).paragraphs]


def test_the_page_estimate_is_within_a_page_of_libreoffices_count(tmp_path: Path) -> None:
    bullets = BulletList(
        tuple(f"Point {n}: " + "a sentence of the article, quoted whole. " * (n % 4 + 1) for n in range(14))
    )
    table = Table(
        ("Date", "Event"),
        tuple((f"20{n:02d}", "An event of the year, as the article tells it. " * 2) for n in range(18)),
    )
    cases = {
        "prose": contents_outline().blocks[1:17],
        "bullets": (Heading(1, "Points"), bullets, Heading(1, "Table"), table, Heading(1, "More"), bullets),
        "long bullets": (Heading(1, "Points"), bullets, bullets, bullets, bullets, bullets),
    }
    for count, blocks in cases.items():
        outline = Outline("brief", META, tuple(blocks))
        path = tmp_path / f"brief{len(blocks)}.docx"
        path.write_bytes(render(outline, BUILT_IN))
        laid_out = pdf_page_count(convert_to_pdf(path, tmp_path))
        ref = open_reference(BUILT_IN)[1]
        assert abs(estimated_pages(outline.blocks, ref.text_width, ref.text_height) - laid_out) <= 1, count


def test_libreoffice_fills_the_contents_with_the_pages_the_headings_land_on(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(render(contents_outline(), BUILT_IN))
    pdf = convert_to_pdf(path, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    listed = dict(re.findall(r"^\s*(Part \d)\s*\.{3,}\s*(\d+)\s*$", text, flags=re.MULTILINE))
    pages = text.split("\f")
    actual = {f"Part {n}": str(next(i for i, p in enumerate(pages, 1) if re.search(rf"^\s*Part {n}\s*$", p, re.M)))
              for n in range(1, 5)}  # fmt: skip
    assert listed == actual and len(set(actual.values())) > 1


def test_a_reference_without_the_table_styles_gets_them_and_says_so(tmp_path: Path) -> None:
    from reportgen.renderers.docx.render import notes

    doc = docx.Document(str(BUILT_IN))
    doc.styles["Table Text"].element.getparent().remove(doc.styles["Table Text"].element)
    lacking = tmp_path / "lacking.docx"
    doc.save(str(lacking))
    table = docx.Document(io.BytesIO(render(Outline("brief", META, (ACTORS,)), lacking))).tables[0]
    assert table.rows[1].cells[0].paragraphs[0].style.name == "Table Text"
    assert notes(lacking) == (
        "lacking.docx has no style 'Table Text': supplied from the built-in reference, in this one's fonts and colours",
    )
    assert notes(BUILT_IN) == ()


def test_a_captioned_table_right_under_a_box_keeps_air_between_them() -> None:
    figures = Table(("Figure", "What"), (("1,524", "fatalities"),), caption="Key figures")
    outline = Outline("brief", META, (Callout("Bottom line", ("A point.",)), figures, figures))
    doc = read(render(outline, BUILT_IN))
    captions = [p for p in doc.paragraphs if p.text == "Key figures"]
    assert [p.paragraph_format.space_before for p in captions] == [Pt(12), Pt(12)]
    lone = read(render(Outline("brief", META, (Para("Text."), figures)), BUILT_IN))
    assert next(p for p in lone.paragraphs if p.text == "Key figures").paragraph_format.space_before != Pt(12)
