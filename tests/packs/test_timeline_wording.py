"""A timeline slide counts its events in the pack's words (issue 15): "Zeitleiste (6 von 8
Ereignissen)" from a German pack's `[wording] timeline_count`, also where the pack's own deck
template writes `<timeline>` without a `count-label`; never the renderer's English default."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen.model import Ref, TimelineEvent
from reportgen.outline import Slide, Timeline
from reportgen.outlining import outline_for
from reportgen.packs import load_pack
from reportgen.renderers.pptx.timeline import shown_count
from tests.builders import make_brief

BRIEF = replace(
    make_brief(),
    timeline=tuple(TimelineEvent(f"{2010 + n}", f"Event number {n} happened.", (Ref(0, 0),)) for n in range(8)),
)
GERMAN = '[wording]\ntimeline = "Zeitleiste"\ntimeline_count = "{shown} von {total} Ereignissen"\n'


def _pack(tmp_path: Path, deck: str = "") -> Path:
    folder = tmp_path / "deutsch"
    folder.mkdir()
    outputs = '[outputs.pptx]\ntemplate = "deck.xml.j2"\n\n' if deck else ""
    (folder / "pack.toml").write_text(f'name = "deutsch"\nextends = "analyst"\n\n{outputs}{GERMAN}', encoding="utf-8")
    if deck:
        (folder / "deck.xml.j2").write_text(deck, encoding="utf-8")
    return folder


def _timeline_titles(folder: Path) -> list[str]:
    outline = outline_for(BRIEF, load_pack(folder), "pptx")
    slides = [b for b in outline.blocks if isinstance(b, Slide) and isinstance(b.visual, Timeline)]
    return [s.title + shown_count(s.visual) for s in slides if isinstance(s.visual, Timeline)]


def test_the_analyst_deck_counts_a_timeline_in_the_packs_language(tmp_path: Path) -> None:
    assert _timeline_titles(_pack(tmp_path)) == ["Zeitleiste (6 von 8 Ereignissen)"]


def test_a_pack_template_without_a_count_label_still_counts_in_the_packs_words(tmp_path: Path) -> None:
    deck = (
        '<document kind="deck"><slide kind="timeline"><title>{{ pack.wording.timeline }}</title><timeline>'
        '{% for e in brief.timeline %}<event date="{{ e.date }}">{{ e.text }}</event>{% endfor %}'
        "</timeline></slide></document>"
    )
    assert _timeline_titles(_pack(tmp_path, deck)) == ["Zeitleiste (6 von 8 Ereignissen)"]
