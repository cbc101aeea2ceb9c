"""The cheap tests before the apposition and named-organisation patterns (a comma and a role word,
a head word such as "Institute") never hide what the patterns find."""

from __future__ import annotations

from reportgen.summarise.entities import find_organisations, find_people
from reportgen.summarise.sentences import Sentence


def test_an_apposition_is_found_whatever_the_case_of_its_role_word() -> None:
    texts = [
        "Liu Jianchao, Minister of the International Department, met the envoy.",
        "Jane Roe, a senior fellow at the centre, disagreed.",
        "Staff of the Brookings Institution and the Council on Foreign Relations met.",
    ]
    sentences = [Sentence(text=t, paragraph=i, index=0, position=0.0) for i, t in enumerate(texts)]
    people = {p.name: p.role for p in find_people(sentences)}
    assert people["Liu Jianchao"].startswith("Minister of the International Department")
    assert people["Jane Roe"].startswith("senior fellow")
    names = {o.name for o in find_organisations(sentences)}
    assert {"Brookings Institution", "Council on Foreign Relations"} <= names
