"""build(): read -> summarise -> outline -> render -> write, as numbered phases.

Each phase is also reachable alone (the `summarise` and `render` commands), and timings are kept
per phase so the benchmark and `--json` can report where time goes.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import BriefFormatError, InputError
from reportgen.model import Article, Brief
from reportgen.outline import Outline, parse_outline
from reportgen.packs import Pack, find_pack
from reportgen.renderers import get_renderer, output_name


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files: dict[str, Path]  # renderer name -> written file
    brief: Brief
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds


def document_date(brief: Brief) -> str:
    """The article's date if known, else SOURCE_DATE_EPOCH's, else none: never "now"."""
    if brief.source.published:
        return brief.source.published[:10]
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return ""


def read(path: Path) -> Article:
    from reportgen.readers import read_article

    return read_article(path)


def summarise_for(article: Article, pack: Pack) -> Brief:
    from reportgen.summarise import SummaryOptions, summarise

    options = SummaryOptions(
        bullets_per_section=pack.bullets_per_section, key_points=pack.key_points, profile=pack.profile
    )
    return summarise(article, options)


def load_brief(path: Path) -> Brief:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as a UTF-8 brief JSON file ({exc})") from exc
    try:
        return Brief.from_json(text)
    except BriefFormatError as exc:
        raise BriefFormatError(f"{path}: {exc}") from exc


def outline_for(brief: Brief, pack: Pack, renderer: str) -> Outline:
    from reportgen.templating import render_template

    by_key = {s.key: s for s in brief.sections}
    order = pack.sections or tuple(by_key)
    context = {
        "brief": brief,
        "sections": [by_key[k] for k in order if k in by_key],
        "pack": pack.settings,
        "audience": pack.audience,
        "marking": pack.marking,
        "date": document_date(brief),
    }
    template = pack.outputs[renderer].template
    return parse_outline(render_template(pack, template, context), origin=str(pack.folder / template))


def render_all(brief: Brief, pack: Pack, out_dir: Path, force: bool, timings: dict[str, float]) -> dict[str, Path]:
    from reportgen.output import check_free, write_atomic

    targets = {name: out_dir / output_name(name) for name in pack.outputs}
    check_free(list(targets.values()), force)
    rendered: dict[str, bytes] = {}
    for name in pack.outputs:
        with _Timed(timings, f"outline.{name}"):
            outline = outline_for(brief, pack, name)
        with _Timed(timings, f"render.{name}"):
            rendered[name] = get_renderer(name)(outline, pack.reference(name))
    # Write only once every output rendered, so a failing renderer leaves no partial set behind.
    with _Timed(timings, "write"):
        for name, data in rendered.items():
            write_atomic(targets[name], data)
    return targets


def build(
    article_path: Path,
    audience: str = "analyst",
    out_dir: Path | None = None,
    force: bool = False,
    templates_dir: Path | None = None,
) -> BuildResult:
    from reportgen.output import slugify

    timings: dict[str, float] = {}
    # 1. Find the pack first: a typo in --audience should not cost a summarisation.
    pack = find_pack(audience, templates_dir)
    # 2. Read the article.
    with _Timed(timings, "read"):
        article = read(article_path)
    # 3. Summarise it with the pack's profile and limits.
    with _Timed(timings, "summarise"):
        brief = summarise_for(article, pack)
    # 4. Outline, render and write each output.
    target = out_dir if out_dir is not None else Path("output") / slugify(article_path.stem)
    files = render_all(brief, pack, target, force, timings)
    return BuildResult(out_dir=target, files=files, brief=brief, timings=timings)


def render_brief_file(
    brief_path: Path,
    audience: str = "analyst",
    out_dir: Path | None = None,
    force: bool = False,
    templates_dir: Path | None = None,
) -> BuildResult:
    from reportgen.output import slugify

    timings: dict[str, float] = {}
    pack = find_pack(audience, templates_dir)
    brief = load_brief(brief_path)
    name = Path(brief.source.path).stem if brief.source.path else brief.title
    target = out_dir if out_dir is not None else Path("output") / slugify(name)
    files = render_all(brief, pack, target, force, timings)
    return BuildResult(out_dir=target, files=files, brief=brief, timings=timings)


class _Timed:
    """Adds the elapsed seconds of a `with` block to timings[phase]."""

    def __init__(self, timings: dict[str, float], phase: str, clock: Callable[[], float] = time.perf_counter):
        self.timings, self.phase, self.clock = timings, phase, clock

    def __enter__(self) -> None:
        self.start = self.clock()

    def __exit__(self, *exc: object) -> None:
        self.timings[self.phase] = self.timings.get(self.phase, 0.0) + self.clock() - self.start
