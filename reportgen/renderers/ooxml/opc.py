"""Office packages (OPC, ECMA-376 Part 2) as plain parts: unzip a package, copy it, write it.

The renderers write WordprocessingML and PresentationML directly, without an object layer over
the XML (importing python-docx and python-pptx alone costs more than building a brief; the tests
use them to read every output back). A reference package is unzipped and reduced to the allowlist
once per process (renderers.ooxml.references); each render takes a shallow copy of its parts,
replaces the ones it writes and zips the result with fixed timestamps.

Part names here are zip member names, without the leading slash the OPC uses.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from reportgen.renderers.ooxml.package import write_zip
from reportgen.renderers.ooxml.xmltext import DECLARATION, escape_attribute

CONTENT_TYPES = "[Content_Types].xml"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_OFFICE_DOCUMENT = f"{RT_OFFICE}/officeDocument"
#: The relationship types the renderers write (one table for both).
RT_IMAGE = f"{RT_OFFICE}/image"
RT_CHART = f"{RT_OFFICE}/chart"
RT_PACKAGE = f"{RT_OFFICE}/package"
RT_HEADER = f"{RT_OFFICE}/header"
RT_FOOTER = f"{RT_OFFICE}/footer"
RT_SLIDE = f"{RT_OFFICE}/slide"
RT_NOTES_SLIDE = f"{RT_OFFICE}/notesSlide"
RT_NOTES_MASTER = f"{RT_OFFICE}/notesMaster"
RT_SLIDE_MASTER = f"{RT_OFFICE}/slideMaster"
RT_SLIDE_LAYOUT = f"{RT_OFFICE}/slideLayout"
RT_THEME = f"{RT_OFFICE}/theme"
_RELATIONSHIP = f"{{{NS_RELS}}}Relationship"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_TEMPLATE_TO_DOCUMENT = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    ),
}
#: A reference may hold at most this many bytes once unzipped; packs/security checks the ratio.
MAX_UNPACKED = 256 * 1024 * 1024


class PackageError(ValueError):
    """The file is not a readable Office package; renderers turn this into a PackError."""


@dataclass(frozen=True)
class Rel:
    """One relationship: `target` is resolved to a part name unless the target is external."""

    id: str
    type: str
    target: str
    external: bool = False


@dataclass
class Package:
    """A package's parts by name, in the order they are written; `[Content_Types].xml` first."""

    parts: dict[str, bytes]
    #: Extension -> content type (`Default`) and part name -> content type (`Override`).
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    #: What reading left out of the file (links outside it, relationships to missing parts).
    notes: tuple[str, ...] = ()

    def copy(self) -> Package:
        """A copy whose parts can be replaced without touching the cached reference."""
        return Package(dict(self.parts), dict(self.defaults), dict(self.overrides), self.notes)

    def content_type(self, name: str) -> str:
        if name in self.overrides:
            return self.overrides[name]
        return self.defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")

    def xml(self, name: str) -> etree._Element:
        """A freshly parsed tree of one part (the caller may change it freely)."""
        try:
            return etree.fromstring(self.parts[name], parser=_PARSER)
        except KeyError:
            raise PackageError(f"the package has no part '{name}'") from None
        except etree.XMLSyntaxError as exc:
            raise PackageError(f"part '{name}' is not well-formed XML: {exc}") from None

    def rels(self, source: str = "") -> list[Rel]:
        """The relationships of a part ("" for the package's own), targets resolved to part names."""
        name = rels_name(source)
        if name not in self.parts:
            return []
        found = []
        for rel in self.xml(name).iter(_RELATIONSHIP):
            target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
            if not external:
                target = resolve_target(source, target)
            found.append(Rel(rel.get("Id", ""), rel.get("Type", ""), target, external))
        return found

    def related(self, source: str, rel_type: str) -> str | None:
        """The part name of the first internal relationship of `rel_type` from `source`."""
        return next((r.target for r in self.rels(source) if r.type == rel_type and not r.external), None)

    def main_part(self) -> str:
        main = self.related("", RT_OFFICE_DOCUMENT)
        if main is None or main not in self.parts:
            raise PackageError("the package has no main document part")
        return main

    def put(self, name: str, data: bytes, content_type: str | None = None) -> None:
        """Add or replace a part; a content type is registered as an Override when given."""
        self.parts[name] = data
        if content_type is not None and self.content_type(name) != content_type:
            self.overrides[name] = content_type

    def drop(self, name: str) -> None:
        self.parts.pop(name, None)
        self.parts.pop(rels_name(name), None)
        self.overrides.pop(name, None)

    def to_bytes(self) -> bytes:
        """The package as zip bytes: content types first, then the parts in their order."""
        members = [(CONTENT_TYPES, self._content_types_xml())]
        members.extend((n, d) for n, d in self.parts.items() if n != CONTENT_TYPES)
        return write_zip(members)

    def _content_types_xml(self) -> bytes:
        overrides = {name: self.overrides[name] for name in self.parts if name in self.overrides}
        return content_types_xml(self.defaults, overrides)


def content_types_xml(defaults: Mapping[str, str], overrides: Mapping[str, str]) -> bytes:
    """`[Content_Types].xml`: extension -> type as `Default`s, part name -> type as `Override`s,
    each sorted (as python-docx and python-pptx wrote them), written as a string."""
    entries = [
        f'<Default Extension="{escape_attribute(ext)}" ContentType="{escape_attribute(ctype)}"/>'
        for ext, ctype in sorted(defaults.items())
    ]
    entries.extend(
        f'<Override PartName="/{escape_attribute(name)}" ContentType="{escape_attribute(ctype)}"/>'
        for name, ctype in sorted(overrides.items())
    )
    return f'{DECLARATION}<Types xmlns="{NS_CT}">{"".join(entries)}</Types>'.encode()


@lru_cache(maxsize=1024)
def rels_name(source: str) -> str:
    """`ppt/slides/slide1.xml` -> `ppt/slides/_rels/slide1.xml.rels`; "" -> `_rels/.rels`."""
    folder, base = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def relative_target(source: str, target: str) -> str:
    """How a relationship from part `source` names part `target`.

    Both are rooted at "/" (as the package's part names are) so that `relpath` never consults the
    process's working directory, which may be anything, or gone, in a batch worker.
    """
    return posixpath.relpath(f"/{target}", f"/{posixpath.dirname(source)}")


def next_rid(used: Iterable[str]) -> str:
    """The id of a new relationship: the lowest `rIdN` not in use (the one rule for every part)."""
    taken = set(used)
    return next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)


class EditedRels:
    """One existing part's relationships, parsed once, added to, and written back when changed.

    The reference's own entries are kept as they are written (targets, attributes); only new ones
    are appended. Parts made from scratch take a list of `Rel` and `rels_xml` instead."""

    def __init__(self, package: Package, source: str) -> None:
        self.package, self.source = package, source
        self.name = rels_name(source)
        if self.name in package.parts:
            self.root = package.xml(self.name)
        else:
            self.root = etree.Element(f"{{{NS_RELS}}}Relationships", nsmap={None: NS_RELS})
        self.changed = False

    def target(self, rid: str) -> str | None:
        """The part name a relationship id points at."""
        for rel in self.root.iterfind(_RELATIONSHIP):
            if rel.get("Id") == rid and rel.get("TargetMode") != "External":
                return resolve_target(self.source, rel.get("Target", ""))
        return None

    def add(self, rel_type: str, target: str) -> str:
        """The id of a relationship of `rel_type` to part `target`: an existing one, or a new one
        numbered with the first free `rIdN`."""
        used = set()
        for rel in self.root.iterfind(_RELATIONSHIP):
            used.add(rel.get("Id", ""))
            if (
                rel.get("Type") == rel_type
                and rel.get("TargetMode") != "External"
                and resolve_target(self.source, rel.get("Target", "")) == target
            ):
                return rel.get("Id", "")
        rid = next_rid(used)
        target_ref = relative_target(self.source, target)
        etree.SubElement(self.root, _RELATIONSHIP, {"Id": rid, "Type": rel_type, "Target": target_ref})
        self.changed = True
        return rid

    def save(self) -> None:
        if self.changed:
            self.package.put(self.name, xml_bytes(self.root))


def resolve_target(source: str, target: str) -> str:
    """The part name an internal relationship of part `source` points at ("../media/a.png" from
    "word/document.xml" is "media/a.png" under word/…; "/word/styles.xml" is "word/styles.xml")."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def next_part_name(names: Collection[str], template: str) -> str:
    """`template % n` for the first n (from 1) that names no part ("word/header%d.xml")."""
    return next(template % n for n in range(1, len(names) + 2) if template % n not in names)


def rels_xml(source: str, rels: list[Rel]) -> bytes:
    """A relationships part for `source`, internal targets written relative to it: as a string
    (the bytes lxml gave for the same tree), since a deck has one per slide and notes slide."""
    opening = f'{DECLARATION}<Relationships xmlns="{NS_RELS}">'
    if not rels:
        return f"{opening[:-1]}/>".encode()
    return f"{opening}{''.join(_relationship(rel, source) for rel in rels)}</Relationships>".encode()


@lru_cache(maxsize=4096)
def _relationship(rel: Rel, source: str) -> str:
    """One `Relationship` element: memoised, since the same ones recur in every deck (slide N on
    layout M, its notes slide)."""
    target = rel.target if rel.external else relative_target(source, rel.target)
    mode = ' TargetMode="External"' if rel.external else ""
    return (
        f'<Relationship Id="{escape_attribute(rel.id)}" Type="{escape_attribute(rel.type)}" '
        f'Target="{escape_attribute(target)}"{mode}/>'
    )


def xml_bytes(root: etree._Element) -> bytes:
    """A part's bytes as Office writes them: UTF-8 with a standalone declaration."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def parse_xml(data: bytes) -> etree._Element:
    """A part's bytes as a tree, with the same safe parser as `Package.xml` (no DTDs, no network)."""
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"a part is not well-formed XML: {exc}") from None


def unzip(path: Path) -> Package:
    """The parts of an Office package as they are in the file (renderers.ooxml.references reads a
    reference through the allowlist, once per file version).

    A .dotx/.potx template is read as its document type (ECMA-376 Part 2, §10.1.2.2): the two
    differ in nothing the renderers read.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNPACKED:
                raise PackageError(f"{path} unpacks to more than {MAX_UNPACKED // 2**20} MiB")
            parts = {info.filename: archive.read(info) for info in infos if not info.is_dir()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise PackageError(f"{path} is not a readable zip package: {exc}") from None
    if CONTENT_TYPES not in parts:
        raise PackageError(f"{path} has no [Content_Types].xml: it is not an Office package")
    package = Package(parts)
    types = package.xml(CONTENT_TYPES)
    for default in types.iter(f"{{{NS_CT}}}Default"):
        package.defaults[default.get("Extension", "").lower()] = default.get("ContentType", "")
    for override in types.iter(f"{{{NS_CT}}}Override"):
        ctype = override.get("ContentType", "")
        package.overrides[override.get("PartName", "").lstrip("/")] = _TEMPLATE_TO_DOCUMENT.get(ctype, ctype)
    return package


#: No network, no DTDs, no entity expansion: reference files may come from anyone.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
