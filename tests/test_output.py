"""Where outputs land: only regular files are replaced, and one run's set is put in place whole."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

import pytest

from reportgen.errors import OutputError
from reportgen.output import TEMP_SUFFIX, remove_temp_files, write_files
from tests.builders import SAMPLE
from tests.support.cli import run


def test_a_device_at_an_outputs_name_is_refused_even_with_force_and_left_as_it_was(tmp_path: Path) -> None:
    proc = run("summarise", str(SAMPLE), "-o", "/dev/full", "--force")
    assert proc.returncode == 4
    assert "/dev/full is not a regular file" in proc.stderr
    assert Path("/dev/full").is_char_device()
    fifo = tmp_path / "brief.json"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_files({tmp_path / "deck.pptx": b"deck", fifo: b"{}"})
    assert fifo.is_fifo() and not (tmp_path / "deck.pptx").exists()  # nothing of the set was written


def test_a_set_of_outputs_is_put_in_place_while_holding_the_folders_lock(tmp_path: Path) -> None:
    """A second run into the same folder waits until the first run's whole set is in place."""
    holder = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as another run writing its set into the folder would
    done = threading.Event()
    writer = threading.Thread(target=lambda: (write_files({tmp_path / "brief.json": b"{}"}), done.set()))
    writer.start()
    time.sleep(0.3)
    assert not done.is_set() and not (tmp_path / "brief.json").exists()
    os.close(holder)
    writer.join(timeout=10)
    assert done.is_set() and (tmp_path / "brief.json").read_bytes() == b"{}"


def test_the_temporary_files_of_a_killed_writer_are_removed_and_no_one_elses(tmp_path: Path) -> None:
    import tempfile

    def temp(name: str, pid: int) -> Path:
        fd, path = tempfile.mkstemp(prefix=f".{name}.{pid}.", suffix=TEMP_SUFFIX, dir=tmp_path)
        os.close(fd)
        return Path(path)

    dead = [temp("brief.docx", 4242), temp("deck.pptx", 4242)]
    others = [temp("brief.docx", 42), temp("brief.docx", 424), temp("deck.pptx", 14242)]
    keep = [tmp_path / "brief.docx", tmp_path / ".4242.tmp", tmp_path / "notes.4242.x.tmp"]
    for path in keep:
        path.write_bytes(b"x")
    assert sorted(remove_temp_files(tmp_path, 4242)) == sorted(dead)
    assert sorted(tmp_path.iterdir()) == sorted(others + keep)
    assert remove_temp_files(tmp_path / "never-made", 4242) == []


def test_temporary_files_are_named_by_the_process_that_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = os.replace

    def spy(src: str, dst: Path) -> None:
        seen.append(Path(src).name)
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_files({tmp_path / "brief.docx": b"x"})
    assert len(seen) == 1 and seen[0].startswith(f".brief.docx.{os.getpid()}.") and seen[0].endswith(TEMP_SUFFIX)
