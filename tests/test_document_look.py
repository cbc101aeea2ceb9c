"""The built-in packs' documents read as a briefing officer would sign them (issue 17).

Every built-in pack builds the sample and three development articles (../shared/articles, when it
lies beside the checkout); each output is read back and held to the rules of the look: the bottom
line before any contents, no marking repeated in the body, tables that break cleanly, one body size
per deck, nothing drawn over anything, and no folder of this machine in any visible text.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pptx import Presentation

from reportgen.packs import builtin_names, find_pack
from reportgen.pipeline import build
from tests.renderers.pptx.checks import assert_no_text_overlaps, assert_nothing_overflows

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "op-azm-i-istehkam.txt"
DEV = ROOT.parent / "shared" / "articles"
DEV_ARTICLES = ("01_wapo_tunisia_bardo_attack_rawpage", "05_secbrief_al_shabaab_ct", "07_nytimes_sudan_sanctions")
ARTICLES = [SAMPLE, *(DEV / f"{name}.txt" for name in DEV_ARTICLES if (DEV / f"{name}.txt").is_file())]
#: Slide layouts whose body placeholder holds a subtitle, not the deck's body text.
OWN_SIZE_LAYOUTS = ("Title Slide", "Section Header")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("look")
    return {
        (article.stem, pack): build(article, pack, out / f"{article.stem}-{pack}").out_dir
        for article in ARTICLES
        for pack in sorted(builtin_names())
    }


def _body_texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return texts


def test_the_brief_opens_with_its_bottom_line_and_any_contents_come_after_it(
    built: dict[tuple[str, str], Path],
) -> None:
    for (article, pack), folder in built.items():
        document = docx.Document(str(folder / "brief.docx"))
        body = document.element.body
        order = [child.tag for child in body]
        first_table = order.index(qn("w:tbl"))  # the bottom line is the first box
        box = document.tables[0].cell(0, 0).paragraphs[0].text
        assert box == find_pack(pack).settings["wording"]["bottom_line"], (article, pack)
        contents = [n for n, p in enumerate(body.iter(qn("w:p"))) if "Contents" in (p.xpath("string(.)"),)]
        paragraphs_before = len(list(body[:first_table]))
        assert all(n > paragraphs_before for n in contents), (article, pack, "contents before the bottom line")
        assert first_table <= 4, (article, pack, "title, source line, then the bottom line on page 1")


def test_the_marking_is_in_headers_and_footers_not_repeated_in_the_body(built: dict[tuple[str, str], Path]) -> None:
    for (article, pack), folder in built.items():
        marking = find_pack(pack).marking
        assert marking not in _body_texts(folder / "brief.docx"), (article, pack)
        header = docx.Document(str(folder / "brief.docx")).sections[0].header
        assert marking in [p.text for p in header.paragraphs], (article, pack)


def test_brief_tables_repeat_their_header_never_split_rows_and_keep_three_rows_together(
    built: dict[tuple[str, str], Path],
) -> None:
    for (article, pack), folder in built.items():
        for table in docx.Document(str(folder / "brief.docx")).tables[1:]:
            rows = table.rows
            if len(rows) < 2 or not rows[0]._tr.trPr.xpath("w:tblHeader"):
                continue  # a one-cell box (the judgement) or a captioned figures table without a header
            assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows), (article, pack)
            kept = [all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in rows]
            assert all(kept[: min(3, len(rows) - 1)]), (article, pack, kept)
            assert not kept[-1] and all(kept[max(1, len(rows) - 3) : -1]), (article, pack, kept)


def test_every_deck_has_one_body_size_and_nothing_drawn_over_anything(built: dict[tuple[str, str], Path]) -> None:
    for (article, pack), folder in built.items():
        prs = Presentation(str(folder / "deck.pptx"))
        sizes = set()
        for slide in prs.slides:
            if slide.slide_layout.name in OWN_SIZE_LAYOUTS:
                continue
            for shape in slide.placeholders:
                if shape.placeholder_format.idx == 1 and shape.has_text_frame:
                    sizes |= {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size}
        assert len(sizes) <= 1, (article, pack, sizes)
        assert_no_text_overlaps(prs)
        assert_nothing_overflows(prs)


def test_no_folder_of_this_machine_shows_in_any_output(built: dict[tuple[str, str], Path]) -> None:
    folders = {str(SAMPLE.parent), str(DEV), str(ROOT)}
    for (article, pack), folder in built.items():
        texts = _body_texts(folder / "brief.docx")
        prs = Presentation(str(folder / "deck.pptx"))
        for slide in prs.slides:
            texts += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            texts.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
        shown = "\n".join(texts)
        assert not any(f in shown for f in folders), (article, pack)
        assert f"{article}.txt" in shown or article not in shown  # the file is named by its name alone
