"""The Pack: one audience's settings and the folders its files come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.errors import PackError
from reportgen.packs.confine import find_in


@dataclass(frozen=True)
class OutputSpec:
    template: str
    reference: str


@dataclass(frozen=True)
class Pack:
    """A loaded audience pack, its manifest merged over the packs it extends.

    `folder` is the pack's own folder; `parents` the folders of the packs it extends, nearest
    first. A file (template, reference document, logo) is looked for in `folders` in that order,
    so a pack overrides only what it changes.
    """

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
    settings: dict[str, Any] = field(default_factory=dict)  # the merged manifest, for templates
    parents: tuple[Path, ...] = ()
    per_section: dict[str, int] = field(default_factory=dict)  # section key -> its own bullet limit
    logo: Path | None = None  # a PNG inside the pack's folders, for the cover and title slide
    accent: str = ""  # "#RRGGBB" for the cover and title slide titles; empty: the reference's own
    font: str = ""  # body typeface for both files; empty: the reference's own
    heading_font: str = ""  # titles and headings; empty: `font`, else the reference's own
    pdf: bool = False  # [outputs] pdf = true: PDF copies of every output, made by LibreOffice

    @property
    def folders(self) -> tuple[Path, ...]:
        return (self.folder, *self.parents)

    def find(self, name: str, what: str = "file") -> Path | None:
        """The first `name` in the pack's folders, resolved, or None when no folder has it.

        PackError when it leads (by a symbolic link or `..`) outside the pack's folders
        (reportgen.packs.confine): nothing outside the pack is ever opened as one of its files.
        """
        return find_in(self.folders, name, self.folders, what)

    def file(self, name: str, what: str) -> Path:
        found = self.find(name, what)
        if found is None:
            where = ", ".join(str(f) for f in self.folders)
            raise PackError(f"pack '{self.name}': {what} {name} is not in {where}")
        return found

    def reference(self, renderer: str) -> Path:
        return self.file(self.outputs[renderer].reference, "reference file")

    def bullet_limit(self, section_key: str) -> int:
        return self.per_section.get(section_key, self.bullets_per_section)
