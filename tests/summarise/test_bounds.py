"""A very long article is summarised from its opening, within a bound, and says so; others are untouched."""

from __future__ import annotations

from pathlib import Path

from reportgen.pipeline import read
from reportgen.summarise.bounds import SUMMARISED_CHARACTERS, summarised_part
from tests.builders import SAMPLE, make_article


def test_an_article_within_the_bound_is_summarised_whole_and_unwarned() -> None:
    article = make_article("One paragraph of text.", "Another paragraph of text.")
    assert summarised_part(article, limit=100) is article


def test_a_longer_article_keeps_its_leading_paragraphs_within_the_bound() -> None:
    texts = [f"Paragraph {i} says something of its own." for i in range(10)]
    article = make_article(*texts)
    limit = 3 * len(texts[0]) + 5
    part = summarised_part(article, limit=limit)
    assert [p.text for p in part.paragraphs] == texts[:3]
    assert sum(len(p.text) for p in part.paragraphs) <= limit
    assert part.title == article.title and part.source == article.source


def test_the_warning_names_the_file_and_how_much_was_left_out() -> None:
    article = make_article(*["x" * 40] * 5)
    (warning,) = summarised_part(article, limit=100).warnings
    assert warning.startswith("test.txt: only the first 2 of 5 paragraphs are summarised")
    assert "(80 of 200 characters)" in warning


def test_a_first_paragraph_longer_than_the_bound_is_still_summarised() -> None:
    article = make_article("y" * 500, "z" * 10)
    part = summarised_part(article, limit=100)
    assert [p.text for p in part.paragraphs] == ["y" * 500]


def test_reading_a_file_past_the_bound_warns(tmp_path: Path) -> None:
    paragraphs = [
        f"At its meeting number {i} the council agreed item {i * 7} of the budget for the coming year,"
        f" after a debate on the {i}th proposal that lasted {i % 90 + 10} minutes and ended in a vote."
        for i in range(SUMMARISED_CHARACTERS // 150 + 50)
    ]
    path = tmp_path / "long.txt"
    path.write_text("A long report\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    article = read(path)
    assert sum(len(p.text) for p in article.paragraphs) <= SUMMARISED_CHARACTERS
    assert any("long.txt: only the first" in w for w in article.warnings)


def test_the_sample_is_read_whole() -> None:
    assert not any("summarised" in w for w in read(SAMPLE).warnings)
