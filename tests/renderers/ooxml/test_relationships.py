"""One relationship model for both renderers: one rId rule, existing entries kept as written."""

from __future__ import annotations

from pathlib import Path

from reportgen.renderers.ooxml import opc, references


def test_a_new_relationship_takes_the_lowest_free_id() -> None:
    assert opc.next_rid([]) == "rId1"
    assert opc.next_rid(["rId1", "rId2", "rId4"]) == "rId3"
    assert opc.next_rid(["rId1", "rId2", "rId3"]) == "rId4"
    assert opc.next_rid(["rId7", "other"]) == "rId1"


def test_an_edited_part_keeps_its_entries_verbatim_and_reuses_an_equal_relationship() -> None:
    original = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{opc.NS_RELS}">'
        f'<Relationship Id="rId2" Type="{opc.RT_IMAGE}" Target="/word/media/image1.png"/>'
        f'<Relationship Id="rId9" Type="{opc.RT_OFFICE}/hyperlink" Target="https://example.org" '
        'TargetMode="External"/></Relationships>'
    ).encode()
    package = opc.Package({"word/document.xml": b"<w/>", "word/_rels/document.xml.rels": original})
    rels = opc.EditedRels(package, "word/document.xml")
    assert rels.add(opc.RT_IMAGE, "word/media/image1.png") == "rId2"  # the absolute target resolves
    assert rels.target("rId2") == "word/media/image1.png" and rels.target("rId9") is None
    rels.save()
    assert package.parts["word/_rels/document.xml.rels"] == original  # nothing new: not rewritten
    assert rels.add(opc.RT_IMAGE, "word/media/image2.png") == "rId1"
    rels.save()
    written = package.parts["word/_rels/document.xml.rels"].decode()
    assert 'Target="/word/media/image1.png"' in written and 'Target="media/image2.png"' in written


def test_new_parts_are_named_with_the_first_free_number() -> None:
    assert opc.next_part_name({"word/header1.xml", "word/header3.xml"}, "word/header%d.xml") == "word/header2.xml"
    assert opc.next_part_name(set(), "ppt/charts/chart%d.xml") == "ppt/charts/chart1.xml"


def test_reading_leaves_out_links_outside_the_file_and_relationships_to_missing_parts(tmp_path: Path) -> None:
    import zipfile

    r = opc.RT_OFFICE
    part = (
        f'<p:sld xmlns:p="urn:p" xmlns:a="urn:a" xmlns:r="{r}"><a:blip r:embed="rId1"/>'
        '<a:blip r:link="rId2"/><a:hlinkClick r:id="rId3"/><a:blip r:embed="rId4"/></p:sld>'
    )
    rels = (
        f'<Relationships xmlns="{opc.NS_RELS}">'
        f'<Relationship Id="rId1" Type="{opc.RT_IMAGE}" Target="../media/gone.png"/>'
        f'<Relationship Id="rId2" Type="{opc.RT_IMAGE}" Target="file:///c:/a.png" TargetMode="External"/>'
        f'<Relationship Id="rId3" Type="{r}/hyperlink" Target="https://example.org" TargetMode="External"/>'
        f'<Relationship Id="rId4" Type="{opc.RT_IMAGE}" Target="../media/here.png"/></Relationships>'
    )
    path = tmp_path / "links.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(opc.CONTENT_TYPES, f'<Types xmlns="{opc.NS_CT}"/>')
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{opc.NS_RELS}"><Relationship Id="rId1" '
            f'Type="{opc.RT_OFFICE_DOCUMENT}" Target="ppt/slides/slide1.xml"/></Relationships>',
        )
        archive.writestr("ppt/slides/slide1.xml", part)
        archive.writestr("ppt/slides/_rels/slide1.xml.rels", rels)
        archive.writestr("ppt/media/here.png", b"png")
    package = references.read_package(path)
    assert [rel.id for rel in package.rels("ppt/slides/slide1.xml")] == ["rId3", "rId4"]
    slide = package.parts["ppt/slides/slide1.xml"].decode()
    assert 'r:embed="rId1"' not in slide and "r:link" not in slide
    assert 'r:id="rId3"' in slide and 'r:embed="rId4"' in slide
    assert package.notes == (
        "a relationship to a missing part (image: '../media/gone.png') left out",
        "a link outside the file (image to 'file:///c:/a.png') left out",
    )
