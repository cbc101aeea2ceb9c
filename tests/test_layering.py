"""Imports point down the pipeline and never go round in a circle (pyproject.toml's
[tool.importlinter] contracts, checked by import-linter over the whole package)."""

from __future__ import annotations

import subprocess
import sys

from tests.builders import ROOT

#: import-linter's own command line, run apart: run inside pytest it closes the captured streams.
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def test_imports_keep_the_layers_and_make_no_cycle() -> None:
    command = [sys.executable, "-c", LINT, "--config", str(ROOT / "pyproject.toml"), "--no-cache"]
    proc = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 kept, 0 broken" in proc.stdout  # every contract ran: a renamed module cannot skip one
