"""Reference files as the renderers see them: unzipped and reduced to the allowlist once per file.

A batch renders hundreds of briefs and decks against the same references, so each is read once
per process and version of the file (path, size, modification time: an edited reference is read
again), cleaned by renderers.ooxml.allowlist, and copied for every caller to change.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.file_versions import per_file_version
from reportgen.renderers.ooxml import allowlist, opc


def read_package(path: Path) -> opc.Package:
    """The parts of the reference at `path` that an output may hold (a copy to change); its
    `notes` say what was left out. A file that cannot be read is a PackageError."""
    try:
        return _read(path).copy()
    except OSError as exc:
        raise opc.PackageError(f"cannot read {path}: {exc.strerror or exc}") from None


@per_file_version(maxsize=16)
def _read(path: Path) -> opc.Package:
    package = opc.unzip(path)
    package.notes = allowlist.clean(package)
    return package
