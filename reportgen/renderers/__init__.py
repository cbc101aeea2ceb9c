"""Renderers by name: each turns an Outline plus a reference file into the bytes of one document.

A small explicit registry (as Sphinx keeps builders): modules are imported only when used, so
commands that render nothing never pay for lxml, Pillow and the font metrics.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from reportgen.errors import ReportgenError
from reportgen.outline import Outline

Renderer = Callable[[Outline, Path], bytes]

#: name -> (module, output file name). Each module exposes `render(outline, reference) -> bytes`.
RENDERERS: dict[str, tuple[str, str]] = {
    "docx": ("reportgen.renderers.docx", "brief.docx"),
    "pptx": ("reportgen.renderers.pptx", "deck.pptx"),
}


def get_renderer(name: str) -> Renderer:
    try:
        module_name, _filename = RENDERERS[name]
    except KeyError:
        raise ReportgenError(f"unknown renderer '{name}'; available: {', '.join(sorted(RENDERERS))}") from None
    render: Renderer = importlib.import_module(module_name).render
    return render


def output_name(name: str) -> str:
    return RENDERERS[name][1]
