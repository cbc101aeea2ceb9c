"""What the Word renderer reads from a reference .docx, derived once per process and reference.

A batch renders hundreds of briefs against the same reference, so the style-name index, the page
geometry, the header/footer settings and the emptied document skeleton are worked out once (keyed
like opc's package cache: path, size, modification time) and shared read-only by every render.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from reportgen.errors import PackError
from reportgen.file_versions import per_file_version
from reportgen.renderers.docx import supply
from reportgen.renderers.ooxml import opc, references
from reportgen.renderers.ooxml.namespaces import qn

RT_SETTINGS = f"{opc.RT_OFFICE}/settings"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

_EMU_PER_TWIP = 635
_UNIVERSAL = {"mm": 36000, "cm": 360000, "in": 914400, "pt": 12700, "pc": 152400, "pi": 152400}
#: A4 less 2 cm margins (451 pt in EMU), for a reference without page setup.
FALLBACK_TEXT_WIDTH = 451 * 12700
#: A4 less 2 cm margins at top and bottom (729 pt in EMU), likewise.
FALLBACK_TEXT_HEIGHT = 729 * 12700
_OPEN_HINT = "point the pack at a .docx file saved by Word or LibreOffice (.dotx works too; .doc does not)"


@dataclass(frozen=True)
class Reference:
    """The reference's facts a render needs; `skeleton` is its main part with the body emptied."""

    main: str
    styles_part: str | None
    #: Paragraph style name -> style id: every name the reference has (the first of a name wins, as
    #: Word resolves it), and reportgen's name for each style a brief uses, found by identity or
    #: supplied (renderers.docx.supply).
    style_ids: MappingProxyType[str, str]
    default_style_id: str | None
    #: Parts every render puts into its copy of the package: the styles and numbering parts with
    #: the supplied styles, and the main part's relationships when a part was added.
    parts: MappingProxyType[str, tuple[bytes, str | None]]
    #: reportgen's names of the styles brought from the built-in reference.
    supplied: tuple[str, ...]
    #: Whether the contents styles set the right tab the page numbers go to.
    contents_tabbed: bool
    #: Text width of the last section (page less side margins), in EMU.
    text_width: int
    #: Text height of the last section (page less top and bottom margins), in EMU.
    text_height: int
    even_and_odd_headers: bool
    skeleton: bytes


def built_in_reference() -> Path:
    """The built-in reference document, where styles a template lacks come from."""
    from reportgen.packs.search import builtin_folder

    return builtin_folder() / "analyst" / "reference.docx"


def open_reference(path: Path) -> tuple[opc.Package, Reference]:
    """The reference's parts (a copy to change) and what is derived from them (shared)."""
    try:
        package = references.read_package(path)
        return package, _derive(path)
    except (opc.PackageError, OSError) as exc:
        if not path.is_file() or not zipfile.is_zipfile(path):
            raise PackError(f"reference document {path} is missing or is not a .docx file") from exc
        raise PackError(f"reference document {path} cannot be opened as a Word .docx: {exc}", hint=_OPEN_HINT) from exc


@per_file_version(maxsize=16)
def _derive(path: Path) -> Reference:
    package = references.read_package(path)
    main = package.main_part()
    if package.content_type(main) != CT_MAIN:
        raise opc.PackageError(f"it is not a Word file, its content type is '{package.content_type(main)}'")
    settings_part = package.related(main, RT_SETTINGS)
    styles = supply.supply(package, main, supply.BRIEF_STYLES, references.read_package(built_in_reference()))
    document = package.xml(main)  # its body emptied when it was read (renderers.ooxml.allowlist)
    body = document.find(qn("w:body"))
    sections = [child for child in body if child.tag == qn("w:sectPr")] if body is not None else []
    even_and_odd = False
    if settings_part is not None and settings_part in package.parts:
        even_and_odd = on_off(package.xml(settings_part).find(qn("w:evenAndOddHeaders")))
    return Reference(
        main=main,
        styles_part=styles.styles_part,
        style_ids=MappingProxyType(styles.style_ids),
        default_style_id=styles.default_style_id,
        parts=MappingProxyType(styles.parts),
        supplied=styles.added,
        contents_tabbed=styles.contents_tabbed,
        text_width=_text_width(sections[-1]) if sections else FALLBACK_TEXT_WIDTH,
        text_height=_text_height(sections[-1]) if sections else FALLBACK_TEXT_HEIGHT,
        even_and_odd_headers=even_and_odd,
        skeleton=opc.xml_bytes(document),
    )


def on_off(element: etree._Element | None) -> bool:
    """An ST_OnOff element: absent is off; present without `w:val` is on."""
    return element is not None and on_off_value(element.get(qn("w:val")), absent=True)


def on_off_value(value: str | None, absent: bool) -> bool:
    return absent if value is None else value in ("1", "true", "on")


def _text_width(sect_pr: etree._Element) -> int:
    """Page width less the left and right margins, in EMU; the fallback when page setup is absent."""
    size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
    page = _measure(size.get(qn("w:w")) if size is not None else None)
    left = _measure(margins.get(qn("w:left")) if margins is not None else None)
    right = _measure(margins.get(qn("w:right")) if margins is not None else None)
    return int(page - left - right) or FALLBACK_TEXT_WIDTH


def _text_height(sect_pr: etree._Element) -> int:
    """Page height less the top and bottom margins, in EMU; the fallback when page setup is absent.

    A negative margin (text may run into the header) counts by its size, as Word lays it out."""
    size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
    page = _measure(size.get(qn("w:h")) if size is not None else None)
    top = abs(_measure(margins.get(qn("w:top")) if margins is not None else None))
    bottom = abs(_measure(margins.get(qn("w:bottom")) if margins is not None else None))
    return int(page - top - bottom) if page > top + bottom else FALLBACK_TEXT_HEIGHT


def _measure(value: str | None) -> int:
    """A twips measure (or a universal one, "2cm") in EMU; absent counts as 0."""
    if not value:
        return 0
    try:
        if any(c in value for c in "imp"):
            return round(float(value[:-2]) * _UNIVERSAL[value[-2:]])
        return round(float(value)) * _EMU_PER_TWIP
    except (KeyError, ValueError):
        return 0


def twips(emu: int) -> int:
    """EMU to twentieths of a point, rounded as Word stores widths."""
    return round(emu / _EMU_PER_TWIP)
