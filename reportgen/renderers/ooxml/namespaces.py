"""The XML namespaces of Office Open XML by their usual prefixes, and `qn` for Clark names.

One table for both renderers and the package parts: `qn("w:p")` is the
`{http://…/wordprocessingml/2006/main}p` lxml uses. A part that creates a root element declares
only the prefixes it needs (`declared`), so a new part's bytes do not depend on this table's size.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

NS = {
    # WordprocessingML, PresentationML, DrawingML and the relationships they point through
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    # the core-properties part
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


@cache
def qn(tag: str) -> str:
    """`w:p` -> `{http://…/wordprocessingml/2006/main}p`: the Clark name lxml uses."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def declared(prefixes: Iterable[str]) -> dict[str, str]:
    """The nsmap of a new root element that declares exactly these prefixes, in this order."""
    return {prefix: NS[prefix] for prefix in prefixes}
