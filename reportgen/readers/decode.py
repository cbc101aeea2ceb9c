"""Bytes to text for plain-text readers, refusing what is not text rather than guessing.

Full encoding detection (cp1252, UTF-16, mojibake repair) is a later stage; until then a file that
is not UTF-8 is refused with a message that says how to fix it, so nothing is silently garbled.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import InputError


def decode_text(data: bytes, path: Path) -> str:
    if not data.strip():
        raise InputError(f"{path.name}: the file is empty", hint="give an article with some text")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path.name}: looks like a binary file, not text", hint="give a .txt or .md article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name}: not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            hint="re-save the file as UTF-8",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")
