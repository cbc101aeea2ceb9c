"""Loaded at start-up by every Python process of a test's `reportgen batch` (this folder is put
first on PYTHONPATH), so also by the fork server its workers come from: it makes one article's
worker die the way the OOM killer ends it, by a real SIGKILL, at the worst moment (its outputs
written to temporary files, none yet in place).

REPORTGEN_TEST_DOOMED names the article folder whose worker dies; REPORTGEN_TEST_SLOW names one
whose worker is still writing when that happens (it pauses before putting its files in place,
and the doomed worker waits until it is there). Every placing of a file is logged to
REPORTGEN_TEST_LOG, so a test can count how often each article was built.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

DOOMED = os.environ.get("REPORTGEN_TEST_DOOMED", "")
SLOW = os.environ.get("REPORTGEN_TEST_SLOW", "")
LOG = os.environ.get("REPORTGEN_TEST_LOG", "")

if DOOMED:
    from reportgen import output

    _real_place = output._place

    def _place(tmp: str, path: Path, overwrite: bool) -> None:
        folder = path.parent.name
        if LOG:
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(f"{folder}/{path.name} {os.getpid()}\n")
        if folder == DOOMED and path.name == "brief.docx":
            end = time.monotonic() + 10
            while SLOW and time.monotonic() < end and not list((path.parent.parent / SLOW).glob(".brief.docx.*")):
                time.sleep(0.01)  # until the slow sibling is writing too
            os.kill(os.getpid(), signal.SIGKILL)
        if folder == SLOW and path.name == "brief.docx":
            time.sleep(1.5)
        _real_place(tmp, path, overwrite)

    output._place = _place
