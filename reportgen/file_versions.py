"""Work done once per version of a file: the cache key is the file's resolved path, size and
modification time, so an edited reference or template is read again and an unchanged one never is.

A batch loads its pack for every article; parsing the reference files, scanning them for unsafe
content and deriving what the renderers need took longer than building a brief and a deck.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def per_file_version(maxsize: int) -> Callable[[Callable[[Path], T]], Callable[[Path], T]]:
    """Decorate `function(path)` so it runs once per version of the file at `path` (at most
    `maxsize` versions kept). The wrapped function receives the resolved path; an OSError from
    looking at the file (missing, unreadable) reaches the caller uncached."""

    def decorate(function: Callable[[Path], T]) -> Callable[[Path], T]:
        @functools.lru_cache(maxsize=maxsize)
        def cached(resolved: str, _size: int, _mtime_ns: int) -> T:
            return function(Path(resolved))

        @functools.wraps(function)
        def wrapper(path: Path) -> T:
            stat = path.stat()
            return cached(str(path.resolve()), stat.st_size, stat.st_mtime_ns)

        return wrapper

    return decorate
