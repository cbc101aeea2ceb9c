"""Only regular files are read: a pipe would block for ever and a device never end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.readers import read_article
from tests.builders import SAMPLE
from tests.support.cli import run


@pytest.fixture
def odd_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    device = tmp_path / "zero.txt"
    device.symlink_to("/dev/zero")
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    return {"fifo": fifo, "device": device, "dangling": dangling}


@pytest.mark.parametrize(
    ("kind", "message"),
    [("fifo", "is not a regular file"), ("device", "is not a regular file"), ("dangling", "which does not exist")],
)
def test_a_pipe_a_device_or_a_dangling_link_is_refused_in_one_line(
    odd_files: dict[str, Path], kind: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_article(odd_files[kind])
    proc = run("build", str(odd_files[kind]), "--out", str(odd_files[kind].parent / "out"))
    assert proc.returncode == 3 and len(proc.stderr.strip().splitlines()) == 1


def test_a_batch_reports_each_odd_file_as_failed_and_builds_the_rest(odd_files: dict[str, Path]) -> None:
    folder = odd_files["fifo"].parent
    (folder / "good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run("batch", str(folder), "--out", str(folder / "out"))
    assert proc.returncode == 8
    assert "4 articles: 1 ok, 3 failed" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
