"""Children land where their parent's schema sequence wants them, whatever the reference holds."""

from __future__ import annotations

import pytest
from lxml import etree

from reportgen.renderers.ooxml import schema_order
from reportgen.renderers.ooxml.namespaces import NS, qn


def _tree(parent: str, children: str) -> etree._Element:
    return etree.fromstring(f'<{parent} xmlns:w="{NS["w"]}" xmlns:p="{NS["p"]}">{children}</{parent}>')


def _tags(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_a_right_to_left_table_mark_goes_after_the_table_style_not_first() -> None:
    tbl_pr = _tree("w:tblPr", '<w:tblStyle w:val="Grid"/><w:tblW w:w="0"/><w:tblLook/>')
    schema_order.insert(tbl_pr, etree.Element(qn("w:bidiVisual")))
    assert _tags(tbl_pr) == ["tblStyle", "bidiVisual", "tblW", "tblLook"]


def test_a_run_property_goes_before_the_later_ones_and_replace_keeps_one() -> None:
    rpr = _tree("w:rPr", '<w:b/><w:color w:val="000000"/><w:sz w:val="20"/><w:lang w:val="ar"/>')
    schema_order.insert(rpr, etree.Element(qn("w:rtl")))
    schema_order.replace(rpr, etree.Element(qn("w:color"), {qn("w:val"): "1F3864"}))
    assert _tags(rpr) == ["b", "color", "sz", "rtl", "lang"]
    assert rpr.find(qn("w:color")).get(qn("w:val")) == "1F3864"


def test_header_and_footer_references_share_a_place_before_the_page_settings() -> None:
    section = _tree("w:sectPr", "<w:footerReference/><w:pgSz/><w:pgMar/>")
    schema_order.insert(section, etree.Element(qn("w:headerReference")))
    assert _tags(section) == ["footerReference", "headerReference", "pgSz", "pgMar"]


def test_unknown_children_are_passed_over_and_a_missing_child_is_made_in_place() -> None:
    presentation = _tree("p:presentation", "<p:sldMasterIdLst/><p:extra/><p:sldSz/><p:notesSz/>")
    made = schema_order.child(presentation, "p:sldIdLst")
    assert _tags(presentation) == ["sldMasterIdLst", "extra", "sldIdLst", "sldSz", "notesSz"]
    assert schema_order.child(presentation, "p:sldIdLst") is made


def test_a_parent_without_a_known_sequence_is_an_error_not_a_guess() -> None:
    with pytest.raises(KeyError, match="no schema sequence"):
        schema_order.insert(_tree("w:body", ""), etree.Element(qn("w:p")))
