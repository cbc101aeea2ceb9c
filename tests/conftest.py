"""Shared fixtures, the `office` and `corpus` markers, and the quality figures printed at the end of
every run. `pytest -m "not office and not corpus"` runs the quick part of the suite.

Quality tests record their figures with `quality_report`; they are printed in the terminal summary
whether or not output capture is on, so CI logs always show how good the summariser is.
"""

from __future__ import annotations

import inspect
import os
import types

import pytest

#: What tests/support/office.py offers: a test that reaches any of them (itself or through a helper
#: of its module) needs LibreOffice or the Open XML SDK validator, and is marked `office`.
OFFICE_TOOLS = frozenset({"validation_errors", "convert_to_pdf", "pdf_page_count", "soffice", "validator"})

_FIGURES: list[str] = []
_TEMPLATES: dict[str, str] = {}


@pytest.fixture
def quality_report() -> list[str]:
    return _FIGURES


@pytest.fixture
def template_report() -> dict[str, str]:
    """One line per foreign template (its file name -> figures), printed as a table at the end."""
    return _TEMPLATES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _FIGURES:
        terminalreporter.section("summariser quality")
        for line in _FIGURES:
            terminalreporter.write_line(line)
    if _TEMPLATES:
        terminalreporter.section("foreign templates")
        for name, line in sorted(_TEMPLATES.items()):
            terminalreporter.write_line(f"{name[:48]:48}  {line}")


#: Every test (and every `reportgen` it runs as a child) builds as of this instant, so files are
#: byte-identical from run to run; a test of the build-time default removes it. 2000-01-01 UTC.
SOURCE_DATE_EPOCH = "946684800"


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    config.addinivalue_line("markers", "office: needs LibreOffice or the Open XML SDK validator (slow)")
    config.addinivalue_line("markers", "corpus: retrains a model from ../shared/corpus (slow)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `office` every test that uses the office tools, so `pytest -m "not office"` is quick."""
    for item in items:
        function = getattr(item, "function", None)
        if function is not None and _reaches_office(function, set()):
            item.add_marker(pytest.mark.office)


def _reaches_office(function: types.FunctionType, seen: set[str]) -> bool:
    """Whether `function`, or a function of its module it calls (directly or through others),
    names one of the office tools."""
    code = function.__code__
    names = set(code.co_names)
    for const in code.co_consts:  # nested functions and lambdas
        if isinstance(const, types.CodeType):
            names.update(const.co_names)
    if names & OFFICE_TOOLS:
        return True
    for name in names - seen:
        seen.add(name)
        helper = function.__globals__.get(name)
        same_module = inspect.isfunction(helper) and helper.__module__ == function.__module__
        if same_module and _reaches_office(helper, seen):
            return True
    return False
