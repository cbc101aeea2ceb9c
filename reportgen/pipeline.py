"""build(): read -> summarise -> outline -> render -> write, as numbered phases.

Each phase is also reachable alone (the `summarise` and `render` commands), and timings are kept
per phase so the benchmark and `--json` can report where time goes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen.errors import BriefFormatError, InputError
from reportgen.model import Article, Brief
from reportgen.outline import Outline, parse_outline
from reportgen.packs import Pack, find_pack
from reportgen.renderers import get_renderer, output_name

#: Written beside the outputs: the Brief they were rendered from, and which pack made them.
BRIEF_FILE = "brief.json"
BUILD_RECORD = "build.json"


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files: dict[str, Path]  # renderer name (or "brief", "build") -> written file
    brief: Brief
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds
    #: What reading changed or guessed (encoding, removed characters): the CLI shows one line each.
    warnings: tuple[str, ...] = ()


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
        brief = Brief.from_json(text)
    except BriefFormatError as exc:
        raise BriefFormatError(f"{path}: {exc}") from exc
    # JSON escapes can carry what no Office file can hold (controls, lone surrogates): drop them.
    from reportgen.textsafety import clean_strings

    return clean_strings(brief)[0]


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


def render_all(
    brief: Brief,
    pack: Pack,
    out_dir: Path,
    force: bool,
    timings: dict[str, float],
    brief_file: Path | None = None,
) -> dict[str, Path]:
    """Render every output of the pack and write them, with brief.json and build.json, into out_dir.

    The Brief and a record of the pack travel with the outputs so `reportgen mail OUTPUT_DIR` can
    write the email from them, and refuse to word it for another audience than the files were made
    for. `brief_file` is the Brief JSON being rendered: when it already is out_dir/brief.json it is
    left alone rather than refused or rewritten.
    """
    from reportgen.output import check_free, write_files

    targets = {name: out_dir / output_name(name) for name in pack.outputs}
    keep_brief = brief_file is not None and _same_file(brief_file, out_dir / BRIEF_FILE)
    if not keep_brief:
        targets["brief"] = out_dir / BRIEF_FILE
    targets["build"] = out_dir / BUILD_RECORD
    check_free(list(targets.values()), force)
    rendered: dict[str, bytes] = {}
    for name in pack.outputs:
        with _Timed(timings, f"outline.{name}"):
            outline = outline_for(brief, pack, name)
        with _Timed(timings, f"render.{name}"):
            rendered[name] = get_renderer(name)(outline, pack.reference(name))
    if not keep_brief:
        rendered["brief"] = brief.to_json().encode("utf-8")
    record = {"audience": pack.name, "pack": str(pack.folder.resolve()), "files": rendered_names(pack)}
    rendered["build"] = (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    # Write only once every output rendered, so a failing renderer leaves no partial set behind.
    # All temporary files first, then the renames: a full disk or an interrupt leaves no new file,
    # and without --force a file that appeared meanwhile (another run) is never replaced.
    with _Timed(timings, "write"):
        write_files({targets[name]: data for name, data in rendered.items()}, overwrite=force)
    return targets


def build(
    article_path: Path,
    audience: str = "analyst",
    out_dir: Path | None = None,
    force: bool = False,
    templates_dir: Path | None = None,
) -> BuildResult:
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
    name = article.title if str(article_path) == "-" else article_path.stem  # stdin has no file name
    target = _out_dir(out_dir, name)
    files = render_all(brief, pack, target, force, timings)
    return BuildResult(out_dir=target, files=files, brief=brief, timings=timings, warnings=article.warnings)


def _out_dir(given: Path | None, name: str) -> Path:
    """The --out folder, or output/<slug of the article's name>/."""
    from reportgen.output import slugify

    return given if given is not None else Path("output") / slugify(name)


def render_brief_file(
    brief_path: Path,
    audience: str = "analyst",
    out_dir: Path | None = None,
    force: bool = False,
    templates_dir: Path | None = None,
) -> BuildResult:
    timings: dict[str, float] = {}
    pack = find_pack(audience, templates_dir)
    brief = load_brief(brief_path)
    target = _out_dir(out_dir, Path(brief.source.path).stem if brief.source.path else brief.title)
    files = render_all(brief, pack, target, force, timings, brief_file=brief_path)
    return BuildResult(out_dir=target, files=files, brief=brief, timings=timings)


def rendered_names(pack: Pack) -> dict[str, str]:
    """Renderer name -> the file name it writes, for the pack's outputs."""
    return {name: output_name(name) for name in pack.outputs}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


class _Timed:
    """Adds the elapsed seconds of a `with` block to timings[phase]."""

    def __init__(self, timings: dict[str, float], phase: str, clock: Callable[[], float] = time.perf_counter):
        self.timings, self.phase, self.clock = timings, phase, clock

    def __enter__(self) -> None:
        self.start = self.clock()

    def __exit__(self, *exc: object) -> None:
        self.timings[self.phase] = self.timings.get(self.phase, 0.0) + self.clock() - self.start
