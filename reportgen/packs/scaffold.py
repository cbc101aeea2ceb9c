"""`reportgen packs new NAME --from PACK`: a copy of a pack to edit, every file in one folder.

The copy holds every template and reference file the source pack uses — its own and those it
inherits — so a user edits files rather than learning where inheritance finds them. Its manifest
is the source's own pack.toml (comments kept) under the new name; if the source extends a
built-in pack, so does the copy, which is how it keeps the settings it does not repeat (the email
wording, for one). Nothing is overwritten: an existing folder is refused.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from reportgen.errors import OutputExistsError, PackError
from reportgen.packs.confine import resolve_inside
from reportgen.packs.manifest import MANIFEST, NAME_PATTERN
from reportgen.packs.model import Pack
from reportgen.packs.search import builtin_names

_NAME_LINE = re.compile(r'^name\s*=\s*"[^"\n]*"\s*$', re.MULTILINE)
_DESCRIPTION_LINE = re.compile(r'^description\s*=\s*"[^"\n]*"\s*$', re.MULTILINE)


def new_pack(name: str, source: Pack, parent_dir: Path) -> Path:
    """Copy `source` into parent_dir/name as a pack called `name`; returns the new folder."""
    if not NAME_PATTERN.match(name):
        raise PackError(f"'{name}' cannot name a pack", hint="use lower-case letters, digits, '-' or '_', like board")
    if name in builtin_names():
        raise PackError(f"'{name}' is the name of a built-in pack", hint=f"choose another, like my-{name}")
    target = parent_dir / name
    if target.exists():
        raise OutputExistsError(f"{target} already exists", hint="choose another name or --dir; nothing was changed")
    parent_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=parent_dir))
    try:
        for folder in reversed(source.folders):  # ancestors first, so the pack's own files win
            for item in sorted(folder.iterdir()):
                if item.name == MANIFEST or item.name.startswith("."):
                    continue
                found = resolve_inside(item, source.folders)  # a link out of the pack is refused, not copied
                if found is not None and found.is_file():
                    shutil.copyfile(found, staging / item.name)
        (staging / MANIFEST).write_text(_manifest(source, name), encoding="utf-8")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _manifest(source: Pack, name: str) -> str:
    text = (source.folder / MANIFEST).read_text(encoding="utf-8")
    header = f"# Made with `reportgen packs new {name} --from {source.name}`: edit freely.\n"
    text = _NAME_LINE.sub(f'name = "{name}"', text, count=1)
    described = f'description = "A copy of the {source.name} pack: describe your audience here."'
    return header + _DESCRIPTION_LINE.sub(described, text, count=1)
