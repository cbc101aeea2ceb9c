"""Two cores for one article: jobs run in a forked child while this process does other work.

A cold `reportgen build` is mostly start-up: importing the summariser and running it for the first
time on one side, importing the renderers and loading the pack's reference files and templates on
the other. Neither needs the other, so where a second core is free they overlap (`overlapped`):
a child reads and summarises the article while the parent prepares the renderers, then hands
the Brief back through a pipe (pickled: both sides are the same program, forked a moment ago).
The brief and the deck are then rendered side by side the same way (`in_parallel`). Together
this takes about a quarter off a cold build (benchmarks/run.py); a batch already keeps both
cores busy and does not use it.

This module is the one place that decides. The CLI's `build` and `render` switch it on for their
one article (`allowed()`); everything else (a batch, whose cores are busy already, tests calling
the pipeline, `--debug`) leaves it off and the pipeline runs the same calls in order.

Only where forking is safe and worth it: Linux (Windows has no fork; macOS system libraries are
not fork-safe), a single thread in the process, and more than one CPU to run on (the affinity
mask, capped by a container's cgroup v2 CPU quota). Anywhere else
the jobs simply run here, one after the other. The outcome is the same either way:

- the job's value, or the exception it raised (type, message and attributes, so the CLI prints
  the same one-line error and exit code);
- if the child dies or its answer cannot be carried back, the job is run again here, so an
  out-of-memory kill or an unpicklable value costs time, never a result;
- work done meanwhile only as a head start may fail: whatever it could not do is done (and
  reported) later by the code that needs it, in the usual order.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from reportgen.stoppable import run_child, value_of
from reportgen.stoppable import unpickle_answer as _unpickle

#: cgroup v2's "quota period" (or "max period") for this process's container, where there is one.
CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")

T = TypeVar("T")
U = TypeVar("U")


_ALLOWED: contextvars.ContextVar[bool] = contextvars.ContextVar("overlap_allowed", default=False)


@contextlib.contextmanager
def allowed(on: bool = True) -> Iterator[None]:
    """Within the block, `overlapped` and `in_parallel` may fork where it pays (or, with
    `on=False`, may not)."""
    token = _ALLOWED.set(on)
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def usable_cpus() -> int:
    """Whole CPUs for worker processes (a batch's default): at least one."""
    return max(1, int(cpus_available()))


def can_fork() -> bool:
    """Whether a forked child can run the job here, safely and on a core of its own."""
    if not _ALLOWED.get():
        return False
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1:  # a fork copies only this thread; locks held by others stay held
        return False
    return cpus_available() > 1


def cpus_available() -> float:
    """The CPUs this process may run on, capped by its container's CPU quota (cgroup v2): a
    container limited to one CPU gains nothing from a second process, whatever the host has."""
    try:
        cpus: float = len(os.sched_getaffinity(0))
    except OSError:
        return 1
    try:
        quota, period = CGROUP_CPU_MAX.read_text(encoding="ascii").split()[:2]
        if quota != "max":
            cpus = min(cpus, int(quota) / int(period))
    except (OSError, ValueError):  # no cgroup v2 limit to read: the affinity stands
        pass
    return cpus


def overlapped(job: Callable[[], T], meanwhile: Callable[[], object]) -> T:
    """`job()`, run in a forked child while `meanwhile()` runs here; without a fork, just `job()`."""
    child = _Child.start(job)
    if child is None:
        return job()
    with child:
        with contextlib.suppress(Exception):  # a head start only: what it failed to do fails later, in order
            meanwhile()
        answer = child.answer()
    return _outcome(answer, job)


def in_parallel(first: Callable[[], T], second: Callable[[], U]) -> tuple[T, U]:
    """`(first(), second())`, `first` in a forked child while `second` runs here.

    Errors come out as if the two had run one after the other: `first`'s error wins over
    `second`'s. Without a fork, they do run one after the other.
    """
    child = _Child.start(first)
    if child is None:
        return first(), second()
    with child:
        failure: Exception | None = None
        try:
            second_value = second()
        except Exception as exc:
            failure = exc
        answer = child.answer()
    first_value = _outcome(answer, first)
    if failure is not None:
        raise failure
    return first_value, second_value


class _Child:
    """A forked child running one job, and the pipe its answer comes back through."""

    def __init__(self, pid: int, read_end: int) -> None:
        self.pid, self.read_end, self.reaped = pid, read_end, False

    @classmethod
    def start(cls, job: Callable[[], object]) -> _Child | None:
        """The running child, or None where forking is not possible (the caller runs the job)."""
        if not can_fork():
            return None
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:
            run_child(job, read_end, write_end)
        os.close(write_end)
        return cls(pid, read_end)

    def answer(self) -> tuple[bool, object] | None:
        """(ok, value or exception) once the child has finished; None if it gave no usable answer."""
        data = _read_all(self.read_end)
        os.waitpid(self.pid, 0)
        self.reaped = True
        return _unpickle(data)

    def __enter__(self) -> _Child:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.read_end)
        if not self.reaped:  # left early (an error or an interrupt here): the answer is not wanted
            _stop(self.pid)


def _outcome(answer: tuple[bool, object] | None, job: Callable[[], T]) -> T:
    if answer is None:  # the child died, or its answer could not be carried back: run it here
        return job()
    return value_of(answer)  # type: ignore[no-any-return]


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
