"""A pack's files stay inside the pack: every file is opened by its resolved path, checked first.

Packs come from other people, and a folder can hold symbolic links: `secret -> /etc/passwd`,
`linkdir -> /etc`, or a logo named "../../.ssh/id_rsa.png". Without a check, `{% include
"linkdir/passwd" %}` puts the file's contents into a brief that is then mailed on. So every
template, include, import, reference file, logo and manifest is found here: the path is resolved
(symlinks followed, `..` collapsed) and must lie inside one of the folders of the pack chain (the
pack's own and those of the packs it extends, themselves resolved, so a pack folder that is a link
works). What leads anywhere else is a PackError naming the file and where it leads; nothing is
read from it. A link that stays inside the pack (a shared folder of partials) works as before.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from reportgen.errors import PackError

HINT = "a pack may use only files inside its folder and those of the packs it extends; copy the file in"


def resolve_inside(path: Path, chain: Iterable[Path], what: str = "file") -> Path | None:
    """`path` resolved, when it lies inside one of the `chain` folders; None when nothing is there.

    Raises PackError (its `file` the path as named) when the path leads outside every folder of
    the chain, or cannot be resolved (a loop of links).
    """
    if not os.path.lexists(path):  # follows links in the folders above, so "linkdir/passwd" is seen
        return None
    try:
        target = path.resolve(strict=False)
        roots = [folder.resolve(strict=False) for folder in chain]
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links before Python 3.13
        raise PackError(f"{path}: {what} cannot be resolved ({exc})", hint=HINT, file=str(path)) from exc
    if not any(target.is_relative_to(root) for root in roots):
        raise PackError(f"{path}: {what} leads outside the pack's folders, to {target}", hint=HINT, file=str(path))
    return target


def find_in(folders: Iterable[Path], name: str, chain: Iterable[Path], what: str = "file") -> Path | None:
    """The first regular file `name` in `folders`, resolved and inside the `chain`; None if none
    has it. The first thing found by that name that leads outside the chain is refused, not
    skipped: a pack whose link is refused must not quietly get its parent's file instead."""
    roots = tuple(chain)
    for folder in folders:
        found = resolve_inside(folder / name, roots, what)
        if found is not None and found.is_file():
            return found
    return None
