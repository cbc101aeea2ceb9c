"""First-use work done once in the batch fork server, so that every recycled worker starts warm.

Batch workers fork from a server process that has imported this module. What the pipeline
computes on first use (compiled regular expressions, word lists, stems, font metrics, compiled
templates, a pack's checked and parsed reference files) lives in per-process caches, and a fresh
worker every few dozen articles would otherwise pay for it again: more than a whole article's
build. multiprocessing's fork server can only *import* modules before it forks, so importing this
module is what does the work: it summarises a few sentences and renders the bundled sample brief
with the batch's pack, in memory, writing nothing.

The pack comes from the environment (batch.WARM_AUDIENCE, WARM_TEMPLATES), set by the batch before it
starts its first pool. Any failure is ignored: a cold worker is slower, never wrong, and the
real build reports the error properly.
"""

from __future__ import annotations

import contextlib
import os
from importlib import resources
from pathlib import Path

from reportgen.batch import WARM_AUDIENCE, WARM_TEMPLATES


def warm_up(audience: str, templates_dir: Path | None = None) -> None:
    """Run every stage once on built-in content so that their caches are filled."""
    from reportgen.model import Article, Brief, Paragraph, Source
    from reportgen.packs import find_pack
    from reportgen.pipeline import outline_for, summarise_for
    from reportgen.renderers import get_renderer

    pack = find_pack(audience, templates_dir)
    text = resources.files("reportgen").joinpath("data/sample-brief.json").read_text(encoding="utf-8")
    brief = Brief.from_json(text)
    paragraphs = tuple(Paragraph(b.text) for s in brief.sections for b in s.bullets)
    summarise_for(Article(brief.title, paragraphs, Source(title=brief.title)), pack)
    for name in pack.outputs:
        get_renderer(name)(outline_for(brief, pack, name), pack.reference(name))


def _warm_from_environment() -> None:
    audience = os.environ.get(WARM_AUDIENCE)
    if not audience:
        return
    templates = os.environ.get(WARM_TEMPLATES)
    with contextlib.suppress(Exception):  # best effort: see the module docstring
        warm_up(audience, Path(templates) if templates else None)


_warm_from_environment()
