"""What an output may hold: the one allowlist both renderers copy a reference file through.

A pack's reference .docx/.pptx is copied into every brief and deck reportgen writes, and the
outputs are mailed on to others. As mail gateways sanitise Office files, a reference is reduced
once, when it is read (renderers.ooxml.references), to what reportgen understands:

- parts reached from the package's own relationships through the types in `KNOWN` (styles,
  themes, masters, layouts, headers, pictures…); every other relationship (an embedded or linked
  object, a macro project, an ActiveX control, a type reportgen does not know) is left out with
  the markup that names it, and so is every part no kept relationship reaches (an orphan);
- parts whose content type is active content (`ACTIVE_CONTENT`), whatever relationship reaches them;
- links outside the file only as web and mail hyperlinks, which fetch nothing until clicked;
- no DOCTYPE in any XML part: a part declaring one is rebuilt without it (its entity references
  dropped, nothing expanded or fetched), Word and PowerPoint parts alike;
- Word fields only of the kinds in `FIELDS`: any other keeps its last result as plain text;
- nothing of the reference's own content, which no output copies: a Word body (its page setup
  stays) and a deck's slides.

Each thing left out is one line of `Package.notes`, naming it, which the renderers print as
warnings. Where leaving something out would break the file (its main part, a part that is not
well-formed), reading fails with a PackageError that the renderers turn into a pack error.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from reportgen.renderers.ooxml import fields
from reportgen.renderers.ooxml.namespaces import NS, qn
from reportgen.renderers.ooxml.opc import (
    CONTENT_TYPES,
    RT_CORE,
    RT_OFFICE,
    RT_OFFICE_DOCUMENT,
    RT_SLIDE,
    Package,
    PackageError,
    parse_xml,
    rels_name,
    resolve_target,
    xml_bytes,
)

_MS = "http://schemas.microsoft.com/office"
_HYPERLINK = f"{RT_OFFICE}/hyperlink"

#: The relationship types an output may hold: those the renderers write or read, and the passive
#: parts Word and PowerPoint keep beside them (properties, settings, fonts, comments, diagrams).
KNOWN = frozenset(
    {
        RT_CORE,
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
        *(
            f"{RT_OFFICE}/{name}"
            for name in (
                "officeDocument", "extended-properties", "custom-properties", "customXml", "customXmlProps",
                "theme", "themeOverride", "image", "hyperlink", "font", "chart", "tags",
                "diagramData", "diagramLayout", "diagramQuickStyle", "diagramColors",
                # WordprocessingML
                "styles", "numbering", "settings", "webSettings", "fontTable", "header", "footer",
                "footnotes", "endnotes", "comments", "glossaryDocument",
                # PresentationML
                "slide", "slideLayout", "slideMaster", "notesSlide", "notesMaster", "handoutMaster",
                "presProps", "viewProps", "tableStyles", "commentAuthors", "printerSettings",
            )
        ),
        f"{_MS}/2007/relationships/hdphoto",
        f"{_MS}/2007/relationships/stylesWithEffects",
        f"{_MS}/2007/relationships/diagramDrawing",
        f"{_MS}/2011/relationships/chartStyle",
        f"{_MS}/2011/relationships/chartColorStyle",
        f"{_MS}/2011/relationships/people",
        f"{_MS}/2011/relationships/commentsExtended",
        f"{_MS}/2016/09/relationships/commentsIds",
        f"{_MS}/2016/11/relationships/changesInfo",
        f"{_MS}/2015/10/relationships/revisionInfo",
        f"{_MS}/2018/10/relationships/authors",
    }
)  # fmt: skip

#: How a note names what a relationship type left out brings (by the type's last segment).
_DESCRIBED = {
    "oleObject": "an embedded or linked object",
    "package": "an embedded file",
    "control": "an ActiveX control",
    "activeXControlBinary": "an ActiveX control",
    "vbaProject": "a macro project",
    "wordVbaData": "macro data",
    "vbaData": "macro data",
    "attachedTemplate": "an attached template",
    "subDocument": "a subdocument",
    "aFChunk": "an imported piece of another document",
    "frame": "a frame's linked page",
    "vmlDrawing": "a legacy drawing (VML, as objects and controls use)",
    "extensibility": "a ribbon customisation",
    "keyMapCustomizations": "keyboard customisations",
    "video": "a video",
    "audio": "a sound",
    "media": "a video or sound",
}

#: Content types that are active content wherever they are found (a part, or an extension's default).
ACTIVE_CONTENT = ("vbaProject", "vbaData", "activeX", "oleObject", "macroEnabled", "macroSheet")

#: Macro-enabled main parts, read as their plain kind (their macro project is left out).
_PLAIN_MAIN = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    ),
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    ),
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    ),
}

#: Word fields an output may hold: those the renderers write (PAGE, NUMPAGES, PAGEREF) and those
#: that only number or repeat the document's own text. Any other (DDE, DDEAUTO, INCLUDETEXT,
#: INCLUDEPICTURE, LINK, HYPERLINK, DATE, IF, macro buttons…) is unlinked, its result kept as text.
FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "STYLEREF", "TOC"})

_FIELDS_KEPT = "an output keeps only fields that number pages or repeat its own text"

#: External links an output may keep: web and mail hyperlinks fetch nothing until a reader clicks.
_SAFE_LINK = ("http://", "https://", "mailto:")

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OFFICE_VML = "urn:schemas-microsoft-com:office:office"
#: Elements that mean nothing without the relationship they name: removed with it.
_NEEDS_ITS_RELATIONSHIP = {
    *(
        qn(tag)
        for tag in (
            "w:attachedTemplate", "w:subDoc", "w:altChunk", "p:sldMasterId", "p:sldLayoutId", "p:sldId",
            "p:notesMasterId", "p:handoutMasterId", "p:control", "p:legacyDrawing", "p:legacyDrawingHF",
            "c:externalData", "a:hlinkClick", "a:hlinkHover", "a:snd",
            "a:videoFile", "a:audioFile", "a:quickTimeFile", "a:wavAudioFile",
        )
    ),
    f"{{{_MS}/powerpoint/2010/main}}media",
}  # fmt: skip
#: Objects and controls: removed with the frame or object that shows them (and, inside alternate
#: content, with the whole `mc:AlternateContent`), since a frame without its object is invalid.
_OBJECTS = {qn("p:oleObj"), qn("w:control"), f"{{{_OFFICE_VML}}}OLEObject"}
_HOLDERS = {qn("p:graphicFrame"), qn("w:object")}
_LISTS = {qn("p:controls")}
_ALTERNATIVES = {f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"}
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def clean(package: Package) -> tuple[str, ...]:
    """Reduce `package` to the allowlist in place; one note for each thing left out."""
    notes: list[str] = []
    _plain_content_types(package)
    # DOCTYPEs go first, before any part is parsed and written again (which would keep its entities).
    rebuilt = [
        n for n in package.parts if n != CONTENT_TYPES and _is_xml(package, n) and _declares_dtd(package.parts[n])
    ]
    for name in rebuilt:
        package.parts[name] = _without_dtd(package, name)
    reached, left_out = _walk(package, notes)
    main = package.main_part()
    _drop_unreached(package, reached, left_out, notes)
    notes.extend(
        f"a DOCTYPE removed from {n} (entities are never expanded or fetched)" for n in rebuilt if n in package.parts
    )
    if package.content_type(main) == _WORD_MAIN:
        package.parts[main] = _emptied_body(package.xml(main))
    for name, data in list(package.parts.items()):
        if _is_xml(package, name) and fields.might_hold_fields(data):
            root = package.xml(name)
            kinds = fields.unlink(root, FIELDS)
            if kinds:
                package.parts[name] = xml_bytes(root)
                said = ", ".join(dict.fromkeys(kinds))
                notes.append(f"field(s) {said} in {name} left as their text ({_FIELDS_KEPT})")
    return tuple(dict.fromkeys(notes))


def _plain_content_types(package: Package) -> None:
    """A macro-enabled main part read as its plain kind; no default content type of active content."""
    for name, content_type in list(package.overrides.items()):
        if content_type in _PLAIN_MAIN:
            package.overrides[name] = _PLAIN_MAIN[content_type]
    for ext, content_type in list(package.defaults.items()):
        if any(marker in content_type for marker in ACTIVE_CONTENT):
            del package.defaults[ext]


def _drop_unreached(package: Package, reached: set[str], left_out: set[str], notes: list[str]) -> None:
    """Remove every part the walk did not reach (and the relationships of those), noting the
    orphans: a part a left-out relationship pointed at was noted with it."""
    for name in [n for n in package.parts if n != CONTENT_TYPES and n not in reached]:
        if name.endswith(".rels") and (_source_of(name) in reached or name == rels_name("")):
            continue  # the relationships of a kept part, or the package's own
        if not name.endswith(".rels") and name not in left_out:
            notes.append(f"a part nothing in the file uses left out ({name})")
        del package.parts[name]
        package.overrides.pop(name, None)


def _walk(package: Package, notes: list[str]) -> tuple[set[str], set[str]]:
    """The parts reached from the package's relationships through kept ones, and those a left-out
    relationship pointed at; every relationship not kept is removed, with the markup naming it in
    its source part."""
    reached: set[str] = {""}
    left_out: set[str] = set()
    pending = [""]
    while pending:
        source = pending.pop(0)
        name = rels_name(source)
        if name not in package.parts:
            continue
        root = parse_xml(package.parts[name])
        dropped = set()
        for rel in list(root):
            if not isinstance(rel.tag, str):
                continue
            verdict = _verdict(package, source, rel)
            if verdict is None:
                target = resolve_target(source, rel.get("Target", ""))
                if rel.get("TargetMode") != "External" and target not in reached:
                    reached.add(target)
                    pending.append(target)
                continue
            if verdict:
                notes.append(verdict)
            if rel.get("TargetMode") != "External":
                left_out.add(resolve_target(source, rel.get("Target", "")))
            dropped.add(rel.get("Id", ""))
            root.remove(rel)
        if dropped:
            package.parts[name] = xml_bytes(root)
            if source in package.parts and source.endswith(".xml"):
                package.parts[source] = _without_references(package.xml(source), dropped)
    reached.discard("")
    return reached, left_out


def _verdict(package: Package, source: str, rel: etree._Element) -> str | None:
    """None to keep the relationship; else the note saying what leaving it out leaves out ("" for
    nothing worth a note: a reference's own slides, which no deck copies)."""
    rel_type, target = rel.get("Type", ""), rel.get("Target", "")
    kind = rel_type.rstrip("/").rsplit("/", 1)[-1]
    where = source or "the package"
    if rel.get("TargetMode") == "External":
        if rel_type == _HYPERLINK and target.lower().startswith(_SAFE_LINK):
            return None
        return f"a link outside the file ({kind} to {target!r}) left out"
    part = resolve_target(source, target)
    if rel_type not in KNOWN:
        what = _DESCRIBED.get(kind, f"a part reportgen does not use ({kind})")
        return f"{what} left out ({part}, from {where})"
    if part not in package.parts:
        return f"a relationship to a missing part ({kind}: {target!r}) left out"
    content_type = package.content_type(part)
    if any(marker in content_type for marker in ACTIVE_CONTENT):
        return f"active content left out ({part}, {content_type}, from {where})"
    if rel_type == RT_SLIDE and package.content_type(source) == _PRESENTATION:
        return ""
    if rel_type == RT_OFFICE_DOCUMENT and source:
        return f"an embedded document left out ({part}, from {where})"
    return None


def _source_of(rels_part: str) -> str:
    """`word/_rels/document.xml.rels` -> `word/document.xml`; `_rels/.rels` -> "" (the package)."""
    folder, name = posixpath.split(rels_part)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")]).lstrip("/")


def _is_xml(package: Package, name: str) -> bool:
    """Whether a part is XML, by its name or its content type (a binary part is never parsed)."""
    return name.endswith((".xml", ".rels", ".vml")) or package.content_type(name).endswith("xml")


def _without_references(root: etree._Element, dropped: set[str]) -> bytes:
    """The part with no `r:` attribute naming a dropped relationship: an element that means nothing
    without it goes, an object goes with the frame that shows it, any other loses the attribute."""
    prefix = f"{{{NS['r']}}}"
    for element in list(root.iter()):
        names = [name for name, value in element.attrib.items() if name.startswith(prefix) and value in dropped]
        if not names or _detached(element, root):
            continue
        if element.tag in _OBJECTS:
            _remove(_holder(element))
        elif element.tag in _NEEDS_ITS_RELATIONSHIP:
            _remove(element)
        else:
            for name in names:
                del element.attrib[name]
    return xml_bytes(root)


def _detached(element: etree._Element, root: etree._Element) -> bool:
    """Whether an earlier removal already took the element out of the tree."""
    while element is not root:
        parent = element.getparent()
        if parent is None:
            return True
        element = parent
    return False


def _holder(element: etree._Element) -> etree._Element:
    """The frame or object an object or control is shown in, or the alternate content holding it."""
    found = element
    for ancestor in element.iterancestors():
        if ancestor.tag in _HOLDERS:
            found = ancestor
            break
    parent = found.getparent()
    if parent is not None and parent.tag in _ALTERNATIVES and parent.getparent() is not None:
        return parent.getparent()  # type: ignore[return-value]
    return found


def _remove(element: etree._Element) -> None:
    """Remove the element, and its list when that is left empty (an empty `p:controls` is invalid)."""
    parent = element.getparent()
    if parent is None:
        return
    parent.remove(element)
    if parent.tag in _LISTS and len(parent) == 0:
        _remove(parent)


def _emptied_body(document: etree._Element) -> bytes:
    """A Word main part with its body's content removed and its sections' properties kept: the
    reference's sample text describes the reference, and no brief copies it."""
    body = document.find(qn("w:body"))
    for child in list(body) if body is not None else ():
        if child.tag != qn("w:sectPr"):
            body.remove(child)  # type: ignore[union-attr]
    return xml_bytes(document)


def _declares_dtd(data: bytes) -> bool:
    """Whether an XML part's bytes declare a DOCTYPE (UTF-16 parts are tested without the zero
    bytes that interleave their ASCII)."""
    head = data.replace(b"\x00", b"") if b"\x00" in data[:4] else data
    return b"<!DOCTYPE" in head


def _without_dtd(package: Package, name: str) -> bytes:
    """The part rebuilt without its DOCTYPE, every entity reference dropped (its text is never
    expanded); a part that is not well-formed XML is a PackageError."""
    try:
        root = package.xml(name)
    except PackageError:
        raise PackageError(f"part '{name}' declares a DOCTYPE and is not well-formed XML") from None
    for element in root.iter():
        for attribute, value in list(element.attrib.items()):
            element.set(attribute, value)  # an entity in an attribute is written as its (internal) text
    for entity in list(root.iter(etree.Entity)):
        parent = entity.getparent()
        if parent is None:
            continue
        if entity.tail:
            previous = entity.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + entity.tail
            else:
                parent.text = (parent.text or "") + entity.tail
        parent.remove(entity)
    return xml_bytes(root)
