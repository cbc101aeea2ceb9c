"""Deck visuals read back with python-pptx: agenda, key figures, timeline, table, chart, judgement.

The long-content case is the issue's fit test: 400-character bullets, 40 timeline events, 12 facts
and a 150-character title, on the built-in 16:9 reference and a custom 4:3 one, with no text box
or table cell overflowing by the font-metric measure.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck

from reportgen.errors import PackError
from reportgen.outline import Chart, Event, Figure, Figures, Judgement, Meta, Outline, Point, Slide, Table, Timeline
from reportgen.renderers.pptx.render import render
from reportgen.renderers.pptx.timeline import short_label, shown_date
from tests.renderers.pptx.checks import assert_nothing_overflows
from tests.support.office import convert_to_pdf, pdf_page_count, validation_errors

ROOT = Path(__file__).resolve().parents[3]
BUILT_IN = ROOT / "templates" / "analyst" / "reference.pptx"
META = Meta(title="Long deck", marking="OFFICIAL", date="2024-06-24")
WORDS = (
    "Pakistan's government approved a counter-terrorism campaign after pressure from Beijing over attacks "
    "on Chinese nationals working on the economic corridor, while the opposition demanded a vote in "
    "Parliament and provincial governments argued about who would pay for the operation and its aftermath"
)


def text_of(length: int, seed: int = 0) -> str:
    words = (WORDS + " ") * (length // len(WORDS) + 2)
    start = words.index(" ", seed % 50) + 1
    text = words[start : start + length]
    return text[:-1] + "s" if text.endswith(" ") else text  # exactly `length` characters


def read(data: bytes) -> Deck:
    prs: Deck = Presentation(io.BytesIO(data))
    return prs


def titles(prs: Deck) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def named(slide: Any, prefix: str) -> list[Any]:
    return [s for s in slide.shapes if s.name.startswith(prefix)]


def long_outline() -> Outline:
    events = tuple(Event(f"20{i:02d}-0{i % 9 + 1}-1{i % 9}", text_of(60 + (i * 37) % 260, i)) for i in range(40))
    facts = tuple(Figure(f"{(i + 1) * 1234:,}", text_of(40 + i * 12, i)) for i in range(12))
    rows = tuple((text_of(30, i), text_of(120 + i * 20, i), text_of(40, i)) for i in range(14))
    points = tuple(Point(text_of(90, i), i * 7.5) for i in range(12))
    return Outline(
        "deck",
        META,
        (
            Slide("title", text_of(150), subtitle=text_of(200)),
            Slide("bullets", text_of(150, 3), items=tuple(text_of(400, i) for i in range(6)), notes="n"),
            Slide(
                "bullets",
                "Outlook",
                items=tuple(text_of(400, i) for i in range(3)),
                judgement=Judgement("The author's assessment", tuple(text_of(400, i) for i in range(3))),
                notes="n",
            ),
            Slide("agenda", "Agenda", items=tuple(text_of(60, i) for i in range(12)), notes="n"),
            Slide("figures", text_of(150, 5), visual=Figures(facts), notes="n"),
            Slide("timeline", "Timeline", visual=Timeline(events), notes="n"),
            Slide("table", "Actors", visual=Table(("Name", "Role", "Affiliation"), rows), notes="n"),
            Slide("chart", "Compared", visual=Chart("bar", text_of(80), points)),
        ),
    )


@pytest.fixture(params=["built-in", "custom"])
def reference(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "built-in":
        return BUILT_IN
    path = tmp_path / "custom.pptx"
    Presentation().save(str(path))  # python-pptx's 4:3 default
    return path


def test_long_content_never_overflows_by_the_font_metric_measure(reference: Path) -> None:
    prs = read(render(long_outline(), reference))
    assert_nothing_overflows(prs)
    title = prs.slides[0].shapes.title.text
    assert len(title) == 150 or (title.endswith("…") and len(title) > 60)


def test_a_long_timeline_shows_the_six_weightiest_events_in_time_order_on_one_slide(reference: Path) -> None:
    events = tuple(
        Event(f"20{i:02d}-0{i % 9 + 1}-1{i % 9}", text_of(60 + (i * 37) % 260, i), weight=2 if i % 7 == 3 else 0)
        for i in range(40)
    )
    prs = read(render(Outline("deck", META, (Slide("timeline", "Timeline", visual=Timeline(events)),)), reference))
    assert titles(prs) == ["Timeline (6 of 40 events)"]
    slide = prs.slides[0]
    shown = [label.text_frame.paragraphs[0].text for label in named(slide, "Timeline label")]
    weighty = [e for e in events if e.weight]  # 6 of them, the 4th, 11th, ... 39th
    assert len(weighty) == 6 and shown == [shown_date(e.date) for e in weighty]
    labels = named(slide, "Timeline label")
    for a in labels:
        for b in labels:
            apart = a.left + a.width <= b.left or b.left + b.width <= a.left
            assert a is b or apart or a.top != b.top, f"{a.name} and {b.name} overlap"
    assert_nothing_overflows(prs)


def test_the_count_in_a_timeline_title_follows_the_packs_wording() -> None:
    events = tuple(Event(f"20{i:02d}", f"Event {i}") for i in range(9))
    timeline = Timeline(events, count_label="{shown} sur {total} événements")
    prs = read(render(Outline("deck", META, (Slide("timeline", "Chronologie", visual=timeline),)), BUILT_IN))
    assert titles(prs) == ["Chronologie (6 sur 9 événements)"]


def test_timeline_dots_sit_to_scale_in_time_and_a_long_gap_is_shortened_and_marked() -> None:
    def dots(*dates: str) -> tuple[list[int], int]:
        events = tuple(Event(d, f"Event {d}") for d in dates)
        prs = read(render(Outline("deck", META, (Slide("timeline", "When", visual=Timeline(events)),)), BUILT_IN))
        slide = prs.slides[0]
        return [d.left for d in named(slide, "Timeline marker")], len(named(slide, "Timeline break"))

    (a, b, c, d), breaks = dots("2010", "2011", "2012", "2013-07")
    assert breaks == 0 and abs((d - c) - 1.5 * (b - a)) < 0.02 * (d - a)  # a year and a half: half as far again
    (a, b, c, d), breaks = dots("1968", "2010", "2011", "2012")
    assert breaks == 2  # one break: two slanted strokes across the axis
    assert b - a < 3 * (c - b), "42 years shortened, not drawn to scale"
    (a, b, c), breaks = dots("2014", "2014-12-24", "winter")
    assert breaks == 0 and abs((b - a) - (c - b)) <= 1, "a date that is not ISO: evenly spaced"


def test_fewer_than_three_events_make_a_table_not_a_near_empty_line() -> None:
    events = (Event("2003", "A campaign began."), Event("2008-02", "A group grew."))
    prs = read(render(Outline("deck", META, (Slide("timeline", "When", visual=Timeline(events)),)), BUILT_IN))
    (table,) = [s for s in prs.slides[0].shapes if s.has_table]
    rows = [[c.text for c in r.cells] for r in table.table.rows]
    assert rows == [["Date", "Event"], ["2003", "A campaign began."], ["Feb 2008", "A group grew."]]
    assert not named(prs.slides[0], "Timeline marker")


def test_timeline_labels_are_the_date_and_a_few_words_without_the_opening_date_phrase() -> None:
    assert shown_date("2024-03-26") == "26 Mar 2024" and shown_date("2024-06") == "Jun 2024"
    assert shown_date("2007") == "2007" and shown_date("18 August") == "18 August"
    assert short_label("On 26 March, a convoy of Chinese nationals travelling from Islamabad was attacked.") == (
        "A convoy of Chinese nationals travelling from Islamabad…"
    )
    assert short_label("In 2014, Pakistan's military commenced Operation Zarb-i-Azb.") == (
        "Pakistan's military commenced Operation Zarb-i-Azb."
    )
    assert short_label("Then, in 2012, hundreds of Islamists assaulted the embassy.") == (
        "Hundreds of Islamists assaulted the embassy."
    )
    assert short_label("Who held power from 2011 to 2013 and then ...", words=7) == "Who held power from 2011 to 2013…"


def test_key_figures_show_at_most_four_a_slide_value_over_caption() -> None:
    figures = tuple(Figure(f"{n:,}", f"caption {n}") for n in (1524, 1463, 789, 20, 5, 6))
    prs = read(render(Outline("deck", META, (Slide("figures", "Key figures", visual=Figures(figures)),)), BUILT_IN))
    assert titles(prs) == ["Key figures", "Key figures (cont.)"]
    values = [[s.text_frame.text for s in named(slide, "Figure") if s.name.endswith("value")] for slide in prs.slides]
    assert values == [["1,524", "1,463", "789"], ["20", "5", "6"]]
    first = prs.slides[0]
    value, caption = named(first, "Figure 1 value")[0], named(first, "Figure 1 caption")[0]
    assert value.top < caption.top
    assert value.text_frame.paragraphs[0].runs[0].font.size.pt >= 40


def test_a_value_too_long_for_one_line_keeps_its_number_on_two_lines_above_its_caption() -> None:
    figures = tuple(Figure(v, "caption") for v in ("1,524", "approximately $1.9 billion", "1,463", "789"))
    prs = read(render(Outline("deck", META, (Slide("figures", "Key figures", visual=Figures(figures)),)), BUILT_IN))
    slide = prs.slides[0]
    value, caption = named(slide, "Figure 2 value")[0], named(slide, "Figure 2 caption")[0]
    assert value.text_frame.text == "approximately $1.9 billion"  # no ellipsis in place of the number
    assert value.top + value.height <= caption.top
    assert_nothing_overflows(prs)


def test_chart_is_a_native_editable_bar_chart_of_the_points() -> None:
    points = (Point("Fatalities", 1524), Point("Injuries", 1463), Point("Attacks", 789))
    chart = Chart("bar", "In Pakistan in 2023", points)
    prs = read(render(Outline("deck", META, (Slide("chart", "Compared", visual=chart),)), BUILT_IN))
    (frame,) = [s for s in prs.slides[0].shapes if s.has_chart]
    plot = frame.chart.plots[0]
    assert list(plot.categories) == ["Fatalities", "Injuries", "Attacks"]
    assert list(plot.series[0].values) == [1524, 1463, 789]
    assert frame.chart.chart_title.text_frame.text == "In Pakistan in 2023"
    assert frame.chart.part.chart_workbook.xlsx_part is not None, "the data is editable in PowerPoint"


def test_judgement_sits_in_its_own_box_below_the_bullets_on_the_same_slide() -> None:
    slide = Slide("bullets", "Outlook", items=("Watch the budget.",), judgement=Judgement("View", ("Doubtful.",)))
    prs = read(render(Outline("deck", META, (slide,)), BUILT_IN))
    assert len(prs.slides) == 1
    (box,) = named(prs.slides[0], "Judgement")
    body = next(s for s in prs.slides[0].placeholders if s.placeholder_format.idx == 1)
    assert [p.text for p in box.text_frame.paragraphs] == ["View", "Doubtful."]
    assert body.top + body.height <= box.top
    assert box.fill.fore_color.rgb is not None
    assert_nothing_overflows(prs)


def test_judgement_moves_to_a_cont_slide_when_the_bullets_fill_the_slide() -> None:
    prs = read(render(long_outline(), BUILT_IN))
    outlook = [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("Outlook")]
    assert named(outlook[-1], "Judgement") and not any(named(s, "Judgement") for s in outlook[:-1])


def test_agenda_items_are_numbered_and_continue_their_numbers() -> None:
    prs = read(render(long_outline(), BUILT_IN))
    agenda = [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("Agenda")]
    numbers = [
        int(p._p.pPr.find(qn("a:buAutoNum")).get("startAt"))
        for slide in agenda
        for shape in slide.placeholders
        if shape.placeholder_format.idx == 1
        for p in shape.text_frame.paragraphs
    ]
    assert numbers == list(range(1, 13))


def test_a_long_table_repeats_its_header_on_cont_slides(reference: Path) -> None:
    prs = read(render(long_outline(), reference))
    tables = [s.shapes[i] for s in prs.slides for i in range(len(s.shapes)) if s.shapes[i].has_table]
    assert len(tables) >= 2
    assert all([c.text for c in t.table.rows[0].cells] == ["Name", "Role", "Affiliation"] for t in tables)
    assert sum(len(t.table.rows) - 1 for t in tables) == 14


def test_a_visual_slide_needs_its_layout_by_name(reference: Path) -> None:
    outline = Outline("deck", META, (Slide("figures", "F", layout="Figures", visual=Figures((Figure("1", "x"),))),))
    with pytest.raises(PackError, match="no layout named 'Figures'; available: 'Title Slide'"):
        render(outline, reference)


def test_visual_decks_are_identical_on_every_render_and_valid_and_open_in_libreoffice(tmp_path: Path) -> None:
    data = render(long_outline(), BUILT_IN)
    assert render(long_outline(), BUILT_IN) == data, "the chart's workbook must not carry 'now'"
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    assert validation_errors(path) == []
    assert pdf_page_count(convert_to_pdf(path, tmp_path)) == len(read(data).slides)
