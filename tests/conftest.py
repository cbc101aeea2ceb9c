"""Shared fixtures, and the quality figures printed at the end of every run.

Quality tests record their figures with `quality_report`; they are printed in the terminal summary
whether or not output capture is on, so CI logs always show how good the summariser is.
"""

from __future__ import annotations

import pytest

_FIGURES: list[str] = []


@pytest.fixture
def quality_report() -> list[str]:
    return _FIGURES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _FIGURES:
        terminalreporter.section("summariser quality")
        for line in _FIGURES:
            terminalreporter.write_line(line)
