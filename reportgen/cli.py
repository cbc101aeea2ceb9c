"""The command line: the only place that parses arguments and turns errors into exit codes.

Exit codes (documented in the README):
  0 success · 1 internal error (a bug: please report it) · 2 usage error · 3 unreadable input ·
  4 output problem (exists without --force, cannot write) · 5 pack or template error ·
  6 brief JSON of an unsupported schema · 7 mail error (bad address or header text, too large,
  SMTP refused) · 8 batch finished but some articles failed (see its manifest) · 130 interrupted ·
  143 terminated (SIGTERM).
Heavy modules (the renderers, Jinja, the summariser) are imported inside commands, so
`reportgen --help` starts fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import gc
import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from reportgen import __version__
from reportgen.errors import ReportgenError

if TYPE_CHECKING:
    from reportgen.mail import MailRequest

F = TypeVar("F", bound=Callable[..., Any])

EPILOG = """\b
Exit codes: 0 ok, 1 internal error, 2 usage, 3 unreadable input,
4 output exists or cannot be written (or no LibreOffice for --pdf), 5 pack/template error,
6 unsupported brief JSON, 7 mail error, 8 some batch articles failed,
130 interrupted, 143 terminated."""


def _pack_options(func: F) -> F:
    func = click.option(
        "--templates",
        "templates_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="REPORTGEN_TEMPLATES",
        help="Folder of your own audience packs, searched before the built-in ones.",
    )(func)
    func = click.option(
        "--audience",
        "-a",
        default="analyst",
        show_default=True,
        help="Audience pack: a name from the pack search path, or a pack folder.",
    )(func)
    return func


_pdf_option = click.option(
    "--pdf", is_flag=True, help="Also write brief.pdf and deck.pdf (needs LibreOffice; or [outputs] pdf = true)."
)


def _output_options(func: F) -> F:
    func = _pdf_option(func)
    func = click.option("--json", "as_json", is_flag=True, help="Print a JSON report of what was written.")(func)
    func = click.option("--force", is_flag=True, help="Replace outputs that already exist.")(func)
    func = click.option(
        "--out",
        "-o",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Output folder [default: output/<article-name>/].",
    )(func)
    return func


def _mail_options(prefix: str) -> Callable[[F], F]:
    """Address and sending options; `prefix` is "--" for `mail` and "--email-" for `build`."""

    def decorate(func: F) -> F:
        func = click.option(
            "--smtp-config",
            type=click.Path(dir_okay=False, path_type=Path),
            envvar="REPORTGEN_SMTP_CONFIG",
            help="Mail settings (TOML) [default: mail.toml in the user config folder].",
        )(func)
        func = click.option("--dry-run", is_flag=True, help="Print what would be written or sent; do neither.")(func)
        func = click.option(
            "--send", is_flag=True, help="Send over SMTP instead of writing a draft (password: env or keyring)."
        )(func)
        func = click.option(f"{prefix}subject", "subject", help="Subject [default: from the pack's email template].")(
            func
        )
        func = click.option(f"{prefix}from", "sender", help="Sender, e.g. 'Desk <desk@example.org>'.")(func)
        func = click.option(f"{prefix}bcc", "bcc", multiple=True, metavar="ADDR", help="Blind copy (repeatable).")(func)
        func = click.option(f"{prefix}cc", "cc", multiple=True, metavar="ADDR", help="Copy to (repeatable).")(func)
        func = click.option(
            f"{prefix}to",
            "to",
            multiple=True,
            metavar="ADDR",
            required=prefix == "--",
            help="Recipient, 'name@example.org' or 'Name <name@example.org>' (repeatable).",
        )(func)
        return func

    return decorate


def _collector_paused(func: F) -> F:
    """Run a one-article command with Python's cyclic garbage collector paused.

    A cold build allocates objects by the hundred thousand while it imports and summarises; the
    collector walked them some 70 times to free under a thousand, 15-20 ms of a 300 ms build, for
    under 1 MiB it would have given back. One article's work is bounded (inputs are capped), so
    the collector waits until the command is done. Batches keep it: their workers run for hours.
    """

    @functools.wraps(func)
    def paused(*args: Any, **kwargs: Any) -> Any:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return cast(F, paused)


def _second_core() -> contextlib.AbstractContextManager[None]:
    """Let one article use a second core (reportgen.overlap); not under --debug, whose traceback
    should show where an error was raised rather than where a child's answer arrived."""
    from reportgen import overlap

    debug = click.get_current_context().find_root().obj["debug"]
    return contextlib.nullcontext() if debug else overlap.allowed()


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, "--version", "-V", prog_name="reportgen")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn an article into a briefing pack: a Word brief and a PowerPoint deck.

    \b
    Quick start:
      reportgen build seeds/op-azm-i-istehkam.txt
    writes output/op-azm-i-istehkam/brief.docx and deck.pptx.
    """
    ctx.obj = {"debug": debug}


@cli.command(epilog=EPILOG)
@click.argument("article", type=click.Path(path_type=Path))
@_pack_options
@_output_options
@_mail_options("--email-")
@_collector_paused
def build(
    article: Path,
    audience: str,
    templates_dir: Path | None,
    out_dir: Path | None,
    force: bool,
    as_json: bool,
    pdf: bool,
    **mail_options: Any,
) -> None:
    """Summarise ARTICLE (.txt, .md, .html, .docx, .pdf; - for stdin) and write the brief and deck.

    With --email-to, also write them into an email: a draft.eml beside them, or sent with --send.
    """
    from reportgen.pipeline import build as run_build

    request = _mail_request(mail_options, force, "--email-")
    if request is not None:
        from reportgen.mail import check_request

        request = dataclasses.replace(request, pdf=pdf)  # PDFs made are PDFs sent

        check_request(request)  # a mistyped address fails now, not after the summariser ran
    with _second_core():
        result = run_build(article, audience, out_dir, force, templates_dir, pdf=pdf)
    _report(result, as_json)
    if request is not None:
        from reportgen.mail import mail_folder

        for line in mail_folder(result.out_dir, request, audience, templates_dir).report:
            click.echo(line, err=as_json)  # keep stdout pure JSON under --json


@cli.command(epilog=EPILOG)
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--audience",
    "-a",
    default=None,
    help="Audience pack whose email template to use [default: the one the folder was built with].",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="REPORTGEN_TEMPLATES",
    help="Folder of your own audience packs, searched before the built-in ones.",
)
@click.option("--force", is_flag=True, help="Replace an existing draft.eml.")
@click.option("--pdf", is_flag=True, help="Attach brief.pdf and deck.pdf too (made by build/render --pdf).")
@_mail_options("--")
def mail(
    output_dir: Path, audience: str | None, templates_dir: Path | None, force: bool, pdf: bool, **mail_options: Any
) -> None:
    """Put the brief and deck in OUTPUT_DIR into an email: a draft.eml there, or sent with --send.

    \b
    OUTPUT_DIR is a folder `build` or `render` wrote. The body and subject come from the
    pack's email templates. SMTP settings come from --smtp-config or the environment
    (REPORTGEN_SMTP_HOST, _PORT, _SECURITY=starttls|tls|none, _USER); the password from
    REPORTGEN_SMTP_PASSWORD or the system keyring, never from an option.
    """
    from reportgen.mail import mail_folder

    request = _mail_request(mail_options, force, "--")
    assert request is not None  # --to is required
    request = dataclasses.replace(request, pdf=pdf)
    for line in mail_folder(output_dir, request, audience, templates_dir).report:
        click.echo(line)


def _mail_request(options: dict[str, Any], force: bool, prefix: str) -> MailRequest | None:
    """A MailRequest from the mail options, or None when no recipient was given (build without mail)."""
    if not options["to"]:
        given = [name for name in ("cc", "bcc", "sender", "subject", "send", "dry_run") if options[name]]
        if given:
            raise click.UsageError(f"{prefix}to is needed to mail the outputs")
        return None
    from reportgen.mail import MailRequest

    return MailRequest(
        to=tuple(options["to"]),
        cc=tuple(options["cc"]),
        bcc=tuple(options["bcc"]),
        sender=options["sender"],
        subject=options["subject"],
        send=options["send"],
        dry_run=options["dry_run"],
        force=force,
        config=options["smtp_config"],
        option=prefix,
    )


@cli.command(epilog=EPILOG)
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    "output",
    default=None,
    help="Write the brief here ('-' for stdout) [default: stdout].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: the Brief, to edit and `render`; text: a readable plain-text brief.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@_pack_options
@_collector_paused
def summarise(
    article: Path, output: str | None, fmt: str, force: bool, audience: str, templates_dir: Path | None
) -> None:
    """Summarise ARTICLE into a Brief (JSON to edit and `reportgen render`, or plain text)."""
    from reportgen.output import check_free, write_atomic
    from reportgen.packs import find_pack
    from reportgen.pipeline import read, summarise_for

    pack = find_pack(audience, templates_dir)
    article_read = read(article)
    _warn(article_read.warnings)
    brief = summarise_for(article_read, pack)
    if fmt == "text":
        from reportgen.plaintext import brief_to_text

        text = brief_to_text(brief)
    else:
        text = brief.to_json()
    if output in (None, "-"):
        click.echo(text, nl=False)
    else:
        target = Path(output)
        check_free([target], force, hint="pass --force to replace it, or name another file with -o")
        write_atomic(target, text.encode("utf-8"), overwrite=force)
        click.echo(f"wrote {target}", err=True)


@cli.command(epilog=EPILOG)
@click.argument("brief", type=click.Path(path_type=Path))
@_pack_options
@_output_options
@_collector_paused
def render(
    brief: Path, audience: str, templates_dir: Path | None, out_dir: Path | None, force: bool, as_json: bool, pdf: bool
) -> None:
    """Render a Brief JSON file into the brief and deck for one audience."""
    from reportgen.pipeline import render_brief_file

    with _second_core():
        result = render_brief_file(brief, audience, out_dir, force, templates_dir, pdf=pdf)
    _report(result, as_json)


@cli.command(epilog=EPILOG)
@click.argument("inputs", nargs=-1, required=True)
@_pack_options
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Articles built at once, each in its own process [default: one per CPU].",
)
@click.option(
    "--out",
    "-o",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for one folder per article and manifest.json.",
)
@click.option("--force", is_flag=True, help="Replace outputs that already exist.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON on stdout (the table on stderr).")
@_pdf_option
def batch(
    inputs: tuple[str, ...],
    audience: str,
    templates_dir: Path | None,
    jobs: int | None,
    out_dir: Path,
    force: bool,
    as_json: bool,
    pdf: bool,
) -> None:
    """Build every article in INPUTS (files, folders or quoted globs), several at a time.

    Each article goes to OUT/<its-name>/; a bad file is reported and the rest go on. OUT/manifest.json
    lists every input with its outputs or its error; the exit code is 8 if any article failed.
    """
    from reportgen import batch as runner

    runner.start_fork_server()  # its imports overlap the checks and planning below
    from reportgen.errors import BatchError, InputError
    from reportgen.packs import find_pack
    from reportgen.readers import READERS

    pack = find_pack(audience, templates_dir)  # a mistyped --audience fails once, not once per article
    if pdf or pack.pdf:
        from reportgen.pdf import find_soffice

        find_soffice()  # a missing LibreOffice fails once too
    runner.check_manifest_free(out_dir, force)  # an earlier batch's record is never replaced unasked
    paths, problems = runner.expand_inputs(inputs, READERS)
    planned = runner.plan(paths, out_dir, audience, templates_dir, force, pdf)
    if not planned:
        raise InputError(problems[0].error if problems else "no articles to build")
    workers = jobs or runner.default_workers(len(planned))
    progress = runner.Progress(len(planned), stream=sys.stderr)
    try:
        report = runner.run_batch(planned, workers, progress)
    finally:
        progress.close()
    report = dataclasses.replace(report, outcomes=(*problems, *report.outcomes))
    manifest = runner.write_manifest(report, out_dir)
    table = runner.summary_table(report, manifest)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    click.echo(table, err=as_json)
    if report.failed:
        raise BatchError(f"{len(report.failed)} of {len(report.outcomes)} articles failed; see {manifest}")


@cli.group(epilog=EPILOG)
def packs() -> None:
    """List, show, copy and check audience packs.

    \b
    A pack is a folder: pack.toml (sections, bullet limits, marking, wording,
    [options] for its templates, brand), Jinja2 templates and reference files.
    Make one:  reportgen packs new board --from executive
    Check it:  reportgen packs check ~/.config/reportgen/packs/board
    Use it:    reportgen build ARTICLE --audience board
    Everything a pack can set:  reportgen packs guide
    """


_templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="REPORTGEN_TEMPLATES",
    help="Folder of your own audience packs, searched before the user config folder and the built-ins.",
)


@packs.command("list", epilog=EPILOG)
@_templates_option
def packs_list(templates_dir: Path | None) -> None:
    """Every pack on the search path: name, description and where it lives."""
    from reportgen.packs.info import list_lines

    for line in list_lines(templates_dir):
        click.echo(line)


@packs.command("show", epilog=EPILOG)
@click.argument("name")
@_templates_option
def packs_show(name: str, templates_dir: Path | None) -> None:
    """The settings of pack NAME (a name or a pack folder), merged over the packs it extends."""
    from reportgen.packs import find_pack
    from reportgen.packs.info import show_lines

    for line in show_lines(find_pack(name, templates_dir)):
        click.echo(line)


@packs.command("guide", epilog=EPILOG)
def packs_guide() -> None:
    """Print the guide to writing packs: every pack.toml setting, template variable and outline element."""
    from reportgen import shipped

    click.echo(shipped.read_text("data", "packs.md"), nl=False)


@packs.command("new", epilog=EPILOG)
@click.argument("name")
@click.option("--from", "source", default="executive", show_default=True, help="The pack to copy.")
@click.option(
    "--dir",
    "parent_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to put the new pack folder [default: the user config folder's packs/].",
)
@_templates_option
def packs_new(name: str, source: str, parent_dir: Path | None, templates_dir: Path | None) -> None:
    """Copy a pack into a new folder NAME to edit (never overwrites)."""
    from reportgen.packs import find_pack, user_folder
    from reportgen.packs.scaffold import new_pack

    folder = new_pack(name, find_pack(source, templates_dir), parent_dir or user_folder())
    click.echo(f"wrote {folder}")
    click.echo(f"edit its files, then: reportgen packs check {folder}")


@packs.command("check", epilog=EPILOG)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@_templates_option
def packs_check(folder: Path, templates_dir: Path | None) -> None:
    """Check the pack in FOLDER: manifest, templates, sample render, reference files (exit 5 on problems)."""
    from reportgen.errors import PackError
    from reportgen.pack_check import check_pack

    found = check_pack(folder, templates_dir)
    for problem in found:
        click.echo(str(problem))
    problems = [p for p in found if p.severity == "error"]
    if problems:
        raise PackError(f"{len(problems)} problem(s) in the pack at {folder}")
    click.echo(f"{folder}: ok")


def _warn(warnings: tuple[str, ...]) -> None:
    """What a reader changed or guessed, one line each on stderr (stdout stays pure under --json)."""
    for warning in warnings:
        click.echo(f"reportgen: warning: {warning}", err=True)


def _report(result: Any, as_json: bool) -> None:
    _warn(getattr(result, "warnings", ()))
    if as_json:
        payload = {
            "out_dir": str(result.out_dir),
            "files": {name: str(path) for name, path in result.files.items()},
            "title": result.brief.title,
            "sections": [s.title for s in result.brief.sections],
            "timings_ms": {k: round(v * 1000, 2) for k, v in result.timings.items()},
        }
        click.echo(json.dumps(payload, indent=2))
    else:
        for path in result.files.values():
            click.echo(f"wrote {path}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, mapping reportgen errors to one line on stderr and an exit code."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    previous = _stop_on_sigterm()
    try:
        cli.main(args=argv, prog_name="reportgen", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        if _TERMINATED.is_set():
            click.echo("reportgen: terminated", err=True)
            sys.exit(143)
        click.echo("reportgen: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"reportgen: error: {_one_line_usage(exc)}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except ReportgenError as exc:
        if debug:
            raise
        click.echo(f"reportgen: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        # A write that failed on the way out (standard output on a full disk or a closed pipe):
        # file outputs report their own failures as OutputError, so what reaches here is output.
        if debug or exc.errno not in _OUTPUT_ERRNOS:
            _internal_error(exc, debug)
        click.echo(f"reportgen: error: cannot write the output: {exc.strerror}", err=True)
        sys.exit(4)
    except Exception as exc:
        _internal_error(exc, debug)
    finally:
        _restore_sigterm(previous)
    sys.exit(0)


#: Set when SIGTERM arrived: it stops the run the way Ctrl-C does (every `finally` and context
#: manager runs, a forked child is stopped, temporary files go), and exits 143 saying so.
_TERMINATED = threading.Event()


def _stop_on_sigterm() -> Any:
    """Make SIGTERM raise KeyboardInterrupt in the main thread; the handler it replaces, to restore."""

    def handler(signum: int, frame: object) -> None:
        _TERMINATED.set()
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


#: Errors of a write that could not be completed, whatever was being written.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, errno.EDQUOT})


def _internal_error(exc: Exception, debug: bool) -> NoReturn:
    """A bug: one line asking for a report (the traceback under --debug), exit 1."""
    if debug:
        raise exc
    click.echo(
        f"reportgen: internal error: {type(exc).__name__}: {exc}; rerun with --debug and report it",
        err=True,
    )
    sys.exit(1)


def _one_line_usage(exc: click.ClickException) -> str:
    """click's message in the README's one-line form: "what; did you mean…; where to look".

    click shows three lines (usage, "Try … --help", "Error: …"); every other error of reportgen is
    one line, so scripts and people read usage errors the same way.
    """
    text = " ".join(exc.format_message().split())
    what, _, rest = text.partition(". ")
    what = what.rstrip(".")
    what = what[:1].lower() + what[1:]
    hint = rest[:1].lower() + rest[1:]
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        hint = f"{hint} see '{ctx.command_path} --help'".strip()
    return f"{what}; {hint}" if hint else what


def entry() -> None:
    """The `reportgen` command and `python -m reportgen`: `main()`, then leave at once.

    By the time `main()` ends, every output has been written, fsynced and renamed into place, so
    tearing the interpreter down (freeing every module and object, about 15 ms of a 250 ms cold
    build, measured 2026-12-03) buys nothing. The streams are flushed and the process ends with
    the same exit code. The only exit handler a build registers frees Pillow's memory (a test
    keeps it that way). Only when nothing started other processes: after a batch,
    multiprocessing's own exit handlers still stop its helper processes. Tests call `main()`,
    which exits normally.
    """
    try:
        main()
    except SystemExit as exc:
        if "multiprocessing" in sys.modules or not isinstance(exc.code, int | None):
            raise
        code = exc.code or 0
    else:
        code = 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the output did not all arrive, say so as Python does
        code = code or 120
    os._exit(code)
