"""Timeline dates a reader can trust and entries that are whole statements (issue 15)."""

from __future__ import annotations

from reportgen.summarise.sentences import split_article
from reportgen.summarise.timeline import extract_timeline, order
from tests.builders import make_article


def _timeline(*paragraphs: str, published: str = "") -> list[tuple[str, str]]:
    sentences = [s for row in split_article(make_article(*paragraphs)) for s in row]
    return [(e.date, e.text) for e in extract_timeline(sentences, published)]


def test_a_yearless_date_takes_the_articles_year_not_a_neighbours() -> None:
    story = (
        "The plant was built in August 2008 by a foreign company, records show.",
        "On August 18th the plant was attacked by gunmen who fled north.",
    )
    assert ("2020-08-18", "On August 18th the plant was attacked by gunmen who fled north.") in _timeline(
        *story, published="2020-09-01"
    )


def test_a_yearless_date_in_an_undated_article_stays_partial() -> None:
    dated = _timeline(
        "In his September 2013 address, the president hailed signs of hope for the talks.",
        "The authority said it would join the court on April 1 despite objections.",
    )
    assert ("1 April", "The authority said it would join the court on April 1 despite objections.") in dated
    assert [d for d, _ in dated] == sorted((d for d, _ in dated), key=order)


def test_a_year_when_something_was_estimated_is_not_the_events_date() -> None:
    dates = [d for d, _ in _timeline("A laboratory estimated in 2011 the yield of a 2009 test at the site.")]
    assert dates == ["2009"]


def test_a_sentence_naming_two_years_gives_distinct_whole_statements() -> None:
    entries = _timeline(
        "JeM and LeT were involved in the 2001 Indian Parliament attack, and more recently, LeT was behind "
        "the 2008 Mumbai attacks."
    )
    texts = [t for _, t in entries]
    assert len(set(texts)) == len(texts) == 2
    assert all(t[0].isupper() and t.endswith((".", "…")) for t in texts)


def test_long_sentences_are_cut_at_a_clause_with_an_ellipsis_and_keep_their_verb() -> None:
    (entry,) = _timeline(
        "On June 23 in a meeting to review security of foreign personnel Minister for Interior Ali Khan, "
        "seen close to the army, said that there is no room for negligence in providing security to the "
        "workers, who have been attacked several times in the past years across the country."
    )
    assert "said" in entry[1] and entry[1].endswith("…") and entry[1].startswith("On June 23")


def test_captions_and_see_map_asides_are_no_entries() -> None:
    entries = _timeline(
        "This satellite image taken on 2 May 2015 by DigitalGlobe shows the damaged site.",
        "Troops crossed the river on 3 May 2015 (see map) and took the bridge.",
    )
    assert entries == [("2015-05-03", "Troops crossed the river on 3 May 2015 and took the bridge.")]


def test_dimensions_are_not_years() -> None:
    assert _timeline("The rival headset has a resolution of 1800 x 1920 per eye, the company says.") == []
