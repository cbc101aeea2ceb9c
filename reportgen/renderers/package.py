"""Writing an Office package (a zip) so the same content always gives the same bytes.

python-docx and python-pptx stamp every member with the current time and the host OS, which alone
makes two renders differ; both renderers (and the reference-file scripts) pass their bytes here.
"""

from __future__ import annotations

import io
import zipfile

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping member order.

    The order is kept because `[Content_Types].xml` must stay first for some readers.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0  # otherwise the host OS leaks into the bytes
            fixed.external_attr = 0
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
