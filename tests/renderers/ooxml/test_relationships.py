"""One relationship model for both renderers: one rId rule, existing entries kept as written."""

from __future__ import annotations

from reportgen.renderers.ooxml import opc


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
