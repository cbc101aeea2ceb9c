"""Briefs follow the article: the sections it has, titles from clear evidence, no page furniture as
bullets, and a length that follows the article's. Small synthetic articles, no words of a real one."""

from __future__ import annotations

import re
from dataclasses import replace

from reportgen.evaluate import length_ratio
from reportgen.summarise import BULLET_CONFIDENCE, summarise
from reportgen.summarise.budget import MAX_SHARE
from reportgen.summarise.compress import compress
from reportgen.summarise.profile import load_profile
from reportgen.summarise.section_model import shipped_model
from reportgen.summarise.sections import assign_sections
from reportgen.summarise.states import scene_of
from reportgen.summarise.titles import section_title
from tests.builders import make_article

REVIEW = (
    "The new Lumo X2 headphones cost $249 and come in black, white and a muted green.",
    "I wore them for two weeks on trains, in the office and on a long flight to Lisbon.",
    "The sound is warm and detailed, with deep bass that never drowns out voices or guitars.",
    "Noise cancelling is very good: the hum of the plane engine all but vanished once I switched it on.",
    "The ear cushions are soft, but after three hours my ears felt hot and I had to take a break.",
    "Battery life is excellent, and I charged them only twice in the whole fortnight of testing.",
    "The companion app is cluttered, and the equaliser hides behind three menus that are hard to find.",
    "The touch controls on the right cup work well, though a brush of my hair sometimes paused the music.",
    "Call quality is fine indoors, but callers said my voice sounded distant on a windy street.",
    "Overall these are comfortable, good-sounding headphones that are easy to recommend at this price.",
)
EXPLAINER = (
    "Iron deficiency is the most common nutritional deficiency in the world, and it often goes unnoticed.",
    "The body needs iron to make haemoglobin, the protein in red blood cells that carries oxygen to tissues.",
    "Common symptoms include tiredness, pale skin, shortness of breath and cold hands and feet.",
    "Women with heavy periods, pregnant women and people who eat no meat are more likely to be low in iron.",
    "A simple blood test measures the level of ferritin, which shows how much iron the body has stored.",
    "Red meat, beans, lentils, spinach and fortified cereals are good sources of iron in the diet.",
    "Vitamin C helps the gut absorb iron, so a glass of orange juice with a meal can make a difference.",
    "Tea and coffee reduce absorption and are best drunk between meals rather than with them.",
    "Doctors sometimes prescribe iron tablets, which can cause constipation or an upset stomach.",
    "Anyone with symptoms should talk to a doctor rather than take supplements without a test.",
)


def test_a_product_review_and_a_health_explainer_get_no_security_sections() -> None:
    for paragraphs in (REVIEW, EXPLAINER):
        brief = summarise(make_article(*paragraphs, title="A plain article"))
        keys = [s.key for s in brief.sections]
        assert keys and keys[0] == "background"
        assert "drivers" not in keys and "precedents" not in keys


def test_bullets_come_from_confident_paragraphs_or_the_sections_surest_one() -> None:
    article = make_article(*REVIEW, *EXPLAINER, title="Two halves")
    assignment = assign_sections(article, load_profile("default"))
    for section in summarise(article).sections:
        surest = max(assignment.confidence[p] for p in section.paragraphs)
        for b in section.bullets:
            assert assignment.confidence[b.refs[0].paragraph] >= min(BULLET_CONFIDENCE, surest)


def _insurgency(scene: str, adjective: str) -> list[str]:
    """An analysis written from Washington of a militant group inside `scene`, whose drivers
    paragraphs are about the scene's own clans and elders."""
    return [
        f"American officials say the militant group remains the main threat to United States interests in {scene}.",
        f"The group controls much of the south, and its fighters in {scene} still collect taxes at road blocks.",
        f"Washington has funded the army in {scene} for a decade and trains its special forces at two bases.",
        f"{adjective} clan elders have demanded payments from the group, and {adjective} traders pressed its "
        f"leaders to lift the road blocks, insisting that {adjective} markets depend on the trade.",
        f"{adjective} businessmen urged the group to stop the attacks, and {adjective} clans threatened to "
        "withdraw the recruits they had sent it.",
        "The fighters moved their camps to the forests near the river last month, and the army sent two "
        "battalions after them, but heavy rain slowed the columns and the camps were empty when they arrived.",
        f"Aid agencies in {scene} said food prices in the southern markets had doubled since the spring, and "
        "several thousand families had left their villages for camps on the edge of the larger towns.",
        "The government held talks with regional leaders on Monday about a new police force for the south, "
        "and the defence minister said recruits would be paid on time from the start of next month.",
        "In 2011 an earlier offensive pushed the fighters out of the capital, but they returned within a year.",
        "Analysts say the group will likely survive if the army stays weak, and attacks could rise next year.",
    ]


def test_the_state_where_events_happen_never_titles_the_pressure_section() -> None:
    paragraphs = _insurgency("Mali", "Malian")
    assert scene_of(paragraphs) == "Mali"
    drivers = load_profile("default").section("drivers")
    inside, rest = paragraphs[3:5], paragraphs[:3] + paragraphs[5:]
    assert section_title(drivers, inside, rest, "United States", inside) == drivers.fallback_title
    # the same section, with pressure from a state that is not the scene, is titled after it
    outside = [t.replace("Malian", "Algerian") for t in inside]
    assert section_title(drivers, outside, rest, "United States", outside) == "Algerian pressure"


def test_a_state_named_only_as_an_actor_is_no_scene() -> None:
    assert scene_of(["Russia has demanded guaranteed supplies, and Russian envoys pressed the case in Astana."]) is None
    assert scene_of(["Fighting in Syria went on.", "Refugees in Turkey waited.", "Talks in Syria failed."]) is None


DATELINES = (
    ("LONDON — The government approved a fishing agreement on Tuesday.", "The government approved"),
    ("BEIRUT, Lebanon (CNN) -- Shelling hit the port district overnight.", "Shelling hit"),
    ("(CNN) -- Floods killed twenty people in the valley.", "Floods killed"),
    ("Ankara, 2 May 2025 — The ministry announced new tariffs on steel.", "The ministry announced"),
    ("WASHINGTON (Reuters) - The central bank held its rates steady.", "The central bank held"),
)


def test_a_leading_dateline_is_cut_from_a_bullet() -> None:
    for sentence, start in DATELINES:
        assert compress(sentence).startswith(start), sentence
    # capitals that are a subject, not a place, stay
    assert compress("NATO allies met in Brussels on Monday.").startswith("NATO allies")
    assert compress("US — the largest economy — grew fast.").startswith("US —")


def test_datelines_bylines_and_captions_never_become_bullets() -> None:
    paragraphs = [
        "OSLO — Norway's government approved a new fishing agreement with Iceland on Tuesday after long talks.",
        "Oslo, 2 May 2025.",
        "By Jane Doe and John Roe",
        "The agreement sets quotas for cod and haddock in the northern seas and was announced by the ministry.",
        "This photo taken on 3 June shows fishing boats in the harbour of Tromso.",
        "REYKJAVIK — Icelandic officials said the quotas would be reviewed every year by a joint committee.",
        "In 2016 an earlier agreement collapsed after a dispute over mackerel, and boats were kept out.",
        "Fishing groups have demanded larger quotas and pressed ministers in repeated meetings for more cod.",
        "Analysts say the agreement will likely hold if stocks recover, but quotas may be cut again next year.",
    ]
    brief = summarise(make_article(*paragraphs, title="Fishing agreement"))
    shown = list(brief.key_points) + [b for s in brief.sections for b in s.bullets]
    assert shown
    for b in shown:
        assert not re.match(r"^(?:[A-Z]{3,}\s+—|By |Oslo, 2 May|This photo)", b.text), b.text
        assert b.refs[0].paragraph not in (1, 2, 4), b.text


def _long_article(paragraphs: int) -> list[str]:
    body = []
    for k in range(paragraphs):
        year = 2000 + k
        body.append(
            f"In {year} the council of district {k + 1} approved a plan for {k + 3} new schools, and the "
            f"ministry said the buildings would open within {k % 4 + 2} years if the budget of {k + 10} "
            f"million dollars was kept. Officials expect the number of pupils to rise by {k + 5} percent."
        )
    return body


def test_a_short_article_gets_a_short_brief() -> None:
    article = make_article(*_long_article(12), title="School plans")  # about 600 words
    brief = summarise(article)
    assert length_ratio(brief, article) <= MAX_SHARE
    assert sum(len(s.bullets) for s in brief.sections) + len(brief.key_points) < 20
    assert all(len(s.bullets) <= 5 for s in brief.sections)


def test_a_section_without_a_confident_paragraph_is_left_out() -> None:
    article = make_article(*REVIEW, *EXPLAINER, title="Two halves")
    model = shipped_model()
    loose = assign_sections(article, load_profile("default"), replace(model, min_confidence=0.0))
    pairs = list(zip(loose.labels, loose.confidence, strict=True))
    surest = {key: max(c for k, c in pairs if k == key) for key in loose.labels if key}
    bar = sorted(surest.values())[0] + 1e-6  # above the least sure section's best paragraph
    strict = assign_sections(article, load_profile("default"), replace(model, min_confidence=bar))
    kept = {k for k in strict.labels if k}
    assert kept == {key for key, best in surest.items() if best >= bar}
    assert len(kept) < len(surest)
