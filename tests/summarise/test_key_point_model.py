"""The shipped key-point model: it loads, says where it came from, ranks sentences by their role in
the story rather than their topic, and a retrain from the corpus reproduces it."""

from __future__ import annotations

import json

import pytest

from reportgen.model import Article, Paragraph, Source
from reportgen.readers import read_article
from reportgen.summarise import summarise
from reportgen.summarise.key_points import choose_key_points
from reportgen.summarise.ranking import rank_article
from reportgen.summarise.salience_features import centrality, sentence_features
from reportgen.summarise.salience_model import shipped_model
from reportgen.summarise.sentences import Sentence, split_article
from tests.builders import ROOT, SAMPLE
from tests.support.retrain import retrain_matches

CORPUS = ROOT.parent / "shared" / "corpus" / "cnn"


def test_shipped_weights_load_and_name_their_corpus_and_script() -> None:
    data = json.loads((ROOT / "reportgen/data/key_point_model.json").read_text(encoding="utf-8"))
    model = shipped_model()
    assert len(model.weights) > 20
    assert data["trained_on"]["corpus"].startswith("shared/corpus/cnn")
    assert data["trained_on"]["stories"] == 2000
    assert data["settings"]["script"] == "scripts/train_key_points.py"


def _article(texts: list[str]) -> Article:
    return Article("Council votes on water", tuple(Paragraph(t) for t in texts), Source("Council votes on water"))


def test_the_news_in_the_lead_outranks_a_late_quotation_and_a_long_digression() -> None:
    texts = [
        "The city council approved a $40 million water budget on Monday, ending a six-month dispute.",
        "The budget raises prices by 8 percent for households that use more than the average.",
        "Council members met in the old chamber, which was rebuilt in 1921 after a fire destroyed the first "
        "building, and which has since housed the library, the archive, the records office and, for a "
        "while in the 1970s, a small museum of local history that closed for lack of visitors.",
        "\u201cWe did what we had to,\u201d one member said.",
    ]
    article = _article(texts)
    flat = [s for row in split_article(article) for s in row]
    scores = shipped_model().scores(sentence_features(flat, len(texts)))
    assert scores[0] > scores[2] and scores[0] > scores[3]
    assert scores[1] > scores[3]


def test_centrality_is_highest_for_the_sentence_sharing_most_with_the_rest() -> None:
    terms = [("water", "budget", "price"), ("water", "budget"), ("budget", "price"), ("library", "archive")]
    central = centrality(terms)
    assert central.index(max(central)) == 0
    assert central[3] == pytest.approx(0.0, abs=1e-9)


def test_features_are_the_same_from_the_ranking_vectors_as_from_scratch() -> None:
    article = read_article(SAMPLE)
    flat = [s for row in split_article(article) for s in row]
    vectors = rank_article(flat).similarity.vectors
    assert sentence_features(flat, len(article.paragraphs), vectors) == sentence_features(flat, len(article.paragraphs))


def test_key_points_skip_a_sentence_repeating_one_already_chosen() -> None:
    sentences = [
        Sentence(0, 0, "The council approved the water budget on Monday.", 0.0),
        Sentence(0, 1, "On Monday the council approved the water budget again.", 0.5),
        Sentence(1, 0, "Prices rise by 8 percent next year.", 1.0),
    ]
    assert choose_key_points(sentences, [3.0, 2.0, 1.0], [0, 1, 2], 2) == [0, 2]


def test_sample_bottom_line_states_the_operation_and_its_figures_lead_with_money_not_a_name() -> None:
    brief = summarise(read_article(SAMPLE))
    assert any("Azm-i-Istehkam" in b.text for b in brief.key_points)
    assert not any("army chief" in b.text.lower() for b in brief.key_points)
    values = [f.value for f in brief.facts]
    assert "20-point" not in values
    assert any("1.9 billion" in v for v in values[:3])


@pytest.mark.corpus
def test_a_retrain_from_the_corpus_reproduces_the_shipped_weights() -> None:
    retrain_matches("train_key_points.py", CORPUS, "--no-cv")
