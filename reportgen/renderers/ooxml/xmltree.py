"""Placing an element where its schema's sequence wants it, for both renderers.

Office schemas fix the order of children in most property containers (`w:pPr`, `w:tcPr`,
`p:presentation`); Word and PowerPoint refuse files whose children are out of order even where
LibreOffice copes, so a child added to existing XML goes before the first sibling that the schema
puts after it.
"""

from __future__ import annotations

from collections.abc import Collection

from lxml import etree


def insert_in_order(parent: etree._Element, child: etree._Element, later: Collection[str]) -> etree._Element:
    """Insert `child` before the first child of `parent` whose tag (Clark name) is in `later`,
    or at the end; returns `child`."""
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child
