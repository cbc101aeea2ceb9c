"""Styles a brief needs that a reference document lacks, brought from the built-in reference.

Templates from other people rarely have reportgen's own styles (Marking, Callout Title…), often
lack some of Word's (List Bullet, Title), and name others LibreOffice's way (Contents 1). So a style
is found by identity: the names Word, LibreOffice and reportgen give it, compared without case (Word
stores its built-in names in lower case, "heading 1", "toc 1", whatever the display language, and
localises only the style id: "Titre1"). What is still missing is copied from the built-in
reference's styles part and adapted to the template:

- based on the template's own default paragraph style (or the style it maps to), so size and
  spacing follow the template's body text;
- without the built-in's typefaces, so the template's theme fonts apply;
- its navy marked as the theme's first accent colour (Word shows the template's accent1; an
  application that ignores theme colours keeps the navy);
- List Bullet with its bullet definition, added to the template's numbering part (made when absent).

A template without any styles part gets the built-in one whole. Nothing is refused for a missing
style; `packs check` lists what is supplied, and the build says it in one line.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from reportgen.renderers.ooxml import opc
from reportgen.renderers.ooxml.namespaces import NS, qn

RT_STYLES = f"{opc.RT_OFFICE}/styles"
RT_NUMBERING = f"{opc.RT_OFFICE}/numbering"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CT_STYLES = f"{_WML}.styles+xml"
CT_NUMBERING = f"{_WML}.numbering+xml"
#: The built-in reference's navy (headings, titles, rules): the template's accent1 stands in for it.
BUILT_IN_ACCENT = "1F3864"

#: Every paragraph style a brief may use, by reportgen's name (a pack's outline may name others).
BRIEF_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Marking",
    "Footer", "Callout Title", "Callout Text", "Caption", "Source", "Table Heading", "Table Text",
    "Assessment Title", "Assessment Text", "Contents Heading", "Contents 1", "Contents 2", "Contents 3",
)  # fmt: skip
#: reportgen's name for a style -> every name it goes by, in preference order (compared without case).
ALIASES: dict[str, tuple[str, ...]] = {
    "Contents Heading": ("Contents Heading", "TOC Heading"),
    **{f"Contents {n}": (f"Contents {n}", f"toc {n}") for n in range(1, 10)},
}


#: Part name -> (bytes, content type, or None for a relationships part).
_Parts = dict[str, tuple[bytes, str | None]]


@dataclass(frozen=True)
class Supplied:
    """The reference's paragraph styles after supplying: names to ids, and the parts to write."""

    style_ids: dict[str, str]  # reportgen's name (and every other name the template has) -> style id
    default_style_id: str | None
    parts: _Parts  # to put in each render's copy of the package
    added: tuple[str, ...]  # reportgen's names of the styles brought from the built-in reference
    styles_part: str | None
    #: Whether the contents styles set a right tab for the page numbers (Word's own "toc 1" does
    #: not: its TOC field writes the tab into each entry, and so must reportgen then).
    contents_tabbed: bool = True


def paragraph_styles(styles: etree._Element) -> tuple[dict[str, str], str | None]:
    """Paragraph styles by name as written (first of a name wins, as Word resolves it), and the
    default paragraph style's id (the last one marked)."""
    by_name: dict[str, str] = {}
    default_id = None
    for style in styles.iterfind(qn("w:style")):
        if style.get(qn("w:type"), "paragraph") != "paragraph":
            continue
        style_id = style.get(qn("w:styleId"), "")
        if style.get(qn("w:default")) in ("1", "true", "on"):
            default_id = style_id
        name = style.find(qn("w:name"))
        value = name.get(qn("w:val")) if name is not None else None
        if value:
            by_name.setdefault(value, style_id)
    return by_name, default_id


def find(by_name: dict[str, str], name: str) -> str | None:
    """The id of the style `name` (reportgen's name) goes by among `by_name`, if any."""
    lowered = {key.lower(): style_id for key, style_id in reversed(list(by_name.items()))}
    for alias in ALIASES.get(name, (name,)):
        found = lowered.get(alias.lower())
        if found is not None:
            return found
    return None


def supply(package: opc.Package, main: str, wanted: Sequence[str], built_in: opc.Package) -> Supplied:
    """Find every style in `wanted` in the reference `package`, supplying those it lacks."""
    styles_part = package.related(main, RT_STYLES)
    builtin_main = built_in.main_part()
    builtin_styles = built_in.xml(_required(built_in.related(builtin_main, RT_STYLES)))
    parts: _Parts = {}
    if styles_part is None or styles_part not in package.parts:
        styles_part, root = _new_styles_part(package, main, builtin_styles, parts)
        numbering = built_in.related(builtin_main, RT_NUMBERING)
        if numbering is not None:  # the built-in styles' bullets point at its numbering part
            _add_part(package, main, RT_NUMBERING, "word/numbering.xml", built_in.parts[numbering], parts)
        added: list[str] = []
    else:
        root = package.xml(styles_part)
        added = _supply_styles(package, main, root, wanted, builtin_styles, built_in, parts)
        if added:
            parts[styles_part] = (opc.xml_bytes(root), package.content_type(styles_part) or CT_STYLES)
    by_name, default_id = paragraph_styles(root)
    ids = dict(by_name)
    for name in wanted:
        found = find(by_name, name)
        if found is not None:
            ids[name] = found
    contents = [ids[name] for name in ("Contents 1", "Contents 2", "Contents 3") if name in ids]
    tabbed = all(_has_right_tab(root, style_id) for style_id in contents)
    return Supplied(ids, default_id, parts, tuple(added), styles_part, tabbed)


def _has_right_tab(styles: etree._Element, style_id: str, depth: int = 0) -> bool:
    """Whether the paragraph style (or one it is based on) sets a right- or end-aligned tab stop."""
    style = next((s for s in styles.iterfind(qn("w:style")) if s.get(qn("w:styleId")) == style_id), None)
    if style is None or depth > 8:
        return False
    for tab in style.iterfind(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}"):
        if tab.get(qn("w:val")) in ("right", "end"):
            return True
    based = style.find(qn("w:basedOn"))
    return based is not None and _has_right_tab(styles, based.get(qn("w:val"), ""), depth + 1)


def _required(name: str | None) -> str:
    if name is None:
        raise opc.PackageError("the built-in reference has no styles part")
    return name


def _supply_styles(
    package: opc.Package,
    main: str,
    root: etree._Element,
    wanted: Sequence[str],
    builtin_styles: etree._Element,
    built_in: opc.Package,
    parts: _Parts,
) -> list[str]:
    """Copy into `root` the built-in styles of `wanted` it has no style for; their names."""
    by_name, default_id = paragraph_styles(root)
    builtin_by_name, _ = paragraph_styles(builtin_styles)
    builtin_names = {style_id: name for name, style_id in builtin_by_name.items()}
    missing = [name for name in wanted if find(by_name, name) is None and find(builtin_by_name, name)]
    if not missing:
        return []
    taken = {s.get(qn("w:styleId")) for s in root.iterfind(qn("w:style"))}
    new_ids: dict[str, str] = {}  # built-in style id -> its id in the template
    for name in missing:
        builtin_id = find(builtin_by_name, name) or ""
        style_id = builtin_id
        while style_id in taken:
            style_id += "Brief"
        taken.add(style_id)
        new_ids[builtin_id] = style_id

    builtin_default = paragraph_styles(builtin_styles)[1]

    def mapped(builtin_id: str) -> str | None:
        """The template's id for a style the built-in one refers to (basedOn, next): a supplied
        one, the template's own of that name, or for the built-in default the template's."""
        if builtin_id in new_ids:
            return new_ids[builtin_id]
        name = builtin_names.get(builtin_id)
        found = find(by_name, name) if name else None
        return found or (default_id if builtin_id == builtin_default else None)

    numbering = _Numbering(package, main, built_in, parts)
    for builtin_id, style_id in new_ids.items():
        source = next(s for s in builtin_styles.iterfind(qn("w:style")) if s.get(qn("w:styleId")) == builtin_id)
        style = copy.deepcopy(source)
        style.set(qn("w:styleId"), style_id)
        style.attrib.pop(qn("w:default"), None)
        for tag in ("w:basedOn", "w:next"):
            ref = style.find(qn(tag))
            if ref is not None:
                target = mapped(ref.get(qn("w:val"), ""))
                if target is None:
                    style.remove(ref)
                else:
                    ref.set(qn("w:val"), target)
        for tag in ("w:link", "w:rsid"):
            for element in style.findall(qn(tag)):
                style.remove(element)
        _adapt_look(style)
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            num_id.set(qn("w:val"), numbering.copy(num_id.get(qn("w:val"), "")))
        root.append(style)
    numbering.save()
    return missing


def _adapt_look(style: etree._Element) -> None:
    """The template's fonts, and its accent colour where the built-in style has its navy."""
    for fonts in style.iter(qn("w:rFonts")):
        parent = fonts.getparent()
        if parent is not None:
            parent.remove(fonts)
    for color in style.iter(qn("w:color")):
        if color.get(qn("w:val"), "").upper() == BUILT_IN_ACCENT:
            color.set(qn("w:themeColor"), "accent1")
    for border in style.iter(*(qn(f"w:{side}") for side in ("top", "left", "bottom", "right"))):
        if border.get(qn("w:color"), "").upper() == BUILT_IN_ACCENT:
            border.set(qn("w:themeColor"), "accent1")


class _Numbering:
    """The template's numbering part, receiving the built-in list definitions supplied styles use."""

    def __init__(self, package: opc.Package, main: str, built_in: opc.Package, parts: _Parts):
        self.package, self.main, self.built_in, self.parts = package, main, built_in, parts
        self.root: etree._Element | None = None
        self.name: str | None = None
        self.copied: dict[str, str] = {}

    def copy(self, builtin_num_id: str) -> str:
        """The template's numId for the built-in list `builtin_num_id` (copied once)."""
        if builtin_num_id in self.copied:
            return self.copied[builtin_num_id]
        source = self.built_in.xml(_required(self.built_in.related(self.built_in.main_part(), RT_NUMBERING)))
        num = next(n for n in source.iterfind(qn("w:num")) if n.get(qn("w:numId")) == builtin_num_id)
        abstract_id = num.find(qn("w:abstractNumId"))
        abstract = next(
            a
            for a in source.iterfind(qn("w:abstractNum"))
            if abstract_id is not None and a.get(qn("w:abstractNumId")) == abstract_id.get(qn("w:val"))
        )
        root = self._root()
        new_abstract = copy.deepcopy(abstract)
        new_abstract_id = str(
            1 + max((_int(a.get(qn("w:abstractNumId"))) for a in root.iterfind(qn("w:abstractNum"))), default=-1)
        )
        new_abstract.set(qn("w:abstractNumId"), new_abstract_id)
        new_num_id = str(1 + max((_int(n.get(qn("w:numId"))) for n in root.iterfind(qn("w:num"))), default=0))
        new_num = etree.Element(qn("w:num"), {qn("w:numId"): new_num_id})
        etree.SubElement(new_num, qn("w:abstractNumId"), {qn("w:val"): new_abstract_id})
        abstracts = root.findall(qn("w:abstractNum"))
        if abstracts:
            abstracts[-1].addnext(new_abstract)
        else:
            _insert_first_of(root, new_abstract, ("w:num", "w:numIdMacAtCleanup"))
        _insert_first_of(root, new_num, ("w:numIdMacAtCleanup",))
        self.copied[builtin_num_id] = new_num_id
        return new_num_id

    def _root(self) -> etree._Element:
        if self.root is None:
            self.name = self.package.related(self.main, RT_NUMBERING)
            if self.name is not None and self.name in self.package.parts:
                self.root = self.package.xml(self.name)
            else:
                self.name = None
                self.root = etree.Element(qn("w:numbering"), nsmap={"w": NS["w"]})
        return self.root

    def save(self) -> None:
        if self.root is None:
            return
        data = opc.xml_bytes(self.root)
        if self.name is None:
            self.name = _add_part(self.package, self.main, RT_NUMBERING, "word/numbering.xml", data, self.parts)
        else:
            self.parts[self.name] = (data, self.package.content_type(self.name) or CT_NUMBERING)


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


def _insert_first_of(root: etree._Element, child: etree._Element, before: Iterable[str]) -> None:
    """`child` before the first of `root`'s children with one of the tags `before`, else last."""
    tags = {qn(tag) for tag in before}
    for existing in root:
        if existing.tag in tags:
            existing.addprevious(child)
            return
    root.append(child)


def _new_styles_part(
    package: opc.Package, main: str, builtin_styles: etree._Element, parts: _Parts
) -> tuple[str, etree._Element]:
    name = _add_part(package, main, RT_STYLES, "word/styles.xml", opc.xml_bytes(builtin_styles), parts)
    return name, builtin_styles


def _add_part(package: opc.Package, main: str, rel_type: str, wanted: str, data: bytes, parts: _Parts) -> str:
    """A new part related from the main part, with its content type; returns its name."""
    name = wanted if wanted not in package.parts else opc.next_part_name(package.parts, wanted[:-4] + "%d.xml")
    rels = opc.EditedRels(package, main)
    rels.add(rel_type, name)
    rels.save()
    content_type = CT_STYLES if rel_type == RT_STYLES else CT_NUMBERING
    parts[name] = (data, content_type)
    parts[opc.rels_name(main)] = (package.parts[opc.rels_name(main)], None)
    return name
