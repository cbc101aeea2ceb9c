"""Audience packs: finding them, loading their manifest over the packs they extend, checking them.

A pack is a folder: `pack.toml` (what this audience gets), Jinja2 templates that render the
Outline XML (shared macros, one template per output), and reference .docx/.pptx files whose styles
and layouts the renderers use by name. A pack may `extends = "analyst"` and hold only what it
changes: its manifest merges over the parent's, and its files are looked for in its own folder,
then the parent's. Packs come from other people, so templates render sandboxed and bounded
(reportgen.templating) and reference files are scanned before use (reportgen.packs.security).

Modules: manifest (schema, merge), search (where packs live), confine (files stay inside the
pack), security (reference files), scaffold (`reportgen packs new`). Checking a pack renders it,
so that lives above the renderers, in reportgen.pack_check.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportgen.errors import PackError
from reportgen.packs.manifest import MANIFEST, merge, read_manifest, validate, with_defaults
from reportgen.packs.model import OutputSpec, Pack
from reportgen.packs.search import (
    ENV_VAR,
    builtin_folder,
    builtin_names,
    discover,
    is_builtin,
    locate,
    search_path,
    user_folder,
)

__all__ = [
    "ENV_VAR",
    "MANIFEST",
    "MAX_EXTENDS",
    "MAX_LOGO_BYTES",
    "MAX_OUTLINE_CHARS",
    "OutputSpec",
    "Pack",
    "available_packs",
    "builtin_folder",
    "find_pack",
    "load_pack",
    "search_path",
    "user_folder",
]

MAX_OUTLINE_CHARS = 5_000_000  # a template that renders more than this is runaway, not a brief
MAX_EXTENDS = 8  # packs extending packs: deeper than this is a mistake (or a loop)
MAX_LOGO_BYTES = 2 * 1024 * 1024
_PNG = b"\x89PNG\r\n\x1a\n"


def available_packs(templates_dir: Path | None = None) -> list[str]:
    return sorted({found.name for found in discover(templates_dir)})


def find_pack(name: str, templates_dir: Path | None = None) -> Pack:
    """A pack by name along the search path, or a pack folder given as a path."""
    direct = Path(name)
    if (direct / MANIFEST).is_file():
        return load_pack(direct, templates_dir)
    return load_pack(locate(name, templates_dir), templates_dir)


def load_pack(folder: Path, templates_dir: Path | None = None, _chain: tuple[Path, ...] = ()) -> Pack:
    """Load the pack in `folder`: its manifest checked and merged over the pack it extends, every
    file it names found, its reference documents scanned for links, fields and macros."""
    data, text = read_manifest(folder)
    path = folder / MANIFEST
    problems = validate(data, path, text)
    if problems:
        more = f"; {len(problems) - 1} more problem(s)" if len(problems) > 1 else ""
        raise PackError(f"{problems[0]}{more}", hint=f"run `reportgen packs check {folder}` to list them all")
    name = str(data["name"])
    if name in builtin_names() and not is_builtin(folder):
        raise PackError(
            f"{path}: name '{name}' is the name of a built-in pack",
            hint=f"give your pack its own name (reportgen packs new my-{name} --from {name})",
        )
    merged: dict[str, Any] = dict(data)
    parents: tuple[Path, ...] = ()
    if "extends" in data:
        parent = _parent(folder, str(data["extends"]), templates_dir, (*_chain, folder))
        merged, parents = merge(parent.settings, data), parent.folders
    settings = with_defaults(merged)
    pack = _build(folder, settings, parents)
    for spec in pack.outputs.values():
        pack.file(spec.template, "template")
        if not _chain:  # the parent's references are checked when it is used itself
            from reportgen.packs.security import check_reference

            check_reference(pack.file(spec.reference, "reference file"))
    return pack


def _parent(folder: Path, name: str, templates_dir: Path | None, chain: tuple[Path, ...]) -> Pack:
    if len(chain) > MAX_EXTENDS:
        raise PackError(f"{folder / MANIFEST}: extends goes deeper than {MAX_EXTENDS} packs")
    sibling = folder.parent / name  # a pack beside this one, as `reportgen packs new` leaves them
    if (sibling / MANIFEST).is_file() and sibling.resolve() != folder.resolve() and name not in builtin_names():
        found = sibling
    else:
        found = locate(name, templates_dir, exclude=folder)
    if any(found.resolve() == seen.resolve() for seen in chain):
        raise PackError(f"{folder / MANIFEST}: extends = '{name}' makes a loop of packs extending each other")
    return load_pack(found, templates_dir, chain)


def _build(folder: Path, settings: dict[str, object], parents: tuple[Path, ...]) -> Pack:
    path = folder / MANIFEST
    outputs_table = settings.get("outputs")
    if not isinstance(outputs_table, dict) or not outputs_table:
        raise PackError(f"{path}: no [outputs.docx] or [outputs.pptx] table, here or in the pack it extends")
    outputs = {}
    for renderer, spec in outputs_table.items():
        if renderer == "pdf":  # a flag beside the renderers' tables: PDF copies of their files
            continue
        if not isinstance(spec, dict) or "template" not in spec or "reference" not in spec:
            raise PackError(f"{path}: [outputs.{renderer}] needs both template and reference")
        outputs[str(renderer)] = OutputSpec(template=str(spec["template"]), reference=str(spec["reference"]))
    summary = settings["summary"]
    brand = settings["brand"]
    assert isinstance(summary, dict) and isinstance(brand, dict)  # with_defaults made sure
    sections = settings.get("sections", [])
    name = str(settings["name"])
    pack = Pack(
        name=name,
        description=str(settings.get("description", "")),
        folder=folder,
        audience=str(settings.get("audience", name)),
        marking=str(settings.get("marking", "")),
        profile=str(settings.get("profile", "default")),
        sections=tuple(str(s) for s in sections) if isinstance(sections, list) else (),
        bullets_per_section=int(summary["bullets_per_section"]),
        key_points=int(summary["key_points"]),
        outputs=outputs,
        settings=settings,
        parents=parents,
        per_section={str(k): int(v) for k, v in summary["per_section"].items()},
        accent=str(brand["accent"]),
        font=str(brand.get("font", "")),
        heading_font=str(brand.get("heading_font", "")),
        pdf=outputs_table.get("pdf") is True,
    )
    if brand["logo"]:
        logo = pack.file(str(brand["logo"]), "logo")
        _check_logo(logo)
        pack = _with_logo(pack, logo)
    return pack


def _check_logo(logo: Path) -> None:
    size = logo.stat().st_size
    if size > MAX_LOGO_BYTES:
        raise PackError(f"logo {logo} is {size // 1024} KB; keep it under {MAX_LOGO_BYTES // 1024 // 1024} MB")
    with logo.open("rb") as handle:
        if handle.read(len(_PNG)) != _PNG:
            raise PackError(f"logo {logo} is not a PNG image", hint="export the logo as .png")


def _with_logo(pack: Pack, logo: Path) -> Pack:

    return replace(pack, logo=logo)
