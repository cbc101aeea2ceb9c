"""Opening a company's Word or PowerPoint *template* (.dotx/.potx) as a reference document.

A template is a document package whose main part has the template content type; python-docx and
python-pptx open only the document types. The two differ in nothing the renderers read, so the
content type in `[Content_Types].xml` is switched in memory (ECMA-376 Part 2, §10.1.2.2) and the
package opened from there. Macro-enabled files (.dotm/.potm) never get here: packs refuse them.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

CONTENT_TYPES = "[Content_Types].xml"
_TEMPLATE_TO_DOCUMENT = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    ),
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": (
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    ),
}


def openable(path: Path) -> str | io.BytesIO:
    """What to hand python-docx/python-pptx: the path itself, or a template switched to a document."""
    if path.suffix.lower() not in (".dotx", ".potx"):
        return str(path)
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == CONTENT_TYPES:
                for template, document in _TEMPLATE_TO_DOCUMENT.items():
                    data = data.replace(template, document)
            target.writestr(info, data)
    out.seek(0)
    return out
