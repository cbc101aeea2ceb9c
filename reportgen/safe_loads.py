"""JSON and TOML from users (briefs, pack manifests, profiles, mail settings) parsed so that a
file nested thousands of levels deep is a parse error like any other, not Python's RecursionError.

Both parsers recurse once per level; a 20,000-deep array exhausts the interpreter's stack. The
error raised here is the parser's own decode error, so every caller's existing handling (a one-line
message with the file's name and the documented exit code) applies unchanged.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

_TOO_DEEP = "nested too deeply (more levels of arrays or tables than any real file has)"


def json_loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError(_TOO_DEEP, text, 0) from None


def toml_loads(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError(_TOO_DEEP) from None
