"""Running a training script's `--check`: a retrain from the corpus must equal the shipped weights."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import ROOT


def retrain_matches(script: str, corpus: Path, *args: str) -> str:
    """The script's standard output after `--check` passed; skips without the corpus (fails in CI)."""
    if not corpus.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI has no training corpus at {corpus}")
        pytest.skip(f"no training corpus at {corpus}")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--check", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    assert "matches a retrain" in done.stdout
    return done.stdout
