"""Readers by file suffix: each turns a file into a clean Article.

A small explicit registry: an unknown suffix lists what is supported. Every reader's Article passes
through one last step here, so no format can skip it: the text limit, XML-invalid characters
removed (and counted in a warning), and a language/direction hint when the file gave none.
Standard input (`-`) is sniffed by its first bytes, since it has no suffix.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportgen.errors import InputError
from reportgen.model import Article
from reportgen.readers.metadata import human_author
from reportgen.textsafety import clean_strings, direction_of, guess_language, removed_warning

Reader = Callable[[bytes, Path], Article]

#: suffix -> module exposing `read(data: bytes, path: Path) -> Article`
READERS: dict[str, str] = {
    ".txt": "reportgen.readers.text",
    ".text": "reportgen.readers.text",
    ".md": "reportgen.readers.markdown",
    ".markdown": "reportgen.readers.markdown",
    ".html": "reportgen.readers.html",
    ".htm": "reportgen.readers.html",
    ".docx": "reportgen.readers.docx",
    ".pdf": "reportgen.readers.pdf",
}

#: Articles are prose; more text than this is almost surely not one article.
MAX_INPUT_BYTES = 5 * 1024 * 1024
#: Word and PDF files carry pictures and fonts beside the text, so the file may be larger than the
#: text limit by this factor; the text they hold is then held to the limit itself.
CONTAINER_FACTOR = 10
_CONTAINERS = frozenset({".docx", ".pdf"})

STDIN = "-"


def read_article(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> Article:
    """Read `path` (or standard input for `-`) with the reader its suffix names, refusing what cannot be an article."""
    if str(path) == STDIN:
        return read_stdin(max_bytes=max_bytes)
    if path.is_dir():  # before the suffix: a folder has none, and "unsupported file type" misleads
        raise InputError(
            f"{path}: is a folder, not an article file", hint=f"to build every article in it: reportgen batch {path}"
        )
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InputError(
            f"{path.name}: unsupported file type '{suffix or '(none)'}'",
            hint=f"supported: {', '.join(sorted(READERS))}, or - for standard input",
        )
    limit = max_bytes * CONTAINER_FACTOR if suffix in _CONTAINERS else max_bytes
    try:
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{path}: a link to {os.readlink(path)}, which does not exist") from None
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not stat.S_ISREG(status.st_mode):  # a FIFO would block for ever, /dev/zero never end
        raise InputError(
            f"{path}: is not a regular file (a device, pipe or socket)",
            hint="give an article file, or - to read standard input",
        )
    if status.st_size > limit:
        raise InputError(
            f"{path.name}: {_mb(status.st_size)} is over the {_mb(limit)} limit for one article", hint=_SPLIT
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # the size a file reports (0 under /proc) is not trusted
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(data) > limit:
        raise InputError(f"{path.name}: over the {_mb(limit)} limit for one article", hint=_SPLIT)
    return read_bytes(data, path, max_bytes)


def read_stdin(stream: BinaryIO | None = None, max_bytes: int = MAX_INPUT_BYTES) -> Article:
    """Read an article piped in; its format is told from its first bytes (PDF, Word, HTML, Markdown, text)."""
    source = stream if stream is not None else sys.stdin.buffer
    limit = max_bytes * CONTAINER_FACTOR
    data = source.read(limit + 1)
    suffix = sniff_suffix(data)
    if len(data) > (limit if suffix in _CONTAINERS else max_bytes):
        shown = limit if suffix in _CONTAINERS else max_bytes
        raise InputError(f"standard input: more than the {_mb(shown)} limit for one article", hint=_SPLIT)
    article = read_bytes(data, Path(f"stdin{suffix}"), max_bytes)
    # No file name to show: outputs name the article by its title (or its URL, from a web page).
    return dataclasses.replace(article, source=dataclasses.replace(article.source, path=""))


def sniff_suffix(data: bytes) -> str:
    """The suffix whose reader fits these bytes: magic numbers first, then markup, then text."""
    head = data[:4096]
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")) or re.search(
        rb"<(body|article|p|div)[\s>]", stripped
    ):
        return ".html"
    if re.match(rb"#{1,6}\s", stripped):
        return ".md"
    return ".txt"


def read_bytes(data: bytes, path: Path, max_bytes: int = MAX_INPUT_BYTES) -> Article:
    """Run the reader for `path`'s suffix on `data`, then the checks every article gets."""
    read: Reader = importlib.import_module(READERS[path.suffix.lower()]).read
    return finish(read(data, path), path.name, max_bytes)


def finish(article: Article, name: str, max_bytes: int = MAX_INPUT_BYTES) -> Article:
    """The text limit, XML-safe text (with a counted warning) and a language hint, for every reader."""
    size = len(article.title) + sum(len(p.text) for p in article.paragraphs)
    if size > max_bytes:
        raise InputError(f"{name}: {_mb(size)} of text is over the {_mb(max_bytes)} limit for one article", hint=_SPLIT)
    cleaned, removed = clean_strings(article)
    warnings = list(cleaned.warnings)
    if removed:
        warnings.append(removed_warning(removed, name))
    source = dataclasses.replace(cleaned.source, author=human_author(cleaned.source.author))
    if not source.language:
        sample = " ".join([cleaned.title, *(p.text for p in cleaned.paragraphs[:20])])
        source = dataclasses.replace(source, language=guess_language(sample))
    if not source.direction:
        source = dataclasses.replace(source, direction=direction_of(source.language))
    return dataclasses.replace(cleaned, source=source, warnings=tuple(warnings))


_SPLIT = "split it into separate articles"


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size % 1_048_576 else f"{size // 1_048_576} MB"
