"""Text that every output format can hold: XML-invalid characters out, everything else untouched.

Word and PowerPoint files are XML, and XML 1.0 cannot hold C0 control characters (other than tab,
newline and carriage return), U+FFFE/U+FFFF or unpaired surrogates. The libraries fail on them in
three different ways (python-docx raises ValueError on controls and UnicodeEncodeError on lone
surrogates; python-pptx silently writes them as literal `_x0000_` text), so they are removed once,
at read time, and counted, so the loss is reported rather than silent. Vertical tab and form feed
(PDF text layers and Word's manual breaks produce them) separate words, so they become line breaks.

Nothing else is changed: `&`, `<`, `>`, quotes, emoji, right-to-left and CJK text are kept exactly;
escaping is the XML writers' job. The script of the text gives a language and direction hint for the
renderers (right-to-left paragraphs, East Asian fonts).

Text printed to the user's terminal that someone else wrote (a mail server's reply) goes through
`printable`, which shows control characters as escapes instead of letting them act.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from typing import Any, TypeVar

T = TypeVar("T")

#: Separators that split words: kept as a line break rather than gluing two words together.
_BREAKS = re.compile(r"[\x0b\x0c]")
#: Not allowed in XML 1.0 (tab, LF and CR are; CR is normalised away by the readers anyway).
_XML_INVALID = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "dv", "ckb"})

# Letters that only Urdu (beyond Persian) or only Persian (beyond Arabic) uses.
_URDU = frozenset("ٹڈڑںےۓہھ")
_PERSIAN = frozenset("پچژگکی")


def clean_text(text: str) -> tuple[str, int]:
    """`text` without XML-invalid characters, and how many were removed or turned into breaks."""
    count = 0
    if _BREAKS.search(text):
        text, n = _BREAKS.subn("\n", text)
        count += n
    if _XML_INVALID.search(text):
        text, n = _XML_INVALID.subn("", text)
        count += n
    return text, count


def clean_strings(obj: T) -> tuple[T, int]:
    """Clean every string inside a frozen dataclass tree (tuples, dicts, nested dataclasses)."""
    total = 0

    def walk(value: Any) -> Any:
        nonlocal total
        if isinstance(value, str):
            cleaned, n = clean_text(value)
            total += n
            return cleaned
        if isinstance(value, tuple):
            return tuple(walk(v) for v in value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: walk(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return dataclasses.replace(value, **changes)
        return value

    result = walk(obj)
    return (result if total else obj), total


def removed_warning(count: int, where: str) -> str:
    plural = "s" if count != 1 else ""
    return (
        f"{where}: removed {count} control character{plural} that Word and PowerPoint files cannot hold "
        "(C0 controls, U+FFFE/U+FFFF, unpaired surrogates; vertical tabs and form feeds became line breaks)"
    )


#: What must not reach a terminal raw: C0 and C1 controls and DEL (escape sequences can move the
#: cursor, retitle the window or rewrite what was printed) and the bidirectional embedding, override
#: and isolate marks (which reorder what the reader sees).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` from someone else (a server's reply, a file's name) safe to print on one terminal line.

    Every control character becomes a visible escape (ESC is shown as `\\x1b`, U+202E as
    `\\u202e`), including line breaks, so the text stays on the line it was printed on. Nothing else
    changes, and text that is already printable comes back as it was (so escaping twice is harmless).
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _script(char: str) -> str:
    code = ord(char)
    if 0x0590 <= code <= 0x05FF or 0xFB1D <= code <= 0xFB4F:
        return "hebrew"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "arabic"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "kana"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF:
        return "han"
    return unicodedata.name(char, "other").split(" ", 1)[0].lower()


def guess_language(text: str) -> str:
    """A language tag when the script says it clearly (Arabic, Urdu, Persian, Hebrew, CJK), else "".

    Latin, Cyrillic and other scripts are shared by many languages, so they get no guess: a wrong
    language tag is worse (spell-checkers flag every word) than none.
    """
    # Counted per distinct character: looking each one up in the Unicode database once rather than
    # at every occurrence was most of the reader's time on a long article.
    scripts: Counter[str] = Counter()
    for char, count in Counter(text).items():
        if char.isalpha():
            scripts[_script(char)] += count
    letters = sum(scripts.values())
    if not letters:
        return ""
    cjk = scripts["han"] + scripts["kana"] + scripts["hangul"]
    if cjk / letters >= 0.5:
        if scripts["kana"] >= 0.05 * cjk:
            return "ja"
        return "ko" if scripts["hangul"] >= scripts["han"] else "zh"
    if scripts["hebrew"] / letters >= 0.5:
        return "he"
    if scripts["arabic"] / letters >= 0.5:
        present = set(text)
        if present & _URDU:
            return "ur"
        return "fa" if present & _PERSIAN else "ar"
    return ""


def direction_of(language: str) -> str:
    """ "rtl" for right-to-left languages, else "ltr"."""
    return "rtl" if language.split("-", 1)[0].lower() in RTL_LANGUAGES else "ltr"
