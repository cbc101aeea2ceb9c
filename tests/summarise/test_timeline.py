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


def test_a_row_states_its_own_dates_event_not_the_clause_before_it() -> None:
    entries = dict(
        _timeline(
            "Zarb-i-Azb was launched in 2014 by Gen Raheel Sharif, Raddul Fasaad was launched in 2017 under "
            "Gen Qamar Javed Bajwa and now seven years later under General Asim Munir, Op Azm-i-Istehkam"
        )
    )
    assert entries["2017"] == "Raddul Fasaad was launched in 2017 under Gen Qamar Javed Bajwa …"
    assert entries["2014"].startswith("Zarb-i-Azb was launched in 2014") and "2017" not in entries["2014"]


def test_a_clause_after_while_or_a_semicolon_starts_its_dates_row_with_a_capital() -> None:
    entries = dict(
        _timeline(
            "The first talks were held in Doha in 2012 while the second round was held in Oslo in 2016 "
            "after months of delay; the third round collapsed in 2019 amid fighting in the north."
        )
    )
    assert entries["2016"].startswith("The second round was held in Oslo in 2016")
    assert entries["2019"].startswith("The third round collapsed in 2019")
    assert entries["2012"].startswith("The first talks were held in Doha in 2012")


def test_dates_in_one_clause_or_a_dependent_clause_keep_the_sentence_opening() -> None:
    joint = _timeline("The army fought in Swat and Bajaur in 2009 and 2014, weeks after receiving new aid.")
    relative = dict(
        _timeline("The pact of 2009 was signed by the two states, which renewed it in 2014 after long talks.")
    )
    assert len(joint) == 1 and joint[0][1].startswith("The army fought in Swat and Bajaur in 2009 and 2014")
    assert relative["2014"].startswith("The pact of 2009")


def test_long_sentences_are_cut_at_a_clause_with_an_ellipsis_and_keep_their_verb() -> None:
    (entry,) = _timeline(
        "On June 23 in a meeting to review security of foreign personnel Minister for Interior Ali Khan, "
        "seen close to the army, said that there is no room for negligence in providing security to the "
        "workers, who have been attacked several times in the past years across the country."
    )
    assert "said" in entry[1] and entry[1].endswith("…") and entry[1].startswith("On June 23")


def test_a_cut_never_ends_on_said_that_but_shows_what_was_said() -> None:
    (entry,) = _timeline(
        "On June 23 in a meeting to review security of foreign personnel Minister for Interior Ali Khan "
        "seen close to the Army said that there is no room for negligence in providing security to "
        "foreigners in the country while chairing a meeting at the ministry to review security measures."
    )
    assert "said that there is no room for negligence" in entry[1], entry[1]
    assert entry[1].endswith("…") and not entry[1].removesuffix(" …").endswith((" to", " that", " said"))


def test_captions_and_see_map_asides_are_no_entries() -> None:
    entries = _timeline(
        "This satellite image taken on 2 May 2015 by DigitalGlobe shows the damaged site.",
        "Troops crossed the river on 3 May 2015 (see map) and took the bridge.",
    )
    assert entries == [("2015-05-03", "Troops crossed the river on 3 May 2015 and took the bridge.")]


def test_dimensions_are_not_years() -> None:
    assert _timeline("The rival headset has a resolution of 1800 x 1920 per eye, the company says.") == []


def test_a_year_that_ends_a_laws_name_is_no_date() -> None:
    assert _timeline("Funds are regulated under the Investment Company Act of 1940, lawyers say.") == []


def test_a_dependent_clause_with_the_date_takes_its_main_clause() -> None:
    (entry,) = _timeline(
        "After rebels in Darfur staged an uprising in 2003, security services and their militia allies "
        "slaughtered tens of thousands of civilians, leading to condemnation around the world, charges at "
        "an international court against the president, and a new round of American sanctions."
    )
    assert entry[1].startswith("After rebels in Darfur staged an uprising in 2003, security services")
