"""Visuals on a slide larger than reportgen's own 13.33 x 7.5 in are planned as on that slide, only
larger: on an area twice as wide and high, at scale 2 (shapes.text_scale of a 26.67 x 15 in
slide), every text size is twice what it is at scale 1, so the text reads the same share of the
slide (shana's, Pasantia's and codeur's templates)."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

from reportgen.outline import Chart, Event, Figure, Meta, Outline, Point, Slide, Table, Timeline
from reportgen.renderers.pptx.chart import plan_chart
from reportgen.renderers.pptx.render import render
from reportgen.renderers.pptx.shapes import Box, ChartSpec, Grid, Shape, TextBox
from reportgen.renderers.pptx.timeline import plan_timeline
from reportgen.renderers.pptx.visuals import plan_figures, plan_table

AREA = Box(609600, 1600200, 10972800, 4800600)
DOUBLE = Box(*(2 * n for n in AREA))
FAMILY = "Calibri"
FIGURES = (
    Figure("1,524", "fatalities in Pakistan in 2023"),
    Figure("approximately $1.9 billion", "the Zarb-e-Azb operation"),
    Figure("789", "terror attacks in Pakistan in 2023"),
)
TABLE = Table(("Name", "Role"), tuple((f"Person {n}", "Minister for the interior and security") for n in range(20)))
TIMELINE = Timeline(
    tuple(Event(f"20{10 + n}-0{n + 1}", f"Event number {n} happened in the province after talks") for n in range(5))
)
CHART = Chart("bar", "In 2023", (Point("Fatalities", 1524), Point("Injuries", 1463), Point("Attacks", 789)))


def sizes(pages: list[tuple[Shape, ...]]) -> list[int]:
    return [s.size for page in pages for s in page if isinstance(s, TextBox | Grid | ChartSpec)]


def test_key_figures_on_a_slide_twice_the_size_have_text_twice_the_size() -> None:
    small, large = sizes(plan_figures(FIGURES, AREA, FAMILY)), sizes(plan_figures(FIGURES, DOUBLE, FAMILY, scale=2))
    assert small and large == [2 * s for s in small]


def test_a_table_on_a_slide_twice_the_size_has_text_twice_the_size_and_as_many_pages() -> None:
    small, large = plan_table(TABLE, AREA, FAMILY), plan_table(TABLE, DOUBLE, FAMILY, scale=2)
    assert len(large) == len(small)
    assert sizes(large) == [2 * s for s in sizes(small)]


def test_timeline_labels_on_a_slide_twice_the_size_are_twice_the_size() -> None:
    small, large = plan_timeline(TIMELINE, AREA, FAMILY), plan_timeline(TIMELINE, DOUBLE, FAMILY, scale=2)
    assert sizes(small) and sizes(large) == [2 * s for s in sizes(small)]


def test_chart_labels_and_title_on_a_slide_twice_the_size_are_twice_the_size() -> None:
    small, large = plan_chart(CHART, AREA, FAMILY), plan_chart(CHART, DOUBLE, FAMILY, scale=2)
    assert (large.size, large.title_size) == (2 * small.size, 2 * small.title_size)
    assert large.labels == small.labels


def test_the_marking_and_slide_number_grow_with_a_slide_twice_the_size(tmp_path: Path) -> None:
    outline = Outline("deck", Meta(title="T", marking="OFFICIAL"), (Slide("bullets", "Points", items=("A point.",)),))
    found = []
    for factor in (1, 2):
        prs = Presentation()
        prs.slide_width, prs.slide_height = Emu(12_192_000 * factor), Emu(6_858_000 * factor)
        path = tmp_path / f"ref{factor}.pptx"
        prs.save(str(path))
        deck = Presentation(io.BytesIO(render(outline, path)))
        footer = [s for s in deck.slides[0].shapes if s.name in ("Marking", "Slide Number")]
        found.append(sorted(r.font.size.pt for s in footer for p in s.text_frame.paragraphs for r in p.runs))
    small, large = found
    assert small and large == [2 * s for s in small]
