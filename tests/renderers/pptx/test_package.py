"""The deck's package as written without python-pptx: parts, notes master, chart data, imports.

The renderer writes PresentationML directly; these check what python-pptx used to guarantee for
it: one notes master (the reference's own when it has one), a chart workbook holding the plotted
figures, unreadable references reported as pack errors, and python-pptx never imported.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation

from reportgen.outline import Chart, Meta, Outline, Point, Slide
from reportgen.renderers.pptx.render import render

ROOT = Path(__file__).resolve().parents[3]
BUILT_IN = ROOT / "templates" / "analyst" / "reference.pptx"
META = Meta(title="Package", marking="OFFICIAL", date="2024-06-24")
SHEET = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def deck(*slides: Slide) -> Outline:
    return Outline("deck", META, slides)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_notes_share_one_notes_master_and_a_reference_s_own_is_reused(tmp_path: Path) -> None:
    outline = deck(Slide("bullets", "One", items=("a",), notes="n1"), Slide("bullets", "Two", items=("b",), notes="n2"))
    first = members(render(outline, BUILT_IN))
    assert [n for n in first if n.startswith("ppt/notesMasters/notesMaster")] == ["ppt/notesMasters/notesMaster1.xml"]
    assert sum(n.startswith("ppt/notesSlides/notesSlide") and n.endswith(".xml") for n in first) == 2
    reference = tmp_path / "with-notes.pptx"
    reference.write_bytes(render(outline, BUILT_IN))  # a reference with slides, notes and a notes master
    second = members(render(outline, reference))
    assert [n for n in second if n.startswith("ppt/notesMasters/")] == [
        "ppt/notesMasters/notesMaster1.xml",
        "ppt/notesMasters/_rels/notesMaster1.xml.rels",
    ]
    assert sorted(n for n in second if n.startswith("ppt/theme/")) == ["ppt/theme/theme1.xml", "ppt/theme/theme2.xml"]
    assert sorted(second) == sorted(first)


def test_the_chart_workbook_holds_the_plotted_labels_and_values() -> None:
    chart = Chart("column", "Casualties & <arrests>", (Point("Killed", 22), Point("Hurt & held", 44.5)))
    parts = members(render(deck(Slide("chart", "Compared", visual=chart)), BUILT_IN))
    [book] = [data for name, data in parts.items() if name.startswith("ppt/embeddings/")]
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        strings = [
            "".join(si.itertext())
            for si in etree.fromstring(archive.read("xl/sharedStrings.xml")).findall("m:si", SHEET)
        ]
        cells = {}
        for cell in etree.fromstring(archive.read("xl/worksheets/sheet1.xml")).iterfind(".//m:c", SHEET):
            value = cell.findtext("m:v", namespaces=SHEET) or ""
            cells[cell.get("r")] = strings[int(value)] if cell.get("t") == "s" else float(value)
    assert cells == {"B1": "Casualties & <arrests>", "A2": "Killed", "B2": 22.0, "A3": "Hurt & held", "B3": 44.5}


def test_a_reference_missing_a_layout_part_is_read_without_it_and_says_so(tmp_path: Path) -> None:
    from reportgen.renderers.pptx.render import notes

    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(BUILT_IN) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "ppt/slideLayouts/slideLayout2.xml":
                target.writestr(info, source.read(info))
    deck_bytes = render(deck(Slide("title", "T", subtitle="s")), broken)
    assert Presentation(io.BytesIO(deck_bytes)).slides[0].shapes.title.text == "T"
    assert notes(broken) == (
        "broken.pptx: a relationship to a missing part (slideLayout: '../slideLayouts/slideLayout2.xml') left out",
    )


def test_rendering_a_deck_imports_neither_python_pptx_nor_python_docx() -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reportgen.outline import Meta, Outline, Slide, Chart, Point\n"
        "from reportgen.renderers.pptx.render import render\n"
        "slides = (Slide('title', 'T', subtitle='s', notes='n'),"
        " Slide('chart', 'C', visual=Chart('bar', 'c', (Point('a', 1),))))\n"
        f"render(Outline('deck', Meta(title='t'), slides), Path({str(BUILT_IN)!r}))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pptx', 'docx', 'xlsxwriter'}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert proc.stdout.strip() == "[]"
