"""Speed of reportgen on the sample: whole-process builds and each stage in process.

Run: python benchmarks/run.py [--runs N] [--article PATH]
Prints medians with min and max. No figure here is asserted by the test suite: this is the measure.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "op-azm-i-istehkam.txt"


def timed(func: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def line(label: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return (
        f"{label:<34} median {statistics.median(ms):8.1f} ms   min {min(ms):8.1f}   max {max(ms):8.1f}   (n={len(ms)})"
    )


def whole_process(article: Path, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "reportgen", "build", str(article), "--out", out, "--force"]
        subprocess.run(cmd, check=True, capture_output=True)  # warm the file cache once
        return timed(lambda: subprocess.run(cmd, check=True, capture_output=True), runs)


def stages(article: Path, runs: int) -> dict[str, list[float]]:
    from reportgen.packs import find_pack
    from reportgen.pipeline import outline_for, read, summarise_for
    from reportgen.renderers import get_renderer

    pack = find_pack("analyst")
    parsed = read(article)
    brief = summarise_for(parsed, pack)
    results = {
        "read": timed(lambda: read(article), runs),
        "summarise": timed(lambda: summarise_for(parsed, pack), runs),
    }
    for name in ("docx", "pptx"):
        outline = outline_for(brief, pack, name)
        render, reference = get_renderer(name), pack.reference(name)
        results[f"outline ({name})"] = timed(lambda n=name: outline_for(brief, pack, n), runs)  # type: ignore[misc]
        results[f"render ({name})"] = timed(lambda r=render, o=outline, ref=reference: r(o, ref), runs)  # type: ignore[misc]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--article", type=Path, default=SAMPLE)
    args = parser.parse_args()
    print(f"reportgen benchmark on {args.article.name}, {args.runs} runs each\n")
    print("whole process")
    print(
        line(
            "python -c pass (interpreter floor)",
            timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs),
        )
    )
    print(
        line(
            "reportgen --help",
            timed(
                lambda: subprocess.run([sys.executable, "-m", "reportgen", "--help"], check=True, capture_output=True),
                args.runs,
            ),
        )
    )
    print(line("reportgen build (cold process)", whole_process(args.article, args.runs)))
    print("\nstages in process (warm)")
    for label, times in stages(args.article, args.runs).items():
        print(line(label, times))


if __name__ == "__main__":
    main()
