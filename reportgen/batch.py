"""A morning's articles in one go: each built in a worker process, one bad file never stopping the rest.

Each article is one `pipeline.build` in a process pool, into `<out>/<slug>/`; slugs that collide
within a batch get "-2", "-3"… in input order, so the same inputs always land in the same folders.
Every outcome, good or bad, becomes a row of the manifest (`<out>/manifest.json`): input, outputs,
status, error and its exit code, warnings, timings.

Processes rather than threads because building is CPU-bound Python. Workers are recycled every
`TASKS_PER_WORKER` articles as a safety net against slow growth: with python-docx/python-pptx
objects a worker grew from 46 MiB to 178 MiB over 200 articles (allocator fragmentation); since
the renderers write XML directly it levels off near 36 MiB, so recycling is now rare. Workers
start from a fork server that has already imported the pipeline, so a new worker costs a fork,
not imports. (Warming the fork server's caches with the batch's pack was tried and measured: with
workers living for hundreds of articles it saved nothing a run could show.)

A worker that dies (killed by the OOM killer or a signal, a crash inside a library) breaks the
pool. The batch ledger (batch_ledger.py) says what became of each unreported article: the one the
dead worker was building fails alone ("the worker building X stopped (killed by signal 9)"), its
temporary files removed; the ones its siblings were building are finished (the pool's SIGTERM
waits for them) and reported as built; the rest go to a new pool of the same size, so the batch
stays parallel. (It used to retry them one at a time, 89 s instead of 21 s, and report a sibling
that had finished as "already exists".)

CLI parsing and exit codes stay in cli.py; this module plans, runs, reports and writes the manifest.
"""

from __future__ import annotations

import glob
import json
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reportgen import __version__
from reportgen.errors import ReportgenError

if TYPE_CHECKING:
    from reportgen.batch_ledger import Ledger

MANIFEST = "manifest.json"
TASKS_PER_WORKER = 500
_PRELOAD = [
    "reportgen.pipeline",
    "reportgen.readers.text",
    "reportgen.readers.markdown",
    "reportgen.templating",
    "reportgen.summarise",
    "reportgen.renderers.docx.render",
    "reportgen.renderers.pptx.render",
]


@dataclass(frozen=True)
class Job:
    """One article to build: where it comes from, where it goes, with what pack."""

    input: str
    out_dir: str
    audience: str = "analyst"
    templates_dir: str | None = None
    force: bool = False
    pdf: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a manifest row."""

    input: str
    out_dir: str
    status: str  # "ok" or "failed"
    outputs: dict[str, str] = field(default_factory=dict)
    error: str = ""
    exit_code: int = 0
    warnings: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    #: Peak resident memory of the worker process so far (KiB; 0 where the OS does not say): the
    #: manifest shows whether memory stays flat over a long batch.
    worker_peak_kib: int = 0


@dataclass(frozen=True)
class BatchReport:
    outcomes: tuple[Outcome, ...]
    seconds: float
    workers: int

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status != "ok")

    def to_dict(self) -> dict[str, Any]:
        n = len(self.outcomes)
        return {
            "reportgen": __version__,
            "summary": {
                "total": n,
                "ok": n - len(self.failed),
                "failed": len(self.failed),
                "seconds": round(self.seconds, 3),
                "seconds_per_article": round(self.seconds / n, 3) if n else 0.0,
                "workers": self.workers,
            },
            "items": [asdict(o) for o in self.outcomes],
        }


# 1. Planning ------------------------------------------------------------------------------------


def expand_inputs(patterns: Iterable[str], suffixes: Iterable[str]) -> tuple[list[Path], list[Outcome]]:
    """Files named, matched by a glob, or found in a folder (its article files, not recursing).

    A glob that matches nothing or a folder without articles becomes a failed outcome rather than
    a stopped batch. The same file named twice is built once. Everything but folders is kept, so a
    dangling link, a pipe or a device is reported as failed by the reader, never skipped unseen.
    """
    wanted = {s.lower() for s in suffixes}
    found: list[Path] = []
    problems: list[Outcome] = []
    for pattern in patterns:
        if pattern == "-":
            problems.append(_failed(pattern, "", "standard input cannot be batched; use `reportgen build -`", 2))
        elif glob.has_magic(pattern):
            matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if not Path(p).is_dir())
            if not matches:
                problems.append(_failed(pattern, "", f"{pattern}: no files match", 3))
            found.extend(matches)
        elif Path(pattern).is_dir():
            folder = Path(pattern)
            matches = sorted(p for p in folder.iterdir() if p.suffix.lower() in wanted and not p.name.startswith("."))
            if not matches:
                problems.append(_failed(pattern, "", f"{pattern}: no article files ({', '.join(sorted(wanted))})", 3))
            found.extend(p for p in matches if not p.is_dir())
        else:
            found.append(Path(pattern))
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(os.path.normcase(os.path.abspath(path)), path)
    return list(unique.values()), problems


def plan(
    paths: list[Path],
    out: Path,
    audience: str,
    templates_dir: Path | None = None,
    force: bool = False,
    pdf: bool = False,
) -> list[Job]:
    """One job per input, each into its own folder under `out`; colliding names get -2, -3…"""
    from reportgen.output import slugify, unique_slug

    taken: set[str] = set()
    return [
        Job(
            input=str(path),
            out_dir=str(out / unique_slug(slugify(path.stem), taken)),
            audience=audience,
            templates_dir=str(templates_dir) if templates_dir else None,
            force=force,
            pdf=pdf,
        )
        for path in paths
    ]


# 2. Running -------------------------------------------------------------------------------------


def run_one(job: Job) -> Outcome:
    """Build one article; every failure becomes an Outcome, so nothing escapes into the pool."""
    from reportgen.pipeline import build

    start = time.perf_counter()
    try:
        result = build(
            Path(job.input),
            job.audience,
            Path(job.out_dir),
            job.force,
            Path(job.templates_dir) if job.templates_dir else None,
            pdf=job.pdf,
        )
    except ReportgenError as exc:
        return _failed(job.input, job.out_dir, exc.one_line(), exc.exit_code, time.perf_counter() - start)
    except Exception as exc:  # a bug on one article must not cost the others theirs
        message = f"internal error: {type(exc).__name__}: {exc}; please report it"
        return _failed(job.input, job.out_dir, message, 1, time.perf_counter() - start)
    return Outcome(
        input=job.input,
        out_dir=job.out_dir,
        status="ok",
        outputs={name: str(path) for name, path in result.files.items()},
        warnings=result.warnings,
        timings_ms={k: round(v * 1000, 2) for k, v in result.timings.items()},
        seconds=round(time.perf_counter() - start, 3),
        worker_peak_kib=_peak_kib(),
    )


def _peak_kib() -> int:
    try:
        import resource
    except ImportError:  # not on Windows
        return 0
    peak = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB elsewhere


def _failed(source: str, out_dir: str, error: str, code: int, seconds: float = 0.0) -> Outcome:
    return Outcome(
        input=source, out_dir=out_dir, status="failed", error=error, exit_code=code, seconds=round(seconds, 3)
    )


def default_workers(jobs: int) -> int:
    """One worker a usable CPU (affinity and container quota, reportgen.overlap), at most one a job."""
    from reportgen.overlap import usable_cpus

    return max(1, min(usable_cpus(), jobs))


def run_batch(
    jobs: list[Job],
    workers: int,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
    tasks_per_worker: int = TASKS_PER_WORKER,
) -> BatchReport:
    """Run every job in a pool of `workers` processes; outcomes come back in input order."""
    from reportgen.batch_ledger import ledger

    start = time.perf_counter()
    results: dict[int, Outcome] = {}
    # Workers are recycled by running the jobs in chunks, each in a fresh pool (forked from the
    # preloaded fork server, so cheap): memory stays flat over long batches. Not with
    # max_tasks_per_child, which deadlocks when a worker retires on Python < 3.13 (CPython
    # gh-115634): a 60-article batch hung at article 25.
    chunk = max(1, workers * tasks_per_worker)
    with ledger() as record:
        for first in range(0, len(jobs), chunk):
            todo = list(range(first, min(len(jobs), first + chunk)))
            stalled = 0
            while todo:  # a pool that breaks is replaced by a new one for the articles it never started
                again = _run_pool(jobs, todo, workers, record, results, on_done)
                stalled = stalled + 1 if again == todo else 0
                if stalled == 2:  # two pools in a row broke before starting anything: give up
                    for index in again:
                        job = jobs[index]
                        results[index] = _failed(job.input, job.out_dir, "the worker processes keep dying", 1)
                        on_done(results[index])
                    again = []
                todo = again
    return BatchReport(tuple(results[i] for i in range(len(jobs))), time.perf_counter() - start, workers)


def _run_pool(
    jobs: list[Job],
    todo: list[int],
    workers: int,
    record: Ledger,
    results: dict[int, Outcome],
    on_done: Callable[[Outcome], None],
) -> list[int]:
    """Run the jobs `todo` in one pool; the ones to run again, in a new pool, because it broke first."""
    broken: list[int] = []
    with _pool(workers) as pool:
        futures: dict[Future[Outcome], int] = {pool.submit(_run_in_worker, jobs[i], record, i): i for i in todo}
        # Every worker is started by now (one per submit, up to `workers`). Kept to read their exit
        # codes once the pool is shut down, which drops its own table. A private attribute, read
        # defensively: without it a death is reported without its cause.
        processes: dict[int, multiprocessing.process.BaseProcess] = dict(getattr(pool, "_processes", None) or {})
        try:
            for future in as_completed(futures):
                index = futures[future]
                try:
                    results[index] = future.result()
                except BrokenProcessPool:
                    broken.append(index)
                    continue
                on_done(results[index])
        except KeyboardInterrupt:
            # Workers ignore ^C: the ones busy finish their (atomic) writes, the rest never start.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    # Shut down: every worker has exited (the ones the broken pool stopped finished their article
    # first, see _on_sigterm), so the ledger and the exit codes are final.
    again = []
    for index in broken:
        outcome = record.outcome(index)
        pid = record.worker(index)
        if outcome is None and pid is not None:
            outcome = _died(jobs[index], pid, processes.get(pid))
        if isinstance(outcome, Outcome):
            results[index] = outcome
            on_done(outcome)
        else:
            again.append(index)
    return again


def _died(job: Job, pid: int, process: multiprocessing.process.BaseProcess | None) -> Outcome:
    """The outcome of an article whose worker died building it; removes the temporary files it left."""
    from reportgen.output import remove_temp_files

    remove_temp_files(Path(job.out_dir), pid)
    code = process.exitcode if process is not None else None
    if code is not None and code < 0:
        how, exit_code = f" (killed by signal {-code})", 128 - code
    elif code:
        how, exit_code = f" (exit code {code})", 1
    else:
        how, exit_code = "", 1
    return _failed(job.input, job.out_dir, f"the worker building {job.input} stopped{how}", exit_code)


@dataclass
class _WorkerState:
    """In a worker process: whether it is building an article, and whether it was asked to stop."""

    busy: bool = False
    stop_asked: bool = False


_worker = _WorkerState()


def _run_in_worker(job: Job, record: Ledger, index: int) -> Outcome:
    """`run_one`, noted in the ledger before and after, so a broken pool knows what became of it."""
    _worker.busy = True
    record.started(index)
    outcome = run_one(job)
    record.finished(index, outcome)
    _worker.busy = False
    if _worker.stop_asked:  # the pool is being torn down: its pipes are no longer read, so leave now
        os._exit(128 + signal.SIGTERM)
    return outcome


def _on_sigterm(signum: int, frame: object) -> None:
    """A broken pool terminates every worker. One building an article finishes it first (it is
    innocent, and a worker stopped mid-write would leave temporary files and a half-placed set);
    an idle one leaves at once."""
    if not _worker.busy:
        os._exit(128 + signal.SIGTERM)
    _worker.stop_asked = True


def start_fork_server() -> None:
    """Start the fork server now, so its imports of the pipeline (a quarter of a second) run while
    this process still checks the pack and plans the batch, rather than after."""
    context = _context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    return context


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker)


def _init_worker() -> None:
    """^C goes to the whole process group; only the parent acts on it, so workers never die
    mid-write. SIGTERM (a broken pool stopping its workers) waits for the article being built."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)


# 3. Reporting -----------------------------------------------------------------------------------


def check_manifest_free(out: Path, force: bool) -> None:
    """Refuse, before anything is built, a batch into a folder holding an earlier batch's manifest.

    Without --force every article of a re-run fails as "already exists", and writing that run's
    manifest would replace the record of the good one: nothing new is gained and the record is lost.
    """
    from reportgen.errors import OutputExistsError

    manifest = out / MANIFEST
    if not force and manifest.exists():
        raise OutputExistsError(
            f"{manifest} already exists (the record of an earlier batch into {out})",
            hint="pass --force to rebuild into it, or choose another --out folder",
        )


def write_manifest(report: BatchReport, out: Path) -> Path:
    """The manifest, written atomically: a later run replaces it whole, never half."""
    from reportgen.output import write_atomic

    target = out / MANIFEST
    write_atomic(target, (json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return target


def outcome_line(outcome: Outcome, done: int, total: int) -> str:
    """One plain progress line: "[3/11] ok     file -> folder (0.41 s)"."""
    if outcome.status == "ok":
        return f"[{done}/{total}] ok     {outcome.input} -> {outcome.out_dir} ({outcome.seconds:.2f} s)"
    return f"[{done}/{total}] FAILED {outcome.input}: {outcome.error}"


class Progress:
    """A progress bar on a terminal (tqdm), plain lines otherwise (logs, CI, pipes)."""

    def __init__(self, total: int, stream: IO[str] | None = None, bar: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.done = total, 0
        use_bar = self.stream.isatty() if bar is None else bar
        self.bar: Any = None
        if use_bar:
            from tqdm import tqdm

            class Bar(tqdm):  # type: ignore[misc]
                # No monitor thread: it only tunes redraws of bars fed in bursts, and tqdm leaves
                # it running for good, so a process that showed a bar could no longer fork safely.
                monitor_interval = 0

            self.bar = Bar(total=total, file=self.stream, unit="article", dynamic_ncols=True)

    def __call__(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is None:
            print(outcome_line(outcome, self.done, self.total), file=self.stream, flush=True)
            return
        if outcome.status != "ok":
            self.bar.write(outcome_line(outcome, self.done, self.total), file=self.stream)
        self.bar.set_postfix_str(Path(outcome.input).name[:30], refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def summary_table(report: BatchReport, manifest: Path | None = None) -> str:
    """The end-of-run table: one row per input, then the totals and where the manifest is."""
    rows = [("status", "seconds", "input", "output folder / error")]
    for o in report.outcomes:
        rows.append(
            (
                "ok" if o.status == "ok" else "FAILED",
                f"{o.seconds:.2f}",
                o.input,
                o.out_dir if o.status == "ok" else o.error,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() for r in rows]
    n, failed = len(report.outcomes), len(report.failed)
    per = report.seconds / n if n else 0.0
    totals = (
        f"{n} article{'s' if n != 1 else ''}: {n - failed} ok, {failed} failed in {report.seconds:.1f} s "
        f"({per:.2f} s per article, {report.workers} worker{'s' if report.workers != 1 else ''})"
    )
    if manifest is not None:
        totals += f"; manifest: {manifest}"
    return "\n".join([*lines, totals])
