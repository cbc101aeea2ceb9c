"""Speed and memory of reportgen, side by side with the floor and with pandoc, in one run.

Run: python benchmarks/run.py [--runs N] [--batch N] [--soak N] [--profile]

Whole processes are timed interleaved (floor, reportgen, pandoc, floor, …) so a busy moment hits
all of them alike; each line gives the median with min and max, and the ratios the goals are
stated in. No figure here is asserted by the test suite: this is the measure.

- floor: a fresh Python process that writes the same brief and deck with zipfile from XML
  prepared beforehand: the least any Python tool can do.
- pandoc: `pandoc` rendering a ready markdown brief and a ready markdown deck of the same content
  (when pandoc is installed; otherwise the line says so).
- batch: `reportgen batch` over N articles (the development articles and the sample, repeated).
- --profile: where one cold build spends its time, sampled by pyinstrument (`pip install -e .[bench]`).
"""

from __future__ import annotations

import argparse
import compileall
import math
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "op-azm-i-istehkam.txt"
DEV = ROOT.parent / "shared" / "articles"
FLOOR_SCRIPT = """
import sys, zipfile
src, out = sys.argv[1], sys.argv[2]
parts = {}
with zipfile.ZipFile(src) as bundle:
    for name in bundle.namelist():
        parts[name] = bundle.read(name)
for kind in ("docx", "pptx"):
    with zipfile.ZipFile(f"{out}/floor.{kind}", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name.startswith(kind + "/"):
                z.writestr(name[len(kind) + 1 :], data)
"""


def installed_python(work: Path) -> str:
    """A Python with reportgen installed as a user installs it (`pip install .`), not editable.

    An editable install loads setuptools' import hook in every process, 20-30 ms of start-up a
    user never pays; the benchmark measures the product. The new environment is a bare venv with
    this checkout installed into it (no dependencies) and this environment's site-packages added
    by a .pth line, so the dependencies are the same and nothing is downloaded.
    """
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        text=True).strip())  # fmt: skip
    dev_site = sysconfig.get_path("purelib")
    (site / "reportgen-bench-deps.pth").write_text(dev_site + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(site), str(ROOT)],
        check=True,
    )  # fmt: skip
    where = subprocess.check_output(
        [str(python), "-c", "import reportgen; print(reportgen.__file__)"], text=True, cwd=work
    )
    if not where.startswith(str(site)):
        raise SystemExit(f"benchmark environment imports reportgen from {where.strip()}, not {site}")
    return str(python)


def run_process(cmd: Sequence[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one child process (stderr to a file: a full pipe would
    stall a chatty child such as a batch's progress lines)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed: {errors.read().decode()[-400:]}")
    return elapsed, usage.ru_maxrss


def line(label: str, times: Sequence[float], unit: str = "ms", extra: str = "") -> str:
    ms = [t * 1000 for t in times]
    return (
        f"{label:<40} median {statistics.median(ms):8.1f} {unit}  min {min(ms):8.1f}  max {max(ms):8.1f}"
        f"  (n={len(ms)}){extra}"
    )


def timed(func: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def prepare(work: Path, python: str) -> tuple[Path, Path | None]:
    """Build the sample once; keep its parts for the floor and markdown of it for pandoc."""
    subprocess.run(
        [python, "-m", "reportgen", "build", str(SAMPLE), "--out", str(work / "ref"), "--force"],
        check=True,
        capture_output=True,
    )
    bundle = work / "parts.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_STORED) as out:
        for kind, name in (("docx", "brief.docx"), ("pptx", "deck.pptx")):
            with zipfile.ZipFile(work / "ref" / name) as doc:
                for part in doc.namelist():
                    out.writestr(f"{kind}/{part}", doc.read(part))
    if shutil.which("pandoc") is None:
        return bundle, None
    from reportgen.model import Brief

    brief = Brief.from_json((work / "ref" / "brief.json").read_text(encoding="utf-8"))
    md = [f"% {brief.title}", "", "# Bottom line up front", ""]
    md += [f"- {b.text}" for b in brief.key_points]
    for section in brief.sections:
        md += ["", f"# {section.title}", ""] + [f"- {b.text} [¶{b.refs[0].paragraph + 1}]" for b in section.bullets]
    if brief.facts:
        md += ["", "# Key facts", "", "| Figure | Unit | Context |", "|---|---|---|"]
        md += [f"| {f.value} | {f.unit} | {f.counts} |" for f in brief.facts]
    if brief.timeline:
        md += ["", "# Timeline", "", "| Date | Event |", "|---|---|"]
        md += [f"| {e.date} | {e.text} |" for e in brief.timeline]
    (work / "brief.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    return bundle, work / "brief.md"


def side_by_side(work: Path, runs: int, python: str) -> dict[str, list[tuple[float, int]]]:
    bundle, markdown = prepare(work, python)
    out = work / "out"
    out.mkdir()
    commands: dict[str, list[list[str]]] = {
        "floor (zipfile, prebuilt XML)": [[python, "-c", FLOOR_SCRIPT, str(bundle), str(out)]],
        "reportgen build (cold process)": [
            [python, "-m", "reportgen", "build", str(SAMPLE), "--out", str(out / "rg"), "--force"]
        ],
    }
    if markdown is not None:
        commands["pandoc (ready markdown: brief + deck)"] = [
            ["pandoc", str(markdown), "-o", str(out / "p.docx")],
            ["pandoc", str(markdown), "-t", "pptx", "-o", str(out / "p.pptx")],
        ]
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for cmds in commands.values():  # warm the file cache once
        for cmd in cmds:
            run_process(cmd)
    for _ in range(runs):
        for name, cmds in commands.items():
            measured = [run_process(cmd) for cmd in cmds]
            results[name].append((sum(t for t, _ in measured), max(m for _, m in measured)))
    return results


def batch_inputs(work: Path, count: int) -> Path:
    sources = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []
    sources.append(SAMPLE)
    folder = work / "feed"
    folder.mkdir()
    for i in range(count):
        src = sources[i % len(sources)]
        shutil.copy(src, folder / f"{i:04d}-{src.name}")
    return folder


def batch(work: Path, count: int, jobs: int, python: str) -> tuple[float, int]:
    feed = work / "feed" if (work / "feed").exists() else batch_inputs(work, count)
    out = work / f"batch-{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    return run_process(
        [python, "-m", "reportgen", "batch", str(feed), "--out", str(out), "--jobs", str(jobs), "--force"]
    )


def soak_memory(manifest: Path) -> str:
    """Worker memory over a long batch, from the manifest: each row carries its worker's peak RSS
    so far, so the first and last tenth of the batch show whether memory grows per article."""
    import json

    peaks = [row["worker_peak_kib"] / 1024 for row in json.loads(manifest.read_text())["items"]]
    tenth = max(1, len(peaks) // 10)
    first, last = max(peaks[:tenth]), max(peaks[-tenth:])
    return (
        f"worker peak RSS: first tenth {first:6.1f} MiB, last tenth {last:6.1f} MiB, whole batch"
        f" {max(peaks):6.1f} MiB; growth {last - first:+.1f} MiB over {len(peaks)} articles"
    )


def profile_cold_build() -> None:
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        raise SystemExit("pyinstrument is not installed: pip install -e '.[bench]'") from None
    # `python -m reportgen` ends with os._exit (see cli.entry), which would leave pyinstrument no
    # chance to print: profile a script that calls main() and exits normally instead.
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "cold_build.py"
        script.write_text("from reportgen.cli import main\nmain()\n", encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "pyinstrument", "--renderer", "text", "--no-color", "--interval", "0.0002",
             str(script), "build", str(SAMPLE), "--out", tmp, "--force"],
            check=True,
        )  # fmt: skip


def stages(runs: int) -> dict[str, list[float]]:
    from reportgen.outlining import outline_for
    from reportgen.packs import find_pack
    from reportgen.pipeline import read, summarise_for
    from reportgen.renderers import get_renderer

    pack = find_pack("analyst")
    parsed = read(SAMPLE)
    brief = summarise_for(parsed, pack)
    results = {
        "read": timed(lambda: read(SAMPLE), runs),
        "summarise": timed(lambda: summarise_for(parsed, pack), runs),
    }
    for name in ("docx", "pptx"):
        outline = outline_for(brief, pack, name)
        render, reference = get_renderer(name), pack.reference(name)
        results[f"outline ({name})"] = timed(lambda n=name: outline_for(brief, pack, n), runs)  # type: ignore[misc]
        results[f"render ({name})"] = timed(lambda r=render, o=outline, ref=reference: r(o, ref), runs)  # type: ignore[misc]
    return results


def report_side_by_side(results: dict[str, list[tuple[float, int]]]) -> None:
    medians = {name: statistics.median(t for t, _ in rows) for name, rows in results.items()}
    for name, rows in results.items():
        peak = max(m for _, m in rows) / 1024
        print(line(name, [t for t, _ in rows], extra=f"  peak {peak:6.1f} MiB"))
    if not any(name.startswith("pandoc") for name in results):
        print(f"{'pandoc':<40} not installed: no pandoc figure in this run")
    floor = medians["floor (zipfile, prebuilt XML)"]
    ours = medians["reportgen build (cold process)"]
    print(f"\nratio reportgen / floor: {ours / floor:5.2f}x")
    pandoc = next((v for k, v in medians.items() if k.startswith("pandoc")), None)
    if pandoc:
        print(f"ratio reportgen / pandoc: {ours / pandoc:5.2f}x   (goal <= 1.5x)")


def report_batches(work: Path, python: str, count: int, repeats: int) -> None:
    """`--jobs 1` and `--jobs 2` over the same feed, interleaved: whole processes, so the per-article
    figure carries the start-up (the fork server's imports) amortised over the batch."""
    print(f"\nbatch of {count} articles (dev set and sample, repeated), {repeats} interleaved runs")
    runs: dict[int, list[tuple[float, int]]] = {1: [], 2: []}
    for _ in range(repeats):
        for jobs in (1, 2):
            runs[jobs].append(batch(work, count, jobs, python))
    totals = {jobs: statistics.median(t for t, _ in rows) for jobs, rows in runs.items()}
    for jobs, rows in runs.items():
        peak = max(m for _, m in rows) / 1024
        print(line(f"reportgen batch --jobs {jobs} (per article)", [t / count for t, _ in rows],
                   extra=f"  peak {peak:6.1f} MiB"))  # fmt: skip
    print(f"speed-up --jobs 2 over --jobs 1: {totals[1] / totals[2]:4.2f}x   (goal >= 1.6x)")
    print(f"--jobs 2: {totals[2] / count * 1000:.1f} ms/article amortised   (goal <= 40 ms/article)")


SCALE_SIZES = (100_000, 250_000, 500_000, 1_000_000, 4_900_000)  # characters; 5 MB is the readers' limit
NEWS = ROOT.parent / "shared" / "corpus" / "cnn"


def scale() -> None:
    """A cold `reportgen build` of plain-text articles from 100 KB to 4.9 MB of distinct news text
    (the CNN stories of ../shared/corpus one after another), with the growth exponent fitted to
    time and peak memory by least squares on a log-log scale."""
    stories = sorted(p for p in NEWS.glob("cnn_*.txt") if not p.name.endswith(".ref.txt"))
    if not stories:
        raise SystemExit(f"--scale needs the news stories in {NEWS}")
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in stories)
    if len(text) < SCALE_SIZES[-1]:
        raise SystemExit(f"--scale needs {SCALE_SIZES[-1]:,} characters of stories; {NEWS} has {len(text):,}")
    print("size (KB)   seconds   peak MiB")
    seconds, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in SCALE_SIZES:
            article = Path(tmp) / f"news-{size // 1000}k.txt"
            article.write_text("News stories, one after another\n\n" + text[:size], encoding="utf-8")
            cmd = [sys.executable, "-m", "reportgen", "build", str(article), "--out", str(Path(tmp) / "out"), "--force"]
            elapsed, peak = run_process(cmd, cwd=Path(tmp))
            seconds.append(elapsed)
            peaks.append(peak / 1024)
            print(f"{size // 1000:9d} {elapsed:9.2f} {peak / 1024:10.1f}", flush=True)
    sizes = [math.log(s) for s in SCALE_SIZES]
    for label, values in (("time", seconds), ("memory", peaks)):
        slope = statistics.linear_regression(sizes, [math.log(v) for v in values]).slope
        print(f"{label} grows as n^{slope:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each whole-process measure")
    parser.add_argument("--batch", type=int, default=60, help="articles in the batch measure (0: skip)")
    parser.add_argument("--soak", type=int, default=0, help="articles in a memory soak batch (0: skip)")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of one cold build")
    parser.add_argument("--scale", action="store_true", help="only: build time and memory from 100 KB to 5 MB")
    args = parser.parse_args()
    # Measured as installed: pip compiles bytecode at install time, but an editable checkout run
    # with PYTHONDONTWRITEBYTECODE (as CI shells often are) would recompile every module per run.
    compileall.compile_dir(ROOT / "reportgen", quiet=1)
    if args.profile:
        profile_cold_build()
        return
    if args.scale:
        scale()
        return
    print(f"reportgen benchmark: {args.runs} interleaved runs, sample {SAMPLE.name}, {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.chdir(work)  # `python -m` puts the working directory first: not this checkout's source
        python = installed_python(work)
        print(f"whole processes run {python} (this checkout installed as a user installs it)\n")
        print("start-up")
        for label, cmd in (
            ("python -c pass", [python, "-c", "pass"]),
            ("reportgen --help", [python, "-m", "reportgen", "--help"]),
            ("reportgen packs list", [python, "-m", "reportgen", "packs", "list"]),
        ):
            try:
                print(line(label, [run_process(cmd)[0] for _ in range(args.runs)]))
            except SystemExit as exc:
                print(f"{label:<40} not available ({str(exc)[:60]})")
        print("\none brief + deck, whole process (interleaved)")
        report_side_by_side(side_by_side(work, args.runs, python))
        if args.batch:
            report_batches(work, python, args.batch, max(1, min(3, args.runs)))
        if args.soak:
            shutil.rmtree(work / "feed", ignore_errors=True)
            elapsed, peak = batch(work, args.soak, 2, python)
            print(f"\nsoak: {args.soak} articles, --jobs 2: {elapsed:6.1f} s, batch parent peak {peak / 1024:6.1f} MiB")
            print(soak_memory(work / "batch-2" / "manifest.json"))
        os.chdir(ROOT)  # before the folder goes
    print("\nstages in process (warm, sample)")
    for label, times in stages(args.runs).items():
        print(line(label, times))


if __name__ == "__main__":
    main()
