"""Brief + audience pack -> Outline: what every pack template sees, and the outline it renders.

The build, `packs check` and the email all word a Brief through a pack's templates, so the context
those templates see is made here once. Renderers take the Outline; nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reportgen.model import Brief
from reportgen.packs import Pack

if TYPE_CHECKING:  # imported where outlines are made: a forked summariser never needs them
    from reportgen.outline import Outline


def document_date(brief: Brief) -> str:
    """The article's date if known, else SOURCE_DATE_EPOCH's, else none: never "now"."""
    if brief.source.published:
        return brief.source.published[:10]
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return ""


def template_context(brief: Brief, pack: Pack) -> dict[str, Any]:
    """What every template of a pack sees (outlines and the email alike), documented in docs/packs.md."""
    # The pack's limits hold whatever made the Brief (a hand-edited or analyst brief.json too).
    limited = tuple(replace(s, bullets=s.bullets[: pack.bullet_limit(s.key)]) for s in brief.sections)
    brief = replace(brief, key_points=brief.key_points[: pack.key_points], sections=limited)
    by_key = {s.key: s for s in brief.sections}
    order = pack.sections or tuple(by_key)
    return {
        "brief": brief,
        "sections": [by_key[k] for k in order if k in by_key and by_key[k].bullets],
        "pack": pack.settings,
        "audience": pack.audience,
        "marking": pack.marking,
        "date": document_date(brief),
    }


def outline_for(brief: Brief, pack: Pack, renderer: str) -> Outline:
    """The Outline the pack's template for `renderer` makes of the Brief, branded from the manifest."""
    from reportgen.outline import parse_outline
    from reportgen.templating import render_template

    template = pack.outputs[renderer].template
    context = template_context(brief, pack)
    origin = str(pack.find(template) or pack.folder / template)
    outline = parse_outline(render_template(pack, template, context), origin=origin)
    # Branding comes from the manifest alone: a template cannot point a renderer at another file.
    brand = replace(
        outline.meta,
        logo=str(pack.logo or ""),
        accent=pack.accent,
        font=pack.font,
        heading_font=pack.heading_font or pack.font,
        language=brief.source.language,
        direction=brief.source.direction,
    )
    return replace(outline, meta=brand)
