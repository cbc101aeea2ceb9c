"""Where packs are looked for, and which folder a pack name means.

Order: `--templates DIR`, then `$REPORTGEN_TEMPLATES` (several folders joined by the platform's
path separator), then the user config folder (`<platformdirs user_config_dir>/packs`), then the
built-in packs. The first folder holding `<name>/pack.toml` wins — except that a user pack named
like a built-in one is refused: silently preferring either would send one audience's brief in
another's words, and nobody would notice.

This module reads no manifest and imports nothing heavy, so `reportgen packs list` stays fast.
"""

from __future__ import annotations

import difflib
import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from reportgen import shipped
from reportgen.errors import PackError
from reportgen.packs.manifest import MANIFEST

ENV_VAR = "REPORTGEN_TEMPLATES"
BUILTIN = "built-in"


@dataclass(frozen=True)
class Place:
    """A folder of packs and why it is searched ("--templates", "REPORTGEN_TEMPLATES", "user config", "built-in")."""

    folder: Path
    origin: str


@dataclass(frozen=True)
class Found:
    """One pack folder on the search path."""

    name: str
    folder: Path
    origin: str


def builtin_folder() -> Path:
    """The built-in packs: package data, installed as plain files beside the code.

    Located through the package's own path rather than importlib.resources, which pulls in
    tempfile, shutil and the compression modules: 7 ms of every cold build, for the same path.
    `reportgen.templates` is the source tree's templates/ mapped into the package at install. When
    `reportgen` is imported straight from a checkout (`python -m reportgen` run inside it, while the
    installed copy is another checkout's or none), that mapping is not there: the checkout's own
    templates/, beside its reportgen/, are the packs that match its code. The same holds when
    another checkout is installed editable (its mapping names that checkout's templates/) and this
    one is imported first (`PYTHONPATH`): a checkout's packs are always its own.
    """
    checkout = shipped.PACKAGE.parent / "templates"
    if (checkout / "analyst" / "pack.toml").is_file():
        return checkout
    templates = importlib.import_module("reportgen.templates")
    return Path(templates.__path__[0])


def user_folder() -> Path:
    """The user's own packs: ~/.config/reportgen/packs on Linux (platformdirs' user config folder)."""
    from platformdirs import user_config_path

    return user_config_path("reportgen") / "packs"


def search_places(templates_dir: Path | None = None) -> list[Place]:
    places = []
    if templates_dir is not None:
        places.append(Place(templates_dir, "--templates"))
    places.extend(Place(Path(p), ENV_VAR) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p)
    places.append(Place(user_folder(), "user config"))
    places.append(Place(builtin_folder(), BUILTIN))
    unique: list[Place] = []
    seen: set[Path] = set()
    for place in places:  # --templates defaults to $REPORTGEN_TEMPLATES in the CLI: list it once
        key = place.folder.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(place)
    return unique


def search_path(templates_dir: Path | None = None) -> list[Path]:
    """The folders searched for packs, first match wins."""
    return [place.folder for place in search_places(templates_dir)]


def discover(templates_dir: Path | None = None) -> list[Found]:
    """Every pack folder on the search path, in search order (a name may appear more than once)."""
    found = []
    for place in search_places(templates_dir):
        if place.folder.is_dir():
            for manifest in sorted(place.folder.glob(f"*/{MANIFEST}")):
                found.append(Found(manifest.parent.name, manifest.parent, place.origin))
    return found


def builtin_names() -> frozenset[str]:
    return frozenset(p.parent.name for p in builtin_folder().glob(f"*/{MANIFEST}"))


def is_builtin(folder: Path) -> bool:
    try:
        return folder.resolve().parent == builtin_folder().resolve()
    except OSError:
        return False


def locate(name: str, templates_dir: Path | None = None, exclude: Path | None = None) -> Path:
    """The folder of pack `name` along the search path; `exclude` skips one folder (a pack's own,
    when looking for the pack it extends)."""
    for found in discover(templates_dir):
        if found.name != name or (exclude is not None and found.folder.resolve() == exclude.resolve()):
            continue
        if found.origin != BUILTIN and name in builtin_names():
            raise PackError(
                f"the pack in {found.folder} ({found.origin}) has the name of the built-in pack '{name}'",
                hint=f"rename its folder and its name in {MANIFEST}, e.g. reportgen packs new my-{name} --from {name}",
            )
        return found.folder
    names = sorted({f.name for f in discover(templates_dir)})
    if name.lower() != name and name.lower() in names:  # pack names are lower case: "Executive" means it
        return locate(name.lower(), templates_dir, exclude)
    available = f"available: {', '.join(names) or '(none)'}"
    nearest = difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.6)
    hint = f"did you mean '{nearest[0]}'? {available}" if nearest else available
    raise PackError(f"no audience pack named '{name}'", hint=hint)
