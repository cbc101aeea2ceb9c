"""Encodings: the right one found, a wrong guess never silent, clean text never "repaired"."""

from __future__ import annotations

import codecs

import pytest

from reportgen.errors import InputError
from reportgen.readers.decode import decode_text

NAIVE = "A naïve café owner said “hello” — and left for the Müller’s déjà vu."


@pytest.mark.parametrize(
    ("data", "encoding", "warned"),
    [
        (NAIVE.encode("utf-8"), "UTF-8", False),
        (codecs.BOM_UTF8 + NAIVE.encode("utf-8"), "UTF-8", False),
        (codecs.BOM_UTF16_LE + NAIVE.encode("utf-16-le"), "UTF-16", False),
        (codecs.BOM_UTF16_BE + NAIVE.encode("utf-16-be"), "UTF-16", False),
        (codecs.BOM_UTF32_LE + NAIVE.encode("utf-32-le"), "UTF-32", False),
        (NAIVE.encode("cp1252"), "Windows-1252", True),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom", "cp1252"],
)
def test_each_encoding_decodes_to_the_same_text(data: bytes, encoding: str, warned: bool) -> None:
    decoded = decode_text(data, "a.txt")
    assert decoded.text == NAIVE
    assert decoded.encoding == encoding
    assert bool(decoded.warnings) is warned


def test_cp1252_is_not_mistaken_for_cp1250() -> None:
    # charset-normalizer alone answers cp1250 here and turns "naïve" into "naďve".
    text = decode_text("Naïve résumé à la carte.".encode("cp1252"), "a.txt").text
    assert "naïve" in text.lower() and "ď" not in text


def test_latin1_reads_as_windows_1252() -> None:
    assert decode_text("Café naïve, ½ price.".encode("latin-1"), "a.txt").text == "Café naïve, ½ price."


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "Zażółć gęślą jaźń. Příliš žluťoučký kůň.",
            "cp1250",
        ),
        (
            "Привет, мир! Это текст о погоде в Москве.",
            "cp1251",
        ),
        (
            "日本語のテキストです。東京で会議が開かれました。",
            "shift_jis",
        ),
    ],
    ids=["cp1250", "cp1251", "shift_jis"],
)
def test_other_legacy_encodings_are_detected_with_a_warning(text: str, codec: str) -> None:
    decoded = decode_text(text.encode(codec), "a.txt")
    assert decoded.text == text
    assert decoded.warnings and "a guess" in decoded.warnings[0]


def test_mojibake_is_repaired_and_reported() -> None:
    decoded = decode_text("CafÃ© owners were â€œangryâ€\u009d.".encode(), "a.txt")
    assert decoded.text == "Café owners were “angry”."
    assert "repaired" in decoded.warnings[0]


@pytest.mark.parametrize(
    "text",
    [
        "He said “hello” — it’s fine.",
        "Fish & chips <b>cost</b> £5 \"today\" 'only'; &amp; stays.",
        "هذا نص عربي. 这是中文。 😀🇬🇧",
        "ＡＢＣ full-width and ﬁ ligature stay as written.",
    ],
    ids=["curly-quotes", "markup-characters", "rtl-cjk-emoji", "width-and-ligatures"],
)
def test_clean_text_is_never_touched(text: str) -> None:
    decoded = decode_text(text.encode(), "a.txt")
    assert decoded.text == text
    assert decoded.warnings == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b" \r\n\t\x0b\x0c ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ],
)
def test_what_is_not_text_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_text(data, "a.txt")


def test_line_ends_are_normalised() -> None:
    assert decode_text(b"a\r\nb\rc\n", "a.txt").text == "a\nb\nc\n"


def test_a_utf8_article_with_one_windows_1252_line_keeps_both_right_and_says_so() -> None:
    data = (
        "The world’s first line is UTF-8 — with a dash.\n".encode()
        + "A pasted line: the world’s “best” café.\n".encode("cp1252")
        + "Back to UTF-8: naïve.\n".encode()
    )
    decoded = decode_text(data, "mixed.txt")
    assert decoded.text.splitlines() == [
        "The world’s first line is UTF-8 — with a dash.",
        "A pasted line: the world’s “best” café.",
        "Back to UTF-8: naïve.",
    ]
    assert decoded.warnings == ("mixed.txt: read as UTF-8; 1 line(s) that were not UTF-8 were read as Windows-1252",)


def test_a_file_all_in_windows_1252_is_not_taken_for_mostly_utf8() -> None:
    decoded = decode_text("The world’s “best” café.\nNaïve résumé.\n".encode("cp1252"), "old.txt")
    assert decoded.encoding != "UTF-8" and "café" in decoded.text
