"""Affiliations read off the text: role phrases, the home state's bare offices, organisations'
appositions; and titles never left inside a name."""

from __future__ import annotations

from reportgen.summarise.actors import extract_actors
from reportgen.summarise.affiliations import is_national_office, person_affiliation
from reportgen.summarise.entities import Person, find_organisations, find_people
from reportgen.summarise.sentences import Sentence


def _sentences(*texts: str) -> list[Sentence]:
    return [Sentence(text=t, paragraph=i, index=0, position=i / max(1, len(texts))) for i, t in enumerate(texts)]


def _affiliations(home: str, *texts: str) -> dict[str, str]:
    return {a.name: a.affiliation for a in extract_actors(_sentences(*texts), home, None) if a.kind == "person"}


def test_a_bare_national_office_takes_the_home_state_when_other_states_offices_are_marked() -> None:
    found = _affiliations(
        "Pakistan",
        "Prime Minister Shehbaz Sharif met Chinese President Xi Jinping on Monday.",
        "Foreign Minister Ishaq Dar said Pakistan would keep Pakistan safe.",
    )
    assert found["Shehbaz Sharif"] == "Pakistan"
    assert found["Ishaq Dar"] == "Pakistan"
    assert found["Xi Jinping"] == "China"


def test_a_bare_office_is_not_the_home_states_when_the_article_marks_the_home_states_offices() -> None:
    # A writer who says "Tunisian Prime Minister" writes from outside Tunisia: their bare
    # "President Obama" is not Tunisia's president.
    found = _affiliations(
        "Tunisia",
        "Tunisian Prime Minister Habib Essid said the country was in danger.",
        "President Barack Obama called French President Francois Hollande.",
    )
    assert found["Habib Essid"] == "Tunisia"
    assert found["Barack Obama"] == ""


def test_a_bare_office_stays_empty_when_no_state_office_is_marked() -> None:
    found = _affiliations("Pakistan", "Prime Minister Shehbaz Sharif chaired the meeting in Islamabad.")
    assert found["Shehbaz Sharif"] == ""


def test_the_body_after_at_or_of_in_a_role_is_the_affiliation() -> None:
    fellow = Person(name="Robert Danin", role="senior fellow at the Council on Foreign Relations")
    assert person_affiliation(fellow, "Israel") == "Council on Foreign Relations"
    assert person_affiliation(Person(name="A B", role="Pakistani foreign minister"), None) == "Pakistan"


def test_national_offices_are_whole_offices_not_any_role() -> None:
    assert is_national_office("Prime Minister")
    assert is_national_office("Minister for Interior")
    assert is_national_office("Chief of Army Staff")
    assert not is_national_office("spokesman")
    assert not is_national_office("senior fellow at the Brookings Institution")


def test_an_organisations_apposition_is_its_role() -> None:
    texts = (
        "The Centre for Research and Security Studies, an Islamabad think tank, counted the attacks.",
        "The Centre for Research and Security Studies said violence rose.",
    )
    actors = {a.name: a for a in extract_actors(_sentences(*texts), None, None)}
    assert actors["Centre for Research and Security Studies"].role == "Islamabad think tank"


def test_a_title_opening_a_sentence_is_not_part_of_the_name() -> None:
    people = find_people(_sentences("Prime Minister John Smith said the plan would go ahead.", "Smith added more."))
    assert [p.name for p in people] == ["John Smith"]
    assert people[0].role == "Prime Minister"


def test_an_organisation_before_the_persons_lower_case_role_is_their_affiliation() -> None:
    found = _affiliations(
        "Syria",
        "The Zorgon Agency said on Monday it was worried.",
        "Zorgon Agency spokesman Jeff Rathke said the fighting must stop.",
    )
    assert found["Jeff Rathke"] == "Zorgon Agency"


def test_a_bare_office_is_not_the_home_states_when_another_state_is_named_more() -> None:
    found = _affiliations(
        "Pakistan",
        "Prime Minister Shehbaz Sharif met Chinese President Xi Jinping in Pakistan.",
        "China said China would invest. China and China again.",
    )
    assert found["Shehbaz Sharif"] == ""


def test_a_party_acronym_between_two_titles_is_the_affiliation_not_part_of_the_role() -> None:
    found = {
        a.name: a
        for a in extract_actors(
            _sentences(
                "The Zorgon Party (ZP) won the vote.",
                "Opposition leader ZP MNA Jane Roe said the vote was fair.",
                "The ZP said so again.",
            ),
            None,
            None,
        )
    }
    assert found["Jane Roe"].role == "Opposition leader MNA"
    assert found["Jane Roe"].affiliation == "ZP"


def test_a_role_with_lower_case_qualifiers_and_its_body_after_for_are_read_off_the_apposition() -> None:
    found = {
        a.name: (a.role, a.affiliation)
        for a in extract_actors(
            _sentences(
                "“This attack is meant to frighten tourists,” said Lotfi Azzouz, Tunisia country director "
                "for Amnesty International, a London-based rights group.",
                "Marc Goldwein, senior policy director at the Committee for a Responsible Federal Budget, "
                "said interest costs would rise.",
                "Azzouz said the law must be read closely, and Goldwein agreed.",
            ),
            "Tunisia",
            None,
        )
    }
    assert found["Lotfi Azzouz"] == ("Tunisia country director for Amnesty International", "Amnesty International")
    assert found["Marc Goldwein"][1] == "Committee for a Responsible Federal Budget"


def test_a_clause_after_a_name_is_no_role() -> None:
    people = find_people(_sentences("The report was written by Jane Doe, who is the director of the unit."))
    assert all("who" not in p.role for p in people)


def test_a_body_named_right_before_a_lower_case_role_is_the_affiliation() -> None:
    found = _affiliations(
        "Tunisia",
        "In Washington, White House press secretary Josh Earnest condemned the attack.",
        "U.S. spokeswoman Anne Patterson flew in, and Earnest said more help would come.",
    )
    assert found["Josh Earnest"] == "White House"
    assert found["Anne Patterson"] == "United States"


def test_a_sentences_opening_word_and_an_offices_own_of_are_no_affiliation() -> None:
    found = _affiliations(
        "India",
        "When White House press secretary Josh Earnest spoke, observers reacted with disbelief.",
        "Secretary of State John Kerry called the minister on Friday, and Kerry said so later.",
    )
    assert found["Josh Earnest"] == "White House"
    assert found["John Kerry"] != "State"


def test_a_time_or_topic_before_a_titled_speaker_is_no_person() -> None:
    people = {
        p.name: p.role
        for p in find_people(
            _sentences(
                "Also Friday, State Department spokeswoman Victoria Nuland said the talks would go on.",
                "Christmas Day, President Obama's terrorism czar said, was quiet.",
                "European Neighbourhood Policy, an EU spokesman in Kiev said, is under review.",
                "Don Stewart, spokesman for Senate Minority Leader Mitch McConnell, declined to comment.",
                "Ben LaBolt, Obama campaign spokesman said in an email that the ads were false.",
            )
        )
    }
    assert not {"Also Friday", "Christmas Day", "European Neighbourhood Policy"} & set(people)
    assert people["Don Stewart"] == "spokesman for Senate Minority Leader Mitch McConnell"
    assert people["Ben LaBolt"] == "Obama campaign spokesman"


def test_a_persons_possessive_is_not_part_of_a_partys_name_but_a_states_is_kept() -> None:
    names = {
        o.name
        for o in find_organisations(
            _sentences("Hollande's Socialist Party won, and Egypt's Interior Ministry said nothing.")
        )
    }
    assert "Socialist Party" in names and "Egypt's Interior Ministry" in names
