"""The pack's typefaces and the article's language on the reference's styles part (styles.xml).

A brand font replaces the reference's without anyone editing the reference file: it goes on the
document defaults and on every paragraph and character style that names a font (headings get the
heading face). The language goes on the document defaults, so every run inherits it.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from reportgen.outline import Meta
from reportgen.renderers.docx import wml
from reportgen.renderers.ooxml import opc, schema_order
from reportgen.renderers.ooxml.namespaces import qn

HEADING_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Callout Title")
_HEADINGS = frozenset(name.lower() for name in HEADING_STYLES)


def needs_edit(meta: Meta) -> bool:
    return bool(meta.font or meta.heading_font or meta.language)


def styled(part: bytes, meta: Meta) -> bytes:
    """The styles part with the pack's fonts and the article's language.

    A reference's styles part runs to hundreds of kilobytes (Word's latent styles), and a batch
    renders many articles with the same fonts and language: the result is cached by its inputs.
    """
    return _styled(part, meta.font, meta.heading_font, meta.language, meta.direction == "rtl")


@lru_cache(maxsize=16)
def _styled(part: bytes, font: str, heading_font: str, language: str, rtl: bool) -> bytes:
    styles = opc.parse_xml(part)
    if font or heading_font:
        _set_fonts(styles, font, heading_font)
    if language:
        wml.set_language(styles, language, rtl)
    return opc.xml_bytes(styles)


def _set_fonts(styles: etree._Element, font: str, heading_font: str) -> None:
    if font:
        wml.set_default_font(styles, font)
    for style in styles.iterfind(qn("w:style")):
        if style.get(qn("w:type"), "paragraph") not in ("paragraph", "character"):
            continue
        name_element = style.find(qn("w:name"))
        raw = name_element.get(qn("w:val")) if name_element is not None else None
        name = (raw or "").lower()  # Word stores its built-in names in lower case ("heading 1")
        heading = name in _HEADINGS or name.startswith("heading")
        face = (heading_font or font) if heading else font
        if face and (_ascii_font(style) is not None or name == "normal" or name in _HEADINGS):
            _set_style_font(style, face)


def _ascii_font(style: etree._Element) -> str | None:
    fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return fonts.get(qn("w:ascii")) if fonts is not None else None


def _set_style_font(style: etree._Element, face: str) -> None:
    """`w:rPr/w:rFonts` @w:ascii and @w:hAnsi (the Latin text slots), each added in schema order."""
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.Element(qn("w:rPr"))
        schema_order.insert(style, rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.Element(qn("w:rFonts"))
        schema_order.insert(rpr, fonts)
    fonts.set(qn("w:ascii"), face)
    fonts.set(qn("w:hAnsi"), face)
