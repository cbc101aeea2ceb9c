"""Placing a child where its parent's schema sequence wants it, from one table per parent element.

Office schemas fix the order of children in property containers (`w:pPr`, `w:rPr`, `w:tcPr`,
`p:presentation`…); Word and PowerPoint refuse files whose children are out of order even where
LibreOffice copes. A reference document written by someone else may hold any of a container's
children, so each table below is the whole sequence from ECMA-376 Part 1 (§17 WordprocessingML,
§19 PresentationML), not only the children reportgen writes. Elements of a choice group share a
rank (a section's header and footer references may interleave).
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from reportgen.renderers.ooxml.namespaces import qn

_RPR = (  # CT_ParaRPr's revision marks, then EG_RPrBase (CT_RPr), then the change record
    "w:ins", "w:del", "w:moveFrom", "w:moveTo",
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath", "w:rPrChange",
)  # fmt: skip

#: Parent element -> its children in schema order; a tuple groups the members of a choice.
SEQUENCES: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "w:pPr": (  # CT_PPrBase, then CT_PPr's own
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
        "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
        "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
        "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    ),
    "w:rPr": _RPR,
    "w:style": (  # CT_Style
        "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority",
        "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose",
        "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
    ),
    "w:tcPr": (  # CT_TcPr
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
        "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
        ("w:cellIns", "w:cellDel", "w:cellMerge"), "w:tcPrChange",
    ),
    "w:tblPr": (  # CT_TblPr
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
        "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
    ),
    "w:sectPr": (  # CT_SectPr: any number of header and footer references first, in any order
        ("w:headerReference", "w:footerReference"), "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
        "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
        "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
        "w:printerSettings", "w:sectPrChange",
    ),
    "p:presentation": (  # CT_Presentation
        "p:sldMasterIdLst", "p:notesMasterIdLst", "p:handoutMasterIdLst", "p:sldIdLst", "p:sldSz", "p:notesSz",
        "p:smartTags", "p:embeddedFontLst", "p:custShowLst", "p:photoAlbum", "p:custDataLst", "p:kinsoku",
        "p:defaultTextStyle", "p:modifyVerifier", "p:extLst",
    ),
}  # fmt: skip


@cache
def _ranks(parent: str) -> dict[str, int]:
    """Clark name of the parent -> {Clark name of a child: its place in the sequence}."""
    for prefixed, sequence in SEQUENCES.items():
        if qn(prefixed) == parent:
            ranks: dict[str, int] = {}
            for rank, member in enumerate(sequence):
                for tag in member if isinstance(member, tuple) else (member,):
                    ranks[qn(tag)] = rank
            return ranks
    raise KeyError(f"no schema sequence is known for {parent}")


def insert(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Insert `child` before the first child of `parent` that the schema puts after it, or at the
    end; returns `child`. Children the table does not know (extensions) are passed over."""
    ranks = _ranks(str(parent.tag))
    rank = ranks[str(child.tag)]
    for existing in parent:
        if ranks.get(str(existing.tag), -1) > rank:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def replace(parent: etree._Element, child: etree._Element) -> etree._Element:
    """`insert`, after removing any child of the same tag (a property set anew)."""
    for old in parent.findall(str(child.tag)):
        parent.remove(old)
    return insert(parent, child)


def child(parent: etree._Element, tag: str) -> etree._Element:
    """The child `tag` (prefixed, "w:jc") of `parent`, inserted empty in its place when missing."""
    found = parent.find(qn(tag))
    return found if found is not None else insert(parent, etree.Element(qn(tag)))
