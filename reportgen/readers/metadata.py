"""What a file's metadata may say about its article, and what it only says about the software.

Word, LibreOffice and the PDF makers fill the "author" field with whatever the machine or the
library knew: "python-docx", "LibreOffice", "Microsoft Office User", a user account. Printed on
a brief's cover ("Source: grain.docx, python-docx") that is noise at best and a leak at worst, so
an author field naming software, or a placeholder account, is treated as no author at all.
"""

from __future__ import annotations

import re

#: Writing and converting software, matched as words anywhere in the field ("LibreOffice 7.6").
_SOFTWARE = re.compile(
    r"\b(python-docx|python-pptx|docx4j|openpyxl|apache\s+poi|libreoffice|openoffice|onlyoffice|"
    r"microsoft\s+(office|word)|google\s+docs|pandoc|pdftex|latex|acrobat|adobe|distiller|ghostscript|"
    r"reportlab|wkhtmltopdf|pdfmaker|quartz\s+pdf|skia/pdf)\b",
    re.IGNORECASE,
)
#: Placeholder accounts a tool fills in, matched as the whole field.
_PLACEHOLDERS = frozenset({"user", "owner", "admin", "administrator", "unknown", "author", "default", "root"})


def human_author(author: str) -> str:
    """`author` unless it names software or a placeholder account (then "")."""
    author = " ".join(author.split())
    if not author or _SOFTWARE.search(author) or author.lower() in _PLACEHOLDERS:
        return ""
    return author
