"""Files shipped inside the package: word lists, section profiles, the notes master, samples.

Found beside the code, through this module's own location. importlib.resources gives the same
paths for a package installed on disk, but importing it pulls in tempfile, shutil and the
compression modules: about 7 ms of every cold build, in each of its two processes.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parent


def path(*parts: str) -> Path:
    """`reportgen/<parts>`: e.g. path("data", "stopwords.txt")."""
    return PACKAGE.joinpath(*parts)


def read_text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")
