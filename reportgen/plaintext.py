"""A readable plain-text view of a Brief, for terminals and pipelines (`summarise --format text`).

It shows the Brief as the summariser made it, before any audience pack: every section, fact, event
and actor, each line with its paragraph reference, so the output can be checked against the
article by eye.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from reportgen.model import Brief, Bullet, Ref

WIDTH = 100


def _refs(refs: Iterable[Ref]) -> str:
    numbers = sorted({r.paragraph + 1 for r in refs})
    return " [" + ", ".join(f"¶{n}" for n in numbers) + "]" if numbers else ""


def _item(text: str, prefix: str = "- ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=prefix, subsequent_indent=" " * len(prefix)) or [prefix]


def _bullets(bullets: Iterable[Bullet]) -> list[str]:
    return [line for b in bullets for line in _item(b.shown + _refs(b.refs))]


def brief_to_text(brief: Brief) -> str:
    lines = [brief.title, "=" * min(WIDTH, len(brief.title))]
    source = ", ".join(x for x in (brief.source.url or brief.source.path, brief.source.published) if x)
    if source:
        lines.append(f"Source: {source}")
    lines += ["", "BOTTOM LINE", *_bullets(brief.key_points)]
    for section in brief.sections:
        lines += ["", section.title.upper(), *_bullets(section.bullets)]
        if section.key == "outlook" and brief.assessment:
            lines += ["", "Author's assessment:", *_bullets(brief.assessment)]
    if brief.assessment and not any(s.key == "outlook" for s in brief.sections):
        lines += ["", "ASSESSMENT", *_bullets(brief.assessment)]
    if brief.facts:
        lines += ["", "KEY FACTS"]
        for fact in brief.facts:
            unit = f" {fact.unit}" if fact.unit and fact.unit not in ("USD", "percent") else ""
            what = f" — {fact.counts}" if fact.counts else ""
            lines += _item(f"{fact.value}{unit}{what}: {fact.text}{_refs(fact.refs)}")
    if brief.timeline:
        lines += ["", "TIMELINE"]
        for event in brief.timeline:
            lines += _item(f"{event.date:<10} {event.text}{_refs(event.refs)}")
    if brief.actors:
        lines += ["", "ACTORS"]
        for actor in brief.actors:
            detail = ", ".join(x for x in (actor.role, actor.affiliation, actor.kind) if x)
            lines += _item(f"{actor.name}" + (f" ({detail})" if detail else ""))
    return "\n".join(lines) + "\n"
