"""What `reportgen packs list` and `packs show` print: plain lines, built from manifests alone.

Listing reads each pack.toml with tomllib and nothing else (no Jinja, no Office libraries), so it
answers instantly even with many packs. A user pack named like a built-in one is listed with the
reason it will not be used, rather than hidden.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from reportgen.packs.manifest import MANIFEST
from reportgen.packs.model import Pack
from reportgen.packs.search import BUILTIN, builtin_names, discover
from reportgen.safe_loads import toml_loads


def list_lines(templates_dir: Path | None = None) -> list[str]:
    rows: list[tuple[str, str, str]] = []
    builtins = builtin_names()
    first: set[str] = set()
    for found in discover(templates_dir):
        description = _description(found.folder)
        if found.origin != BUILTIN and found.name in builtins:
            description = f"REFUSED: has the name of the built-in pack '{found.name}'; rename it"
        elif found.name in first:
            description = f"(hidden by the '{found.name}' pack found earlier) {description}"
        first.add(found.name)
        rows.append((found.name, description, f"{found.origin}: {found.folder}"))
    width = max((len(name) for name, _, _ in rows), default=4)
    return [f"{name.ljust(width)}  {description}\n{' ' * width}  ({where})" for name, description, where in rows]


def _description(folder: Path) -> str:
    try:
        data = toml_loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return f"(unreadable {MANIFEST}: {exc})"
    extends = f" [extends {data['extends']}]" if isinstance(data.get("extends"), str) else ""
    return f"{data.get('description', '')}{extends}"


def show_lines(pack: Pack) -> list[str]:
    settings = pack.settings
    brief, deck, brand = settings["brief"], settings["deck"], settings["brand"]
    limits = ", ".join(f"{key} {limit}" for key, limit in sorted(pack.per_section.items()))
    lines = [
        f"name:        {pack.name}",
        f"description: {pack.description}",
        f"folder:      {pack.folder}",
        f"extends:     {' → '.join(str(p) for p in pack.parents) or '(nothing)'}",
        f"audience:    {pack.audience}",
        f"marking:     {pack.marking or '(none)'}",
        f"sections:    {', '.join(pack.sections) or '(all, in profile order)'}",
        f"bullets:     {pack.bullets_per_section} a section{f' ({limits})' if limits else ''}; "
        f"{pack.key_points} key points",
        f"brief:       contents {_yes(brief['contents'])}, citations {_yes(brief['citations'])}, "
        f"tables {', '.join(brief['tables']) or 'none'}",
        f"deck:        agenda {_yes(deck['agenda'])}, figures {deck['figures']}, "
        f"tables {', '.join(deck['tables']) or 'none'}",
        f"brand:       logo {pack.logo or '(none)'}, accent {brand['accent'] or '(reference colours)'}",
    ]
    for name, spec in pack.outputs.items():
        lines.append(f"{name}:        {pack.find(spec.template)} + {pack.find(spec.reference)}")
    return lines


def _yes(flag: object) -> str:
    return "yes" if flag else "no"
