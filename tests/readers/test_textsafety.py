"""Characters no Office file can hold are removed and counted; everything else is kept exactly."""

from __future__ import annotations

import pytest

from reportgen.readers import finish
from reportgen.textsafety import clean_text, direction_of, guess_language, printable
from tests.builders import make_article


@pytest.mark.parametrize(
    ("text", "expected", "count"),
    [
        ("a\x00b\x01c\x1fd", "abcd", 3),
        ("page one\x0cpage two\x0bline", "page one\npage two\nline", 2),
        ("lone \ud800 and \udfff surrogates", "lone  and  surrogates", 2),
        ("not a char: \ufffe\uffff.", "not a char: .", 2),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay", 0),
        (
            "Fish & <chips> \"quoted\" 'single' “curly” 😀",
            "Fish & <chips> \"quoted\" 'single' “curly” 😀",
            0,
        ),
    ],
)
def test_clean_text(text: str, expected: str, count: int) -> None:
    assert clean_text(text) == (expected, count)


def test_an_article_with_control_characters_gets_one_warning_that_counts_them() -> None:
    article = finish(make_article("First\x07 paragraph\x1b here.", "Second\ud83d one."), "a.txt")
    assert [p.text for p in article.paragraphs] == ["First paragraph here.", "Second one."]
    assert len(article.warnings) == 1
    assert "removed 3 control characters" in article.warnings[0]


@pytest.mark.parametrize(
    ("text", "language", "direction"),
    [
        (
            "هذا نص عربي عن الطقس.",
            "ar",
            "rtl",
        ),
        (
            "یہ اردو میں لکھا گیا ہے۔",
            "ur",
            "rtl",
        ),
        ("זהו טקסט בעברית.", "he", "rtl"),
        ("这是一个中文测试文本。", "zh", "ltr"),
        ("日本語のテキストです。", "ja", "ltr"),
        ("한국어 텍스트입니다.", "ko", "ltr"),
        ("Plain English text with one word of عربي.", "", "ltr"),
    ],
    ids=["arabic", "urdu", "hebrew", "chinese", "japanese", "korean", "latin"],
)
def test_language_and_direction_hint_from_the_script(text: str, language: str, direction: str) -> None:
    assert guess_language(text) == language
    assert direction_of(language) == direction
    article = finish(make_article(text, title=text), "a.txt")
    assert (article.source.language, article.source.direction) == (language, direction)


def test_printable_shows_control_characters_as_escapes_and_keeps_the_rest() -> None:
    hostile = "ok\x1b[2J\x1b]0;t\x07 line\r\nnext\x7f\x9b \u202eevil\u2066 é 中 &<>"
    shown = printable(hostile)
    assert shown == "ok\\x1b[2J\\x1b]0;t\\x07 line\\x0d\\x0anext\\x7f\\x9b \\u202eevil\\u2066 é 中 &<>"
    assert printable(shown) == shown  # escaping twice changes nothing
    assert all(c.isprintable() for c in shown)
