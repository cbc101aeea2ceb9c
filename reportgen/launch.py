"""The `reportgen` command's first lines: Ctrl-C while the command line is still loading ends
in one line and exit 130, like Ctrl-C at any later moment, instead of Python's traceback.

Importing the CLI (click, and what each command needs) takes tens of milliseconds; until `main()`
maps KeyboardInterrupt to its message, an interrupt there printed a traceback (11 of 100 early
Ctrl-C trials). This module imports nothing of reportgen's but the package itself, so the quiet
handler is in place a few milliseconds after Python starts.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def entry() -> None:
    """Install the quiet handler, load the CLI, hand Ctrl-C back to Python, run the command."""
    quiet_until_loaded()
    from reportgen.cli import entry as run

    signal.signal(signal.SIGINT, signal.default_int_handler)  # main() reports it from here on
    run()


def quiet_until_loaded() -> None:
    signal.signal(signal.SIGINT, _interrupted_while_loading)


def _interrupted_while_loading(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("reportgen: interrupted\n")
    sys.stderr.flush()
    os._exit(130)  # nothing has started: no file, no child, nothing to clean up
