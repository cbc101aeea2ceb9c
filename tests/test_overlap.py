"""A second core for one article: jobs in a forked child give the same values and errors as here."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen import overlap
from reportgen.cli import main
from reportgen.errors import OutputExistsError, PackError, ReportgenError
from reportgen.overlap import can_fork, cpus_available, in_parallel, overlapped
from reportgen.pipeline import build
from tests.builders import SAMPLE


@pytest.fixture(autouse=True)
def two_cpus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The CI machine has two cores; these tests must not depend on how many this one has, nor
    on the CPU quota of a container they may run in. Forking is allowed, as the CLI allows it."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    monkeypatch.setattr(overlap, "CGROUP_CPU_MAX", tmp_path / "no-cgroup-limit")
    others = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    assert not others, f"an earlier test left threads running, so nothing here would fork: {others}"
    with overlap.allowed():
        yield


def test_nothing_forks_unless_the_caller_allows_it() -> None:
    with overlap.allowed(False):
        assert not can_fork()
        assert overlapped(_pid, lambda: None) == os.getpid()
    assert can_fork()


def _pid() -> int:
    return os.getpid()


def test_the_job_runs_in_another_process_and_its_value_comes_back() -> None:
    assert can_fork()
    here = os.getpid()
    assert overlapped(_pid, lambda: None) != here


def test_the_work_meanwhile_runs_here_while_the_child_works() -> None:
    done: list[int] = []
    value = overlapped(lambda: ("brief", (1, 2.5), {"k": b"v"}), lambda: done.append(os.getpid()))
    assert value == ("brief", (1, 2.5), {"k": b"v"})
    assert done == [os.getpid()]


def test_an_answer_larger_than_the_pipe_arrives_whole() -> None:
    big = bytes(range(256)) * 8192  # 2 MiB, far past a pipe's 64 KiB buffer
    assert overlapped(lambda: big, lambda: None) == big


def test_the_jobs_error_is_raised_here_with_its_message_hint_and_exit_code() -> None:
    def job() -> None:
        raise PackError("pack 'board' has no layout named 'Timeline'", hint="add the layout")

    with pytest.raises(PackError) as caught:
        overlapped(job, lambda: None)
    assert str(caught.value) == "pack 'board' has no layout named 'Timeline'"
    assert caught.value.hint == "add the layout"
    assert caught.value.exit_code == 5


def _error_classes(root: type[BaseException]) -> list[type[BaseException]]:
    found = [root]
    for sub in root.__subclasses__():
        found.extend(_error_classes(sub))
    return found


@pytest.mark.parametrize("kind", _error_classes(ReportgenError), ids=lambda kind: kind.__name__)
def test_every_user_error_crosses_from_the_child_intact(kind: type[ReportgenError]) -> None:
    def job() -> None:
        raise kind("what went wrong", hint="how to fix it")

    with pytest.raises(kind) as caught:
        overlapped(job, lambda: None)
    assert type(caught.value) is kind
    assert caught.value.one_line() == "what went wrong; how to fix it"
    assert caught.value.exit_code == kind.exit_code


def test_a_child_that_dies_without_answering_costs_a_rerun_here_not_the_result() -> None:
    parent = os.getpid()

    def job() -> str:
        if os.getpid() != parent:
            os._exit(9)  # as an out-of-memory kill would end it
        return "done here"

    assert overlapped(job, lambda: None) == "done here"


def test_a_value_that_cannot_be_pickled_is_computed_here_instead() -> None:
    lock = overlapped(threading.Lock, lambda: None)  # a lock cannot cross a pipe
    assert lock.acquire(blocking=False)


def test_a_failing_head_start_is_ignored_the_job_still_answers() -> None:
    def meanwhile() -> None:
        raise PackError("reference deck is broken")

    assert overlapped(lambda: 42, meanwhile) == 42


def test_an_interrupt_here_stops_the_child_and_leaves_no_zombie(monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    def meanwhile() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fork", recording_fork)
    with pytest.raises(KeyboardInterrupt):
        overlapped(lambda: time.sleep(30), meanwhile)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # stopped and reaped, not left sleeping or as a zombie


def test_with_another_thread_running_the_job_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not can_fork()
    assert overlapped(_pid, lambda: None) == os.getpid()


def test_with_one_cpu_the_job_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    assert overlapped(_pid, lambda: None) == os.getpid()


def test_in_parallel_gives_both_values_in_order() -> None:
    here = os.getpid()
    first, second = in_parallel(_pid, _pid)
    assert first != here and second == here


def test_in_parallel_raises_the_first_jobs_error_before_the_seconds() -> None:
    def first() -> None:
        raise OutputExistsError("brief.docx already exists")

    def second() -> None:
        raise PackError("deck template is broken")

    with pytest.raises(OutputExistsError):
        in_parallel(first, second)
    with pytest.raises(PackError):
        in_parallel(lambda: 1, second)


def test_a_build_on_two_cores_writes_the_same_bytes_as_on_one(tmp_path: Path) -> None:
    with overlap.allowed(False):
        one = build(SAMPLE, out_dir=tmp_path / "one")
    two = build(SAMPLE, out_dir=tmp_path / "two")
    assert set(one.files) == set(two.files) == {"docx", "pptx", "brief", "build"}
    for name in ("docx", "pptx", "brief"):
        assert one.files[name].read_bytes() == two.files[name].read_bytes(), name
    assert one.brief == two.brief
    assert {"read", "summarise", "outline.docx", "render.docx", "outline.pptx", "render.pptx"} <= set(two.timings)


def test_a_build_that_fails_in_the_child_reports_the_error_as_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(empty), "--out", str(tmp_path / "out")])
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert err.startswith("reportgen: error: ") and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_one_article_commands_leave_the_garbage_collector_as_they_found_it(tmp_path: Path) -> None:
    assert gc.isenabled()
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(SAMPLE), "--out", str(tmp_path)])
    assert exit_.value.code in (0, None)
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("cpu_max", "cpus"),
    [("max 100000\n", 2), ("100000 100000\n", 1.0), ("150000 100000\n", 1.5), ("", 2), ("not a quota", 2)],
)
def test_a_containers_cpu_quota_caps_the_cpus_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cpu_max: str, cpus: float
) -> None:
    assert cpus_available() == 2  # no cgroup v2 file (see two_cpus): the affinity, two here
    limit = tmp_path / "cpu.max"
    limit.write_text(cpu_max, encoding="ascii")
    monkeypatch.setattr(overlap, "CGROUP_CPU_MAX", limit)
    assert cpus_available() == cpus


def test_in_a_container_limited_to_one_cpu_the_job_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overlap, "cpus_available", lambda: 1.0)
    assert not can_fork()
    assert overlapped(_pid, lambda: None) == os.getpid()


def test_only_linux_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not can_fork()
