"""Whom a line's opening "He"/"She" stands for: named only where the article leaves no doubt,
shown in square brackets in the documents, and never written into the line's own text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reportgen import evaluate as ev
from reportgen.model import Bullet, Ref
from reportgen.outlining import outline_for, referents_shown
from reportgen.packs import find_pack
from reportgen.plaintext import brief_to_text
from reportgen.readers import read_article
from reportgen.summarise import summarise
from reportgen.summarise.entities import find_people
from reportgen.summarise.referents import opening_referents
from reportgen.summarise.sentences import Sentence
from tests.builders import ROOT, make_brief


def _paragraphs(*paragraphs: tuple[str, ...]) -> list[Sentence]:
    """Sentences laid out as paragraphs, each a tuple of its sentences."""
    flat: list[Sentence] = []
    total = sum(len(p) for p in paragraphs)
    for p, sentences in enumerate(paragraphs):
        for i, text in enumerate(sentences):
            flat.append(Sentence(paragraph=p, index=i, text=text, position=len(flat) / total))
    return flat


def _referent(*paragraphs: tuple[str, ...]) -> str:
    """The referent of the last sentence of the last paragraph, "" for none."""
    flat = _paragraphs(*paragraphs)
    last = len(flat) - 1
    return opening_referents(flat, [last], find_people(flat)).get(last, "")


def test_the_speaker_of_the_sentence_before_is_named() -> None:
    assert (
        _referent(
            ("Ajmi Lourimi, a senior Ennahda official, said the party would stand together.",),
            ("“We want to unify against this danger,” Lourimi said.", "He said he did not expect a wider campaign."),
        )
        == "Ajmi Lourimi"
    )


def test_an_opening_possessive_names_the_owner() -> None:
    found = _referent(
        ("Prime Minister Benjamin Netanyahu said Israel would keep building.",),
        ("His remarks came a day after the announcement.",),
    )
    assert found == "Benjamin Netanyahu’s"


def test_two_people_in_the_sentence_before_name_no_one() -> None:
    assert (
        _referent(
            ("President Barack Obama met Prime Minister Benjamin Netanyahu on Monday.",),
            ("He said the talks were useful.",),
        )
        == ""
    )


def test_someone_named_only_as_an_object_is_not_the_subject_of_the_next_line() -> None:
    # The people finder knows Zebari, not Obama: the sentence's subject is someone it cannot see.
    found = _referent(
        ("Iraqi Foreign Minister Hoshyar Zebari arrived in Washington.",),
        ("Obama spoke with Iraqi Foreign Minister Hoshyar Zebari and told him he would visit.",),
        ("He also said he planned to visit Afghanistan.",),
    )
    assert found == ""


def test_she_needs_a_person_the_article_calls_she() -> None:
    before = "State Department spokesman Mark Toner said the talks would go on."
    assert _referent((before,), ("She told reporters no decision had been made.",)) == ""
    spokeswoman = "State Department spokeswoman Jennifer Psaki said the talks would go on."
    assert _referent((spokeswoman,), ("She told reporters no decision had been made.",)) == "Jennifer Psaki"


def test_a_pronoun_inside_a_quotation_is_left_alone() -> None:
    found = _referent(
        ("Michael Foley, 38, said his brother was brave.",),
        ("“Jim didn't flinch.", "He had the courage,” Michael Foley said."),
    )
    assert found == ""


def test_a_line_that_names_another_speaker_is_about_someone_else() -> None:
    found = _referent(
        ("Harris was placed on leave, spokeswoman Catherine Woodling said.",),
        ("He held jobs at the university until 2006, said Catherine Woodling.",),
    )
    assert found == ""


def test_an_owner_named_in_between_stops_the_search() -> None:
    found = _referent(
        ("Fran Townsend said the veto would undermine the peace process.",),
        (
            "The latest developments come five months after Mitchell's resignation.",
            "He said he only signed up for two years.",
        ),
    )
    assert found == ""


def test_a_name_never_reaches_past_the_paragraph_before() -> None:
    found = _referent(
        ("Eric Reeves said he was appalled.",),
        ("The sanctions were eased in January.",),
        ("He said the government continued to commit abuses.",),
    )
    assert found == ""


def test_documents_show_the_referent_in_brackets_and_the_json_keeps_the_articles_words() -> None:
    line = Bullet(text="He said he did not expect a wider campaign.", refs=(Ref(1, 1),), referent="Ajmi Lourimi")
    assert line.shown == "He [Ajmi Lourimi] said he did not expect a wider campaign."
    owner = Bullet(text="His remarks came a day later.", refs=(Ref(0, 0),), referent="Benjamin Netanyahu’s")
    assert owner.shown == "His [Benjamin Netanyahu’s] remarks came a day later."
    edited = Bullet(text="Lourimi said he did not expect it.", refs=(Ref(1, 1),), referent="Ajmi Lourimi")
    assert edited.shown == edited.text  # a hand edit took the pronoun away: nothing to add


def test_a_brief_names_the_speaker_in_every_view_and_round_trips_through_json() -> None:
    # The Tunisia article's Outlook line "He said he did not expect…" follows "…,” Lourimi said."
    article = read_article(ROOT.parent / "shared" / "articles" / "01_wapo_tunisia_bardo_attack_rawpage.txt")
    brief = summarise(article)
    lines = [b for s in brief.sections for b in s.bullets] + list(brief.key_points)
    named = [b for b in lines if b.referent]
    assert [(b.referent, b.text[:7]) for b in named] == [("Ajmi Lourimi", "He said")]
    faithful, lines_checked = ev.faithfulness(brief, article)
    assert faithful == lines_checked  # the text is the article's
    assert type(brief).from_json(brief.to_json()) == brief
    shown = referents_shown(brief)
    shown_lines = [b.text for b in shown.key_points] + [b.text for s in shown.sections for b in s.bullets]
    assert any(t.startswith("He [Ajmi Lourimi] said he did not expect") for t in shown_lines)
    assert "He [Ajmi Lourimi] said" in brief_to_text(brief)


@pytest.mark.parametrize("pack", ["analyst", "executive", "public"])
@pytest.mark.parametrize("renderer", ["docx", "pptx"])
def test_every_built_in_pack_shows_the_referent_in_its_documents(pack: str, renderer: str) -> None:
    brief = make_brief(sections={"background": ["He said the country must unite."]}, key_points=["He said so."])
    named = tuple(replace(b, referent="Ajmi Lourimi") for b in brief.sections[0].bullets)
    brief = replace(
        brief,
        sections=(replace(brief.sections[0], bullets=named),),
        key_points=tuple(replace(b, referent="Ajmi Lourimi") for b in brief.key_points),
    )
    outline = outline_for(brief, find_pack(pack), renderer)
    assert "He [Ajmi Lourimi] said" in repr(outline)
