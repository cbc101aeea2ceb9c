"""Real templates from other people (../shared/templates, read where they lie) as pack references."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.builders import ROOT

SHARED_TEMPLATES = ROOT.parent / "shared" / "templates"


def templates(kind: str) -> list[Path]:
    """The shared templates of one kind ("docx" or "pptx"), by file name; none when absent."""
    folder = SHARED_TEMPLATES / kind
    return sorted(folder.iterdir()) if folder.is_dir() else []


def template_ids(kind: str) -> list[str]:
    return [path.name[:48] for path in templates(kind)]


def pack_with_reference(tmp_path: Path, template: Path, kind: str) -> Path:
    """A packs folder holding pack "t": the analyst pack with `template` as its `kind` reference.
    The template is copied into the temporary pack, never into the project."""
    if not template.is_file():
        pytest.skip(f"{template} is not here (the shared templates live beside the checkout)")
    packs = tmp_path / "packs"
    pack = packs / "t"
    pack.mkdir(parents=True)
    shutil.copy(template, pack / f"ref{template.suffix}")
    outline = "brief.xml.j2" if kind == "docx" else "deck.xml.j2"
    manifest = f'name = "t"\nextends = "analyst"\n\n[outputs.{kind}]\ntemplate = "{outline}"\n'
    (pack / "pack.toml").write_text(manifest + f'reference = "ref{template.suffix}"\n', encoding="utf-8")
    return packs
