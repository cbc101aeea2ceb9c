"""Renderers by name: each turns an Outline plus a reference file into the bytes of one document.

A small explicit registry (as Sphinx keeps builders): modules are imported only when used, so
commands that render nothing never pay for lxml, Pillow and the font metrics.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from reportgen.errors import ReportgenError

if TYPE_CHECKING:  # the Outline model is loaded with the renderers, not with the registry
    from reportgen.outline import Outline

Renderer = Callable[["Outline", Path], bytes]

#: name -> (module, output file name). Each module exposes `render(outline, reference) -> bytes`
#: and `prepare(reference)`, which loads ahead of time what a first render of that reference needs.
RENDERERS: dict[str, tuple[str, str]] = {
    "docx": ("reportgen.renderers.docx.render", "brief.docx"),
    "pptx": ("reportgen.renderers.pptx.render", "deck.pptx"),
}


def get_renderer(name: str) -> Renderer:
    render: Renderer = _module(name).render
    return render


def prepare_renderer(name: str, reference: Path) -> None:
    """Import the renderer and load its reference file into the process's caches, rendering nothing.

    For a head start while something else runs (see reportgen.overlap): the first render then
    finds the parsed reference, the fonts and the modules ready.
    """
    _module(name).prepare(reference)


def _module(name: str) -> ModuleType:
    try:
        module_name, _filename = RENDERERS[name]
    except KeyError:
        raise ReportgenError(f"unknown renderer '{name}'; available: {', '.join(sorted(RENDERERS))}") from None
    return importlib.import_module(module_name)


def reference_notes(name: str, reference: Path) -> tuple[str, ...]:
    """What the renderer will do about the reference file (a style it lacks, supplied), one line
    each; a renderer module may expose `notes(reference)`, and says nothing without it."""
    notes = getattr(_module(name), "notes", None)
    return tuple(notes(reference)) if notes is not None else ()


def output_name(name: str) -> str:
    return RENDERERS[name][1]
