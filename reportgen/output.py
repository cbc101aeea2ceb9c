"""Where files land: safe folder names, no overwriting without --force, and atomic writes.

A brief is attached to an email minutes later; a half-written file or a silently replaced one is
worse than an error. Each file is written to a temporary name in its own folder and renamed into
place, so a reader sees the old file or the new one, never a torn one. A set of files (brief, deck
and their records) is written in two steps: every temporary file first (where a full disk or an
interrupt strikes), then the renames, so a failure leaves no new file at all.

Without --force a file is put in place with a hard link, which the OS refuses if the name exists:
two runs into one folder cannot replace each other's files between the check and the write.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; outputs are still written atomically, one by one
    fcntl = None  # type: ignore[assignment]

from reportgen.errors import OutputError, OutputExistsError

_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    "conin$",
    "conout$",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
#: Room for a "-99" suffix and the longest file name inside, well under every OS's 255 and
#: Windows' 260-character path habit.
MAX_SLUG = 80


def slugify(text: str) -> str:
    """A folder name safe on every OS: ASCII letters, digits and hyphens, never empty or reserved.

    Names with no ASCII letters (Arabic, Chinese…) get "article-" and a short hash of the name, so
    two of them do not fall into the same folder.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    if not slug:
        digest = hashlib.sha1(text.strip().encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"article-{digest}" if text.strip() else "article"
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-article"
    return slug


def unique_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`… whichever is not in `taken` (compared without case); adds it."""
    candidate, n = slug, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{slug[: MAX_SLUG - len(str(n)) - 1]}-{n}"
    taken.add(candidate.lower())
    return candidate


def check_free(paths: list[Path], force: bool, hint: str = "") -> None:
    """Refuse before anything is written, so a refused run leaves every file as it was. `hint`
    replaces the usual one where the command has no --out (summarise's -o names a file)."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise OutputExistsError(f"{names} already exist{'s' if len(existing) == 1 else ''}", hint=hint)


def _umask() -> int:
    """The process umask (reading it means setting it; restored at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, overwrite: bool = True) -> None:
    """Write one file atomically; with overwrite=False an existing file is never replaced."""
    write_files({path: data}, overwrite=overwrite)


def write_files(files: dict[Path, bytes], overwrite: bool = True) -> None:
    """Write every file to a temporary name, then move them all into place: all or nothing new.

    Only regular files are ever replaced: a device (`-o /dev/full`), a pipe or a folder at an
    output's name is refused before anything is written, even with --force."""
    for path in files:
        _replaceable(path)
    with _folders_locked({path.parent for path in files}):
        _write_all(files, overwrite)


@contextlib.contextmanager
def _folders_locked(folders: set[Path]) -> Iterator[None]:
    """Hold an exclusive lock on each output folder (flock on the folder itself, so no lock file
    is left behind) while a set of outputs is put in place: two runs writing into one folder
    follow each other, so the folder ends with one run's set, never a mix. Where the OS has no
    flock, or the folder cannot be opened, the write goes ahead unlocked."""
    held: list[int] = []
    try:
        for folder in sorted(folders):  # one order everywhere: two runs cannot deadlock
            try:
                folder.mkdir(parents=True, exist_ok=True)
                fd = os.open(folder, os.O_RDONLY)
            except OSError:
                continue  # writing there fails next, with its own message
            held.append(fd)
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        for fd in held:
            os.close(fd)  # closing releases the lock


def _write_all(files: dict[Path, bytes], overwrite: bool) -> None:
    temps: dict[Path, str] = {}
    placed: list[Path] = []
    try:
        for path, data in files.items():
            temps[path] = _write_temp(path, data)
        for path, tmp in temps.items():
            _place(tmp, path, overwrite)
            placed.append(path)
    except BaseException:
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)
        if not overwrite:  # only files this call created are removed; nothing was replaced
            for path in placed:
                path.unlink(missing_ok=True)
        raise


def _replaceable(path: Path) -> None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return  # a new file (or a dangling link, which the new file replaces)
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(f"{path} is not a regular file (a folder, device or pipe); outputs replace only files")


#: Temporary files are named `.<name>.<pid>.<random>.tmp`, beside the file they become: hidden, and
#: by the process that wrote them, so what a killed process left can be found and removed exactly.
TEMP_SUFFIX = ".tmp"


def _temp_prefix(name: str, pid: int) -> str:
    return f".{name}.{pid}."


def remove_temp_files(folder: Path, pid: int) -> list[Path]:
    """Remove the temporary files that process `pid` left in `folder` (it was killed mid-write,
    before its own cleanup could run); the files removed. Other processes' files are not touched."""
    # mkstemp's random part has no dots, so the pid is the second-last dotted part of the name.
    mine = re.compile(rf"\..+\.{pid}\.[^.]+{re.escape(TEMP_SUFFIX)}")
    removed = []
    with contextlib.suppress(OSError):  # no folder (it died before writing): nothing to remove
        for entry in folder.iterdir():
            if mine.fullmatch(entry.name):
                entry.unlink(missing_ok=True)
                removed.append(entry)
    return removed


def _write_temp(path: Path, data: bytes) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name, os.getpid()), suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent} ({exc.strerror or exc})") from exc
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        # mkstemp makes the file private (0600); a brief is meant to be shared like any new file.
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _place(tmp: str, path: Path, overwrite: bool) -> None:
    try:
        if overwrite:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)  # fails if `path` exists, atomically: no check-then-write race
        except FileExistsError:
            raise OutputExistsError(f"{path} already exists") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            if path.exists():  # a file system without hard links: the best check it allows
                raise OutputExistsError(f"{path} already exists") from None
            os.replace(tmp, path)
            return
        os.unlink(tmp)
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from exc
