"""Page debris told apart from prose by shape: a saved news page comes out as its article only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.readers import read_article
from reportgen.readers.blocks import RawBlock, select_body
from tests.builders import ROOT

ARTICLES = ROOT.parent / "shared" / "articles"
RAW_PAGE = ARTICLES / "01_wapo_tunisia_bardo_attack_rawpage.txt"

PROSE = [
    "The council approved the new budget on Tuesday after a long debate about school funding and roads.",
    "Opposition members said the plan would raise local taxes by four percent over the next two years.",
    "The mayor said the increase was needed to repair bridges that inspectors had closed last winter.",
    "A final vote on the transport section is expected next month, officials said.",
]


def blocks(*texts: str) -> list[RawBlock]:
    return [RawBlock(t) for t in texts]


def test_menus_above_and_widgets_below_the_body_are_dropped() -> None:
    menu = ["Home", "World", "Politics", "Sport", "Business", "Sign In", "Subscribe"]
    widgets = ["Most Read", "1", "Ten things to do this weekend", "2", "Local team wins the cup", "Comments", "Spam"]
    kept = select_body(blocks(*menu, *PROSE, *widgets))
    assert [b.text for b in kept] == PROSE


@pytest.mark.parametrize(
    "debris",
    [
        "[Read: Why the council keeps raising taxes]",
        "More about badges | Request a badge",
        "Protesters outside the town hall on Tuesday. (Reuters)",
        "Continue reading the main story",
    ],
    ids=["bracketed-link", "link-list", "credited-caption", "known-phrase"],
)
def test_furniture_inside_the_body_is_dropped(debris: str) -> None:
    kept = select_body(blocks(PROSE[0], PROSE[1], debris, PROSE[2], PROSE[3]))
    assert [b.text for b in kept] == PROSE


def test_a_caption_shown_twice_and_a_gallery_are_dropped_but_a_sub_heading_stays() -> None:
    caption = "Crowds gathered at the harbour as the first ships arrived on Monday morning."
    gallery = ["1 of 12", "Full Screen", "Autoplay", "Close", caption, "Caption", caption, "Buy Photo"]
    # A gallery costs the body run a little per block: the text around it must outweigh that.
    before = [
        f"{text} Speaker {n} argued at length about the costs and the timing of the works."
        for n, text in enumerate(PROSE)
    ]
    after = [f"{text} It was item {n} on a long agenda that ran late into the evening." for n, text in enumerate(PROSE)]
    kept = select_body(blocks(*before, *gallery, after[0], "What happens next", *after[1:]))
    assert [b.text for b in kept] == [*before, after[0], "What happens next", *after[1:]]


def test_text_without_any_sentence_is_kept_whole() -> None:
    texts = ["no punctuation here at all", "and none here either friend", "nor in this line of words"]
    assert [b.text for b in select_body(blocks(*texts))] == texts


@pytest.mark.skipif(not RAW_PAGE.exists(), reason="development articles (../shared/articles) not present")
def test_the_raw_saved_news_page_comes_out_as_its_article_body_only() -> None:
    article = read_article(RAW_PAGE)
    raw = [" ".join(b.split()) for b in re.split(r"\n\s*\n", RAW_PAGE.read_text(encoding="utf-8"))]
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("CAIRO")
    assert texts[-1] == "Heba Habib contributed to this report."
    assert article.headings == ()
    # Every paragraph is prose from the page, and none of it is navigation or a widget.
    for text in texts:
        assert text in raw
        assert text.endswith((".", "”", ".”", "?"))
    whole = " ".join(texts)
    for widget in (
        "Share on",
        "Sign In",
        "Full Screen",
        "Caption",
        "Buy Photo",
        "[Read:",
        "Badge",
        "Most Read",
        "(Reuters)",
    ):
        assert widget not in whole


@pytest.mark.skipif(not ARTICLES.exists(), reason="development articles (../shared/articles) not present")
@pytest.mark.parametrize("txt", sorted(ARTICLES.glob("*.txt")) if ARTICLES.exists() else [], ids=lambda p: p.stem)
def test_no_gold_labelled_paragraph_of_a_development_article_is_lost(txt: Path) -> None:
    import json

    gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    raw = [
        " ".join(b.split())
        for b in re.split(r"\n\s*\n", txt.read_text(encoding="utf-8").split("\n", 1)[1])
        if b.strip()
    ]
    article = read_article(txt)
    ours = {p.text for p in article.paragraphs}
    labelled = {i for indices in gold["sections_gold"].values() for i in indices}
    labelled |= {fact["paragraph"] for fact in gold["key_facts"]}
    assert [i for i in sorted(labelled) if raw[i] not in ours] == []
