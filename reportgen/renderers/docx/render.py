"""Word renderer: maps Outline blocks onto a reference document's paragraph styles, by name.

As with pandoc's `--reference-doc`, the look (fonts, colours, spacing, page size, margins) comes
from the reference .docx; this module only decides which style each block gets, plus the few
things a style cannot express (the callout box, the marking and page numbers in header/footer).

The WordprocessingML is written directly with lxml, without python-docx (importing it cost more
than a whole render): reference reads the reference once per process, story writes
paragraphs and runs, tables, toc and headers the larger pieces, wml the property
elements, parts the package's new parts; the document part is serialised once at the end.

`Slide` blocks are skipped: the design lets one template drive both outputs, so a brief outline may
carry slide plans meant for the deck renderer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from lxml import etree

from reportgen.errors import PackError
from reportgen.outline import (
    BulletList,
    Callout,
    Cover,
    Heading,
    Judgement,
    Meta,
    Outline,
    PageBreak,
    Para,
    Slide,
    Table,
    Timeline,
    Toc,
)
from reportgen.renderers.docx import headers as docx_headers
from reportgen.renderers.docx import pages as docx_pages
from reportgen.renderers.docx import parts as docx_parts
from reportgen.renderers.docx import story, supply, tables, wml
from reportgen.renderers.docx import styles as docx_styles
from reportgen.renderers.docx import toc as docx_toc
from reportgen.renderers.docx.reference import Reference, open_reference, twips
from reportgen.renderers.ooxml import core_properties, opc
from reportgen.renderers.ooxml.images import read_image_file
from reportgen.renderers.ooxml.namespaces import qn

#: Styles every render uses, whatever the outline holds. A reference document must define these
#: as paragraph styles; "Heading 3" and any `Para` style are needed only when the outline uses them.
REQUIRED_STYLES: tuple[str, ...] = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "List Bullet",
    "Marking",
    "Footer",
    "Callout Title",
    "Callout Text",
)

#: Styles needed only by the blocks that use them.
TABLE_STYLES = ("Table Heading", "Table Text")
JUDGEMENT_STYLES = ("Assessment Title", "Assessment Text")

COVER_GAP = 360  # twentieths of a point: 18 pt under the cover's marking
LOGO_HEIGHT = 36 * 12700  # EMU: 36 pt


def render(outline: Outline, reference: Path) -> bytes:
    """Render a brief outline into .docx bytes; identical input gives identical bytes."""
    package, ref = open_reference(reference)
    try:
        return _render(outline, package, ref)
    except opc.PackageError as exc:
        raise PackError(
            f"reference document {reference} cannot be opened as a Word .docx: {exc}",
            hint="point the pack at a .docx file saved by Word or LibreOffice (.dotx works too; .doc does not)",
        ) from exc


def notes(reference: Path) -> tuple[str, ...]:
    """One line for each link the reference's copy leaves out, and one naming the styles a brief
    uses that the reference lacks, supplied."""
    package, ref = open_reference(reference)
    said = tuple(f"{reference.name}: {note}" for note in package.notes)
    supplied = ref.supplied
    if not supplied:
        return said
    names = ", ".join(f"'{name}'" for name in supplied)
    return (
        *said,
        f"{reference.name} has no style {names}: supplied from the built-in reference, in this one's fonts and colours",
    )


def prepare(reference: Path) -> None:
    """Read and parse the reference document, as a first render would (cached per file version)."""
    open_reference(reference)


def _render(outline: Outline, package: opc.Package, ref: Reference) -> bytes:
    styles = _Styles(ref, _needed_styles(outline))
    for name, (data, content_type) in ref.parts.items():  # the styles a template lacked, supplied
        package.put(name, data, content_type)
    doc = _Document(package, ref)
    stories = docx_headers.write(
        doc.package, doc.rels, doc.sections, doc.ref.even_and_odd_headers, styles, outline.meta.marking
    )
    _Writer(doc, styles, outline.meta).write(outline.blocks)
    doc.close_body()
    _set_styles_part(package, ref, outline.meta)
    if outline.meta.direction == "rtl":
        for part in (doc.body, *stories.primary):
            wml.set_right_to_left(part)
    _set_core_properties(package, outline.meta)
    for name, root in stories.roots.items():
        package.put(name, opc.xml_bytes(root))
    package.put(ref.main, opc.xml_bytes(doc.root))
    doc.rels.save()
    return package.to_bytes()


def _needed_styles(outline: Outline) -> list[str]:
    needed = list(REQUIRED_STYLES)
    for block in outline.blocks:
        names: list[str] = []
        if isinstance(block, Heading):
            names = [f"Heading {block.level}"]
        elif isinstance(block, Para):
            names = [block.style or "Normal"]
        elif isinstance(block, Table | Timeline):
            names = [*TABLE_STYLES, *(["Caption"] if isinstance(block, Table) and block.caption else [])]
        elif isinstance(block, Judgement):
            names = list(JUDGEMENT_STYLES)
        elif isinstance(block, Toc):
            names = docx_toc.styles_needed(block)
        needed.extend(n for n in names if n not in needed)
    return needed


class _Styles:
    """The reference's paragraph styles by name (indexed once per reference, in reference.py).

    Checking every needed name up front means a broken reference fails before any work, with one
    clear message.
    """

    def __init__(self, ref: Reference, needed: Iterable[str]) -> None:
        self.by_name = dict(ref.style_ids)
        missing = []
        for name in needed:
            if name not in self.by_name:
                found = supply.find(self.by_name, name)  # a pack's own style, named in another case
                if found is None:
                    missing.append(name)
                else:
                    self.by_name[name] = found
        if missing:
            available = ", ".join(f"'{n}'" for n in sorted(ref.style_ids))
            raise PackError(
                f"the outline names paragraph styles neither the reference document nor the built-in one "
                f"has: {', '.join(repr(n) for n in missing)}; available: {available}",
                hint="add the paragraph style in Word (Styles pane → New Style) or name an available one",
            )
        self.default_id = ref.default_style_id

    def add(self, container: etree._Element, text: str, name: str) -> etree._Element:
        p = story.paragraph(container, text)
        self.apply(p, name)
        return p

    def apply(self, p: etree._Element, name: str) -> None:
        style_id = self.by_name[name]
        # The default style is implied by an absent `w:pStyle`, as Word itself writes it.
        story.set_style(p, style_id if style_id != self.default_id else None)


class _Document:
    """The main part being written: its tree (the reference's, body emptied), its relationships."""

    def __init__(self, package: opc.Package, ref: Reference) -> None:
        self.package, self.ref = package, ref
        self.root = opc.parse_xml(ref.skeleton)
        body = self.root.find(qn("w:body"))
        if body is None:
            body = etree.SubElement(self.root, qn("w:body"))
        self.body = body
        # The sections' properties (page size, margins) go back at the end of the body.
        self.sections = [child for child in body if child.tag == qn("w:sectPr")]
        for section in self.sections:
            body.remove(section)
        self.rels = opc.EditedRels(package, ref.main)

    def close_body(self) -> None:
        """The sections' properties back as the body's last children, where Word wants them."""
        self.body.extend(self.sections)

    def next_shape_id(self) -> int:
        """One more than the largest drawing id in the document, as Word numbers shapes."""
        ids = [int(v) for v in self.root.xpath("//@id") if str(v).isdigit()]
        return max(ids) + 1 if ids else 1


class _Writer:
    """Appends blocks to the body; holds the state between blocks (a pending break, contents)."""

    def __init__(self, doc: _Document, styles: _Styles, meta: Meta) -> None:
        self.doc = doc
        self.body = doc.body
        self.styles = styles
        self.meta = meta
        # A page break becomes "page break before" on the next paragraph: a paragraph holding only
        # a break would leave an empty line at the top of the new page.
        self.break_pending = False
        self.text_width = doc.ref.text_width

    def write(self, blocks: Sequence[object]) -> None:
        toc = next((b for b in blocks if isinstance(b, Toc)), None)
        if toc is not None and toc.min_pages > 1:
            pages = docx_pages.estimated_pages(blocks, self.text_width, self.doc.ref.text_height)
            toc = toc if pages >= toc.min_pages else None  # a short brief goes without a contents list
        entries = docx_toc.plan_entries(blocks, toc) if toc is not None else {}
        for index, block in enumerate(blocks):
            if isinstance(block, Cover):
                self.cover(block)
            elif isinstance(block, Heading):
                paragraph = self.para(block.text, f"Heading {block.level}")
                if index in entries:
                    docx_toc.mark_heading(paragraph, entries[index])
            elif isinstance(block, Para):
                self.para(block.text, block.style or "Normal")
            elif isinstance(block, BulletList):
                for item in block.items:
                    self.para(item, "List Bullet")
            elif isinstance(block, Callout):
                self.box(block.title, block.items, tables.CALLOUT)
            elif isinstance(block, Judgement):
                self.box(block.title, block.items, tables.JUDGEMENT)
            elif isinstance(block, Table | Timeline):
                self.table(block if isinstance(block, Table) else tables.timeline_table(block))
            elif isinstance(block, Toc):
                if block is toc:  # one contents list: a second would repeat the same entries
                    self.flush_break()
                    docx_toc.write_contents(self.body, self.styles, block, list(entries.values()), self._contents_tab())
            elif isinstance(block, PageBreak):
                self.break_pending = True
            elif isinstance(block, Slide):
                continue
        # Word expects a paragraph after a table at the end of the body.
        if len(self.body) and self.body[-1].tag == qn("w:tbl"):
            self.styles.add(self.body, "", "Normal")

    def para(self, text: str, style: str) -> etree._Element:
        paragraph = self.styles.add(self.body, text, style)
        if self.break_pending:
            story.page_break_before(paragraph)
            self.break_pending = False
        return paragraph

    def flush_break(self) -> None:
        tables.start_block(self.body, self.styles, self.break_pending)
        self.break_pending = False

    def cover(self, cover: Cover) -> None:
        if self.meta.logo:  # the pack's logo above the title, at the reference's Normal spacing
            self.logo(story.add_run(self.para("", "Normal")))
        title = self.para(cover.title, "Title")
        if self.meta.accent:
            for run in title.iterfind(qn("w:r")):
                story.run_color(run, self.meta.accent.lstrip("#").upper())
        if cover.subtitle:
            self.para(cover.subtitle, "Subtitle")
        if cover.audience:
            self.para(f"Audience: {cover.audience}", "Normal")
        # Every page's header and footer carry the document's marking; the cover repeats a marking
        # only where it is another one (a cover page marked apart from the body).
        if cover.marking and cover.marking != self.meta.marking:
            # "Marking" has no space after (it also sits in headers); the cover needs air below it.
            story.space_after(self.para(cover.marking, "Marking"), COVER_GAP)

    def _contents_tab(self) -> int | None:
        """Where contents lines put their page numbers when the template's styles do not say."""
        return None if self.doc.ref.contents_tabbed else twips(self.text_width)

    def logo(self, run: etree._Element) -> None:
        """The logo as an inline picture LOGO_HEIGHT tall, its width kept in proportion."""
        blob, info = read_image_file(Path(self.meta.logo))
        name = docx_parts.add_image(self.doc.package, blob, info)
        rid = self.doc.rels.add(opc.RT_IMAGE, name)
        native_width, native_height = info.extent
        width = round(native_width * (float(LOGO_HEIGHT) / float(native_height)))
        filename = Path(self.meta.logo).name
        story.picture(run, self.doc.next_shape_id(), rid, filename, width, LOGO_HEIGHT)

    def box(self, title: str, items: Sequence[str], look: tables.BoxLook) -> None:
        self.flush_break()
        tables.write_box(self.body, self.styles, title, items, look, self.text_width)

    def table(self, table: Table) -> None:
        if not table.rows:
            return  # a header over nothing says nothing
        self.flush_break()
        tables.write_table(self.body, self.styles, table, self.text_width)


def _set_styles_part(package: opc.Package, ref: Reference, meta: Meta) -> None:
    """The pack's fonts and the article's language on the styles part, when there are any."""
    if ref.styles_part is None or not docx_styles.needs_edit(meta):
        return
    package.put(ref.styles_part, docx_styles.styled(package.parts[ref.styles_part], meta))


def _set_core_properties(package: opc.Package, meta: Meta) -> None:
    """Overwrite every core property: a reference carries its own author and dates."""
    docx_parts.core_properties(package, *core_properties.from_meta(meta))
