"""The shipped section model: it loads, says where it came from, and a retrain reproduces it."""

from __future__ import annotations

import pytest

from reportgen.summarise.section_features import is_page_furniture, paragraph_features
from reportgen.summarise.section_model import shipped_model
from tests.builders import ROOT
from tests.support.retrain import retrain_matches

CORPUS = ROOT.parent / "shared" / "corpus" / "sections"


def test_shipped_weights_load_with_every_role_and_name_their_corpus() -> None:
    import json

    data = json.loads((ROOT / "reportgen/data/section_model.json").read_text(encoding="utf-8"))
    model = shipped_model()
    assert model.roles == ("background", "drivers", "precedents", "outlook", "none")
    assert len(model.weights) > 1000
    assert 0.0 < model.min_confidence < 1.0
    assert data["trained_on"]["corpus"].startswith("shared/corpus/sections")
    assert data["settings"]["script"] == "scripts/train_sections.py"


def test_model_reads_roles_from_the_kind_of_paragraph_not_the_topic() -> None:
    texts = [
        "The council approved the new water budget on Monday after a long debate in the chamber.",
        "In 2009 an earlier plan to raise water prices collapsed after six months of protests, and the "
        "previous mayor withdrew it.",
        "Analysts say the budget will likely be revised next year, and prices could rise if the drought continues.",
        "By Jane Doe",
    ]
    probabilities = shipped_model().predict(paragraph_features("Council approves water budget", texts, "2024-05-02"))
    best = [max(p, key=lambda role, p=p: p[role]) for p in probabilities]
    assert [best[0], best[2], best[3]] == ["background", "outlook", "none"]
    # precedents is the weakest role (recall about 0.1 in cross-validation): the earlier episode is
    # at least the paragraph the model finds most like one
    assert max(range(4), key=lambda i: probabilities[i]["precedents"]) == 1


def test_datelines_bylines_and_captions_are_page_furniture() -> None:
    assert is_page_furniture("Ankara, 2 May 2025.")
    assert is_page_furniture("By Jane Doe and John Roe")
    assert is_page_furniture("This satellite image taken on 3 June by DigitalGlobe shows the damaged runway.")
    assert not is_page_furniture("The army launched the operation in North Waziristan in June 2014.")


def test_links_and_editors_notes_are_page_furniture_but_guillemet_quotes_are_not() -> None:
    assert is_page_furniture("Watch Obama address his staff ».")
    assert is_page_furniture("Learn more about the countries »")
    assert is_page_furniture("Editor's note: Ivan Watson is CNN's correspondent based in Istanbul, Turkey.")
    assert not is_page_furniture("The minister told the assembly: « We want peace, and we will make it. »")


@pytest.mark.corpus
def test_a_retrain_from_the_corpus_reproduces_the_shipped_weights() -> None:
    out = retrain_matches("train_sections.py", CORPUS)
    assert "| full model |" in out and "| majority class |" in out
