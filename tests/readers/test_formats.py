"""HTML, Word, PDF and standard input, each read into the same kind of clean Article."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.readers import read_article, read_bytes, read_stdin, sniff_suffix
from tests.builders import ROOT
from tests.readers.makers import ARTICLE_PDF_PAGES, PARAGRAPHS, TITLE, make_docx, make_pdf, make_zip_bomb

PAGE = ROOT / "tests" / "fixtures" / "news_page.html"


def test_html_keeps_the_article_and_drops_navigation_share_comments_and_most_read() -> None:
    article = read_article(PAGE)
    assert article.title == "Harbour reopens after storm damage"
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("The port of Westhaven reopened")
    assert texts[-1].startswith("The regional parliament will debate")
    assert len(texts) == 6
    whole = " ".join(texts + list(article.headings))
    for debris in ("Subscribe", "Share on", "Most Read", "disgrace", "cycle lanes", "All rights reserved", "Photo:"):
        assert debris not in whole
    assert article.headings == ("Cost of the repairs", "What comes next")


def test_html_metadata_gives_date_author_url_publication_and_language() -> None:
    source = read_article(PAGE).source
    assert source.publication == "The Harbour Herald"
    assert source.published == "2024-03-18"
    assert source.author == "Jane Doe"
    assert source.url == "https://herald.example/news/harbour-reopens"
    assert (source.language, source.direction) == ("en", "ltr")


def test_nothing_in_html_is_executed_or_kept_as_text() -> None:
    article = read_article(PAGE)
    whole = " ".join(p.text for p in article.paragraphs)
    assert "EXECUTED" not in whole and "alert(" not in whole and "color: red" not in whole


def test_html_entities_and_markup_characters_come_out_as_written(tmp_path: Path) -> None:
    body = "<p>Fish &amp; chips cost &lt;5&gt; pounds, &quot;they&quot; said, and it&#8217;s fine today.</p>" * 3
    page = tmp_path / "p.html"
    page.write_text(f"<html><head><title>Prices &amp; more</title></head><body><article>{body}</article></body></html>")
    article = read_article(page)
    assert article.title == "Prices & more"
    assert article.paragraphs[0].text.startswith('Fish & chips cost <5> pounds, "they" said, and it\u2019s fine')


def test_html_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Na\u00efve plans</title></head><body><article>'
        + "<p>The caf\u00e9 owners\u2019 na\u00efve plan failed within a week, the council said.</p>" * 3
        + "</article></body></html>"
    )
    page = tmp_path / "p.htm"
    page.write_bytes(html.encode("cp1252"))
    assert read_article(page).paragraphs[0].text.startswith("The caf\u00e9 owners\u2019 na\u00efve plan")


def test_a_page_with_no_article_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "nav.html"
    page.write_text("<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_article(page)


def test_docx_headings_by_style_become_sub_headings(tmp_path: Path) -> None:
    article = read_article(make_docx(tmp_path / "a.docx"))
    assert article.title == TITLE
    assert [p.text for p in article.paragraphs] == list(PARAGRAPHS)
    assert [p.heading for p in article.paragraphs] == [None, None, "What comes next", "What comes next"]
    assert article.source.author == "Jane Doe"


def test_docx_zip_bomb_is_refused_before_decompression(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="zip bomb"):
        read_article(make_zip_bomb(tmp_path / "bomb.docx"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 64, "damaged or truncated"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "old binary .doc"),
        (b"plain text pretending", "damaged or truncated"),
    ],
    ids=["truncated", "ole-doc-or-encrypted", "not-a-zip"],
)
def test_broken_word_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_article(path)


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match="not a Word document"):
        read_bytes(buffer.getvalue(), Path("x.docx"))


def test_truncated_real_docx_is_refused(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "a.docx").read_bytes()
    with pytest.raises(InputError, match="Word"):
        read_bytes(data[: len(data) // 2], Path("a.docx"))


def test_docx_text_over_the_limit_is_refused_after_extraction(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", paragraphs=tuple(f"Item {i}: {p}" for i, p in enumerate(PARAGRAPHS * 25)))
    assert path.stat().st_size < 50_000  # the file passes the container limit; its text does not
    with pytest.raises(InputError, match="of text is over the"):
        read_article(path, max_bytes=5_000)


def test_pdf_paragraphs_rejoin_across_the_page_break_without_form_feeds() -> None:
    article = read_bytes(make_pdf(ARTICLE_PDF_PAGES, title=TITLE), Path("a.pdf"))
    assert article.title == TITLE
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 3
    assert texts[1].endswith(
        "if the weather holds. The regional government paid for most of the repairs from an emergency fund."
    )
    assert not any("\x0c" in t for t in texts)


def test_pdf_running_headers_and_page_numbers_are_dropped() -> None:
    more = [[f"Paragraph {n} adds that the harbour master expects {n} more ships this week.", ""] for n in range(3)]
    body = [ARTICLE_PDF_PAGES[0], ARTICLE_PDF_PAGES[1], *more]
    pages = [["The Coastal Herald", "", *page, "", str(n)] for n, page in enumerate(body, start=1)]
    article = read_bytes(make_pdf(pages), Path("a.pdf"))
    whole = " ".join(p.text for p in article.paragraphs)
    assert "Coastal Herald" not in whole and article.title == TITLE
    assert not any(p.text.isdigit() for p in article.paragraphs)


@pytest.mark.parametrize(
    ("options", "message"),
    [({"encrypt": True}, "encrypted with a password"), ({"text_layer": False}, "no text layer")],
    ids=["encrypted", "scanned"],
)
def test_pdf_without_readable_text_is_refused_with_what_to_do(options: dict[str, bool], message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_bytes(make_pdf(ARTICLE_PDF_PAGES, **options), Path("a.pdf"))


def test_truncated_pdf_is_refused() -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        read_bytes(make_pdf(ARTICLE_PDF_PAGES)[:400], Path("a.pdf"))


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (b"%PDF-1.4\n...", ".pdf"),
        (b"PK\x03\x04...", ".docx"),
        (b"\n  <!DOCTYPE html><html>", ".html"),
        (b"<div class='x'><p>Hi</p></div>", ".html"),
        (b"# Title\n\nText.", ".md"),
        (b"Title\n\nText.", ".txt"),
    ],
)
def test_stdin_format_is_told_from_its_first_bytes(data: bytes, suffix: str) -> None:
    assert sniff_suffix(data) == suffix


def test_stdin_reads_an_article_and_refuses_one_over_the_limit() -> None:
    article = read_stdin(io.BytesIO(b"Headline here\n\nThe first paragraph says something useful.\n"))
    assert article.title == "Headline here"
    with pytest.raises(InputError, match="standard input: more than"):
        read_stdin(io.BytesIO(b"Title\n\n" + b"word " * 400), max_bytes=1000)
    with pytest.raises(InputError, match="empty"):
        read_stdin(io.BytesIO(b""))


def test_pdf_over_stdin_is_read_as_pdf() -> None:
    article = read_stdin(io.BytesIO(make_pdf(ARTICLE_PDF_PAGES, title=TITLE)))
    assert article.title == TITLE


def test_a_pdf_whose_streams_inflate_to_hundreds_of_megabytes_is_refused_before_parsing() -> None:
    import zlib

    bomb = zlib.compress(b"\0" * (300 * 1024 * 1024), 9)  # 300 KB that inflate to 300 MB
    data = (
        b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(bomb)).encode() + b" /Filter /FlateDecode >>\nstream\n"
        + bomb + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )  # fmt: skip
    with pytest.raises(InputError, match="expand past 256 MB"):
        read_bytes(data, Path("bomb.pdf"))
    assert read_bytes(make_pdf(ARTICLE_PDF_PAGES), Path("a.pdf")).paragraphs  # a real PDF still reads
