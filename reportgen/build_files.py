"""What a build leaves in its folder besides the rendered files, and how it is read back.

`reportgen build` writes brief.json (the Brief the outputs came from) and build.json (which pack
made them, and the file names) beside the brief and deck, so `reportgen mail` and `reportgen
render` can pick a folder up later without the article.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import BriefFormatError, InputError
from reportgen.model import Brief
from reportgen.packs import Pack
from reportgen.renderers import output_name

BRIEF_FILE = "brief.json"
BUILD_RECORD = "build.json"


def load_brief(path: Path) -> Brief:
    """A Brief JSON file, with any characters no Office file can hold removed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as a UTF-8 brief JSON file ({exc})") from exc
    try:
        brief = Brief.from_json(text)
    except BriefFormatError as exc:
        raise BriefFormatError(f"{path}: {exc}") from exc
    # JSON escapes can carry what no Office file can hold (controls, lone surrogates): drop them.
    from reportgen.textsafety import clean_strings

    return clean_strings(brief)[0]


def rendered_names(pack: Pack) -> dict[str, str]:
    """Renderer name -> the file name it writes, for the pack's outputs."""
    return {name: output_name(name) for name in pack.outputs}
