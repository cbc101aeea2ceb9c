import pytest

from reportgen.errors import PackError
from reportgen.outline import (
    BulletList,
    Callout,
    Chart,
    Event,
    Figure,
    Figures,
    Heading,
    Judgement,
    Point,
    Slide,
    Table,
    Timeline,
    Toc,
    parse_outline,
)


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
        ("<document kind='brief'><tabel/></document>", "unknown outline element <tabel>"),
        (
            "<document kind='brief'>\n<table><head><cell>a</cell><cell>b</cell></head><row><cell>x</cell></row></table>"
            "</document>",
            "this <row> has 1 cells; the table has 2 columns .line 2 of the outline it rendered.",
        ),
        (
            "<document kind='brief'><table widths='1,x'><row><cell>a</cell><cell>b</cell></row></table></document>",
            "must be 2 positive numbers",
        ),
        ("<document kind='brief'><timeline><event>no date</event></timeline></document>", "needs a date"),
        ("<document kind='brief'><figures/></document>", "<figures> belongs inside a <slide>"),
        ("<document kind='brief'><chart/></document>", "<chart> belongs inside a <slide>"),
        ("<document kind='brief'><toc levels='4'/></document>", "toc levels must be"),
        (
            "<document kind='deck'><slide><chart><point label='a' value='1.9 bn'/></chart></slide></document>",
            'point value "1.9 bn" is not a number',
        ),
        ("<document kind='deck'><slide><chart kind='pie'/></slide></document>", "chart kind must be bar or column"),
        ("<document kind='deck'><slide kind='bullets'><timeline/></slide></document>", 'must have kind="timeline"'),
        ("<document kind='deck'><slide kind='timeline'><title>t</title></slide></document>", "slide kind must be"),
        ("<document kind='deck'><slide><item>x</item><figures/></slide></document>", "either <item>s or <figures>"),
        ("<document kind='deck'><slide><figures/><chart/></slide></document>", "at most one of"),
        ("<document kind='deck'><slide kind='title'><judgement/></slide></document>", "goes on a bullets slide"),
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


def test_tables_timelines_judgements_and_contents_parse_into_blocks() -> None:
    outline = parse_outline(
        """<document kind="brief">
          <toc title="Contents" levels="2"/>
          <table caption="Actors" widths="2, 3">
            <head><cell>Name</cell><cell> Role </cell></head>
            <row><cell>Shehbaz   Sharif</cell><cell>Prime Minister</cell></row>
            <row><cell></cell><cell>Unnamed</cell></row>
          </table>
          <timeline><event date="2014-12-24">NAP approved [¶4]</event></timeline>
          <judgement title="Assessment"><item>A neutral trend at best.</item></judgement>
        </document>"""
    )
    assert outline.blocks == (
        Toc("Contents", 2),
        Table(
            head=("Name", "Role"),
            rows=(("Shehbaz Sharif", "Prime Minister"), ("", "Unnamed")),
            caption="Actors",
            widths=(2.0, 3.0),
        ),
        Timeline((Event("2014-12-24", "NAP approved [¶4]"),)),
        Judgement("Assessment", ("A neutral trend at best.",)),
    )


def test_a_slide_holds_one_visual_and_takes_its_kind_from_it() -> None:
    outline = parse_outline(
        """<document kind="deck">
          <slide><title>Key figures</title>
            <figures><figure value="1,524" caption="fatalities in 2023"/></figures><note>n</note></slide>
          <slide kind="chart"><title>Compared</title>
            <chart kind="column" title="In 2023" unit="people">
              <point label="Fatalities" value="1,524"/><point label="Injuries" value="1463.5"/>
            </chart></slide>
          <slide kind="agenda"><title>Agenda</title><item>One</item>
            <judgement title="View"><item>Doubtful.</item></judgement></slide>
        </document>"""
    )
    figures, chart, agenda = outline.blocks
    assert isinstance(figures, Slide) and figures.kind == "figures"
    assert figures.visual == Figures((Figure("1,524", "fatalities in 2023"),)) and figures.notes == "n"
    assert isinstance(chart, Slide) and chart.visual == Chart(
        "column", "In 2023", (Point("Fatalities", 1524.0), Point("Injuries", 1463.5)), unit="people"
    )
    assert isinstance(agenda, Slide) and agenda.kind == "agenda" and agenda.items == ("One",)
    assert agenda.judgement == Judgement("View", ("Doubtful.",))
