"""What each batch worker started and finished, kept on disk so it outlives a worker that dies.

When one worker of a process pool dies (killed by the OOM killer, a crash in a library), the pool
breaks: every article not yet reported fails with the same BrokenProcessPool, the one that killed
the worker and the innocent ones alike, and the results still in the pool's pipes are lost. The
ledger says which was which. Before building article `i` a worker writes `i.started` (its pid);
after, `i.done` (the pickled outcome). So after a break:

- `done` present: the article was finished (its outcome is read back; it is not built again);
- `started` but not `done`: its worker died while building it (the pid names the worker);
- neither: it never started, and goes to the next pool.

The folder is private to one batch (a fresh temporary folder, removed when the batch ends), and
only this batch's own worker processes write to it, so its pickles are trusted.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ledger:
    folder: Path

    def started(self, index: int) -> None:
        with suppress(OSError):  # a ledger that cannot be written costs only the recovery it allows
            (self.folder / f"{index}.started").write_text(str(os.getpid()), encoding="ascii")

    def finished(self, index: int, outcome: object) -> None:
        """Record `outcome` whole or not at all (written aside, then renamed)."""
        part = self.folder / f"{index}.part"
        with suppress(OSError):
            part.write_bytes(pickle.dumps(outcome))
            os.replace(part, self.folder / f"{index}.done")

    def outcome(self, index: int) -> object | None:
        """The outcome article `index` finished with, or None if it did not finish."""
        try:
            data = (self.folder / f"{index}.done").read_bytes()
        except FileNotFoundError:
            return None
        outcome: object = pickle.loads(data)  # our own workers wrote it
        return outcome

    def worker(self, index: int) -> int | None:
        """The pid of the worker that started article `index`, or None if none did."""
        try:
            return int((self.folder / f"{index}.started").read_text(encoding="ascii"))
        except (FileNotFoundError, ValueError):
            return None


@contextmanager
def ledger() -> Iterator[Ledger]:
    folder = Path(tempfile.mkdtemp(prefix="reportgen-batch-"))
    try:
        yield Ledger(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
