"""Word fields in a WordprocessingML part: which kinds it holds, and unlinking the ones not allowed.

A field is either `w:fldSimple` (its instruction an attribute, its result the runs inside it) or a
complex field: runs holding `w:fldChar begin`, the instruction in `w:instrText` runs (Word may
split one word over several), `w:fldChar separate`, the result runs, `w:fldChar end`; fields nest,
and a result may run over several paragraphs (a table of contents). Unlinking a field, as Word's
Ctrl+Shift+F9 does, leaves its last result as plain text: nothing is computed, fetched or run
when the file is opened, and the page reads as it did. What is allowed is decided by the caller
(renderers.ooxml.allowlist holds the list).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from lxml import etree

from reportgen.renderers.ooxml.namespaces import qn

_BEGIN, _SEPARATE, _END = "begin", "separate", "end"


def might_hold_fields(data: bytes) -> bool:
    """Whether a part's bytes may hold a field: a cheap test before parsing (UTF-16 parts, whose
    ASCII letters are interleaved with zero bytes, are tested without those)."""
    if b"\x00" in data[:4]:
        data = data.replace(b"\x00", b"")
    return b"fldSimple" in data or b"nstrText" in data


def kind(instruction: str) -> str:
    """A field's kind: the first word of its instruction, in capitals ("" for an empty one)."""
    words = instruction.split()
    return words[0].upper() if words else ""


@dataclass
class _Field:
    begin: etree._Element
    instruction: list[str] = field(default_factory=list)
    separate: etree._Element | None = None


def unlink(root: etree._Element, allowed: Collection[str]) -> list[str]:
    """Unlink every field of `root` whose kind is not in `allowed`; returns their kinds, in order.

    A complex field loses every run from its `begin` to its `separate` (the instruction, with any
    field nested inside it) and its `end` mark; its result runs stay where they are. A
    `w:fldSimple` is replaced by the runs it holds. A field left open at the end of the part loses
    its marks and instruction runs.
    """
    removed: list[str] = []
    runs: list[etree._Element] = []  # whole runs to remove (an instruction and its marks)
    marks: list[etree._Element] = []  # single elements to remove (an `end` mark)
    stack: list[_Field] = []
    instr, deleted, fld_char, simple = qn("w:instrText"), qn("w:delInstrText"), qn("w:fldChar"), qn("w:fldSimple")
    for element in list(root.iter(simple, fld_char, instr, deleted)):
        if element.tag == simple:
            name = kind(element.get(qn("w:instr"), ""))
            if name not in allowed:
                removed.append(name)
                _replace_by_children(element)
            continue
        if element.tag in (instr, deleted):
            if stack and stack[-1].separate is None:
                stack[-1].instruction.append(element.text or "")
            continue
        mark = element.get(qn("w:fldCharType"))
        if mark == _BEGIN:
            stack.append(_Field(element))
        elif mark == _SEPARATE and stack:
            stack[-1].separate = element
        elif mark == _END and stack:
            current = stack.pop()
            name = kind("".join(current.instruction))
            if name not in allowed:
                removed.append(name)
                runs.extend(
                    _runs_between(root, current.begin, element if current.separate is None else current.separate)
                )
                marks.append(element)
    for current in stack:  # never closed
        name = kind("".join(current.instruction))
        if name not in allowed:
            removed.append(name)
            last = current.begin if current.separate is None else current.separate
            runs.extend(_runs_between(root, current.begin, last))
    for element in [*marks, *runs]:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return removed


def _runs_between(root: etree._Element, first: etree._Element, last: etree._Element) -> list[etree._Element]:
    """The runs from the one holding `first` to the one holding `last`, in document order."""
    start, stop = _run_of(first), _run_of(last)
    found: list[etree._Element] = []
    inside = False
    for run in root.iter(qn("w:r")):
        inside = inside or run is start
        if inside:
            found.append(run)
        if run is stop:
            break
    return found or [start]


def _run_of(element: etree._Element) -> etree._Element:
    parent = element.getparent()
    return parent if parent is not None and parent.tag == qn("w:r") else element


def _replace_by_children(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    kept = [child for child in element if child.tag != qn("w:fldData")]  # its data goes with it
    for offset, child in enumerate(kept):
        parent.insert(index + offset, child)
    parent.remove(element)
