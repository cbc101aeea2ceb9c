"""Text measurement for fitting: word wrap, and words wider than a line broken by characters."""

from __future__ import annotations

import pytest

from reportgen.renderers.pptx import fit

FAMILY = "Calibri"


def test_a_word_wider_than_the_line_is_broken_into_pieces_that_each_fit() -> None:
    word = "https://example.org/" + "a1b2c3" * 50
    lines = fit.wrap(f"see {word} here", FAMILY, 18, 300)
    assert "".join(lines[1:-1]) + lines[-1].removesuffix(" here") == word
    assert all(fit.text_width(line, FAMILY, 18) <= 300 for line in lines)
    assert lines[0] == "see"


def test_breaking_a_huge_word_measures_characters_not_each_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    fit._units.cache_clear()
    calls: list[str] = []
    measure = fit._units.__wrapped__

    def counted(text: str, family: str, bold: bool) -> float:
        calls.append(text)
        return measure(text, family, bold)

    monkeypatch.setattr(fit, "_units", counted)
    lines = fit.wrap("x" * 30000, FAMILY, 18, 300)
    assert "".join(lines) == "x" * 30000 and len(lines) > 100
    longer = [text for text in calls if len(text) > 1]
    assert len(longer) <= 3  # the word and its last piece, besides characters: never its prefixes
