"""Organisations named by a bare recurring name, and people ranked by how often they are named."""

from __future__ import annotations

from reportgen.summarise.actors import extract_actors
from reportgen.summarise.entities import find_organisations
from reportgen.summarise.recurring_names import find_recurring_organisations
from reportgen.summarise.sentences import Sentence, split_article
from tests.builders import make_article


def _sentences(*paragraphs: str) -> list[Sentence]:
    return [s for row in split_article(make_article(*paragraphs)) for s in row]


def _names(*paragraphs: str) -> list[str]:
    return [o.name for o in find_recurring_organisations(_sentences(*paragraphs), set())]


def test_a_company_named_again_and_acting_is_an_organisation() -> None:
    names = _names(
        "Acme’s sale to Globex was approved on Monday. The board said the deal was fair.",
        "Globex said it would keep Acme’s brand.",
    )
    assert names[:2] == ["Acme", "Globex"] or names[:2] == ["Globex", "Acme"]


def test_a_name_named_once_or_never_acting_is_left_out() -> None:
    assert _names("Acme said it was pleased.", "The weather in Springfield was fine in Springfield.") == []


def test_months_weekdays_states_and_sentence_openers_are_no_organisations() -> None:
    names = _names(
        "On Monday officials met. Monday was quiet. In March the talks resumed and March said nothing.",
        "Pakistan’s army moved. France said it would help. Continue reading the main story.",
        "Continue reading the main story.",
    )
    assert names == []


def test_places_after_in_and_from_are_no_organisations() -> None:
    names = _names(
        "Fighters moved from Raqqa city to Salouk. Fighting in Raqqa continued near the Raqqa road.",
        "The Zorgon Movement said it held the town. The Zorgon Movement will attack again.",
    )
    assert "Raqqa" not in names and "Zorgon Movement" in names


def test_a_named_operation_is_no_organisation() -> None:
    names = _names("Operation Thunderbolt began. Thunderbolt was launched by the army.", "Thunderbolt has ended.")
    assert "Thunderbolt" not in names


def test_names_already_in_the_table_are_not_repeated() -> None:
    sentences = _sentences("Acme said it would sell. The buyer was Acme, said Acme’s Jane Roe.", "Acme will close.")
    assert find_recurring_organisations(sentences, {"Acme"}) == []


def test_people_are_ordered_by_how_many_sentences_name_them() -> None:
    sentences = _sentences(
        "The talks began when General John Smith met President Anna Berg. Smith said the talks went well.",
        "Smith added that more talks would follow. Smith left on Friday.",
    )
    people = [a.name for a in extract_actors(sentences, None, None) if a.kind == "person"]
    assert people == ["John Smith", "Anna Berg"]


def test_an_event_named_by_its_head_word_is_no_organisation() -> None:
    names = _names(
        "The Zorgon Spring toppled the regime. The Zorgon Spring was followed by elections.",
        "Acme said the Zorgon Spring changed the country. Analysts said Acme’s view was right.",
    )
    assert "Zorgon Spring" not in names and "Acme" in names


def test_the_head_of_a_place_name_is_a_place() -> None:
    names = _names(
        "Fighters came from the Qarsa Governorate. The fighting between Qarsa and Tamar went on.",
        "The Qarsa offensive began in May. Qarsa Governorate fell. Qarsa was quiet.",
    )
    assert "Qarsa" not in names


def test_a_name_before_administration_is_a_persons_not_an_organisations() -> None:
    names = _names(
        "Republicans criticised the Berg administration. The Berg administration said it would wait.",
        "Berg said it was a fair deal. The deal was signed by Berg.",
    )
    assert "Berg" not in names


def test_a_product_named_after_its_makers_possessive_is_no_organisation() -> None:
    names = _names(
        "Acme’s Zephyr Max is a headset. Analysts said Acme will ship the Zephyr Max next year.",
        "I tried my Zephyr Max demo. The Zephyr Max is expensive.",
    )
    assert "Zephyr Max" not in names and "Acme" in names


def test_a_body_after_a_states_possessive_is_still_an_organisation() -> None:
    names = _names(
        "Tunisia’s Zorgon won the vote. Analysts said Zorgon stepped down later.",
        "Many people voted for Zorgon.",
    )
    assert "Zorgon" in names


def test_acronyms_of_things_and_places_are_no_organisations() -> None:
    found = {
        o.acronym or o.name
        for o in find_organisations(
            _sentences(
                "Nuclear weapons are the weapons of mass destruction (WMD) most likely to be used here.",
                "Both states possess WMD, and WMD stocks are growing.",
                "Despite the gap in intelligence, surveillance, and reconnaissance (ISR), the task force grew.",
                "ISR flights doubled, and ISR budgets rose.",
                "Troops crossed the Line of Control (LoC) twice; the LoC stayed tense.",
                "The Inter-Services Intelligence (ISI) denied it; the ISI said so again.",
            )
        )
    }
    assert "ISI" in found
    assert not found & {"WMD", "ISR", "LoC"}


def test_a_persons_surname_used_alone_is_no_organisation() -> None:
    story = _sentences(
        "Mohamed ElBaradei, the opposition figure, spoke in Cairo on Monday.",
        "ElBaradei said the vote had been unfair.",
        "Later ElBaradei called for calm, and ElBaradei met envoys.",
        "A senior Hamas official, Ghazi Hamad, spoke. Senior Hamas leaders agreed.",
        "Hamas said it would not attend, and Hamas fired rockets.",
    )
    names = {o.name for o in find_recurring_organisations(story, set())}
    assert "ElBaradei" not in names
    assert "Hamas" in names
