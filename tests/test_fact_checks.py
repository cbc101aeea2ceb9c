"""The checks benchmarks/quality.py prints for issue 15: they must tell a right date, a whole
statement, a figure with its subject and a found actor from wrong ones."""

from __future__ import annotations

from dataclasses import replace

from reportgen import fact_checks as fc
from reportgen.model import Actor, Fact, Ref, TimelineEvent
from tests.builders import make_article, make_brief

ARTICLE = make_article(
    "In September 2012 the talks began. On 18 August the convoy was attacked near the border.",
    "A laboratory estimated in 2011 the yield of a 2009 test.",
)


def _timeline(*events: TimelineEvent) -> fc.TimelineCheck:
    return fc.check_timeline(replace(make_brief(), timeline=events), ARTICLE, published="2020-09-01")


def test_a_yearless_date_is_right_only_with_the_articles_year() -> None:
    right = _timeline(TimelineEvent("2020-08-18", "On 18 August the convoy was attacked.", (Ref(0, 1),)))
    wrong = _timeline(TimelineEvent("2012-08-18", "On 18 August the convoy was attacked.", (Ref(0, 1),)))
    assert right.right == 1 and not right.wrong
    assert wrong.right == 0 and len(wrong.wrong) == 1


def test_the_year_something_was_estimated_is_not_the_events_date() -> None:
    said = _timeline(TimelineEvent("2011", "A laboratory estimated in 2011 the yield of a 2009 test.", (Ref(1, 0),)))
    event = _timeline(TimelineEvent("2009", "A laboratory estimated in 2011 the yield of a 2009 test.", (Ref(1, 0),)))
    assert said.wrong and event.right == 1


def test_fragments_and_duplicates_are_counted() -> None:
    text = "On 18 August the convoy was attacked near the border."
    check = _timeline(
        TimelineEvent("2020-08-18", text, (Ref(0, 1),)),
        TimelineEvent("2020-08-18", text, (Ref(0, 1),)),
        TimelineEvent("2012-09", "And the talks began", (Ref(0, 0),)),
    )
    assert check.duplicates == [text]
    assert check.fragments == ["And the talks began"]
    assert fc.is_fragment("Raddul Fasaad was launched in 2017 under Gen Bajwa")
    assert not fc.is_fragment("The talks began in September 2012 …")


def test_a_row_that_tells_another_dates_event_before_its_own_is_wrong() -> None:
    sentence = "In 2001 the parliament was attacked, and in 2008 LeT was behind the Mumbai attacks."
    article = make_article(sentence)
    brief = make_brief()

    def verdict(text: str, date: str = "2008") -> fc.TimelineCheck:
        return fc.check_timeline(replace(brief, timeline=(TimelineEvent(date, text, (Ref(0, 0),)),)), article)

    assert verdict(sentence).wrong and verdict(sentence, "2001").right == 1
    assert verdict("In 2008 LeT was behind the Mumbai attacks.").right == 1
    assert fc.earlier_date(TimelineEvent("2009", "In 2006 and 2009, weeks after receiving aid, it fell.")) == ""
    assert fc.earlier_date(TimelineEvent("2015-03-31", "In March 2015 talks began, and on 31 March they ended.")) == ""
    assert (
        fc.earlier_date(TimelineEvent("2015-03-31", "In May 2014 talks began, and on 31 March they ended."))
        == "2014-05"
    )


def test_a_clause_after_a_statement_is_no_fragment_but_a_cut_phrase_is() -> None:
    source = "JeM was involved in the 2001 attack, and more recently, LeT was behind the 2008 Mumbai attacks."
    assert not fc.is_fragment("More recently, LeT was behind the 2008 Mumbai attacks.", source)
    assert fc.is_fragment("Involved in the 2001 attack …", source)


def test_an_opening_dependent_clause_cut_before_its_main_clause_is_a_fragment() -> None:
    source = "After rebels staged an uprising in 2003, militias slaughtered tens of thousands of civilians."
    assert fc.is_fragment("After rebels staged an uprising in 2003 …", source)
    assert not fc.is_fragment("After rebels staged an uprising in 2003, militias slaughtered tens of …", source)


def test_captions_and_see_map_asides_are_recognised() -> None:
    assert fc.is_caption("This satellite image taken on 2 May by DigitalGlobe shows the site.")
    assert fc.is_caption("Troops moved north (see map).")
    assert not fc.is_caption("Troops moved north on 2 May.")


def test_a_figure_needs_a_subject_and_the_right_unit() -> None:
    assert fc.figure_problem(Fact("about 50%", "about 50%", "percent", "")) == "no subject"
    assert fc.figure_problem(Fact("$5.63 billion", "$5.63 billion", "USD", "")) == "no subject"
    assert fc.figure_problem(Fact("1200 islands", "roughly 1200", "islands within", "")) == "no subject"
    assert fc.figure_problem(Fact("20-point plan", "20-point", "National Action Plan", "")) == "name"
    assert fc.figure_problem(Fact("$4 billion", "$4 billion", "percent", "in cash")) == "unit"
    assert fc.figure_problem(Fact("789 attacks", "789", "terror attacks", "in Pakistan in 2023")) == ""
    assert fc.figure_problem(Fact("15%", "15 percent", "percent", "of its gross domestic product")) == ""


def test_actor_recall_matches_names_and_roles() -> None:
    brief = replace(
        make_brief(),
        actors=(
            Actor("Gohar Khan", "opposition leader", "PTI", kind="person"),
            Actor("Pakistan", "subject of the article", kind="state"),
        ),
    )
    gold: list[dict[str, object]] = [
        {"names": ["Gohar Khan"], "role": ["opposition leader", "pti"]},
        {"names": ["Shehbaz Sharif"], "role": ["prime minister"]},
    ]
    check = fc.check_actors(brief, gold)
    assert (check.found, check.total, check.roles, check.role_total) == (1, 2, 1, 1)
    assert check.missing == ["Shehbaz Sharif"] and check.placeholders == 1
