"""Right-to-left and CJK articles: both files carry the language and reading direction."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reportgen.pipeline import build
from tests.support.office import convert_to_pdf, validation_errors

ARABIC = """الهجوم على المتحف يثير المخاوف في تونس

قتل مسلحون تسعة عشر شخصا في متحف باردو في العاصمة تونس يوم الأربعاء، وفق ما قالت السلطات.

وقالت الحكومة إن قوات الأمن ستعزز الحماية حول المواقع السياحية في الأسابيع المقبلة.

وكانت البلاد قد شهدت هجمات مماثلة في الماضي، لكن هذا الهجوم هو الأكبر منذ سنوات.
"""


@pytest.fixture(scope="module")
def arabic_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("arabic")
    article = folder / "tunis.txt"
    article.write_text(ARABIC, encoding="utf-8")
    return build(article, out_dir=folder / "out").files


def test_arabic_brief_reads_right_to_left_in_arabic(arabic_build: dict[str, Path]) -> None:
    with zipfile.ZipFile(arabic_build["docx"]) as z:
        document = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert "<w:bidi/>" in document and "<w:rtl/>" in document
    assert 'w:bidi="ar"' in styles
    assert "متحف باردو" in document


def test_arabic_deck_paragraphs_are_right_to_left(arabic_build: dict[str, Path]) -> None:
    with zipfile.ZipFile(arabic_build["pptx"]) as z:
        slide = z.read("ppt/slides/slide2.xml").decode("utf-8")
    assert 'rtl="1"' in slide and 'lang="ar"' in slide


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_right_to_left_files_stay_valid_and_open(arabic_build: dict[str, Path], kind: str, tmp_path: Path) -> None:
    assert validation_errors(arabic_build[kind]) == []
    convert_to_pdf(arabic_build[kind], tmp_path)
