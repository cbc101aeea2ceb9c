"""Running `python -m reportgen` as a user would, and what a user error must look like."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.builders import ROOT


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, drop: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process; `drop` removes environment variables by prefix (the user's own
    SMTP settings, say) before `env` is laid over the rest."""
    base = {k: v for k, v in os.environ.items() if not (drop and k.startswith(drop))}
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
        env={**base, **(env or {})},
    )


def assert_user_error(proc: subprocess.CompletedProcess[str], code: int, fragment: str) -> None:
    """One line on stderr, naming the problem, with the documented exit code and no traceback."""
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("reportgen: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
