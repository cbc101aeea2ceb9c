"""Readers by file suffix: each turns a file into a clean Article.

A small explicit registry: an unknown suffix lists what is supported. Readers for html, docx and
pdf come later; they plug in here without any caller changing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from reportgen.errors import InputError
from reportgen.model import Article

Reader = Callable[[bytes, Path], Article]

#: suffix -> module exposing `read(data: bytes, path: Path) -> Article`
READERS: dict[str, str] = {
    ".txt": "reportgen.readers.text",
    ".text": "reportgen.readers.text",
    ".md": "reportgen.readers.markdown",
    ".markdown": "reportgen.readers.markdown",
}

#: Articles are prose; anything larger than this is almost surely not one article.
MAX_INPUT_BYTES = 5 * 1024 * 1024


def read_article(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> Article:
    """Read `path` with the reader its suffix names, refusing what cannot be an article."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InputError(
            f"{path.name}: unsupported file type '{suffix or '(none)'}'",
            hint=f"supported: {', '.join(sorted(READERS))}",
        )
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an article file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"{path.name}: {size / 1_048_576:.1f} MB is over the {max_bytes / 1_048_576:.0f} MB limit for one article",
            hint="split it into separate articles",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    read: Reader = importlib.import_module(READERS[suffix]).read
    return read(data, path)
