"""Where files land: safe folder names, no overwriting without --force, and atomic writes.

A brief is attached to an email minutes later; a half-written file or a silently replaced one is
worse than an error. Each file is written to a temporary name in its own folder and renamed into
place, so a reader sees the old file or the new one, never a torn one.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from reportgen.errors import OutputError, OutputExistsError

_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
MAX_SLUG = 80


def slugify(text: str) -> str:
    """A folder name safe on every OS: ASCII letters, digits and hyphens, never empty or reserved."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    if not slug:
        slug = "article"
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-article"
    return slug


def check_free(paths: list[Path], force: bool) -> None:
    """Refuse before anything is written, so a refused run leaves every file as it was."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise OutputExistsError(f"{names} already exist{'s' if len(existing) == 1 else ''}")


def _umask() -> int:
    """The process umask (reading it means setting it; restored at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent} ({exc.strerror})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); a brief is meant to be shared like any new file.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path} ({exc.strerror})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
