import re

from reportgen.evaluate import faithful
from reportgen.readers import read_article
from reportgen.summarise import SummaryOptions, summarise
from reportgen.summarise.compress import compress
from tests.builders import SAMPLE


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_bullet_is_its_cited_sentence_minus_removable_spans() -> None:
    article = read_article(SAMPLE)
    brief = summarise(article)
    bullets = list(brief.key_points) + [b for s in brief.sections for b in s.bullets] + list(brief.assessment)
    assert len(bullets) >= 10
    for bullet in bullets:
        assert bullet.refs, bullet
        assert faithful(bullet, article), bullet
        for ref in bullet.refs:
            assert _norm(bullet.quote) in _norm(article.paragraphs[ref.paragraph].text)


def test_compression_drops_markers_attribution_and_asides_but_keeps_figures_and_hedges() -> None:
    assert compress("However, the deal closed on Monday according to multiple media sources.") == (
        "The deal closed on Monday."
    )
    assert compress("The Central Apex Committee (NAP), chaired by the PM, met.") == (
        "The Central Apex Committee, chaired by the PM, met."
    )
    assert compress("It cost $5 (about 4 euros).") == "It cost $5 (about 4 euros)."
    assert (
        compress("The gunmen may have escaped (possibly to Libya).")
        == "The gunmen may have escaped (possibly to Libya)."
    )
    assert compress("The talks will not resume, officials said.") == "The talks will not resume."
    assert compress("– Turkish President Tayyip Erdoğan said the takeover poses a threat.") == (
        "Turkish President Tayyip Erdoğan said the takeover poses a threat."
    )


def test_a_sentence_cut_from_a_longer_quotation_gets_the_mark_it_lacks_and_no_word_more() -> None:
    # The tail of a quotation that began a sentence earlier, and the head of one that runs on.
    assert compress("We want to unify against this danger,” Lourimi said.") == (
        "“We want to unify against this danger,” Lourimi said."
    )
    assert compress('"We mourn each and every innocent life that is lost.') == (
        '"We mourn each and every innocent life that is lost."'
    )
    assert compress('Hamdan said the attacks were "a good lesson for Israel.') == (
        'Hamdan said the attacks were "a good lesson for Israel."'
    )
    whole = 'He said "yes" twice, and “no” once.'
    assert compress(whole) == whole


def test_bullets_come_from_their_sections_paragraphs_in_article_order() -> None:
    brief = summarise(read_article(SAMPLE))
    for section in brief.sections:
        positions = [(b.refs[0].paragraph, b.refs[0].sentence) for b in section.bullets]
        assert positions == sorted(positions)
        assert all(p in section.paragraphs for p, _ in positions)


def test_each_sample_paragraph_goes_to_at_most_one_section() -> None:
    brief = summarise(read_article(SAMPLE))
    seen = [p for s in brief.sections for p in s.paragraphs]
    assert len(seen) == len(set(seen))  # no sentence of the sample clearly belongs elsewhere


def test_limits_are_respected_and_key_points_are_not_repeated_as_bullets() -> None:
    brief = summarise(read_article(SAMPLE), SummaryOptions(bullets_per_section=2, key_points=4))
    assert len(brief.key_points) == 4
    assert all(len(s.bullets) <= 2 for s in brief.sections)
    key = {b.text for b in brief.key_points}
    assert not key & {b.text for s in brief.sections for b in s.bullets}


def test_summary_is_deterministic() -> None:
    article = read_article(SAMPLE)
    assert summarise(article).to_json() == summarise(article).to_json()


def test_sample_assessment_is_the_authors_closing_judgement() -> None:
    brief = summarise(read_article(SAMPLE))
    assert [b.text for b in brief.assessment] == [
        "There are too many variables thus and legacy of failure suggesting a negative outcome so at best a "
        "neutral trend is indicated."
    ]
