"""Word renderer: maps Outline blocks onto a reference document's paragraph styles, by name.

As with pandoc's `--reference-doc`, the look (fonts, colours, spacing, page size, margins) comes
from the reference .docx; this module only decides which style each block gets, plus the few
things a style cannot express (the callout box, the marking and page numbers in header/footer).
Raw XML lives in docx_xml.py.

`Slide` blocks are skipped: the design lets one template drive both outputs, so a brief outline may
carry slide plans meant for the deck renderer.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import _Footer, _Header
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

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
from reportgen.renderers import docx_tables, docx_toc, docx_xml, office_template
from reportgen.renderers.package import stable_zip

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

COVER_GAP = Pt(18)
LOGO_HEIGHT = Pt(36)

#: Used when the outline has no date: a fixed instant keeps output reproducible (never "now").
FALLBACK_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_STALE_CORE_PROPERTIES = (
    "dc:description", "cp:category", "cp:contentStatus", "dc:identifier", "dc:language", "cp:version",
    "cp:lastPrinted",
)  # fmt: skip
_CORE_TEXT_LIMIT = 255  # python-docx (and the OPC core-properties part) cap text properties


def render(outline: Outline, reference: Path) -> bytes:
    """Render a brief outline into .docx bytes; identical input gives identical bytes."""
    doc = _open(reference)
    _set_fonts(doc, outline.meta)
    styles = _Styles(doc, _needed_styles(outline))
    _clear_body(doc)
    _write_header_footer(doc, styles, outline.meta.marking)
    _Writer(doc, styles, outline.meta).write(outline.blocks)
    _set_language(doc, outline.meta)
    _set_core_properties(doc, outline.meta)
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())


_HEADING_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Callout Title")


def _set_fonts(doc: Any, meta: Meta) -> None:
    """The pack's typefaces on every style that names one (and the document defaults), so a brand
    font replaces the reference's without editing the reference file."""
    if not (meta.font or meta.heading_font):
        return
    if meta.font:
        docx_xml.set_default_font(doc.styles.element, meta.font)
    for style in doc.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        heading = style.name in _HEADING_STYLES or (style.name or "").startswith("Heading")
        face = (meta.heading_font or meta.font) if heading else meta.font
        if face and (style.font.name is not None or style.name in ("Normal", *_HEADING_STYLES)):
            style.font.name = face


def _set_language(doc: Any, meta: Meta) -> None:
    """The article's language on every run, and right-to-left layout for Arabic-script text."""
    rtl = meta.direction == "rtl"
    if meta.language:
        docx_xml.set_language(doc.styles.element, meta.language, rtl)
    if rtl:
        for part in (
            doc.element.body,
            *(s.header._element for s in doc.sections),
            *(s.footer._element for s in doc.sections),
        ):
            docx_xml.set_right_to_left(part)


def _open(reference: Path) -> Document:
    try:
        return docx.Document(office_template.openable(reference))  # a .dotx too
    except PackageNotFoundError as exc:
        raise PackError(f"reference document {reference} is missing or is not a .docx file") from exc
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise PackError(
            f"reference document {reference} cannot be opened as a Word .docx: {exc}",
            hint="point the pack at a .docx file saved by Word or LibreOffice (.dotx works too; .doc does not)",
        ) from exc


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
    """The reference's paragraph styles, indexed by name once per render.

    python-docx's `styles[name]` scans every style on each call, and even assigning a style object
    scans them all again to find the default one (half the build time in profiles). Indexing once
    and writing `w:pStyle` ourselves avoids both. Checking every needed name up front means a
    broken reference fails before any work, with one clear message.
    """

    def __init__(self, doc: Document, needed: Iterable[str]) -> None:
        self.by_name: dict[str, ParagraphStyle] = {}
        for style in doc.styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name and isinstance(style, ParagraphStyle):
                self.by_name.setdefault(style.name, style)
        for name in needed:
            if name not in self.by_name:
                available = ", ".join(f"'{n}'" for n in sorted(self.by_name))
                raise PackError(
                    f"reference document has no style named '{name}'; available: {available}",
                    hint="add the paragraph style in Word (Styles pane → New Style) or copy a built-in reference",
                )
        default = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default_id = default.style_id if default is not None else None

    def add(self, container: docx_tables.Container, text: str, name: str) -> Paragraph:
        paragraph = container.add_paragraph(text)
        self.apply(paragraph, name)
        return paragraph

    def apply(self, paragraph: Paragraph, name: str) -> None:
        style_id = self.by_name[name].style_id
        if style_id != self.default_id:
            paragraph._p.style = style_id
        elif paragraph._p.pPr is not None:
            # The default style is implied by an absent `w:pStyle`, as Word itself writes it.
            paragraph._p.style = None


def _clear_body(doc: Document) -> None:
    """Drop the reference's sample content but keep its final `w:sectPr` (page size, margins)."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _write_header_footer(doc: Document, styles: _Styles, marking: str) -> None:
    """Put the marking at the top and bottom of every page, and "Page X of Y" above the bottom one."""
    for section in doc.sections:
        pairs: list[tuple[_Header, _Footer]] = [(section.header, section.footer)]
        if section.different_first_page_header_footer:
            pairs.append((section.first_page_header, section.first_page_footer))
        if doc.settings.odd_and_even_pages_header_footer:
            pairs.append((section.even_page_header, section.even_page_footer))
        for header, footer in pairs:
            header.is_linked_to_previous = False
            footer.is_linked_to_previous = False
            _clear_story(header)
            styles.add(header, marking, "Marking")
            _clear_story(footer)
            numbers = styles.add(footer, "", "Footer")
            docx_xml.append_runs(
                numbers._p,
                [
                    docx_xml.text_run("Page "),
                    *docx_xml.field_runs("PAGE", "1"),
                    docx_xml.text_run(" of "),
                    *docx_xml.field_runs("NUMPAGES", "1"),
                ],
            )
            styles.add(footer, marking, "Marking")


def _clear_story(part: _Header | _Footer) -> None:
    element = part._element
    for child in list(element):
        element.remove(child)


class _Writer:
    """Appends blocks to the body; holds the state between blocks (a pending break, contents)."""

    def __init__(self, doc: Document, styles: _Styles, meta: Meta) -> None:
        self.doc = doc
        self.styles = styles
        self.meta = meta
        # A page break becomes "page break before" on the next paragraph: a paragraph holding only
        # a break would leave an empty line at the top of the new page.
        self.break_pending = False
        section = doc.sections[-1]
        self.text_width = int(
            (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        ) or int(Pt(451))  # A4 less 2 cm margins, for a reference without page setup

    def write(self, blocks: Sequence[object]) -> None:
        toc = next((b for b in blocks if isinstance(b, Toc)), None)
        entries = docx_toc.plan_entries(blocks, toc) if toc is not None else {}
        for index, block in enumerate(blocks):
            if isinstance(block, Cover):
                self.cover(block)
            elif isinstance(block, Heading):
                paragraph = self.para(block.text, f"Heading {block.level}")
                if index in entries:
                    docx_toc.mark_heading(paragraph._p, entries[index])
            elif isinstance(block, Para):
                self.para(block.text, block.style or "Normal")
            elif isinstance(block, BulletList):
                for item in block.items:
                    self.para(item, "List Bullet")
            elif isinstance(block, Callout):
                self.box(block.title, block.items, docx_tables.CALLOUT)
            elif isinstance(block, Judgement):
                self.box(block.title, block.items, docx_tables.JUDGEMENT)
            elif isinstance(block, Table | Timeline):
                self.table(block if isinstance(block, Table) else docx_tables.timeline_table(block))
            elif isinstance(block, Toc):
                if block is toc:  # one contents list: a second would repeat the same entries
                    self.flush_break()
                    docx_toc.write_contents(self.doc, self.styles, block, list(entries.values()))
            elif isinstance(block, PageBreak):
                self.break_pending = True
            elif isinstance(block, Slide):
                continue
        body = self.doc.element.body
        # Word expects a paragraph after a table at the end of the body.
        if len(body) >= 2 and body[-2].tag == qn("w:tbl"):
            self.styles.add(self.doc, "", "Normal")

    def para(self, text: str, style: str) -> Paragraph:
        paragraph = self.styles.add(self.doc, text, style)
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False
        return paragraph

    def flush_break(self) -> None:
        docx_tables.start_block(self.doc, self.styles, self.break_pending)
        self.break_pending = False

    def cover(self, cover: Cover) -> None:
        if self.meta.logo:  # the pack's logo above the title, at the reference's Normal spacing
            self.para("", "Normal").add_run().add_picture(self.meta.logo, height=LOGO_HEIGHT)
        title = self.para(cover.title, "Title")
        if self.meta.accent:
            for run in title.runs:
                run.font.color.rgb = RGBColor.from_string(self.meta.accent.lstrip("#").upper())
        if cover.subtitle:
            self.para(cover.subtitle, "Subtitle")
        if cover.audience:
            self.para(f"Audience: {cover.audience}", "Normal")
        marking = cover.marking or self.meta.marking
        last = self.para(marking, "Marking") if marking else None
        if last is not None:
            # "Marking" has no space after (it also sits in headers); the cover needs air below it.
            last.paragraph_format.space_after = COVER_GAP

    def box(self, title: str, items: Sequence[str], look: docx_tables.BoxLook) -> None:
        self.flush_break()
        docx_tables.write_box(self.doc, self.styles, title, items, look)

    def table(self, table: Table) -> None:
        if not table.rows:
            return  # a header over nothing says nothing
        self.flush_break()
        docx_tables.write_table(self.doc, self.styles, table, self.text_width)


def _timestamp(date: str) -> dt.datetime:
    if not date:
        return FALLBACK_DATE
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        raise PackError(f"document date '{date}' is not an ISO date", hint="write it as YYYY-MM-DD") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _set_core_properties(doc: Document, meta: Meta) -> None:
    """Overwrite every core property: python-docx's template carries its own author and 2013 dates."""
    props = doc.core_properties
    when = _timestamp(meta.date)
    props.title = meta.title[:_CORE_TEXT_LIMIT]
    props.subject = meta.subject[:_CORE_TEXT_LIMIT]
    props.author = meta.author[:_CORE_TEXT_LIMIT]
    props.keywords = meta.keywords[:_CORE_TEXT_LIMIT]
    props.last_modified_by = "reportgen"
    props.revision = 1
    props.created = when
    props.modified = when
    # Whatever else the reference carried (its description, print date...) describes the
    # reference, not this document.
    for tag in _STALE_CORE_PROPERTIES:
        for element in props._element.findall(qn(tag)):
            props._element.remove(element)
