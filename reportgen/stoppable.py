"""Running untrusted work in a forked child that truly stops: killed at its deadline, capped in memory.

A pack's templates come from other people. Checks inside the Jinja sandbox stop most runaway
work with a message at the template line, but not work done in C (`tojson` or `pprint` of a huge
structure, big-number arithmetic) nor a loop that touches none of the checks; and a Python thread
cannot be stopped, so a runaway left running slows everything after it. A forked child can be
stopped: it gets an address-space limit (RLIMIT_AS, Linux) and a CPU-time limit (RLIMIT_CPU, in
case this process itself is killed), and is killed with SIGKILL when its deadline passes. Only its
answer comes back, pickled through a pipe: (True, value) or (False, exception). Unlike
reportgen.overlap, a child that dies is never run again here: the work is what killed it.

Forking costs about a millisecond of a process this size, so the pipeline forks only for packs it
does not ship (reportgen.templating decides). Where there is no fork (Windows) `available()` is
False and the caller falls back to in-process limits.
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")


class StoppedError(Exception):
    """The child was killed at its deadline, or died without answering (out of memory, a crash)."""

    def __init__(self, message: str, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


def available() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def run(job: Callable[[], T], seconds: float, memory: int) -> T:
    """`job()` in a forked child with `memory` bytes of address space more than this process has,
    killed after `seconds`; its value, or the exception it raised. Raises StoppedError otherwise."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        run_child(job, read_end, write_end, lambda: _limit(seconds, memory))
    os.close(write_end)
    data: bytes | None = None
    try:
        data = _read_until(read_end, time.monotonic() + seconds)
    finally:
        os.close(read_end)
        if data is None:  # the deadline, or an interrupt here: the child must not outlive this call
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if data is None:
        raise StoppedError(f"took longer than {seconds:g} seconds", timed_out=True)
    answer = unpickle_answer(data)
    if answer is None:
        raise StoppedError(_death(status), timed_out=False)
    return value_of(answer)  # type: ignore[no-any-return]


def run_child(
    job: Callable[[], object], read_end: int, write_end: int, limit: Callable[[], None] = lambda: None
) -> NoReturn:
    """In a forked child: `limit()`, run the job, write (ok, value or exception) to the pipe and
    leave without any clean-up (reportgen.overlap's children too). Nothing is written when the
    answer cannot be pickled. os._exit: the parent's exit handlers and buffered output are not the
    child's to run or flush."""
    code = 0
    try:
        os.close(read_end)
        limit()
        try:
            answer: tuple[bool, object] = (True, job())
        except BaseException as exc:  # carried to the parent, which raises it
            answer = (False, exc)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # nothing sent: the parent says so (or, in overlap, runs the job itself)
            data = b""
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def value_of(answer: tuple[bool, object]) -> Any:
    """The job's value from its (ok, value or exception) answer, or its exception raised here."""
    ok, value = answer
    if ok:
        return value
    raise value  # type: ignore[misc]


def _limit(seconds: float, memory: int) -> None:
    import resource

    def lower(kind: int, soft: int, hard: int) -> None:
        _, current = resource.getrlimit(kind)
        if current != resource.RLIM_INFINITY:
            soft, hard = min(soft, current), min(hard, current)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(kind, (soft, hard))

    cpu = math.ceil(seconds) + 1
    lower(resource.RLIMIT_CPU, cpu, cpu + 1)  # SIGXCPU, then SIGKILL: even if the parent is gone
    size = _address_space()
    if memory and size:
        lower(resource.RLIMIT_AS, size + memory, size + memory)


def _address_space() -> int:
    """This process's virtual size in bytes (Linux); 0 where it cannot be read (no RLIMIT_AS then:
    macOS does not enforce it)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to the pipe until the child closes it; None if the deadline comes first."""
    chunks: list[bytes] = []
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(max(1, math.ceil(left * 1000))):
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def unpickle_answer(data: bytes) -> tuple[bool, object] | None:
    """A child's (ok, value or exception), or None when `data` is not one (reportgen.overlap too)."""
    if not data:
        return None
    try:
        answer = pickle.loads(data)
    except Exception:  # e.g. an exception class whose constructor takes other arguments
        return None
    if not (isinstance(answer, tuple) and len(answer) == 2):
        return None
    ok, value = answer
    if not ok and not isinstance(value, BaseException):
        return None
    return bool(ok), value


def _death(status: int) -> str:
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        return f"was stopped by {name} (out of memory or CPU time, or a crash)"
    return f"ended without an answer (exit status {os.WEXITSTATUS(status)}; out of memory?)"
