"""The marking at the top and bottom of every page, and "Page X of Y" above the bottom one.

Every page kind a section shows gets them: the default pages, the first page when the section
has a distinct one (`w:titlePg`), even pages when the settings ask for them (`w:evenAndOddHeaders`).
A page kind the reference has no header or footer for gets a new part, its relationship and a
`w:headerReference`/`w:footerReference` in the section, where the schema puts them.
"""

from __future__ import annotations

from lxml import etree

from reportgen.renderers.docx import parts as docx_parts
from reportgen.renderers.docx import wml
from reportgen.renderers.docx.reference import on_off
from reportgen.renderers.docx.tables import StyleSheet
from reportgen.renderers.ooxml import opc, schema_order
from reportgen.renderers.ooxml.namespaces import qn

#: Page kinds a section may define a header and footer for (ST_HdrFtr); "first" only with
#: `w:titlePg`, "even" only with `w:evenAndOddHeaders` in the settings.
_DEFAULT, _FIRST, _EVEN = "default", "first", "even"


class Stories:
    """Header and footer parts being written, by part name; `primary` are the default-page ones."""

    def __init__(self) -> None:
        self.roots: dict[str, etree._Element] = {}
        self.primary: list[etree._Element] = []


def write(
    package: opc.Package,
    rels: opc.EditedRels,
    sections: list[etree._Element],
    even_and_odd: bool,
    styles: StyleSheet,
    marking: str,
) -> Stories:
    """Write the header and footer of every page kind of every section (`w:sectPr`)."""
    stories = Stories()
    for section in sections:
        kinds = [_DEFAULT]
        if on_off(section.find(qn("w:titlePg"))):
            kinds.append(_FIRST)
        if even_and_odd:
            kinds.append(_EVEN)
        for kind in kinds:
            header = _story(package, rels, stories, section, "header", kind)
            footer = _story(package, rels, stories, section, "footer", kind)
            if kind == _DEFAULT:
                stories.primary += [header, footer]
            _clear(header)
            styles.add(header, marking, "Marking")
            _clear(footer)
            numbers = styles.add(footer, "", "Footer")
            wml.append_runs(
                numbers,
                [
                    wml.text_run("Page "),
                    *wml.field_runs("PAGE", "1"),
                    wml.text_run(" of "),
                    *wml.field_runs("NUMPAGES", "1"),
                ],
            )
            styles.add(footer, marking, "Marking")
    return stories


def _story(
    package: opc.Package,
    rels: opc.EditedRels,
    stories: Stories,
    section: etree._Element,
    which: str,
    kind: str,
) -> etree._Element:
    """The section's header or footer root for a page kind, made (part, relationship, reference)
    when the reference has none."""
    tag = qn(f"w:{which}Reference")
    found = next((r for r in section.iterfind(tag) if r.get(qn("w:type")) == kind), None)
    if found is not None:
        name = rels.target(found.get(qn("r:id"), ""))
        if name is None:
            raise opc.PackageError(f"its {which} reference {found.get(qn('r:id'))} points at no part")
        if name not in stories.roots:
            stories.roots[name] = package.xml(name)
        return stories.roots[name]
    name = opc.next_part_name(package.parts, f"word/{which}%d.xml")
    root = docx_parts.new_story("hdr" if which == "header" else "ftr")
    package.put(name, b"", docx_parts.CT_HEADER if which == "header" else docx_parts.CT_FOOTER)
    stories.roots[name] = root
    rid = rels.add(opc.RT_HEADER if which == "header" else opc.RT_FOOTER, name)
    reference = etree.Element(tag, {qn("w:type"): kind, qn("r:id"): rid})
    schema_order.insert(section, reference)
    return root


def _clear(root: etree._Element) -> None:
    for child in list(root):
        root.remove(child)
