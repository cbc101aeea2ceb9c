import pytest

from reportgen.errors import PackError
from reportgen.outline import BulletList, Callout, Heading, Slide, parse_outline


def test_brief_outline_parses_into_blocks_with_white_space_collapsed() -> None:
    outline = parse_outline(
        """<document kind="brief">
          <meta title="T" marking="OFFICIAL"/>
          <heading level="1">  Background
          </heading>
          <callout title="Bottom line"><item>One.</item><item>  </item></callout>
          <bullets><item>A   b.</item></bullets>
        </document>"""
    )
    assert outline.kind == "brief" and outline.meta.marking == "OFFICIAL"
    assert outline.blocks == (
        Heading(1, "Background"),
        Callout("Bottom line", ("One.",)),
        BulletList(("A b.",)),
    )


def test_slide_collects_items_and_notes() -> None:
    outline = parse_outline(
        '<document kind="deck"><slide kind="bullets"><title>S</title><item>x</item>'
        "<note>full x [¶1]</note><note>more</note></slide></document>"
    )
    assert outline.blocks == (Slide(kind="bullets", title="S", items=("x",), notes="full x [¶1]\nmore"),)


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<document kind='brief'><heading level='1'>x</heading>", "not well-formed"),
        ("<doc/>", "must be <document"),
        ("<document kind='brief'><table/></document>", "unknown outline element <table>"),
        ("<document kind='brief'><heading level='7'>x</heading></document>", "level must be"),
        (
            '<!DOCTYPE d [<!ENTITY a "aaaa">]><document kind="brief"><paragraph>&a;</paragraph></document>',
            "DOCTYPE",
        ),
    ],
)
def test_bad_outlines_are_pack_errors_naming_the_template(xml: str, message: str) -> None:
    with pytest.raises(PackError, match=message) as info:
        parse_outline(xml, origin="brief.xml.j2")
    assert "brief.xml.j2" in str(info.value)
