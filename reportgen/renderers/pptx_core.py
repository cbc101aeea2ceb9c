"""docProps/core.xml (OPC core properties, ECMA-376 Part 2 §11): title, subject, author, keywords
and the document's date, set from the outline so two renders of one article carry the same dates."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from reportgen.renderers import opc

NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_EMPTY = ("<cp:coreProperties " + " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items()) + "/>").encode()
#: What a new core properties part starts with when the reference has none (python-pptx's default).
_DEFAULTS = (("dc:title", "PowerPoint Presentation"), ("cp:lastModifiedBy", "python-pptx"), ("cp:revision", "1"))


def core_properties(existing: etree._Element | None, values: list[tuple[str, str]], stamp: datetime) -> bytes:
    """The part's bytes: each (element, text) of `values` set in place or appended (the schema sets
    no order), then `dcterms:created` and `dcterms:modified` as W3CDTF at `stamp`."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    root = existing
    if root is None:
        root = etree.fromstring(_EMPTY)
        for tag, text in (*_DEFAULTS, ("dcterms:modified", when)):
            _set(root, tag, text)
    for tag, text in values:
        _set(root, tag, text)
    for tag in ("dcterms:created", "dcterms:modified"):
        _set(root, tag, when)
    return opc.xml_bytes(root)


def _set(root: etree._Element, tag: str, text: str) -> None:
    prefix, local = tag.split(":")
    qualified = f"{{{NS[prefix]}}}{local}"
    element = root.find(qualified)
    if element is None:
        element = etree.SubElement(root, qualified)
    element.text = text
    if prefix == "dcterms":
        element.set(f"{{{NS['xsi']}}}type", "dcterms:W3CDTF")
