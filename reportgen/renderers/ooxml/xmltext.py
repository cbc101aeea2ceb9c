"""XML text written as strings, byte for byte as lxml serialises it.

Parts that are new in every render (slides, notes, relationships, content types) are written as
strings rather than built as lxml trees: element creation was most of a deck's render time. These
helpers make the strings exactly what `etree.tostring` gave for the same tree, so nothing a reader
sees changes: the same declaration, escaping and refusal of characters XML cannot hold.
"""

from __future__ import annotations

import re

#: What lxml writes before a part's root element (`xml_declaration=True, standalone=True`).
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
#: Characters lxml refused in text and attributes (a ValueError): still an error, never written.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Characters escaped in element text, and in attribute values: what needs any escaping at all
#: is found with one search, since most texts and nearly all names need none.
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\t\n\r]')
#: Control characters other than tab and line feed: Office writes them as "_xHHHH_" in its text.
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")
#: Anything in run text that needs work before it is written: a control character (as "_xHHHH_"),
#: a character XML cannot hold (an error) or one XML escapes. Most runs have none: one search.
_RUN_WORK = re.compile("[\x00-\x08\x0b-\x1f&<>\ud800-\udfff\ufffe\uffff]")
#: A right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms): a
#: paragraph or run holding one is marked right to left in both renderers.
RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_NOT_XML_MESSAGE = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"


def escape_text(text: str) -> str:
    """Element text as lxml serialised it: `&`, `<`, `>` and carriage return as references.

    A character XML cannot hold at all is a ValueError, as lxml made it.
    """
    if _NOT_XML.search(text):
        raise ValueError(_NOT_XML_MESSAGE)
    if _TEXT_SPECIAL.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def escape_attribute(value: str) -> str:
    """An attribute value as lxml serialised it (double quotes; tab and line breaks as references)."""
    if _NOT_XML.search(value):
        raise ValueError(_NOT_XML_MESSAGE)
    if _ATTRIBUTE_SPECIAL.search(value) is None:
        return value
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def escape_controls(text: str) -> str:
    """Control characters other than tab and line feed as "_xHHHH_" (XML 1.0 forbids them)."""
    return _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)


def run_text(text: str) -> str:
    """Text a reader sees (a run, a chart label, a cell): control characters as "_xHHHH_", then
    escaped as element text."""
    if _RUN_WORK.search(text) is None:
        return text
    return escape_text(escape_controls(text))


def run_attribute(value: str) -> str:
    """An attribute a reader sees (a number format): control characters as "_xHHHH_", escaped."""
    return escape_attribute(escape_controls(value))
