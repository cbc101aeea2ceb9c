"""Bytes to text for the text readers: the right encoding, mojibake repaired, nothing garbled silently.

Order matters, and is chosen so that a wrong guess is rare and never silent:

1. A byte-order mark (UTF-8, UTF-16, UTF-32) is trusted.
2. UTF-8 is tried next: text that decodes as UTF-8 is almost never anything else. A file that is
   UTF-8 but for a few lines pasted from elsewhere (at least one line has UTF-8's multi-byte
   characters, and the lines that do not decode are at most half of those with any non-ASCII
   byte) is read as UTF-8 with those lines read as Windows-1252, and says how many.
3. Windows-1252 (a superset of Latin-1's printable characters, what Word and old web pages save)
   is tried before any detector, and accepted only when the result looks like Latin-script prose.
   Detectors get this case wrong: charset-normalizer reads cp1252 as cp1250 and turns "naïve" into
   "naďve". Latin-1 needs no step of its own: bytes 0x80-0x9F are C1 controls there, never text.
4. charset-normalizer, restricted to common legacy encodings (Central European, Cyrillic, Greek,
   Arabic, Hebrew, Japanese, Chinese, Korean, UTF-16 without a mark), and only a confident answer.
5. Otherwise the file is refused with a message saying how to fix it.

Text that decoded as UTF-8 but was once decoded wrongly upstream ("CafÃ©") is repaired with ftfy's
encoding fixer only, and only when ftfy judges it broken: clean text is never touched, so curly
quotes stay curly and "&amp;" stays as written. Every guess or repair is reported as a warning.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from reportgen.errors import InputError
from reportgen.textsafety import clean_text, removed_warning

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

#: What charset-normalizer may answer: the legacy encodings articles actually arrive in.
_LEGACY = [
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "koi8_r",
    "koi8_u",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "shift_jis",
    "cp932",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "cp949",
    "utf_16_le",
    "utf_16_be",
]
_MAX_CHAOS = 0.1

# A symbol between two letters ("Za¿ó³æ") is what another code page read as cp1252 looks like;
# the apostrophe and soft hyphen are the symbols real words do carry.
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[^\w\s’'\-\u00ad](?=[^\W\d_])")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_text(data: bytes, name: str) -> Decoded:
    """Decode `data` (the file `name`) to text with normalised line ends, or refuse it."""
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise InputError(f"{name}: the file is empty", hint="give an article with some text")
    decoded = (
        _by_bom(data) or _utf8(data, name) or _mostly_utf8(data, name) or _cp1252(data, name) or _detected(data, name)
    )
    if decoded is None:
        if b"\x00" in data[:8192]:
            raise InputError(
                f"{name}: looks like a binary file, not text", hint="give a text, HTML, Word or PDF article"
            )
        raise InputError(
            f"{name}: cannot tell the text encoding (not UTF-8, not Windows-1252, no confident guess)",
            hint="re-save the file as UTF-8",
        )
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    # Before blocks are split: a vertical tab or form feed between words is a break, and is counted.
    text, removed = clean_text(text)
    warnings = decoded.warnings + ((removed_warning(removed, name),) if removed else ())
    if not text.strip():
        raise InputError(f"{name}: the file is empty", hint="give an article with some text")
    return Decoded(text, decoded.encoding, warnings)


def _by_bom(data: bytes) -> Decoded | None:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), label)
            except UnicodeDecodeError:
                return None
    return None


def _utf8(data: bytes, name: str) -> Decoded | None:
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    repaired = repair_mojibake(text)
    if repaired != text:
        return Decoded(repaired, "UTF-8", (f"{name}: repaired text that had been decoded with the wrong encoding",))
    return Decoded(text, "UTF-8")


def _mostly_utf8(data: bytes, name: str) -> Decoded | None:
    """UTF-8 with some lines in Windows-1252 (a quote pasted from an old page): each line decoded by
    itself, those that are not UTF-8 as Windows-1252; None unless the file is clearly UTF-8."""
    if b"\x00" in data:
        return None
    lines = data.split(b"\n")
    texts: list[str] = []
    utf8_lines = legacy_lines = 0
    for line in lines:
        if line.isascii():
            texts.append(line.decode("ascii"))
            continue
        try:
            texts.append(line.decode("utf-8"))
            utf8_lines += 1
        except UnicodeDecodeError:
            try:
                texts.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                return None  # bytes Windows-1252 leaves undefined: not this case
            legacy_lines += 1
    if not utf8_lines or legacy_lines > utf8_lines:
        return None
    warning = f"{name}: read as UTF-8; {legacy_lines} line(s) that were not UTF-8 were read as Windows-1252"
    return Decoded("\n".join(texts), "UTF-8", (warning,))


# UTF-8 read as Latin-1/cp1252 leaves a lead byte (Â…ô) followed by a continuation byte (U+0080-U+00BF
# or its cp1252 stand-in). Clean text almost never has that pair, so ftfy (60 ms to import) is only
# consulted when it appears.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)


def repair_mojibake(text: str) -> str:
    """Undo double decoding ("CafÃ©" -> "Café") when ftfy is sure it is broken; else return `text`."""
    if not _MOJIBAKE_HINT.search(text):
        return text  # no lead byte followed by a continuation byte: clean, and ftfy stays unimported
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text
    return fix_encoding(text)


def _cp1252(data: bytes, name: str) -> Decoded | None:
    if b"\x00" in data:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if not looks_latin(text):
        return None
    return Decoded(text, "Windows-1252", (f"{name}: not UTF-8; read as Windows-1252 (Latin-1)",))


def looks_latin(text: str) -> bool:
    """Latin-script prose: mostly ASCII letters, accented ones the exception, no symbols inside words."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    accented = sum(1 for c in letters if ord(c) > 0x7F)
    if accented > 0.3 * len(letters):
        return False
    if _SYMBOL_IN_WORD.search(text):
        return False
    # Control characters are the other mark of a wrong code page (or of binary data).
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\x0b\x0c")
    return controls <= 0.01 * len(text)


def _detected(data: bytes, name: str) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    text = str(best)
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r")
    if controls > 0.01 * len(text):
        return None
    label = best.encoding.replace("_", "-")
    return Decoded(text, label, (f"{name}: not UTF-8; read as {label} (a guess: re-save as UTF-8 to be sure)",))
