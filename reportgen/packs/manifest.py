"""pack.toml: reading it, checking it against the schema, and merging it over the pack it extends.

The schema is written by hand rather than in JSON Schema because the people who edit packs need
messages in their words ("pack.toml, line 12: [summary] bullets_per_section must be a whole number
from 1 to 20, not "five"") and every problem at once, not the first one in a validator's terms.
Unknown keys are errors too: a misspelt `bulets_per_section` silently ignored is the bug class
this exists to stop. Free text for templates goes in `[wording]`, anything else in `[options]`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import PackError
from reportgen.packs.confine import resolve_inside
from reportgen.safe_loads import toml_loads

MANIFEST = "pack.toml"
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")
TABLE_KINDS = ("facts", "timeline", "actors")
OUTPUT_SUFFIXES = {"docx": (".docx", ".dotx"), "pptx": (".pptx", ".potx")}
MAX_BULLETS = 20
MAX_KEY_POINTS = 10


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a pack, where it is: shown as `file:line: message`, as compilers do."""

    file: Path
    line: int | None
    message: str
    #: "error" fails the check; "info" says what will happen (a style supplied from the built-in reference).
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: info: {self.message}" if self.severity == "info" else f"{where}: {self.message}"


def read_manifest(folder: Path) -> tuple[dict[str, Any], str]:
    """The parsed pack.toml of `folder` and its text (kept to find the line of a key)."""
    path = folder / MANIFEST
    try:
        text = (resolve_inside(path, (folder,), "manifest") or path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(f"{folder} is not an audience pack: it has no {MANIFEST}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot be read ({exc})") from exc
    try:
        return toml_loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: not valid TOML: {exc}") from exc


# --- the schema ----------------------------------------------------------------------------------

Check = Callable[[Any], str]  # returns what is wrong, or "" when the value is fine


def _text(value: Any) -> str:
    return "" if isinstance(value, str) else "must be text in quotes"


def _name(value: Any) -> str:
    if not isinstance(value, str) or not NAME_PATTERN.match(value):
        return "must be a short lower-case name (letters, digits, '-' or '_'), like \"board\""
    return ""


def _flag(value: Any) -> str:
    return "" if isinstance(value, bool) else "must be true or false"


def _count(low: int, high: int) -> Check:
    def check(value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"must be a whole number from {low} to {high}, not {value!r}"
        return ""

    return check


def _texts(value: Any) -> str:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return 'must be a list of texts, like ["background", "outlook"]'
    return ""


def _tables(value: Any) -> str:
    if _texts(value) or any(v not in TABLE_KINDS for v in value):
        return f"must be a list of some of {', '.join(repr(k) for k in TABLE_KINDS)}"
    return ""


def _colour(value: Any) -> str:
    return "" if isinstance(value, str) and COLOUR_PATTERN.match(value) else 'must be a colour like "#1F4E79"'


def _logo(value: Any) -> str:
    if not isinstance(value, str) or not value.lower().endswith(".png"):
        return 'must name a PNG file in the pack folder, like "logo.png"'
    return ""


def _font(value: Any) -> str:
    ok = isinstance(value, str) and 0 < len(value) <= 64 and all(c.isprintable() for c in value) and '"' not in value
    return "" if ok else 'must be a font family name, like "Georgia"'


def _any(value: Any) -> str:
    return ""


#: Key -> check, per table. "*" checks every key of a free-form table.
SCHEMA: dict[str, dict[str, Check]] = {
    "": {
        "name": _name,
        "description": _text,
        "extends": _name,
        "audience": _text,
        "marking": _text,
        "profile": _text,
        "sections": _texts,
    },
    "summary": {"bullets_per_section": _count(1, MAX_BULLETS), "key_points": _count(1, MAX_KEY_POINTS)},
    "summary.per_section": {"*": _count(0, MAX_BULLETS)},
    "brief": {"contents": _flag, "citations": _flag, "tables": _tables},
    "deck": {"agenda": _flag, "figures": _count(0, 12), "tables": _tables},
    "brand": {"logo": _logo, "accent": _colour, "font": _font, "heading_font": _font},
    "wording": {"*": _text},
    "options": {"*": _any},
    "outputs": {},  # checked below: one table per renderer
    "email": {"subject": _text, "text": _text, "html": _text},
    "email.describe": {"*": _text},
}

#: What an absent key means: the analyst pack's behaviour, so templates never meet an undefined one.
DEFAULTS: dict[str, dict[str, Any]] = {
    "summary": {"bullets_per_section": 5, "key_points": 3, "per_section": {}},
    "brief": {"contents": True, "citations": True, "tables": list(TABLE_KINDS)},
    "deck": {"agenda": True, "figures": 4, "tables": list(TABLE_KINDS)},
    "brand": {"logo": "", "accent": "", "font": "", "heading_font": ""},
    "wording": {},
    "options": {},
}


def validate(data: Mapping[str, Any], path: Path, text: str) -> list[Problem]:
    """Every schema problem of one pack.toml as written (before merging with its parent)."""
    problems: list[Problem] = []

    def report(table: str, key: str, message: str) -> None:
        dotted = f"{table}.{key}" if table else key
        where = f"[{table}] {key}" if table else key
        problems.append(Problem(path, key_line(text, dotted), f"{where} {message}"))

    def walk(table: str, values: Mapping[str, Any]) -> None:
        checks = SCHEMA[table]
        for key, value in values.items():
            child = f"{table}.{key}" if table else key
            if child in SCHEMA:
                if isinstance(value, dict):
                    walk(child, value)
                else:
                    report(table, key, "must be a table, written [" + child + "]")
            elif table == "outputs":
                _check_output(key, value, report)
            elif key in checks or "*" in checks:
                message = (checks.get(key) or checks["*"])(value)
                if message:
                    report(table, key, message)
            else:
                known = ", ".join(k for k in [*checks, *_subtables(table)] if k != "*")
                report(table, key, f"is not a setting reportgen knows; known here: {known}")

    walk("", data)
    if "name" not in data:
        problems.append(Problem(path, 1, 'name is missing: add a line like name = "board"'))
    return problems


def _subtables(table: str) -> list[str]:
    prefix = f"{table}." if table else ""
    return [t[len(prefix) :] for t in SCHEMA if t.startswith(prefix) and t and "." not in t[len(prefix) :]]


def _check_output(name: str, spec: Any, report: Callable[[str, str, str], None]) -> None:
    if name == "pdf":  # not a renderer: PDF copies of the others, made by LibreOffice
        message = _flag(spec)
        if message:
            report("outputs", name, message)
        return
    if name not in OUTPUT_SUFFIXES:
        report("outputs", name, f"is not an output reportgen makes; known: {', '.join(OUTPUT_SUFFIXES)}, pdf")
        return
    if not isinstance(spec, dict):
        report("outputs", name, f"must be a table, written [outputs.{name}]")
        return
    for key, value in spec.items():
        if key not in ("template", "reference"):
            report(f"outputs.{name}", key, "is not a setting reportgen knows; known here: template, reference")
        elif not isinstance(value, str):
            report(f"outputs.{name}", key, "must be a file name in quotes")
        elif key == "reference" and not value.lower().endswith(OUTPUT_SUFFIXES[name]):
            allowed = " or ".join(OUTPUT_SUFFIXES[name])
            report(f"outputs.{name}", key, f"must be a {allowed} file (macro-enabled files are refused)")


def key_line(text: str, dotted: str) -> int | None:
    """The 1-based line of `a.b.c` in TOML text: the `c =` line under `[a.b]`, or `[a.b.c]` itself.

    tomllib keeps no positions; packs use the plain table/key layout, which this finds. A key it
    cannot place (inline tables, dotted keys) gives None and the message names the key alone.
    """
    *tables, key = dotted.split(".")
    table = ".".join(tables)
    current = ""
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
    assign = re.compile(r"^\s*[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        found = header.match(line)
        if found:
            current = found.group(1).replace(" ", "").replace('"', "")
            if current == dotted:
                return number
            continue
        found = assign.match(line)
        if found and current == table and found.group(1) == key:
            return number
    return None


def merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """The child's settings over the parent's: tables merge key by key, anything else is replaced.

    `name`, `description` and `extends` describe one pack and are never inherited.
    """
    own = {k: v for k, v in parent.items() if k not in ("name", "description", "extends")}
    return _deep_merge(own, child)


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class PackOptions(dict[str, Any]):
    """The merged `[options]` table. Its own type so the template sandbox can name a missing
    option ("[options] key_figures is not set") where Jinja would hand the template an undefined
    value that fails later in its own words ("slice indices must be integers")."""


def with_defaults(data: Mapping[str, Any]) -> dict[str, Any]:
    """The manifest with every documented table and key present, so templates can rely on them."""
    filled = dict(data)
    for table, defaults in DEFAULTS.items():
        filled[table] = _deep_merge(defaults, filled.get(table, {}))
    filled["options"] = PackOptions(filled["options"])
    return filled
