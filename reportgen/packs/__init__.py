"""Audience packs: finding them, reading their manifest, and rendering their templates safely.

A pack is a folder: `pack.toml` (what this audience gets), Jinja2 templates that render the
Outline XML (shared macros, one template per output), and reference .docx/.pptx files whose styles
and layouts the renderers use by name. Packs may come from other people, so templates run in
Jinja's sandbox with StrictUndefined and autoescaping (article text can never become structure).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from reportgen.errors import PackError

MANIFEST = "pack.toml"
ENV_VAR = "REPORTGEN_TEMPLATES"
MAX_OUTLINE_CHARS = 5_000_000  # a template that renders more than this is runaway, not a brief


@dataclass(frozen=True)
class OutputSpec:
    template: str
    reference: str


@dataclass(frozen=True)
class Pack:
    name: str
    description: str
    folder: Path
    audience: str
    marking: str
    profile: str
    sections: tuple[str, ...]  # section keys in the order this audience reads them; empty = all
    bullets_per_section: int
    key_points: int
    outputs: dict[str, OutputSpec] = field(default_factory=dict)  # renderer name -> spec
    settings: dict[str, Any] = field(default_factory=dict)  # the whole manifest, for templates

    def reference(self, renderer: str) -> Path:
        return self.folder / self.outputs[renderer].reference


def builtin_folder() -> Path:
    return Path(str(resources.files("reportgen.templates")))


def search_path(templates_dir: Path | None = None) -> list[Path]:
    """Where packs are looked for, first match wins: --templates, $REPORTGEN_TEMPLATES, built-ins."""
    folders = []
    if templates_dir is not None:
        folders.append(templates_dir)
    if os.environ.get(ENV_VAR):
        folders.extend(Path(p) for p in os.environ[ENV_VAR].split(os.pathsep) if p)
    folders.append(builtin_folder())
    return folders


def available_packs(templates_dir: Path | None = None) -> list[str]:
    names: set[str] = set()
    for folder in search_path(templates_dir):
        if folder.is_dir():
            names.update(p.parent.name for p in folder.glob(f"*/{MANIFEST}"))
    return sorted(names)


def find_pack(name: str, templates_dir: Path | None = None) -> Pack:
    """A pack by name along the search path, or a pack folder given as a path."""
    direct = Path(name)
    if (direct / MANIFEST).is_file():
        return load_pack(direct)
    for folder in search_path(templates_dir):
        candidate = folder / name / MANIFEST
        if candidate.is_file():
            return load_pack(candidate.parent)
    raise PackError(
        f"no audience pack named '{name}'",
        hint=f"available: {', '.join(available_packs(templates_dir)) or '(none)'}",
    )


def load_pack(folder: Path) -> Pack:
    path = folder / MANIFEST
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: {exc}") from exc
    except OSError as exc:
        raise PackError(f"{path}: cannot be read ({exc.strerror})") from exc
    try:
        summary = data.get("summary", {})
        outputs = {
            name: OutputSpec(template=str(spec["template"]), reference=str(spec["reference"]))
            for name, spec in data.get("outputs", {}).items()
        }
        pack = Pack(
            name=str(data["name"]),
            description=str(data.get("description", "")),
            folder=folder,
            audience=str(data.get("audience", data["name"])),
            marking=str(data.get("marking", "")),
            profile=str(data.get("profile", "default")),
            sections=tuple(str(s) for s in data.get("sections", [])),
            bullets_per_section=int(summary.get("bullets_per_section", 5)),
            key_points=int(summary.get("key_points", 3)),
            outputs=outputs,
            settings=data,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PackError(f"{path}: missing or malformed setting {exc}") from exc
    for name, spec in outputs.items():
        for file in (spec.template, spec.reference):
            if not (folder / file).is_file():
                raise PackError(f"{path}: output '{name}' names {file}, which is not in {folder}")
    return pack
