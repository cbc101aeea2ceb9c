"""The Outline: what an audience pack's templates render to, and what renderers consume.

Templates emit a small XML vocabulary (documented in docs/packs.md). XML, rendered with Jinja's
autoescaping, is what keeps article text from ever injecting structure: a "<" or "{{" in an
article arrives as text, never as a block. Parsing refuses DTDs and entities, since templates may
come from other people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from reportgen.errors import PackError


@dataclass(frozen=True)
class Meta:
    """Document properties: core properties of both files and the marking on every page."""

    title: str = ""
    subject: str = ""
    keywords: str = ""
    author: str = "reportgen"
    marking: str = ""
    date: str = ""
    audience: str = ""


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str = ""
    audience: str = ""
    marking: str = ""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    style: str = ""


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Callout:
    """A shaded box (the bottom line up front): a title and its bullets."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Slide:
    """One planned slide. The pptx renderer may split it into continuation slides to fit."""

    kind: str  # "title", "bullets", "section"
    title: str
    subtitle: str = ""
    items: tuple[str, ...] = ()
    notes: str = ""
    layout: str = ""


Block = Cover | Heading | Para | BulletList | Callout | PageBreak | Slide


@dataclass(frozen=True)
class Outline:
    kind: str  # "brief" or "deck"
    meta: Meta
    blocks: tuple[Block, ...] = field(default_factory=tuple)


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def parse_outline(xml_text: str, origin: str = "template") -> Outline:
    """Parse rendered template output into an Outline, naming `origin` in every error."""
    if "<!DOCTYPE" in xml_text or "<!ENTITY" in xml_text:
        raise PackError(f"{origin}: DOCTYPE and entity declarations are not allowed in an outline")
    try:
        root = etree.fromstring(xml_text.strip().encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise PackError(f"{origin}: rendered outline is not well-formed XML: {exc}") from exc
    if root.tag != "document" or root.get("kind") not in ("brief", "deck"):
        raise PackError(f'{origin}: the outline must be <document kind="brief|deck">')
    meta = Meta()
    blocks: list[Block] = []
    for el in root:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "meta":
            meta = Meta(**{k: _clean(v) for k, v in el.attrib.items() if k in Meta.__dataclass_fields__})
        else:
            blocks.append(_block(el, origin))
    return Outline(kind=str(root.get("kind")), meta=meta, blocks=tuple(blocks))


def _clean(text: str | None) -> str:
    """Collapse white space: template indentation must not leak into documents."""
    return " ".join((text or "").split())


def _items(el: etree._Element) -> tuple[str, ...]:
    return tuple(_clean(i.text) for i in el if i.tag == "item" and _clean(i.text))


def _child_text(el: etree._Element, tag: str) -> str:
    child = el.find(tag)
    return _clean(child.text) if child is not None else ""


def _block(el: etree._Element, origin: str) -> Block:
    tag = str(el.tag)
    if tag == "cover":
        return Cover(
            title=_clean(el.get("title")),
            subtitle=_clean(el.get("subtitle")),
            audience=_clean(el.get("audience")),
            marking=_clean(el.get("marking")),
        )
    if tag == "heading":
        level = el.get("level", "1")
        if level not in ("1", "2", "3"):
            raise PackError(f"{origin} line {el.sourceline}: heading level must be 1, 2 or 3")
        return Heading(level=int(level), text=_clean(el.text))
    if tag == "paragraph":
        return Para(text=_clean(el.text), style=_clean(el.get("style")))
    if tag == "bullets":
        return BulletList(items=_items(el))
    if tag == "callout":
        return Callout(title=_clean(el.get("title")), items=_items(el))
    if tag == "pagebreak":
        return PageBreak()
    if tag == "slide":
        kind = el.get("kind", "bullets")
        if kind not in ("title", "bullets", "section"):
            raise PackError(f"{origin} line {el.sourceline}: slide kind must be title, bullets or section")
        return Slide(
            kind=kind,
            title=_child_text(el, "title"),
            subtitle=_child_text(el, "subtitle"),
            items=_items(el),
            notes="\n".join(_clean(n.text) for n in el.iter("note") if _clean(n.text)),
            layout=_clean(el.get("layout")),
        )
    raise PackError(f"{origin} line {el.sourceline}: unknown outline element <{tag}>")
