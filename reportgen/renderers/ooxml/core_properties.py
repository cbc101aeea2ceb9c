"""docProps/core.xml (OPC core properties, ECMA-376 Part 2 §11) for both renderers.

Every property the outline knows is overwritten, and what describes the reference rather than this
document (its description, category, print date…) is dropped: a company template would otherwise
lend its own author, dates and blurb to every brief. Both dates are when the file was made: the
build time, or `SOURCE_DATE_EPOCH` when it is set (reproducible builds, and the tests, set it so
two renders of one outline are byte-identical). Until 0.5 they were the article's date, or a fixed
2000-01-01, so every brief without a dated article looked made in 2000 (issue 18).
"""

from __future__ import annotations

import datetime as dt
import os

from lxml import etree

from reportgen.errors import PackError
from reportgen.outline import Meta
from reportgen.renderers.ooxml import opc
from reportgen.renderers.ooxml.namespaces import declared, qn

CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
#: The prefixes docProps/core.xml declares, as Office writes them.
NSMAP = declared(("cp", "dc", "dcterms", "dcmitype", "xsi"))
#: Text properties are cut here, as python-docx and python-pptx did (Office's own limit for them).
TEXT_LIMIT = 255
_STALE = ("dc:description", "cp:category", "cp:contentStatus", "dc:identifier", "dc:language", "cp:version",
          "cp:lastPrinted")  # fmt: skip


def from_meta(meta: Meta) -> tuple[list[tuple[str, str]], dt.datetime]:
    """The (element, text) values and the instant both documents carry for `meta`."""
    values = [
        ("dc:title", meta.title),
        ("dc:subject", meta.subject),
        ("dc:creator", meta.author),
        ("cp:keywords", meta.keywords),
        ("cp:lastModifiedBy", "reportgen"),
        ("cp:revision", "1"),
    ]
    document_time(meta.date)  # a template that writes another form of date is still told so
    return values, build_time()


def build_time() -> dt.datetime:
    """`SOURCE_DATE_EPOCH` (whole seconds since 1970, UTC) when set, else now, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def document_time(date: str) -> dt.datetime | None:
    """Midnight UTC of the outline's ISO date (None without one); a template that writes another
    form is told so."""
    if not date:
        return None
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        raise PackError(f"document date '{date}' is not an ISO date", hint="write it as YYYY-MM-DD") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def core_properties_xml(existing: etree._Element | None, values: list[tuple[str, str]], when: dt.datetime) -> bytes:
    """The part's bytes: each (element, text) of `values` set in place or appended (the schema
    sets no order), `dcterms:created` and `dcterms:modified` at `when`, stale properties removed."""
    root = existing if existing is not None else etree.Element(qn("cp:coreProperties"), nsmap=NSMAP)
    if NSMAP["xsi"] not in root.nsmap.values():
        # Declared on the root, where Office expects it, rather than on each date element.
        root.set(qn("xsi:declare"), "")
        del root.attrib[qn("xsi:declare")]
    for tag, text in values:
        _child(root, tag).text = text[:TEXT_LIMIT]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag in ("dcterms:created", "dcterms:modified"):
        element = _child(root, tag)
        element.text = stamp
        element.set(qn("xsi:type"), "dcterms:W3CDTF")
    for tag in _STALE:
        for element in root.findall(qn(tag)):
            root.remove(element)
    return opc.xml_bytes(root)


def _child(root: etree._Element, tag: str) -> etree._Element:
    found = root.find(qn(tag))
    return found if found is not None else etree.SubElement(root, qn(tag))
