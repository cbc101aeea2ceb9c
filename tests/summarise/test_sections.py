import json

from reportgen.readers import read_article
from reportgen.summarise import summarise
from reportgen.summarise.profile import load_profile
from reportgen.summarise.sections import assign_sections
from reportgen.summarise.titles import characteristic_actor, presses, section_title
from tests.builders import ROOT, SAMPLE, make_article

GOLD = json.loads((ROOT / "tests/gold/op-azm-i-istehkam.json").read_text(encoding="utf-8"))


def test_sample_paragraph_sections_match_the_hand_labels(quality_report: list[str]) -> None:
    assignment = assign_sections(read_article(SAMPLE), load_profile("default"))
    gold = {int(k): v for k, v in GOLD["paragraph_sections"].items()}
    agree = sum(assignment.labels[i] == label for i, label in gold.items())
    accuracy = agree / len(gold)
    misses = {i: (assignment.labels[i], label) for i, label in gold.items() if assignment.labels[i] != label}
    quality_report.append(f"section assignment on the sample: {agree}/{len(gold)} = {accuracy:.1%} (misses: {misses})")
    assert accuracy >= 0.80  # 0.83: the learned model was not tuned on the sample; bullet placement is 1.00


def test_sample_sections_are_the_four_briefing_sections_in_order() -> None:
    brief = summarise(read_article(SAMPLE))
    assert [s.title for s in brief.sections] == GOLD["section_titles"]


def _pressure_article(actor_sentence: str) -> list[str]:
    return [
        "The government of Kazakhstan approved a new grain export plan on 3 May after a long cabinet debate.",
        "The plan sets quotas for wheat and barley and was announced by the agriculture ministry in Astana.",
        actor_sentence,
        "Officials in Astana said the quotas would be reviewed every quarter by the ministry.",
        "Farmers in the north welcomed the quotas, which leave room for the home market, and the union of grain "
        "traders said its members had signed contracts for most of the autumn harvest under the new rules.",
        "The ministry published the quota tables on its website, listing each region's share of the wheat and "
        "barley exports and the dates on which the first licences will be issued to traders.",
        "In 2019 an earlier export ban was lifted after six months, when prices had fallen back.",
        "Analysts say the plan will likely hold if harvests stay strong, but prices may rise again next year.",
    ]


def test_pressure_section_is_titled_after_the_articles_own_outside_actor() -> None:
    text = _pressure_article(
        "Russia has demanded guaranteed supplies, and Russian envoys pressed Moscow's case in repeated visits, "
        "insisting that Russian mills depend on the grain."
    )
    brief = summarise(make_article(*text))
    titles = [s.title for s in brief.sections]
    assert "Russian pressure" in titles
    assert not any("Chinese" in t for t in titles)


def test_pressure_section_without_an_outside_actor_gets_a_generic_title() -> None:
    text = _pressure_article(
        "Traders have demanded guaranteed supplies and insisted, under pressure from mills, on longer contracts."
    )
    brief = summarise(make_article(*text))
    pressure = [s for s in brief.sections if s.key == "drivers"]
    assert all(s.title == "Drivers" for s in pressure)


def test_short_captions_and_bylines_go_to_no_section() -> None:
    article = make_article(
        "By Jane Doe",
        "The council approved the budget on Monday after a long debate about the new road plan.",
        "Photo: council chamber",
        "The budget will likely be revised next year if revenues fall short of the forecast.",
    )
    labels = assign_sections(article, load_profile("default")).labels
    assert labels[0] is None and labels[2] is None
    assert labels[1] is not None and labels[3] is not None


def test_an_outside_state_named_in_a_corner_of_the_section_does_not_name_it() -> None:
    section = [
        "Many voters accuse the country's Islamists of having been slow to respond to the danger.",
        "In Washington, the White House condemned the attack, and the U.S. government offered help.",
        "Lawmakers are drafting an anti-terrorism bill to give security forces additional tools.",
        "Secular parties and the Islamists have worked together, often reluctantly, since the revolt.",
    ]
    other = ["Gunmen attacked the museum in Tunis on Wednesday.", "Tunisia depends on tourism."]
    assert characteristic_actor(section, other, "Tunisia") is None
    # The same state named across the section is what the section is about.
    pressed = [p.replace("the country's", "Washington's") for p in section[:1]] + section[1:2]
    assert characteristic_actor(pressed, other, "Tunisia") == "United States"


def test_past_events_title_needs_an_event_named_more_than_once_and_more_than_any_other() -> None:
    spec = load_profile("default").section("precedents")
    operations = ["The army's operation in 2014 failed.", "A second operation in 2017 cleared the valley."]
    assert section_title(spec, operations, [], None, operations) == "Past operations"
    once = ["That does not mean a crisis will come soon.", "Rates fell in the past."]
    assert section_title(spec, once, [], None, once) == spec.fallback_title
    tie = ["The attack and the offensive of 2015 failed.", "Nothing else happened."]
    assert section_title(spec, tie, [], None, tie) == spec.fallback_title


def test_a_state_is_pressing_when_named_before_a_word_of_pressure_or_as_its_source() -> None:
    assert presses("A senior official said the United States is pushing hard for talks.", "United States")
    assert presses("But with U.S. lobbying, funds from the bank extended the line.", "United States")
    assert presses("That only has one source: the pressure of the United States.", "United States")
    assert presses(
        "The demand for the operation was reiterated by Liu Jianchao, a minister of the Communist Party of China.",
        "China",
    )
    assert presses("Russia threatened to cut off the gas.", "Russia")


def test_a_state_pressed_or_merely_named_is_not_pressing() -> None:
    assert not presses("The envoy will travel to Congo and Rwanda to urge both governments to act.", "Rwanda")
    assert not presses("What he calls for is more economic sanctions against Iran.", "Iran")
    assert not presses("The Afghan president, under pressure to clean up corruption, met her.", "Afghanistan")
    assert not presses("The dam sits on a reservoir named after the family that has ruled Syria.", "Syria")
    assert not presses("His troops were tired, and the forces of Mali retreated.", "Mali")


def test_an_outside_state_titles_the_pressure_section_only_where_its_lines_show_it_pressing() -> None:
    spec = load_profile("default").section("drivers")
    section = [
        "Algerian envoys demanded that the group release the hostages, and Algeria threatened new sanctions.",
        "Algerian officials urged the government to close the border crossings near the river.",
    ]
    other = ["The army moved north on Monday.", "Villagers in the south fled.", "The rains came early."]
    assert section_title(spec, section, other, "Mali", section) == "Algerian pressure"
    # the same section shown only through a line where Algeria presses no one: no title claims it
    quiet = ["Algerian traders sold fuel in the market towns along the border."]
    assert section_title(spec, section, other, "Mali", quiet) == spec.fallback_title
