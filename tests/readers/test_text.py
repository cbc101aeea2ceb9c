from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.readers import read_article
from tests.builders import SAMPLE


def test_sample_reads_title_paragraphs_and_the_authors_three_headings() -> None:
    article = read_article(SAMPLE)
    assert article.title == "Op Azm-i-Istehkam: Pak Bites the Made in China CT Bullet"
    assert article.headings == (
        "Chinese Insistence on CT Operation",
        "Pak Experience of Large Operations",
        "Possibility of Success of Op Azm-i-Istehkam",
    )
    assert len(article.paragraphs) == 36
    assert article.paragraphs[0].text.startswith("After protracted deliberations")
    assert article.paragraphs[-1].text.startswith("There are too many variables")


def test_page_debris_at_either_end_is_removed() -> None:
    article = read_article(SAMPLE)
    texts = [article.title] + [p.text for p in article.paragraphs]
    assert not any("top of page" in t.lower() or "bottom of page" in t.lower() for t in texts)


def test_paragraphs_remember_the_heading_they_stand_under() -> None:
    article = read_article(SAMPLE)
    first_under = next(p for p in article.paragraphs if p.heading)
    assert first_under.heading == "Chinese Insistence on CT Operation"
    assert first_under.text.startswith("The visit of Prime Minister")
    assert article.paragraphs[0].heading is None


def test_a_story_that_opens_with_its_lead_keeps_it_and_is_titled_by_its_file_name(tmp_path: Path) -> None:
    lead = "Washington (CNN) -- The administration sent mixed signals on Wednesday on a no-fly zone in Libya."
    path = tmp_path / "libya-no-fly.txt"
    path.write_text(f"{lead}\n\nCritics have called for a stronger response.\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "libya-no-fly"
    assert [p.text for p in article.paragraphs] == [lead, "Critics have called for a stronger response."]


def test_a_headline_with_a_full_stop_is_still_a_headline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Clinton: U.N. backing is important.\n\nShe said so on Wednesday.\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Clinton: U.N. backing is important."
    assert len(article.paragraphs) == 1


def test_markdown_headings_and_inline_markup(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Ports under pressure\n\nThe **port** reopened on [Monday](http://x).\n\n## What next\n"
        "Ships will return slowly, officials said.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.title == "Ports under pressure"
    assert [p.text for p in article.paragraphs] == [
        "The port reopened on Monday.",
        "Ships will return slowly, officials said.",
    ]
    assert article.paragraphs[1].heading == "What next"


def test_windows_line_endings_do_not_double_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title here\r\n\r\nFirst paragraph is here.\r\nIt goes on.\r\n\r\nSecond one ends.\r\n")
    article = read_article(path)
    assert [p.text for p in article.paragraphs] == [
        "First paragraph is here. It goes on.",
        "Second one ends.",
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n \t\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("nul.txt", b"Title\n\nText with a NUL \x00 byte in it.", "binary"),
        ("title-only.txt", b"Just a headline\n", "no paragraphs"),
        ("deck.pdfx", b"hello", "unsupported file type"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_article(path)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="folder"):
        read_article(folder)


def test_oversized_input_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Title\n\n" + b"word " * 300)
    with pytest.raises(InputError, match="over the"):
        read_article(path, max_bytes=1000)
