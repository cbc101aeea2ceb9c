"""build(): read -> summarise -> outline -> render -> write, as numbered phases.

Each phase is also reachable alone (the `summarise` and `render` commands), and timings are kept
per phase so the benchmark and `--json` can report where time goes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.build_files import BRIEF_FILE, BUILD_RECORD, load_brief, rendered_names
from reportgen.model import Article, Brief
from reportgen.outlining import outline_for
from reportgen.overlap import in_parallel, overlapped
from reportgen.packs import Pack, find_pack
from reportgen.renderers import get_renderer, output_name, reference_notes

#: The pack used when no --audience is given; its outputs keep the plain output/<article>/ folder.
DEFAULT_AUDIENCE = "analyst"


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files: dict[str, Path]  # renderer name (or "brief", "build") -> written file
    brief: Brief
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds
    #: What reading changed or guessed (encoding, removed characters): the CLI shows one line each.
    warnings: tuple[str, ...] = ()


def read(path: Path) -> Article:
    """The article at `path`, as much of it as is summarised (a very long one: its opening, with a
    warning; see summarise.bounds)."""
    from reportgen.readers import read_article
    from reportgen.summarise.bounds import summarised_part

    return summarised_part(read_article(path))


def summarise_for(article: Article, pack: Pack) -> Brief:
    from reportgen.provenance import record
    from reportgen.summarise import SummaryOptions, summarise

    options = SummaryOptions(
        bullets_per_section=pack.bullets_per_section, key_points=pack.key_points, profile=pack.profile
    )
    # What the lines are checked against if someone edits the Brief before `render`.
    return record(summarise(article, options), len(article.paragraphs))


def render_all(
    brief: Brief,
    pack: Pack,
    out_dir: Path,
    force: bool,
    timings: dict[str, float],
    brief_file: Path | None = None,
    notes: list[str] | None = None,
    pdf: bool = False,
) -> dict[str, Path]:
    """Render every output of the pack and write them, with brief.json and build.json, into out_dir.

    The Brief and a record of the pack travel with the outputs so `reportgen mail OUTPUT_DIR` can
    write the email from them, and refuse to word it for another audience than the files were made
    for. `brief_file` is the Brief JSON being rendered: when it already is out_dir/brief.json it is
    left alone rather than refused or rewritten. What the renderers supplied that the reference
    files lack is added to `notes`, one line each.
    """
    from reportgen.output import check_free, write_files

    targets = {name: out_dir / output_name(name) for name in pack.outputs}
    pdfs: dict[str, str] = {}  # renderer name -> its PDF's file name
    if pdf:  # brief.pdf, deck.pdf: checked and written with the others, all or nothing
        from reportgen.pdf import pdf_name  # not at the top: it imports subprocess and tempfile

        pdfs = {name: pdf_name(output_name(name)) for name in pack.outputs}
    targets.update({f"{name}-pdf": out_dir / file for name, file in pdfs.items()})
    keep_brief = brief_file is not None and _same_file(brief_file, out_dir / BRIEF_FILE)
    if not keep_brief:
        targets["brief"] = out_dir / BRIEF_FILE
    targets["build"] = out_dir / BUILD_RECORD
    check_free(list(targets.values()), force)
    rendered = render_outputs(brief, pack, timings, notes)
    if notes is not None and (pack.font or pack.heading_font):
        from reportgen.fonts import missing_font_notes

        notes.extend(missing_font_notes(pack))
    if pdfs:
        from reportgen.pdf import convert

        with _Timed(timings, "pdf"):
            made = convert({output_name(name): rendered[name] for name in pack.outputs})
        rendered.update({f"{name}-pdf": made[output_name(name)] for name in pack.outputs})
    if not keep_brief:
        rendered["brief"] = brief.to_json().encode("utf-8")
    record: dict[str, object] = {
        "audience": pack.name,
        "pack": str(pack.folder.resolve()),
        "files": rendered_names(pack),
    }
    if pdfs:  # what `reportgen mail --pdf` attaches
        record["pdf"] = pdfs
    rendered["build"] = (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    # Write only once every output rendered, so a failing renderer leaves no partial set behind.
    # All temporary files first, then the renames: a full disk or an interrupt leaves no new file,
    # and without --force a file that appeared meanwhile (another run) is never replaced.
    with _Timed(timings, "write"):
        write_files({targets[name]: data for name, data in rendered.items()}, overwrite=force)
    return targets


def render_outputs(
    brief: Brief, pack: Pack, timings: dict[str, float], notes: list[str] | None = None
) -> dict[str, bytes]:
    """The bytes of every output of the pack; where reportgen.overlap allows it, the first is
    rendered in a forked child while this process renders the others. Each renderer's notes on
    its reference file are made where it rendered (its reference is loaded there) and added to
    `notes`."""

    def render_one(name: str) -> tuple[bytes, dict[str, float], tuple[str, ...]]:
        spent: dict[str, float] = {}
        with _Timed(spent, f"outline.{name}"):
            outline = outline_for(brief, pack, name)
        with _Timed(spent, f"render.{name}"):
            data = get_renderer(name)(outline, pack.reference(name))
        return data, spent, reference_notes(name, pack.reference(name))

    in_child, here = _split_outputs(pack)
    if in_child:
        first, rest = in_parallel(lambda: render_one(in_child[0]), lambda: [render_one(n) for n in here])
        results = [first, *rest]
    else:
        results = [render_one(name) for name in pack.outputs]
    rendered: dict[str, bytes] = {}
    for name, (data, spent, said) in zip(pack.outputs, results, strict=True):
        rendered[name] = data
        timings.update(spent)
        if notes is not None:
            notes.extend(said)
    return rendered


def _split_outputs(pack: Pack) -> tuple[list[str], list[str]]:
    """(rendered in a forked child, rendered here) when a build overlaps: the first output goes to
    a child when there are others to render meanwhile; a lone output stays here."""
    names = list(pack.outputs)
    return (names[:1], names[1:]) if len(names) > 1 else ([], names)


def build(
    article_path: Path,
    audience: str = "analyst",
    out_dir: Path | None = None,
    force: bool = False,
    templates_dir: Path | None = None,
    pdf: bool = False,
) -> BuildResult:
    """Read, summarise, render and write one article's outputs (and their PDFs with `pdf`, or
    when the pack asks for them).

    Where reportgen.overlap allows it (the CLI's `build`), a forked child reads and summarises
    while this process prepares the renderers, and the brief and the deck are then rendered side
    by side: the same files, sooner from a cold start.
    """
    # 1. Find the pack first: a typo in --audience should not cost a summarisation, nor a
    # missing LibreOffice when PDFs are wanted.
    pack = find_pack(audience, templates_dir)
    pdf = _wants_pdf(pdf, pack)

    # 2. Read the article and 3. summarise it with the pack's profile and limits.
    def read_and_summarise() -> tuple[Brief, str, tuple[str, ...], dict[str, float]]:
        timings: dict[str, float] = {}
        with _Timed(timings, "read"):
            article = read(article_path)
        with _Timed(timings, "summarise"):
            brief = summarise_for(article, pack)
        return brief, article.title, article.warnings, timings

    from_stdin = str(article_path) == "-"
    if not from_stdin:  # stdin is read once: never where a retry could need it again
        # Prepare the renderers of the outputs rendered here (a child rendering one loads its
        # own), and every template: both sides use them.
        here = _split_outputs(pack)[1]
        brief, title, warnings, timings = overlapped(read_and_summarise, lambda: prepare_outputs(pack, here))
    else:
        brief, title, warnings, timings = read_and_summarise()
    # 4. Outline, render and write each output.
    name = title if from_stdin else article_path.stem  # stdin has no file name
    target = _out_dir(out_dir, name, pack)
    notes: list[str] = []
    files = render_all(brief, pack, target, force, timings, notes=notes, pdf=pdf)
    warnings = (*warnings, *notes)
    return BuildResult(out_dir=target, files=files, brief=brief, timings=timings, warnings=warnings)


def _wants_pdf(asked: bool, pack: Pack) -> bool:
    """Whether to make PDFs (--pdf, or the pack's `[outputs] pdf`); checks LibreOffice is there."""
    if not (asked or pack.pdf):
        return False
    from reportgen.pdf import find_soffice

    find_soffice()
    return True


def prepare_outputs(pack: Pack, renderers: Iterable[str] | None = None) -> None:
    """Load what rendering the pack's outputs first needs without rendering anything: a head start
    while the summariser runs. Every output's compiled template; the renderer module and parsed
    reference file of those in `renderers` (default: all)."""
    from reportgen.renderers import prepare_renderer
    from reportgen.templating import prepare_template

    wanted = set(pack.outputs if renderers is None else renderers)
    for name, output in pack.outputs.items():
        prepare_template(pack, output.template)
        if name in wanted:
            prepare_renderer(name, pack.reference(name))


def _out_dir(given: Path | None, name: str, pack: Pack) -> Path:
    """The --out folder, or output/<slug of the article's name>/ for the analyst pack and
    output/<slug>-<pack name>/ for any other, so building the README's next audience after the
    first does not run into the first one's files."""
    from reportgen.output import slugify

    if given is not None:
        return given
    slug = slugify(name)
    return Path("output") / (slug if pack.name == DEFAULT_AUDIENCE else f"{slug}-{pack.name}")


def render_brief_file(
    brief_path: Path,
    audience: str = "analyst",
    out_dir: Path | None = None,
    force: bool = False,
    templates_dir: Path | None = None,
    pdf: bool = False,
) -> BuildResult:
    timings: dict[str, float] = {}
    pack = find_pack(audience, templates_dir)
    pdf = _wants_pdf(pdf, pack)
    brief = load_brief(brief_path)
    from reportgen.provenance import check_references, mark_edited

    check_references(brief)  # a reference no reader can follow is refused, not printed as [¶1000]
    edited = mark_edited(brief)[1]
    target = _out_dir(out_dir, Path(brief.source.path).stem if brief.source.path else brief.title, pack)
    notes: list[str] = []
    files = render_all(brief, pack, target, force, timings, brief_file=brief_path, notes=notes, pdf=pdf)
    if edited:
        notes.insert(0, f"{edited} line(s) of {brief_path.name} differ from the article's sentences: marked '(edited)'")
    return BuildResult(out_dir=target, files=files, brief=brief, timings=timings, warnings=tuple(notes))


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
