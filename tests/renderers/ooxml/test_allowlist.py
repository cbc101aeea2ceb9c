"""Outputs hold only what reportgen understands, whatever the reference carries (issue 19, part 2).

A hostile reference .docx and .pptx (tests.support.hostile: OLE, ActiveX, a macro project,
DOCTYPEs with external entities, DDE / DDEAUTO / INCLUDETEXT fields, links outside the file,
orphan parts) are built with; the output's parts, relationships and fields are listed and checked
against the one allowlist (renderers.ooxml.allowlist), and each thing left out is named in a note.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from reportgen.errors import PackError
from reportgen.outline import Outline
from reportgen.outlining import outline_for
from reportgen.packs import find_pack
from reportgen.pipeline import build
from reportgen.renderers import get_renderer, reference_notes
from reportgen.renderers.ooxml import allowlist, fields, opc
from reportgen.renderers.ooxml.namespaces import qn
from tests.builders import ROOT, SAMPLE, make_full_brief
from tests.support.foreign import pack_with_reference
from tests.support.hostile import PLANTED, hostile_docx, hostile_pptx
from tests.support.office import validation_errors

BUILT_IN = {kind: ROOT / "templates" / "analyst" / f"reference.{kind}" for kind in ("docx", "pptx")}
MAKERS = {"docx": hostile_docx, "pptx": hostile_pptx}
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


@cache
def _outline(kind: str) -> Outline:
    return outline_for(make_full_brief(), find_pack("analyst"), kind)


def _hostile(kind: str, tmp_path: Path) -> Path:
    return MAKERS[kind](BUILT_IN[kind], tmp_path / f"hostile.{kind}")


def inventory(data: bytes) -> dict[str, object]:
    """What an output holds: its parts, relationship types, external targets, Word field kinds
    and the parts declaring a DOCTYPE."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: archive.read(name) for name in archive.namelist()}
    types, external, kinds, doctypes, targets = set(), set(), set(), set(), set()
    for name, part in parts.items():
        if name.endswith((".xml", ".rels", ".vml")) and b"<!DOCTYPE" in part:  # XML parts (a Mac printer
            doctypes.add(name)  # settings part is a binary blob holding a plist, which Office keeps)
        if name.endswith(".rels"):
            folder = posixpath.dirname(posixpath.dirname(name))
            for rel in etree.fromstring(part).iter(_RELS):
                types.add(rel.get("Type"))
                if rel.get("TargetMode") == "External":
                    external.add(rel.get("Target"))
                else:
                    targets.add(posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))).lstrip("/"))
        elif name.endswith(".xml") and fields.might_hold_fields(part):
            root = etree.fromstring(part)
            kinds.update(fields.kind(e.get(qn("w:instr"), "")) for e in root.iter(qn("w:fldSimple")))
            kinds.update(fields.kind(e.text or "") for e in root.iter(qn("w:instrText")) if (e.text or "").strip())
    return {"parts": set(parts), "types": types, "external": external, "fields": kinds, "doctypes": doctypes,
            "targets": targets}  # fmt: skip


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_an_output_of_a_hostile_reference_holds_only_allowed_parts_links_and_fields(kind: str, tmp_path: Path) -> None:
    data = get_renderer(kind)(_outline(kind), _hostile(kind, tmp_path))
    found = inventory(data)
    assert not found["parts"] & set(PLANTED[kind]), found["parts"] & set(PLANTED[kind])
    assert found["types"] <= allowlist.KNOWN | {opc.RT_PACKAGE}, found["types"] - allowlist.KNOWN
    workbooks = {p for p in found["parts"] if "/embeddings/" in p}  # type: ignore[attr-defined]
    assert all(p.startswith("ppt/embeddings/Microsoft_Excel_Sheet") for p in workbooks), workbooks  # charts' own
    assert found["external"] <= {"https://example.org/"}, found["external"]
    assert found["fields"] <= allowlist.FIELDS, found["fields"]
    assert not found["doctypes"], found["doctypes"]
    parts = found["parts"]
    assert isinstance(parts, set)
    orphans = {p for p in parts if not p.endswith(".rels") and p != "[Content_Types].xml"} - found["targets"]  # type: ignore[operator]
    assert not orphans, orphans
    for name in parts:
        if name.endswith((".xml", ".rels")):
            etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))  # every part well-formed
    text = b"".join(zipfile.ZipFile(io.BytesIO(data)).read(n) for n in parts)
    for trace in (b"oleObj", b"OLEObject", b"p:control", b"w:control", b"file:///", b"root:"):
        assert trace not in text, trace


def test_fields_left_out_keep_their_text_and_allowed_ones_stay(tmp_path: Path) -> None:
    data = get_renderer("docx")(_outline("docx"), _hostile("docx", tmp_path))
    notes = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
    assert "dde result" in notes and "dde2 result" in notes and "included" in notes
    assert "DDE" not in notes and "INCLUDETEXT" not in notes and "PAGE" in notes


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_each_thing_left_out_is_named_in_a_warning(kind: str, tmp_path: Path) -> None:
    said = "\n".join(reference_notes(kind, _hostile(kind, tmp_path)))
    prefix = "word" if kind == "docx" else "ppt"
    for expected in (
        f"embedded or linked object left out ({prefix}/embeddings/oleObject1.bin",
        f"ActiveX control left out ({prefix}/activeX/activeX1.xml",
        f"macro project left out ({prefix}/vbaProject.bin",
        "'file:///etc/passwd'",
        f"a part nothing in the file uses left out ({prefix}/orphan.xml)",
        "a part nothing in the file uses left out (evil/payload.exe)",
        f"a DOCTYPE removed from {prefix}/theme/theme1.xml",
        "a DOCTYPE removed from customXml/item1.xml",
    ):
        assert expected in said, (expected, said)
    if kind == "pptx":
        assert "a DOCTYPE removed from ppt/slideLayouts/slideLayout2.xml" in said
        assert "'file:///c:/windows/system32/calc.exe'" in said
    else:
        assert "field(s) DDEAUTO, DDE, INCLUDETEXT in word/footnotes.xml left as their text" in said
        assert "field(s) DDEAUTO, DDE, INCLUDETEXT in word/glossary/document.xml left as their text" in said
        assert "an imported piece of another document left out (word/afchunk.htm" in said
    assert len(said.splitlines()) == len(set(said.splitlines()))


def test_the_built_in_references_lose_nothing() -> None:
    assert reference_notes("docx", BUILT_IN["docx"]) == ()
    assert reference_notes("pptx", BUILT_IN["pptx"]) == ()


def test_a_deck_whose_master_carries_an_ole_object_builds_without_it_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through a pack: the OLE Package object and DOCTYPEs pass the pack's safety check (it
    refuses macros and controls by name), and the allowlist leaves them out of the deck."""
    reference = hostile_pptx(BUILT_IN["pptx"], tmp_path / "deck.pptx", controls=False)
    packs = pack_with_reference(tmp_path, reference, "pptx")
    result = build(SAMPLE, audience="t", out_dir=tmp_path / "out", templates_dir=packs)
    warnings = "\n".join(result.warnings)
    assert "embedded or linked object left out (ppt/embeddings/oleObject1.bin" in warnings
    assert "a DOCTYPE removed from ppt/slideLayouts/slideLayout2.xml" in warnings
    found = inventory(result.files["pptx"].read_bytes())
    assert not found["doctypes"] and "ppt/embeddings/oleObject1.bin" not in found["parts"]  # type: ignore[operator]


def test_a_part_declaring_a_doctype_that_is_not_well_formed_refuses_the_reference(tmp_path: Path) -> None:
    source = BUILT_IN["pptx"]
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(broken, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "ppt/theme/theme1.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><a:theme>&e;'
            copy.writestr(info, data)
    with pytest.raises(PackError, match=r"ppt/theme/theme1\.xml.*DOCTYPE"):
        get_renderer("pptx")(_outline("pptx"), broken)


def test_unlinking_a_field_removes_fields_nested_in_its_instruction() -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def mark(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    def instr(text: str) -> str:
        return f"<w:r><w:instrText>{text}</w:instrText></w:r>"

    xml = (
        f'<w:p xmlns:w="{w}">{mark("begin")}{instr(" IF ")}{mark("begin")}{instr(" DATE ")}{mark("separate")}'
        f"<w:r><w:t>2024</w:t></w:r>{mark('end')}{instr(' = 1 yes no ')}{mark('separate')}<w:r><w:t>yes</w:t></w:r>"
        f"{mark('end')}{mark('begin')}{instr(' PAGE ')}{mark('separate')}<w:r><w:t>3</w:t></w:r>{mark('end')}</w:p>"
    )
    root = etree.fromstring(xml)
    assert fields.unlink(root, allowlist.FIELDS) == ["DATE", "IF"]
    assert "".join(root.itertext()) == "yes PAGE 3"


@pytest.mark.office
@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_an_output_of_a_hostile_reference_passes_the_open_xml_validator(kind: str, tmp_path: Path) -> None:
    clean = tmp_path / f"clean.{kind}"
    clean.write_bytes(get_renderer(kind)(_outline(kind), BUILT_IN[kind]))
    out = tmp_path / f"out.{kind}"
    out.write_bytes(get_renderer(kind)(_outline(kind), _hostile(kind, tmp_path)))
    described = {str(e.get("description", e)) for e in validation_errors(out)}
    assert described <= {str(e.get("description", e)) for e in validation_errors(clean)}, described


def _package(part: bytes) -> opc.Package:
    """A one-part package whose main part is `part`."""
    rels = (
        f'<Relationships xmlns="{opc.NS_RELS}"><Relationship Id="rId1" Type="{opc.RT_OFFICE_DOCUMENT}" '
        'Target="main.xml"/></Relationships>'
    )
    return opc.Package({"_rels/.rels": rels.encode(), "main.xml": part})


def test_a_doctype_is_removed_with_its_entities_in_text_and_attributes() -> None:
    package = _package(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY y "hi">]><a b="&y;">x&y;z</a>')
    assert allowlist.clean(package) == ("a DOCTYPE removed from main.xml (entities are never expanded or fetched)",)
    root = opc.parse_xml(package.parts["main.xml"])  # well-formed without the DTD
    assert root.get("b") == "hi" and root.text == "xz" and b"DOCTYPE" not in package.parts["main.xml"]


def test_an_external_entity_in_an_attribute_refuses_the_part() -> None:
    package = _package(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a b="&x;"/>')
    with pytest.raises(opc.PackageError, match=r"main\.xml"):
        allowlist.clean(package)


def test_an_ole_object_in_alternate_content_goes_with_the_whole_alternative() -> None:
    p, a, r = (f'xmlns:{k}="{v}"' for k, v in (("p", qn("p:x")[1:-2]), ("a", qn("a:x")[1:-2]), ("r", opc.RT_OFFICE)))
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    frame = (
        '<p:graphicFrame><a:graphic><a:graphicData><p:oleObj r:id="rId2"/></a:graphicData></a:graphic></p:graphicFrame>'
    )
    part = (
        f'<p:sldMaster {p} {a} {r} {mc}><p:cSld><p:spTree><p:sp/><mc:AlternateContent><mc:Choice Requires="v">{frame}'
        f"</mc:Choice><mc:Fallback>{frame}</mc:Fallback></mc:AlternateContent></p:spTree></p:cSld></p:sldMaster>"
    )
    package = _package(part.encode())
    package.parts["_rels/main.xml.rels"] = (
        f'<Relationships xmlns="{opc.NS_RELS}"><Relationship Id="rId2" Type="{opc.RT_OFFICE}/oleObject" '
        'Target="embeddings/oleObject1.bin"/></Relationships>'
    ).encode()
    package.parts["embeddings/oleObject1.bin"] = b"ole"
    allowlist.clean(package)
    cleaned = package.parts["main.xml"].decode()
    assert "AlternateContent" not in cleaned and "oleObj" not in cleaned and "<p:sp/>" in cleaned
    assert "embeddings/oleObject1.bin" not in package.parts
