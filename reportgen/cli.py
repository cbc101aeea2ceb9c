"""The command line: the only place that parses arguments and turns errors into exit codes.

Exit codes (documented in the README):
  0 success · 1 internal error (a bug: please report it) · 2 usage error · 3 unreadable input ·
  4 output problem (exists without --force, cannot write) · 5 pack or template error ·
  6 brief JSON of an unsupported schema · 130 interrupted.
Heavy modules (python-docx, python-pptx, the summariser) are imported inside commands, so
`reportgen --help` starts fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reportgen import __version__
from reportgen.errors import ReportgenError

F = TypeVar("F", bound=Callable[..., Any])

EPILOG = """\b
Exit codes: 0 ok, 1 internal error, 2 usage, 3 unreadable input,
4 output exists or cannot be written, 5 pack/template error,
6 unsupported brief JSON, 130 interrupted."""


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


def _output_options(func: F) -> F:
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
def build(
    article: Path, audience: str, templates_dir: Path | None, out_dir: Path | None, force: bool, as_json: bool
) -> None:
    """Summarise ARTICLE (.txt, .md) and write the brief and deck for one audience."""
    from reportgen.pipeline import build as run_build

    result = run_build(article, audience, out_dir, force, templates_dir)
    _report(result, as_json)


@cli.command(epilog=EPILOG)
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    "output",
    default=None,
    help="Write the brief JSON here ('-' for stdout) [default: stdout].",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@_pack_options
def summarise(article: Path, output: str | None, force: bool, audience: str, templates_dir: Path | None) -> None:
    """Summarise ARTICLE into a Brief JSON file (edit it, then `reportgen render` it)."""
    from reportgen.output import check_free, write_atomic
    from reportgen.packs import find_pack
    from reportgen.pipeline import read, summarise_for

    pack = find_pack(audience, templates_dir)
    brief = summarise_for(read(article), pack)
    text = brief.to_json()
    if output in (None, "-"):
        click.echo(text, nl=False)
    else:
        target = Path(output)
        check_free([target], force)
        write_atomic(target, text.encode("utf-8"))
        click.echo(f"wrote {target}", err=True)


@cli.command(epilog=EPILOG)
@click.argument("brief", type=click.Path(path_type=Path))
@_pack_options
@_output_options
def render(
    brief: Path, audience: str, templates_dir: Path | None, out_dir: Path | None, force: bool, as_json: bool
) -> None:
    """Render a Brief JSON file into the brief and deck for one audience."""
    from reportgen.pipeline import render_brief_file

    result = render_brief_file(brief, audience, out_dir, force, templates_dir)
    _report(result, as_json)


def _report(result: Any, as_json: bool) -> None:
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
    try:
        cli.main(args=argv, prog_name="reportgen", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("reportgen: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except ReportgenError as exc:
        if debug:
            raise
        click.echo(f"reportgen: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("reportgen: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"reportgen: internal error: {type(exc).__name__}: {exc}; rerun with --debug and report it",
            err=True,
        )
        sys.exit(1)
    sys.exit(0)
