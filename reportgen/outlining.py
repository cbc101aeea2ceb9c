"""Brief + audience pack -> Outline: what every pack template sees, and the outline it renders.

The build, `packs check` and the email all word a Brief through a pack's templates, so the context
those templates see is made here once. Renderers take the Outline; nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reportgen.errors import PackError
from reportgen.model import Brief, Bullet, Source
from reportgen.packs import Pack
from reportgen.provenance import mark_edited

if TYPE_CHECKING:  # imported where outlines are made: a forked summariser never needs them
    from reportgen.outline import Outline, OutlineError


def document_date(brief: Brief) -> str:
    """The article's date if known, else SOURCE_DATE_EPOCH's, else none: never "now"."""
    if brief.source.published:
        return brief.source.published[:10]
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return ""


def shown_source(source: Source) -> Source:
    """The source as documents and emails may show it: its file name, never the folder it lies in
    on this machine (a brief is sent to other people), and no author field naming software."""
    from reportgen.readers.metadata import human_author

    name = source.path.replace("\\", "/").rsplit("/", 1)[-1]
    return replace(source, path=name, author=human_author(source.author))


#: The method note of an edited brief, for packs whose [wording] has no `method_edited`.
METHOD_EDITED = (
    "Method: extractive, then edited by hand: lines marked (edited) are not the article's own words; "
    "the others are sentences of the article and cite the paragraph they come from."
)


def _edited_wording(settings: dict[str, Any]) -> dict[str, Any]:
    """The pack's settings with a method note that no longer claims every line is the article's."""
    wording = dict(settings.get("wording", {}))
    wording["method"] = wording.get("method_edited") or METHOD_EDITED
    return {**settings, "wording": wording}


def template_context(brief: Brief, pack: Pack) -> dict[str, Any]:
    """What every template of a pack sees (outlines and the email alike), documented in `reportgen packs guide`."""
    # The pack's limits hold whatever made the Brief (a hand-edited or analyst brief.json too).
    limited = tuple(replace(s, bullets=s.bullets[: pack.bullet_limit(s.key)]) for s in brief.sections)
    brief = replace(
        brief, key_points=brief.key_points[: pack.key_points], sections=limited, source=shown_source(brief.source)
    )
    brief, edited = mark_edited(brief)
    brief = referents_shown(brief)
    by_key = {s.key: s for s in brief.sections}
    order = pack.sections or tuple(by_key)
    return {
        "brief": brief,
        "sections": [by_key[k] for k in order if k in by_key and by_key[k].bullets],
        "pack": _edited_wording(pack.settings) if edited else pack.settings,
        "edited": edited,
        "audience": pack.audience,
        "marking": pack.marking,
        "date": document_date(brief),
    }


def referents_shown(brief: Brief) -> Brief:
    """The Brief with every line's text as documents show it: "He [Ajmi Lourimi] said…" where the
    summariser found whom an opening pronoun stands for (`Bullet.shown`), so every pack's
    templates, which print `bullet.text`, show it without a change."""

    def shown(lines: tuple[Bullet, ...]) -> tuple[Bullet, ...]:
        return tuple(replace(b, text=b.shown) if b.referent else b for b in lines)

    sections = tuple(replace(s, bullets=shown(s.bullets)) for s in brief.sections)
    return replace(brief, key_points=shown(brief.key_points), sections=sections, assessment=shown(brief.assessment))


def _at_template_line(exc: OutlineError, pack: Pack, template: str, context: dict[str, Any]) -> PackError:
    """The outline error at the template line that wrote the faulty text, named once; at the
    rendered outline's line, said to be that, when it cannot be traced."""
    from reportgen.templating import output_origin

    found = output_origin(pack, template, context, exc.offset)
    if found is None:
        return exc
    file, line = found
    return PackError(f"{file}, line {line}: {exc.detail}", file=file, line=line)


def outline_for(brief: Brief, pack: Pack, renderer: str) -> Outline:
    """The Outline the pack's template for `renderer` makes of the Brief, branded from the manifest."""
    from reportgen.outline import OutlineError, parse_outline
    from reportgen.templating import render_template

    template = pack.outputs[renderer].template
    context = template_context(brief, pack)
    origin = str(pack.find(template) or pack.folder / template)
    text = render_template(pack, template, context)
    try:
        outline = parse_outline(text, origin=origin)
    except OutlineError as exc:
        raise _at_template_line(exc, pack, template, context) from exc
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
    return replace(outline, meta=brand, blocks=_counts_worded(outline.blocks, pack))


def _counts_worded(blocks: tuple[Any, ...], pack: Pack) -> tuple[Any, ...]:
    """Every timeline slide counts its events in the pack's words: a `<timeline>` written without
    a `count-label` takes `[wording] timeline_count`, so a pack in another language never shows the
    renderer's English "6 of 9 events" where its own template left the attribute out."""
    from reportgen.outline import Slide, Timeline

    label = str(pack.settings.get("wording", {}).get("timeline_count", ""))
    if not label:
        return blocks

    def worded(timeline: Timeline) -> Timeline:
        return timeline if timeline.count_label else replace(timeline, count_label=label)

    # Only a slide shows part of a timeline and says so; a brief's table lists every event.
    return tuple(
        replace(b, visual=worded(b.visual)) if isinstance(b, Slide) and isinstance(b.visual, Timeline) else b
        for b in blocks
    )
