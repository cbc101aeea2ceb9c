"""Writing an Office package (a zip) so the same content always gives the same bytes.

python-docx and python-pptx stamp every member with the current time and the host OS, which alone
makes two renders differ; both renderers (and the reference-file scripts) pass their bytes here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping member order.

    The order is kept because `[Content_Types].xml` must stay first for some readers.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return write_zip((info.filename, src.read(info)) for info in src.infolist())


def write_zip(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, bytes) members in the given order, with fixed timestamps and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            fixed = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0  # otherwise the host OS leaks into the bytes
            fixed.external_attr = 0
            dst.writestr(fixed, data)
    return out.getvalue()
