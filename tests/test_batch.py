"""`reportgen batch`: many articles in worker processes, one bad file never stopping the rest."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from docx import Document

from reportgen.batch import BatchReport, Outcome, Progress, expand_inputs, plan, summary_table
from reportgen.readers import READERS
from tests.builders import ROOT, SAMPLE
from tests.support.cli import run


def inputs(tmp_path: Path) -> list[str]:
    other = tmp_path / "other"
    other.mkdir()
    (other / SAMPLE.name).write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    return [str(SAMPLE), str(other / SAMPLE.name), str(tmp_path / "empty.txt"), str(tmp_path / "nothing-*.txt")]


def test_a_mixed_batch_builds_the_good_reports_the_bad_and_exits_8(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run("batch", *inputs(tmp_path), "--out", str(out), "--jobs", "2", "--json")
    assert proc.returncode == 8, proc.stderr
    manifest = json.loads(proc.stdout)
    assert manifest == json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["summary"] | {"seconds": 0, "seconds_per_article": 0} == {
        "total": 4,
        "ok": 2,
        "failed": 2,
        "seconds": 0,
        "seconds_per_article": 0,
        "workers": 2,
    }
    by_status = {(Path(i["input"]).name, i["status"]) for i in manifest["items"]}
    assert by_status == {
        ("nothing-*.txt", "failed"),
        ("op-azm-i-istehkam.txt", "ok"),
        ("empty.txt", "failed"),
    }
    ok = [i for i in manifest["items"] if i["status"] == "ok"]
    # The same name twice never collides: the second gets -2, in input order.
    assert [Path(i["out_dir"]).name for i in ok] == ["op-azm-i-istehkam", "op-azm-i-istehkam-2"]
    for item in ok:
        assert Document(item["outputs"]["docx"]).paragraphs
        assert item["timings_ms"]["summarise"] > 0 and item["error"] == ""
        if sys.platform.startswith("linux"):  # the worker's peak memory so far, for soak runs
            assert 20_000 < item["worker_peak_kib"] < 1_000_000
    empty = next(i for i in manifest["items"] if i["input"].endswith("empty.txt"))
    assert empty["exit_code"] == 3 and "the file is empty" in empty["error"]
    # stderr: a plain line per article (not a terminal), the table, then one error line.
    lines = proc.stderr.strip().splitlines()
    assert sum(line.startswith("[") for line in lines) == 3
    assert any(line.startswith("4 articles: 2 ok, 2 failed in ") for line in lines)
    assert lines[-1] == f"reportgen: error: 2 of 4 articles failed; see {out / 'manifest.json'}"
    assert "Traceback" not in proc.stderr


def test_existing_outputs_are_kept_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("batch", str(SAMPLE), "--out", str(out)).returncode == 0
    brief = out / "op-azm-i-istehkam" / "brief.docx"
    before = brief.stat().st_mtime_ns
    again = run("batch", str(SAMPLE), "--out", str(out))
    assert again.returncode == 4  # refused before building: the first run's manifest is kept (issue 18)
    assert "manifest.json already exists" in again.stderr and "--force" in again.stderr
    assert brief.stat().st_mtime_ns == before
    forced = run("batch", str(SAMPLE), "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "1 article: 1 ok, 0 failed" in forced.stdout


def test_two_runs_into_one_folder_never_corrupt_each_other(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [sys.executable, "-m", "reportgen", "batch", str(SAMPLE), "--out", str(out), "--force", "--jobs", "1"]
    with (
        subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as first,
        subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as second,
    ):
        errors = first.communicate(timeout=300)[1], second.communicate(timeout=300)[1]
    assert (first.returncode, second.returncode) == (0, 0), errors
    folder = out / "op-azm-i-istehkam"
    assert Document(str(folder / "brief.docx")).paragraphs
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["summary"]["ok"] == 1
    assert not list(out.rglob("*.tmp"))


def test_usage_and_pack_errors_stop_before_any_work(tmp_path: Path) -> None:
    assert run("batch").returncode == 2
    proc = run("batch", str(SAMPLE), "--audience", "board", "--out", str(tmp_path / "o"))
    assert proc.returncode == 5 and "available: " in proc.stderr
    assert not (tmp_path / "o").exists()
    nothing = run("batch", str(tmp_path / "none-*.txt"), "--out", str(tmp_path / "o"))
    assert nothing.returncode == 3 and "no files match" in nothing.stderr


def test_folders_are_expanded_to_their_article_files_and_duplicates_dropped(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.docx", "notes.json", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    paths, problems = expand_inputs([str(tmp_path), str(tmp_path / "a.md")], READERS)
    assert [p.name for p in paths] == ["a.md", "b.txt", "c.docx"]
    assert problems == []
    _, problems = expand_inputs([str(tmp_path / "empty-folder-*"), "-"], READERS)
    assert [p.exit_code for p in problems] == [3, 2]


def test_slugs_are_safe_and_unique_within_a_batch(tmp_path: Path) -> None:
    names = [
        "Report.txt",
        "report.md",
        "../../etc/passwd.txt",
        "CON.txt",
        "\u062a\u0642\u0631\u064a\u0631.txt",
        "x" * 300 + ".txt",
    ]
    jobs = plan([Path(n) for n in names], tmp_path, "analyst")
    folders = [Path(j.out_dir).name for j in jobs]
    assert folders[:4] == ["report", "report-2", "passwd", "con-article"]
    assert folders[4].startswith("article-") and len(folders[5]) <= 80
    assert len(set(folders)) == len(folders)
    assert all(Path(j.out_dir).parent == tmp_path for j in jobs)


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_otherwise() -> None:
    ok = Outcome(input="a.txt", out_dir="out/a", status="ok", seconds=0.5)
    bad = Outcome(input="b.txt", out_dir="out/b", status="failed", error="b.txt: the file is empty", exit_code=3)
    plain = io.StringIO()
    progress = Progress(2, stream=plain, bar=False)
    progress(ok)
    progress(bad)
    assert plain.getvalue().splitlines() == [
        "[1/2] ok     a.txt -> out/a (0.50 s)",
        "[2/2] FAILED b.txt: b.txt: the file is empty",
    ]
    bar = io.StringIO()
    progress = Progress(2, stream=bar, bar=True)
    progress(ok)
    progress(bad)
    progress.close()
    assert "2/2" in bar.getvalue() and "FAILED b.txt" in bar.getvalue()
    table = summary_table(BatchReport((ok, bad), seconds=1.0, workers=2), Path("out/manifest.json"))
    assert table.splitlines()[-1] == (
        "2 articles: 1 ok, 1 failed in 1.0 s (0.50 s per article, 2 workers); manifest: out/manifest.json"
    )


def test_a_batch_longer_than_one_worker_generation_finishes(tmp_path: Path) -> None:
    """Workers are recycled between chunks; with max_tasks_per_child this hung at the first
    retirement on Python 3.11 (CPython gh-115634)."""
    from reportgen.batch import Job, run_batch

    article = tmp_path / "a.txt"
    article.write_text(
        "Ports reopen\n\nThe port reopened on Monday after a week of strikes by dock workers.\n", "utf-8"
    )
    jobs = [Job(input=str(article), out_dir=str(tmp_path / f"out{i}")) for i in range(5)]
    report = run_batch(jobs, workers=1, tasks_per_worker=2)
    assert [o.status for o in report.outcomes] == ["ok"] * 5


DYING_WORKER = ROOT / "tests" / "support" / "dying_worker"


def test_a_killed_worker_fails_only_its_own_article_and_the_batch_goes_on_in_parallel(tmp_path: Path) -> None:
    """A worker SIGKILLed mid-write (as the OOM killer does) costs its own article only: the one
    still writing beside it finishes and is reported once, no temporary file is left, and the rest
    are built in a new pool of workers, side by side, not one at a time."""
    names = ["alpha", "doomed", "slow", "delta", "echo", "foxtrot"]
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in names:
        (articles / f"{name}.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out, log = tmp_path / "out", tmp_path / "placed.log"
    env = {
        "PYTHONPATH": os.pathsep.join([str(DYING_WORKER), str(ROOT)]),
        "REPORTGEN_TEST_DOOMED": "doomed",
        "REPORTGEN_TEST_SLOW": "slow",
        "REPORTGEN_TEST_LOG": str(log),
    }
    started = time.monotonic()
    proc = run("batch", *(str(articles / f"{n}.txt") for n in names), "--out", str(out), "--jobs", "2", env=env)
    elapsed = time.monotonic() - started
    assert proc.returncode == 8, proc.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rows = {Path(item["input"]).stem: item for item in manifest["items"]}
    assert {n: rows[n]["status"] for n in names} == {n: "failed" if n == "doomed" else "ok" for n in names}
    assert rows["doomed"]["error"] == f"the worker building {articles / 'doomed.txt'} stopped (killed by signal 9)"
    assert rows["doomed"]["exit_code"] == 128 + 9
    failures = [line for line in proc.stderr.splitlines() if "FAILED" in line]
    assert failures == [f"[{failures[0][1]}/6] FAILED {articles / 'doomed.txt'}: {rows['doomed']['error']}"]
    for name in names:
        if name != "doomed":
            assert Document(rows[name]["outputs"]["docx"]).paragraphs
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".*"))  # the doomed worker's temp files too
    placed = log.read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("slow/brief.docx ") for line in placed) == 1  # finished once, never rerun
    # After the death the rest were built by a new pool of two workers, not one at a time.
    doomed_pid = next(line.split()[1] for line in placed if line.startswith("doomed/"))
    later = {line.split()[1] for line in placed if line.split()[0].split("/")[0] in {"delta", "echo", "foxtrot"}}
    assert doomed_pid not in later and len(later) == 2
    assert elapsed < sum(rows[n]["seconds"] for n in names) + 10  # generous: two busy cores
