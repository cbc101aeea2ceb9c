"""Refusing reference documents that would run or fetch something when someone opens the output.

A pack's .docx/.pptx is copied into every document reportgen writes, and packs travel between
people. Office files can carry what runs or fetches something on opening: INCLUDEPICTURE /
INCLUDETEXT / LINK / DDE / DDEAUTO fields and VBA macros are refused with what was found and where.
Relationships that reach outside the file (an attached template on a server, a linked picture)
are not refused: the renderers read every reference through renderers.ooxml.opc, which leaves
them out of the output with a one-line note, as Word's and PowerPoint's repair would. The zip is checked before
anything is unpacked (declared sizes, ratios, part count) and XML is parsed without DTDs,
entities or network.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from reportgen.errors import PackError
from reportgen.file_versions import per_file_version

MAX_PARTS = 2000
MAX_UNPACKED = 200 * 1024 * 1024  # the whole package, as declared in the zip directory
MAX_PART = 60 * 1024 * 1024  # one XML part we parse
MAX_RATIO = 100  # text XML compresses 5-20x; bombs compress hundreds or thousands of times
_RATIO_FLOOR = 1024 * 1024  # small parts may compress well without meaning harm

MACRO_TYPES = ("macroEnabled", "vbaProject", "vbaData", "activeX")
MACRO_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|activeX\d*\.(xml|bin))$", re.IGNORECASE)
#: Field types that fetch, include or run something outside the document.
DANGEROUS_FIELDS = frozenset({"INCLUDEPICTURE", "INCLUDETEXT", "LINK", "DDE", "DDEAUTO", "IMPORT", "INCLUDE"})

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_NO_FIELDS = etree.Element("no-fields")


def check_reference(path: Path) -> None:
    """Raise PackError naming the first unsafe thing in the Office file at `path`."""
    problem = first_problem(path)
    if problem:
        raise PackError(
            f"reference file {path} {problem}",
            hint="save a clean copy (File > Save As, .docx/.pptx without macros, links or external templates)",
        )


def first_problem(path: Path) -> str:
    """What makes the file unsafe as a reference, or "" when nothing does.

    Checked once per process per version of the file (path, size, modification time): a batch
    loads its pack for every article, and parsing every part of two references took longer than
    building the brief and the deck.
    """
    try:
        return _first_problem(path)
    except OSError as exc:
        return f"is not an Office file (a .docx/.pptx is a zip): {exc}"


@per_file_version(maxsize=64)
def _first_problem(path: Path) -> str:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return f"is not an Office file (a .docx/.pptx is a zip): {exc}"
    with archive:
        members = archive.infolist()
        problem = _zip_problem(members)
        if problem:
            return problem
        for member in members:
            name = member.filename
            if MACRO_PARTS.search(name):
                return f"carries macros or ActiveX controls ({name})"
            if name == "[Content_Types].xml" or name.endswith(".rels") or _is_word_story(name):
                root = _parse(archive, member, fields_only=_is_word_story(name))
                if root is None:
                    return f"has a part that is not well-formed XML or declares a DTD ({name})"
                problem = _part_problem(name, root)
                if problem:
                    return problem
    return ""


def _zip_problem(members: list[zipfile.ZipInfo]) -> str:
    if len(members) > MAX_PARTS:
        return f"has {len(members)} parts, more than an Office file has (zip bomb?)"
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        return f"expands to {total // 1_048_576} MB, over the {MAX_UNPACKED // 1_048_576} MB limit (zip bomb?)"
    for m in members:
        if m.file_size > _RATIO_FLOOR and m.file_size / max(1, m.compress_size) > MAX_RATIO:
            return f"has a part ({m.filename}) that expands {m.file_size // max(1, m.compress_size)} times (zip bomb?)"
    return ""


def _is_word_story(name: str) -> bool:
    """Word parts that can hold fields: body, headers, footers, notes, glossary, settings."""
    return name.startswith("word/") and name.endswith(".xml") and name.count("/") <= 2


def _parse(archive: zipfile.ZipFile, member: zipfile.ZipInfo, fields_only: bool = False) -> etree._Element | None:
    """The part's tree; None when it is too big, declares a DTD or is not XML. For a Word part
    checked only for fields, a UTF-8 part that never names one is not parsed: the styles parts
    alone are 800 KB, and parsing them was most of a cold build's pack loading."""
    if member.file_size > MAX_PART:
        return None
    data = archive.read(member)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    if fields_only and not utf16 and b"fldSimple" not in data and b"instrText" not in data:
        return _NO_FIELDS
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None


def _part_problem(name: str, root: etree._Element) -> str:
    if name == "[Content_Types].xml":
        for element in root:
            content_type = element.get("ContentType", "")
            if any(marker in content_type for marker in MACRO_TYPES):
                return f"is macro-enabled or carries ActiveX controls (content type {content_type})"
        return ""
    if name.endswith(".rels"):
        return ""  # links outside the file are left out of every output (renderers.ooxml.opc)
    for field in _fields(root):
        kind = field.split()[0].upper() if field.split() else ""
        if kind in DANGEROUS_FIELDS:
            return f"has a {kind} field in {name} ({' '.join(field.split())[:80]})"
    return ""


def _fields(root: etree._Element) -> list[str]:
    """Every field instruction: `w:fldSimple/@w:instr`, and `w:instrText` runs joined from each
    `w:fldChar begin` to its `separate`/`end` (Word may split "DDEAUTO" over several runs)."""
    found: list[str] = []
    buffer: list[str] | None = None
    for element in root.iter(f"{{{_W}}}fldSimple", f"{{{_W}}}fldChar", f"{{{_W}}}instrText"):
        local = etree.QName(element).localname
        if local == "fldSimple":
            found.append(element.get(f"{{{_W}}}instr", ""))
        elif local == "instrText":
            if buffer is None:
                buffer = []
            buffer.append(element.text or "")
        else:
            kind = element.get(f"{{{_W}}}fldCharType")
            if buffer is not None and kind in ("begin", "separate", "end"):
                found.append("".join(buffer))
            buffer = [] if kind == "begin" else None
    if buffer:
        found.append("".join(buffer))
    return found
