"""The parts a brief adds to or rewrites in the reference's package (OPC, ECMA-376 Part 2).

Header and footer parts (when the reference has none for a page kind), the logo's image part,
the relationships that point at them, and the core properties. New parts and relationship ids take
the first free number (renderers.ooxml.opc).
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from reportgen.renderers.ooxml import opc
from reportgen.renderers.ooxml.core_properties import CONTENT_TYPE, core_properties_xml
from reportgen.renderers.ooxml.images import ImageInfo, media_name, media_type
from reportgen.renderers.ooxml.namespaces import NS, qn

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CT_HEADER = f"{_WML}.header+xml"
CT_FOOTER = f"{_WML}.footer+xml"

#: The namespaces a new header or footer part declares (those of Word's own blank header), so
#: any markup a later edit in Word adds there finds its prefix; `mc:Ignorable` needs w14 and wp14.
_STORY_NAMESPACES = {
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "mo": "http://schemas.microsoft.com/office/mac/office/2008/main",
    "mv": "urn:schemas-microsoft-com:mac:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": NS["r"],
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w": NS["w"],
    "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wp": NS["wp"],
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}


def new_story(kind: str) -> etree._Element:
    """An empty `w:hdr` or `w:ftr` root (kind "hdr"/"ftr") for a new header or footer part."""
    root = etree.Element(qn(f"w:{kind}"), nsmap=_STORY_NAMESPACES)
    root.set(f"{{{_STORY_NAMESPACES['mc']}}}Ignorable", "w14 wp14")
    return root


# --- the logo -------------------------------------------------------------------------------------


def add_image(package: opc.Package, blob: bytes, info: ImageInfo) -> str:
    """The part name of the image `blob` in the package (an identical image already there is shared)."""
    images = [n for n in package.parts if package.content_type(n).startswith("image/") and n.startswith("word/media/")]
    for name in images:
        if package.parts[name] == blob:
            return name
    ext, content_type = media_type(info)
    name = media_name(images, "word/media", ext)
    package.defaults.setdefault(ext, content_type)
    package.put(name, blob, content_type)
    return name


# --- core properties ------------------------------------------------------------------------------


def core_properties(package: opc.Package, values: list[tuple[str, str]], when: dt.datetime) -> None:
    """Set `docProps/core.xml` (made, with its relationship, when the reference has none)."""
    name = package.related("", opc.RT_CORE)
    existing = package.xml(name) if name is not None and name in package.parts else None
    if name is None or existing is None:
        name = "docProps/core.xml"
        rels = opc.EditedRels(package, "")
        rels.add(opc.RT_CORE, name)
        rels.save()
    package.put(name, core_properties_xml(existing, values, when), CONTENT_TYPE)
