"""Checks that need real office tools: LibreOffice opens a file, Microsoft's validator accepts it.

scripts/test.sh installs both; a missing tool is a failure, never a skip, so CI cannot pass
without having looked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def validator() -> str:
    found = os.environ.get("OOXML_VALIDATOR") or str(ROOT / ".tools/node_modules/.bin/ooxml-validator")
    if not Path(found).exists():
        found = shutil.which("ooxml-validator") or ""
    assert found, "ooxml-validator is not installed: run scripts/test.sh, which installs it"
    return found


def validation_errors(path: Path) -> list[dict[str, object]]:
    """The Open XML SDK's errors for `path`. The JSON is parsed: the exit code alone is not trusted."""
    proc = subprocess.run([validator(), str(path)], capture_output=True, text=True, timeout=120, check=False)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"validator gave no JSON (exit {proc.returncode}): {proc.stderr[-500:]}") from exc
    assert report.get("file"), report
    errors: list[dict[str, object]] = report.get("errors", [])
    if not report.get("ok"):
        assert errors, "validator said not ok without listing errors"
    return errors


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is not installed: run scripts/test.sh, which installs it"
    return found


def convert_to_pdf(path: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice headless. It exits 0 even when it cannot load a file, so the PDF's
    existence and size are what count."""
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    pdf = out_dir / (path.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice did not convert {path.name}: {proc.stderr}"
    return pdf


def pdf_page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
