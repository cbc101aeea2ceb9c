"""A chart plots figures of one kind and unit only (issue 15): deaths beside attacks, or dollars
beside percent, share no axis; such figures stay in the key-figures list."""

from __future__ import annotations

from dataclasses import replace

from reportgen.comparable import amount, comparable, kind_of
from reportgen.model import Fact
from reportgen.outline import Chart, Slide
from reportgen.outlining import outline_for
from reportgen.packs import find_pack
from tests.builders import make_brief

SCOPE = "in Pakistan in 2023"
MIXED = (
    Fact("1,524 fatalities", "1,524", "fatalities", SCOPE),
    Fact("789 attacks", "789", "terror attacks", SCOPE),
    Fact("$1.9 billion", "$1.9 billion", "USD", "spending"),
    Fact("40%", "40%", "percent", "of the budget"),
)


def test_figures_of_mixed_kinds_and_units_make_no_chart() -> None:
    assert comparable(MIXED) is None
    assert comparable((*MIXED, Fact("1,463 injuries", "1,463", "injuries", SCOPE))) is None  # two of people


def test_the_largest_group_of_one_kind_is_charted_labelled_by_what_sets_each_apart() -> None:
    people = (
        Fact("1,463 injuries", "1,463", "injuries", SCOPE),
        Fact("300 soldiers", "300", "soldiers", SCOPE),
    )
    money = (Fact("$2 billion", "$2 billion", "USD", "aid"), Fact("$450 million", "$450 million", "USD", "loans"))
    chart = comparable((*MIXED, *people, *money))
    assert chart is not None and chart.unit == "people" and chart.title == "In Pakistan in 2023"
    assert list(chart.points) == [("Fatalities", 1524), ("Injuries", 1463), ("Soldiers", 300)]
    dollars = comparable((*MIXED, *money))
    assert dollars is not None and dollars.unit == "USD"
    assert list(dollars.points) == [("Spending", 1.9e9), ("Aid", 2e9), ("Loans", 4.5e8)]


def test_a_figures_kind_says_what_its_axis_measures() -> None:
    assert [kind_of(f) for f in MIXED] == ["people", "count attack", "money USD", "percent"]
    assert kind_of(Fact("5 bn", "€5 billion", "euros", "")) == "money EUR"
    assert amount(Fact("", "approximately $1.9 billion")) == 1.9e9 and amount(Fact("", "about")) is None


def test_the_analyst_deck_charts_only_figures_alike() -> None:
    def charts(facts: tuple[Fact, ...]) -> list[Chart]:
        outline = outline_for(replace(make_brief(), facts=facts), find_pack("analyst"), "pptx")
        return [b.visual for b in outline.blocks if isinstance(b, Slide) and isinstance(b.visual, Chart)]

    assert charts(MIXED) == []
    (chart,) = charts((*MIXED, Fact("1,463 injuries", "1,463", "injuries", SCOPE), Fact("9 dead", "9", "dead", SCOPE)))
    assert [p.label for p in chart.points] == ["Fatalities", "Injuries", "Dead"] and chart.unit == "people"
