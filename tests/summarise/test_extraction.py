"""Key facts, timeline and actors of the sample, and their behaviour on small made-up texts."""

from __future__ import annotations

import pytest

from reportgen.model import Brief
from reportgen.readers import read_article
from reportgen.summarise import summarise
from reportgen.summarise.facts import extract_facts
from reportgen.summarise.sentences import Sentence, split_article
from reportgen.summarise.timeline import extract_timeline
from tests.builders import SAMPLE, make_article

_brief: Brief | None = None


def sample_brief() -> Brief:
    global _brief  # noqa: PLW0603 — one summary shared by these read-only tests
    if _brief is None:
        _brief = summarise(read_article(SAMPLE))
    return _brief


def test_sample_facts_carry_value_unit_and_what_they_count() -> None:
    facts = {f.value: f for f in sample_brief().facts}
    assert facts["1,524"].unit == "fatalities" and facts["1,524"].counts == "in Pakistan in 2023"
    assert facts["1,463"].counts == facts["789"].counts == "in Pakistan in 2023"  # one scope: comparable
    assert facts["1,463"].unit == "injuries"
    assert facts["789"].unit == "terror attacks and counter-terror operations"  # the article's words, both
    money = next(f for v, f in facts.items() if "$1.9 billion" in v)
    assert money.unit == "USD" and "Zarb-e-Azb" in money.counts
    assert "20-point" not in facts  # the "20-point National Action Plan" is a name, not a figure
    for fact in facts.values():
        assert fact.refs and fact.text


def test_years_dates_and_durations_are_not_figures() -> None:
    article = make_article(
        "On 12 March 2021 the council met for 3 hours and approved 40 new posts at a cost of $2 million.",
        "The 2019 plan had 12 goals.",
    )
    sentences = [s for row in split_article(article) for s in row]
    values = [f.value for f in extract_facts(sentences)]
    assert values == ["40", "$2 million", "12"]


def test_sample_timeline_holds_the_dated_events_in_order() -> None:
    timeline = sample_brief().timeline
    dates = [e.date for e in timeline]
    assert dates == sorted(dates)
    by_date = {e.date: e.text for e in timeline}
    assert "Lal Masjid" in by_date["2007"]
    assert "24 December 2014" in by_date["2014-12-24"]
    assert "Zarb-i-Azb" in by_date["2014"]
    assert "Raddul Fasaad" in by_date["2017"]
    assert "convoy" in by_date["2024-03-26"]
    assert "approved Operation Azm-i-Istehkam" in by_date["2024-06-22"]
    assert "meeting" in by_date["2024-06-23"]


def test_day_and_month_take_the_year_of_the_narrative_around_them() -> None:
    article = make_article(
        "During May 2015, the allied forces advanced on the town from the east and took two villages.",
        "On 31 May, the forces seized four more villages on the boundary.",
        "By 4 June, they were halfway to the town, officials said.",
    )
    sentences = [s for row in split_article(article) for s in row]
    assert [e.date for e in extract_timeline(sentences)] == ["2015-05", "2015-05-31", "2015-06-04"]


def test_a_year_inside_a_name_is_not_a_date() -> None:
    article = make_article("The NAP 2014 was never implemented, and Vision 2030 is a slogan, critics said.")
    sentences = [s for row in split_article(article) for s in row]
    assert extract_timeline(sentences) == ()


def test_sample_actors_merge_short_names_and_keep_roles() -> None:
    actors = {a.name: a for a in sample_brief().actors}
    assert "Shehbaz Sharif" in actors and actors["Shehbaz Sharif"].role == "Prime Minister"
    munir = [a for a in actors if a.endswith("Munir")]
    assert len(munir) == 1, munir  # "General Munir", "General Asim Munir"… are one person
    assert "Liu Jianchao" in actors
    names = " ".join(actors)
    for acronym in ("TTP", "PTI", "NACTA"):
        assert f"({acronym})" in names
    # The IDCPC, named once, gives way to groups named more often; its minister still carries it.
    assert actors["Liu Jianchao"].affiliation == "IDCPC"
    assert actors["China"].kind == "state" and actors["China"].role == ""  # no placeholder role
    assert actors["Gohar Khan"].affiliation == "PTI"


def test_actor_names_are_found_as_one_longest_first_pattern_would_find_them() -> None:
    """The word-start lookup must give exactly the matches of `(?<![\\w-])(forms)(?![\\w-])`."""
    import random
    import re

    from reportgen.summarise.patterns import union
    from reportgen.summarise.states import known_actors, names_in

    actors = known_actors()
    pattern = re.compile(rf"(?<![\w-]){union(actors.forms)}(?![\w-])")
    pieces = [*actors.forms, " ", "-", "'s", "’s", "a", "X", ".", ",", "_", "é", "US", "us", "South ", "New "]
    rng = random.Random(11)
    texts = ["South Sudan and Sudan; the US, us, U.S.-led, China's Beijing-based envoy"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(5000)]
    for text in texts:
        assert names_in.__wrapped__(text) == tuple(actors.forms[m] for m in pattern.findall(text)), text
    # "U.S.-led" and "Beijing-based" are not mentions: a hyphen joins them to another word.
    assert names_in(texts[0]) == ("South Sudan", "Sudan", "United States", "China")


def test_titled_names_match_one_pattern_with_an_optional_adjective_in_front() -> None:
    """Reading the adjective off the text before the titles must equal the old single pattern."""
    import random
    import re

    from reportgen.summarise import entities
    from reportgen.summarise.patterns import union
    from reportgen.summarise.states import known_actors

    adjectives, titles, word = union(known_actors().adjectives.values()), entities._titles_union(), entities._NAME_WORD
    pattern = re.compile(
        rf"(?:(?P<adj>{adjectives})\s+)?(?P<title>(?:{titles}\s+){{1,3}})(?:\([A-Z]+\)\s+)?"
        rf"(?P<name>{word}(?:\s+{word}){{0,3}})"
    )
    pieces = [*entities._titles()[:30], *list(known_actors().adjectives.values())[:50]]
    pieces += [" ", "\n", "Xi", "Jinping", "A.", "(PML)", "x", "-", ",", "South", "African", "Chinese", "President"]
    rng = random.Random(5)
    texts = ["South African President Cyril Ramaphosa met Chinese Foreign Minister Wang Yi and President Xi"]
    for _ in range(4000):
        texts.append("".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 25))))
    for text in texts:
        expected = [(m.group("adj") or "", m.group("title"), m.group("name")) for m in pattern.finditer(text)]
        assert list(entities.titled_names(text)) == expected, text
    assert [a for a, _, _ in entities.titled_names(texts[0])] == ["South African", "Chinese", ""]


@pytest.mark.parametrize(
    ("text", "value", "unit", "counts"),
    [
        ("Tourism employs many, accounting for 15 percent of its gross domestic product in 2013.",
         "15 percent", "percent", "of its gross domestic product"),
        ("Interest will eat up 13 percent of government spending by then.", "13 percent", "percent",
         "of government spending"),
        ("Included will also be $10 billion in cash, the filing says.", "$10 billion", "USD", "in cash"),
        ("Forces recaptured 11 villages near Ayn Issa on Tuesday.", "11", "villages", ""),
        ("The deficit is expected to total nearly $1 trillion next year.", "nearly $1 trillion", "USD",
         "The deficit"),
        ("A bill that raised spending by $300 billion over two years will add pressure.", "$300 billion", "USD",
         "spending"),
        ("They said the cuts would add $250 billion to the deficit on average.", "$250 billion", "USD",
         "to the deficit"),
        ("The shares being left behind are worth about $28 billion.", "about $28 billion", "USD", "The shares"),
        ("The $1,000 Meta Quest Pro, by contrast, has a lower resolution.", "$1,000", "USD", "Meta Quest Pro"),
        ("There is a termination fee of $15 million payable to the buyer.", "$15 million", "USD", "fee"),
        ("In 1998, agents blew up the United States Embassies in Kenya and Tanzania, killing more than 200 people.",
         "more than 200", "people", "killed in Kenya and Tanzania in 1998"),
        ("Rebels overran 30 villages and towns in the north.", "30", "villages and towns", ""),
        ("Gunmen shot 40 people and injured others in the square.", "40", "people", ""),
        ("The convoy lost 5 tanks, and trucks burned all night.", "5", "tanks", ""),
    ],
)  # fmt: skip
def test_a_figure_says_what_it_measures_in_the_articles_words(text: str, value: str, unit: str, counts: str) -> None:
    [fact] = extract_facts([Sentence(0, 0, text, 0.0)])
    assert (fact.value, fact.unit, fact.counts) == (value, unit, counts)


def test_a_number_inside_a_name_is_not_a_figure() -> None:
    text = "Kurdish-led forces captured the Brigade 93 military base and 40 fighters surrendered."
    assert [f.value for f in extract_facts([Sentence(0, 0, text, 0.0)])] == ["40"]
    text = "The G20 backed a 20-point plan, and COVID-19 patients and 30 soldiers were flown in by F-16 jets."
    assert [f.value for f in extract_facts([Sentence(0, 0, text, 0.0)])] == ["30"]


def test_a_sum_or_share_with_nothing_said_of_what_it_is_is_not_a_key_figure() -> None:
    text = "It was about $28 billion, or 40 percent, they said."
    assert extract_facts([Sentence(0, 0, text, 0.0)]) == ()


def test_people_named_without_a_title_are_found_when_the_article_quotes_them() -> None:
    from reportgen.summarise.entities import find_people

    texts = [
        "Eric Reeves, a researcher, has long studied the region.",
        "The sanctions failed, Mr. Reeves said on Monday.",
        "Tell Abyad fell and Tell Abyad was retaken.",
    ]
    names = [p.name for p in find_people([Sentence(0, k, t, 0.0) for k, t in enumerate(texts)])]
    assert "Eric Reeves" in names and "Tell Abyad" not in names


def test_a_title_inside_an_operations_name_is_no_person_and_initials_stay_whole() -> None:
    from reportgen.summarise.entities import find_people

    texts = [
        "It was the second phase of the Kurdish Operation Commander Rûbar Qamishlo.",
        "President George H.W. Bush held back loan guarantees.",
    ]
    names = [p.name for p in find_people([Sentence(0, k, t, 0.0) for k, t in enumerate(texts)])]
    assert names == ["George H.W. Bush"]


def test_organisations_named_without_an_acronym_are_found_whole() -> None:
    from reportgen.summarise.entities import find_organisations

    text = "Martin Indyk of the Brookings Institution and the Council on Foreign Relations disagreed."
    names = [o.name for o in find_organisations([Sentence(0, 0, text, 0.0)])]
    assert names == ["Brookings Institution", "Council on Foreign Relations"]


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        ("The court charged Sudan’s president, Omar Hassan al-Bashir, with genocide.", "Omar Hassan al-Bashir",
         "president", "Sudan"),
        ("The leader of Ennahda, Rachid Ghannouchi, condemned the attack.", "Rachid Ghannouchi", "leader", "Ennahda"),
        ("“It broke crockery,” said Martin Indyk, executive vice president of the Brookings Institution and a former "
         "envoy.", "Martin Indyk", "executive vice president of the Brookings Institution", ""),
        ("In Washington, White House press secretary Josh Earnest condemned the attack.", "Josh Earnest",
         "press secretary", "White House"),
    ],
)  # fmt: skip
def test_a_persons_role_and_affiliation_come_from_the_words_beside_their_name(
    text: str, name: str, role: str, affiliation: str
) -> None:
    from reportgen.summarise.entities import find_people

    people = {p.name: p for p in find_people([Sentence(0, 0, text, 0.0)])}
    assert list(people) == [name]
    assert (people[name].role, people[name].affiliation) == (role, affiliation)
