"""The deck's package: the reference's parts, its slides dropped, new slides, notes, charts and
pictures added, core properties set, zipped with fixed timestamps.

New parts take the first free number (opc.next_part_name) and new relationships the lowest free
rId (opc.next_rid); slide ids count from 256, and parts are zipped in the order a walk of the
relationships reaches them. Parts no relationship reaches any more (the reference's own slides and
whatever only they used) are not written.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from lxml import etree

from reportgen import shipped
from reportgen.renderers.ooxml import opc, schema_order
from reportgen.renderers.ooxml.core_properties import CONTENT_TYPE, core_properties_xml
from reportgen.renderers.ooxml.images import media_name, media_type, read_image_file
from reportgen.renderers.ooxml.namespaces import qn
from reportgen.renderers.ooxml.package import write_zip
from reportgen.renderers.pptx import chart as pptx_chart
from reportgen.renderers.pptx import workbook as pptx_workbook
from reportgen.renderers.pptx.pml import Script, notes_paragraphs, set_theme_fonts
from reportgen.renderers.pptx.reference import Placeholder, Reference, placeholders
from reportgen.renderers.pptx.shapes import ChartSpec
from reportgen.renderers.pptx.slide import NOTES_CLONED, SlideXml, placeholder_copies

_PML = "application/vnd.openxmlformats-officedocument.presentationml"
CT_SLIDE = f"{_PML}.slide+xml"
CT_NOTES_SLIDE = f"{_PML}.notesSlide+xml"
CT_NOTES_MASTER = f"{_PML}.notesMaster+xml"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Extension/content type pairs written as `Default` entries (python-pptx's table); others override.
_DEFAULTS = {
    ("bin", f"{_PML}.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
    ("bmp", "image/bmp"),
    ("emf", "image/x-emf"),
    ("fntdata", "application/x-fontdata"),
    ("gif", "image/gif"),
    ("jpe", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("mov", "video/quicktime"),
    ("mp4", "video/mp4"),
    ("mpg", "video/mpeg"),
    ("png", "image/png"),
    ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("vid", "video/unknown"),
    ("wdp", "image/vnd.ms-photo"),
    ("wmf", "image/x-wmf"),
    ("wmv", "video/x-ms-wmv"),
    ("xlsx", CT_XLSX),
    ("xml", "application/xml"),
}


@dataclass
class Picture:
    """An image part related from a slide, and what placing it needs."""

    rel_id: str
    name: str  # the file's name, for the picture's description
    size: tuple[int, int]  # native size in EMU at the image's resolution


@dataclass
class DeckPackage:
    """The parts of the deck being written; create with `DeckPackage.start`."""

    reference: Reference
    package: opc.Package
    rels: dict[str, list[opc.Rel]]
    presentation: etree._Element
    slide_ids: etree._Element
    #: Parts that exist now: reachable from the package's relationships.
    names: set[str]
    slides: list[tuple[str, SlideXml]] = field(default_factory=list)
    notes: list[tuple[str, SlideXml]] = field(default_factory=list)
    notes_master: str | None = None
    _images: dict[str, str] | None = None

    @classmethod
    def start(cls, reference: Reference, body_font: str, heading_font: str) -> DeckPackage:
        """A copy of the reference with brand fonts in its themes and its own slides dropped."""
        package = reference.package.copy()
        rels = {name: list(found) for name, found in reference.rels.items()}
        if body_font or heading_font:
            for master in reference.masters:
                if master.theme is not None and master.replaceable != (False, False):
                    theme = package.xml(master.theme)
                    set_theme_fonts(theme, body_font, heading_font)
                    package.parts[master.theme] = opc.xml_bytes(theme)
        presentation = package.xml(reference.presentation)
        slide_ids = _slide_id_list(presentation)
        dropped = {element.get(qn("r:id")) for element in slide_ids}
        for element in list(slide_ids):
            slide_ids.remove(element)
        rels[reference.presentation] = [r for r in rels[reference.presentation] if r.id not in dropped]
        deck = cls(reference, package, rels, presentation, slide_ids, set())
        deck.names = set(deck.walk())
        related = deck.related(reference.presentation, opc.RT_NOTES_MASTER)
        deck.notes_master = related if related in deck.names else None
        return deck

    # --- relationships and part names ---------------------------------------------------------

    def walk(self) -> list[str]:
        """Every part reachable from the package's relationships, depth first, in relationship
        order: the parts that exist, in the order they are written."""
        seen: dict[str, None] = {}

        def visit(source: str) -> None:
            for rel in self.rels.get(source, ()):
                if rel.external or rel.target in seen:
                    continue
                seen[rel.target] = None
                visit(rel.target)

        visit("")
        return list(seen)

    def related(self, source: str, rel_type: str) -> str | None:
        return next((r.target for r in self.rels.get(source, ()) if r.type == rel_type and not r.external), None)

    def relate(self, source: str, rel_type: str, target: str) -> str:
        found = self.rels.setdefault(source, [])
        rel_id = opc.next_rid(rel.id for rel in found)
        found.append(opc.Rel(rel_id, rel_type, target))
        self.names.add(target)
        return rel_id

    def put(self, name: str, data: bytes, content_type: str, rels: list[opc.Rel] | None = None) -> None:
        """Add or replace a part; a new part (given `rels`) drops any stale relationships a part of
        that name had in the reference (one only the dropped slides reached)."""
        self.package.put(name, data, content_type)
        if rels is not None:
            self.rels[name] = rels

    # --- slides and notes ---------------------------------------------------------------------

    def add_slide(self, layout_part: str, script: Script) -> SlideXml:
        """A new, empty slide at the end of the deck on `layout_part`; its text marked by `script`."""
        number = len(self.slides) + 1  # start() emptied the slide id list: it holds only these
        name = f"ppt/slides/slide{number}.xml"
        slide = SlideXml(script=script)
        self.rels[name] = slide.rels  # the same list: the slide's relationships as they grow
        rel_id = self.relate(self.reference.presentation, opc.RT_SLIDE, name)
        slide.relate(opc.RT_SLIDE_LAYOUT, layout_part)
        element = etree.SubElement(self.slide_ids, qn("p:sldId"), id=str(255 + number))
        element.set(qn("r:id"), rel_id)
        self.slides.append((name, slide))
        return slide

    def add_notes(self, slide_name: str, slide: SlideXml, text: str) -> None:
        """The slide's notes slide, on the deck's notes master (made when the reference has none)."""
        master = self._notes_master()
        name = opc.next_part_name(self.names, "ppt/notesSlides/notesSlide%d.xml")
        notes = SlideXml(notes=True)
        self.rels[name] = notes.rels
        notes.relate(opc.RT_NOTES_MASTER, master)
        notes.relate(opc.RT_SLIDE, slide_name)
        copies = placeholder_copies(_notes_placeholders(self.package.parts[master]), True, kinds=NOTES_CLONED)
        body = next((copy for copy in copies if copy.type == "body"), None)
        notes.add_placeholders(
            [(copy, copy.xml(_NOTES_BODY + notes_paragraphs(text) if copy is body else None)) for copy in copies]
        )
        slide.relate(opc.RT_NOTES_SLIDE, name)
        self.names.add(name)
        self.notes.append((name, notes))

    def _notes_master(self) -> str:
        if self.notes_master is None:
            name = "ppt/notesMasters/notesMaster1.xml"
            theme = opc.next_part_name(self.names, "ppt/theme/theme%d.xml")
            self.put(name, _data("pptx_notes_master.xml"), CT_NOTES_MASTER, [opc.Rel("rId1", opc.RT_THEME, theme)])
            self.put(theme, _data("pptx_notes_theme.xml"), CT_THEME, [])
            self.names.add(theme)
            self.relate(self.reference.presentation, opc.RT_NOTES_MASTER, name)
            self.notes_master = name
        return self.notes_master

    # --- charts and pictures ------------------------------------------------------------------

    def add_chart(self, spec: ChartSpec) -> str:
        """A chart part and its embedded workbook; returns the chart part's name."""
        name = opc.next_part_name(self.names, "ppt/charts/chart%d.xml")
        book = opc.next_part_name(self.names, "ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx")
        self.put(name, pptx_chart.chart_xml(spec), CT_CHART, [opc.Rel("rId1", opc.RT_PACKAGE, book)])
        data = pptx_workbook.workbook(pptx_chart.series_name(spec), spec.labels, spec.values, spec.number_format)
        self.put(book, data, CT_XLSX, [])
        self.names.update((name, book))
        return name

    def add_picture(self, slide: SlideXml, path: Path) -> Picture:
        """The image at `path` as a media part (one part per distinct image), related from the slide."""
        blob, info = read_image_file(path)
        ext, content_type = media_type(info)
        size = info.extent
        digest = hashlib.sha1(blob).hexdigest()
        images = self._image_parts()
        name = images.get(digest)
        if name is None:
            name = media_name(self.names, "ppt/media", ext)
            self.put(name, blob, content_type, [])
            self.names.add(name)
            images[digest] = name
        return Picture(slide.relate(opc.RT_IMAGE, name), path.name, size)

    def _image_parts(self) -> dict[str, str]:
        """SHA-1 -> part name of the images pictures already use (an identical logo is shared)."""
        if self._images is None:
            self._images = {}
            for source in ["", *self.walk()]:
                for rel in self.rels.get(source, ()):
                    if rel.type == opc.RT_IMAGE and not rel.external and rel.target in self.package.parts:
                        digest = hashlib.sha1(self.package.parts[rel.target]).hexdigest()
                        self._images.setdefault(digest, rel.target)
        return self._images

    # --- properties and bytes -----------------------------------------------------------------

    def set_core_properties(self, values: list[tuple[str, str]], stamp: datetime) -> None:
        """docProps/core.xml with `values` and both dates set (made when the reference has none)."""
        name = self.related("", opc.RT_CORE)
        existing = None
        if name is not None and name in self.package.parts:
            existing = self.package.xml(name)
        else:
            name = "docProps/core.xml"
            self.rels[name] = []
            self.relate("", opc.RT_CORE, name)
        self.put(name, core_properties_xml(existing, values, stamp), CONTENT_TYPE)

    def to_bytes(self) -> bytes:
        for name, slide in self.slides:
            self.put(name, slide.to_bytes(), CT_SLIDE, slide.rels)
        for name, notes in self.notes:
            self.put(name, notes.to_bytes(), CT_NOTES_SLIDE, notes.rels)
        self.package.parts[self.reference.presentation] = opc.xml_bytes(self.presentation)
        order = self.walk()
        members: list[tuple[str, bytes]] = [(opc.CONTENT_TYPES, self._content_types(order))]
        members.append(("_rels/.rels", self._rels_bytes("")))
        for name in order:
            members.append((name, self.package.parts[name]))
            if self.rels.get(name):
                members.append((opc.rels_name(name), self._rels_bytes(name)))
        return write_zip(members)

    def _rels_bytes(self, source: str) -> bytes:
        """The reference's own relationships part while its relationships are unchanged, else a
        new one in rId order."""
        kept = opc.rels_name(source)
        if tuple(self.rels[source]) == self.reference.rels.get(source) and kept in self.package.parts:
            return self.package.parts[kept]
        ordered = sorted(self.rels[source], key=lambda r: (int(r.id[3:]) if r.id[3:].isdigit() else 0, r.id))
        return opc.rels_xml(source, ordered)

    def _content_types(self, order: list[str]) -> bytes:
        """`[Content_Types].xml` for the parts written: python-pptx's `Default` table, the rest as
        `Override`s."""
        defaults = {"rels": _PML_RELS, "xml": "application/xml"}
        overrides = {}
        for name in order:
            ext = posixpath.splitext(name)[1].lstrip(".")
            content_type = self.package.content_type(name)
            if (ext.lower(), content_type) in _DEFAULTS:
                defaults[ext] = content_type
            else:
                overrides[name] = content_type
        return opc.content_types_xml(defaults, overrides)


_PML_RELS = "application/vnd.openxmlformats-package.relationships+xml"


_NOTES_BODY = "<a:bodyPr/><a:lstStyle/>"


@lru_cache(maxsize=16)
def _notes_placeholders(master: bytes) -> tuple[Placeholder, ...]:
    """The placeholders of a notes master part, read once per distinct part (the reference's own,
    or the one shipped for decks without)."""
    root = opc.parse_xml(master)
    return placeholders(root, {}, root)


def _slide_id_list(presentation: etree._Element) -> etree._Element:
    """`p:sldIdLst`, added in its place in the sequence when the reference has none."""
    found = presentation.find(qn("p:sldIdLst"))
    if found is not None:
        return found
    return schema_order.insert(presentation, etree.Element(qn("p:sldIdLst")))


@lru_cache(maxsize=4)
def _data(name: str) -> bytes:
    """A file shipped in reportgen/data, read once per process."""
    return shipped.path("data", name).read_bytes()
