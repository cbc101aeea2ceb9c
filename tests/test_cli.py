"""The command line as a user meets it: exit codes, one-line errors on stderr, nothing lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.builders import SAMPLE
from tests.support.cli import assert_user_error, run


def test_version_and_help() -> None:
    version = run("--version")
    assert version.returncode == 0 and "reportgen" in version.stdout
    helptext = run("--help")
    assert helptext.returncode == 0
    for command in ("build", "summarise", "render"):
        assert command in helptext.stdout
    assert "Exit codes" in helptext.stdout
    for command in ("build", "summarise", "render"):
        assert run(command, "--help").returncode == 0


def test_build_writes_both_files_and_reports_them_as_json(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run("build", str(SAMPLE), "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert Path(report["files"]["docx"]) == out / "brief.docx"
    assert Path(report["files"]["pptx"]) == out / "deck.pptx"
    assert report["sections"] == ["Background", "Chinese pressure", "Past operations", "Outlook"]
    assert (out / "brief.docx").stat().st_size > 0 and (out / "deck.pptx").stat().st_size > 0
    assert not list(out.glob(".*.tmp"))


def test_default_output_folder_is_named_after_the_article(tmp_path: Path) -> None:
    article = tmp_path / "My Article (draft).txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run("build", str(article), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "output" / "my-article-draft" / "brief.docx").exists()


def test_existing_outputs_are_kept_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.docx").write_bytes(b"keep me")
    refused = run("build", str(SAMPLE), "--out", str(out))
    assert_user_error(refused, 4, "already exist")
    assert "--force" in refused.stderr
    assert (out / "brief.docx").read_bytes() == b"keep me"
    assert not (out / "deck.pptx").exists()
    forced = run("build", str(SAMPLE), "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "brief.docx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("name", "data", "code", "fragment"),
    [
        ("empty.txt", b"", 3, "empty"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, 3, "binary"),
        ("truncated.docx", b"PK\x03\x04" + b"\x00" * 40, 3, "damaged or truncated"),
        ("article.pdfx", b"x", 3, "unsupported file type"),
    ],
)
def test_bad_articles_get_one_line_errors_and_no_output(
    tmp_path: Path, name: str, data: bytes, code: int, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out"
    assert_user_error(run("build", str(path), "--out", str(out)), code, fragment)
    assert not out.exists()


def test_missing_article_and_unknown_audience(tmp_path: Path) -> None:
    assert_user_error(run("build", str(tmp_path / "nope.txt")), 3, "no such file")
    assert_user_error(run("build", str(SAMPLE), "--audience", "board", "--out", str(tmp_path)), 5, "available: ")


def test_usage_errors_exit_2() -> None:
    proc = run("build")
    assert_user_error(proc, 2, "missing argument 'ARTICLE'")


def test_summarise_then_render_gives_the_same_files_as_build(tmp_path: Path) -> None:
    brief_json = tmp_path / "brief.json"
    assert run("summarise", str(SAMPLE), "-o", str(brief_json)).returncode == 0
    stdout = run("summarise", str(SAMPLE), "-o", "-")
    assert json.loads(stdout.stdout) == json.loads(brief_json.read_text(encoding="utf-8"))
    rendered = run("render", str(brief_json), "--out", str(tmp_path / "r"))
    assert rendered.returncode == 0, rendered.stderr
    built = run("build", str(SAMPLE), "--out", str(tmp_path / "b"))
    assert built.returncode == 0, built.stderr
    for name in ("brief.docx", "deck.pptx"):
        assert (tmp_path / "r" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_render_refuses_a_brief_of_another_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"schema_version": "0.1", "title": "x"}), encoding="utf-8")
    assert_user_error(run("render", str(path), "--out", str(tmp_path / "o")), 6, "schema_version 0.1")


def test_outputs_get_ordinary_file_permissions_not_private_temp_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(SAMPLE), "--out", str(out)).returncode == 0
    mask = os.umask(0o022)
    os.umask(mask)
    for name in ("brief.docx", "deck.pptx"):
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~mask


def test_summarise_as_text_prints_a_readable_brief_with_references() -> None:
    proc = run("summarise", str(SAMPLE), "--format", "text")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("Op Azm-i-Istehkam: Pak Bites the Made in China CT Bullet\n")
    for heading in (
        "BOTTOM LINE",
        "BACKGROUND",
        "CHINESE PRESSURE",
        "PAST OPERATIONS",
        "OUTLOOK",
        "KEY FACTS",
        "TIMELINE",
    ):
        assert f"\n{heading}\n" in out
    assert "1,524 fatalities — in Pakistan in 2023" in out
    assert "[¶" in out


#: Exit handlers a build registers that os._exit may skip: each only frees memory the OS takes back.
HARMLESS_EXIT_HANDLERS = {"PIL._imaging.clear_cache"}  # Pillow's image block cache
_RECORD_EXIT_HANDLERS = """
import atexit, json, sys
seen = []
atexit.register = lambda fn, *a, **k: seen.append(f"{getattr(fn, '__module__', '')}.{fn.__name__}")
from reportgen.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(seen))
"""


def test_leaving_without_interpreter_teardown_skips_no_exit_handler_and_loses_no_output(tmp_path: Path) -> None:
    """`entry()` ends with os._exit (about 15 ms of a 250 ms cold build): safe only while a build
    registers no exit handler that does more than free memory, and its output arrives whole."""
    import subprocess
    import sys

    recorded = subprocess.run(
        [sys.executable, "-c", _RECORD_EXIT_HANDLERS, "build", str(SAMPLE), "--out", str(tmp_path / "a")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    handlers = set(json.loads(recorded.stdout.splitlines()[-1]))
    assert handlers <= HARMLESS_EXIT_HANDLERS, handlers - HARMLESS_EXIT_HANDLERS
    proc = run("build", str(SAMPLE), "--out", str(tmp_path / "b"), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)  # every byte of the piped output arrived
    assert all(Path(path).is_file() for path in report["files"].values())


def test_standard_output_on_a_full_disk_is_a_one_line_output_error_with_exit_4() -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "reportgen", "summarise", str(SAMPLE)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    assert proc.returncode == 4
    assert proc.stderr.strip() == "reportgen: error: cannot write the output: No space left on device"


def test_sigterm_ends_a_build_with_exit_143_one_line_and_no_process_left(tmp_path: Path) -> None:
    import random
    import signal
    import subprocess
    import sys
    import time

    rng = random.Random(7)
    words = SAMPLE.read_text(encoding="utf-8").split()
    paragraphs = [" ".join(rng.choice(words) for _ in range(60)) + "." for _ in range(6000)]
    article = tmp_path / "long.txt"
    article.write_text("A long article\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "build", str(article), "--out", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # SIGTERM once the forked summariser is at work (forked as the build starts, where a second CPU
    # is free), else half a second in: reading this article alone takes longer than that.
    children: list[str] = []
    started = time.monotonic()
    while not children and proc.poll() is None and time.monotonic() - started < 0.5:
        time.sleep(0.02)
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    assert proc.poll() is None, "the build ended before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert stderr.strip().splitlines()[-1] == "reportgen: terminated"
    for child in children:  # a forked summariser is stopped with its parent
        assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_ctrl_c_while_the_command_line_loads_is_one_line_and_exit_130() -> None:
    import subprocess
    import sys

    script = (
        "import os, signal, time\n"
        "from reportgen import launch\n"
        "launch.quiet_until_loaded()\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"  # as a Ctrl-C during the CLI's imports would arrive
        "time.sleep(5)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 130
    assert proc.stderr == "reportgen: interrupted\n"
