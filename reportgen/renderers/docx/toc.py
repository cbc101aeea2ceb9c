"""The brief's table of contents: one entry per heading, with a page number computed at layout.

Why not Word's TOC field: a TOC field holds its entries as a cached result, and LibreOffice's
converter prints that cache as it is and never regenerates it (checked with LibreOffice 7.4: an
empty TOC field converts to an empty contents list, even with w:updateFields or w:dirty set, and
PAGEREF fields inside a TOC result print their cached text). So the entries are written here,
each a link to a bookmark on its heading followed by a PAGEREF field to that bookmark. Both
LibreOffice and Word compute PAGEREF from the laid-out pages; the fields are marked dirty so Word
refreshes them when the file is opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from reportgen.outline import Heading, Toc
from reportgen.renderers.docx import story, wml
from reportgen.renderers.docx.tables import StyleSheet

#: Word names its own contents bookmarks "_Toc…"; a leading underscore hides them from its
#: Bookmarks dialog, which is what a reader wants of these.
BOOKMARK_PREFIX = "_Toc"
AFTER_LIST = 240  # twentieths of a point: 12 pt


@dataclass(frozen=True)
class Entry:
    number: int  # from 1, in reading order; also the bookmark's id
    level: int
    text: str

    @property
    def bookmark(self) -> str:
        return f"{BOOKMARK_PREFIX}{self.number:08d}"


def plan_entries(blocks: Sequence[object], toc: Toc) -> dict[int, Entry]:
    """Which headings the contents list: block index -> entry, down to the contents' depth."""
    entries: dict[int, Entry] = {}
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and block.level <= toc.levels and block.text:
            entries[index] = Entry(len(entries) + 1, block.level, block.text)
    return entries


def styles_needed(toc: Toc) -> list[str]:
    return ["Contents Heading", *(f"Contents {level}" for level in range(1, toc.levels + 1))]


def write_contents(
    body: etree._Element, styles: StyleSheet, toc: Toc, entries: Sequence[Entry], right_tab: int | None = None
) -> None:
    """The title, then "Heading text ........ 3" per entry, each line a link to its heading.

    `right_tab` (twips from the margin) is written into each entry when the template's contents
    styles set no tab for the page numbers, as Word's TOC field writes it into its entries."""
    if toc.title:
        story.keep_with_next(styles.add(body, toc.title, "Contents Heading"))
    for number, entry in enumerate(entries, start=1):
        paragraph = styles.add(body, "", f"Contents {entry.level}")
        if right_tab is not None:
            story.right_tab(paragraph, right_tab)
        if number < len(entries):
            story.keep_with_next(paragraph)  # a short list reads best on one page
        else:
            story.space_after(paragraph, AFTER_LIST)  # air before whatever follows
        runs = [
            wml.internal_link(entry.bookmark, [wml.text_run(entry.text)]),
            wml.tab_run(),
            *wml.field_runs(f"PAGEREF {entry.bookmark} \\h", "", dirty=True),
        ]
        wml.append_runs(paragraph, runs)


def mark_heading(p: etree._Element, entry: Entry) -> None:
    """Put the bookmark the contents entry points at around the heading's text (`w:p`)."""
    wml.bookmark(p, entry.number, entry.bookmark)
