"""PDF copies of the brief and deck, made by LibreOffice, for recipients outside Office.

reportgen writes Office XML itself and has no PDF writer; LibreOffice lays the files out as they
will look, so it makes the PDFs. It runs headless in a private, throw-away profile (never the
user's own, which a running LibreOffice would hold locked and which a conversion must not
change), in a session of its own so a timeout can stop it and every helper process it started,
and on copies in a temporary folder, so the PDFs join the other outputs in one all-or-nothing
write. Where LibreOffice is not installed, asking for PDFs fails before any work is done, with
what to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from reportgen.errors import OutputError

#: Set it to an `soffice` (or `libreoffice`) program to use that one rather than the one on PATH.
SOFFICE_ENV = "REPORTGEN_SOFFICE"
#: A brief and a deck convert in a few seconds; a first start with a new profile takes longer.
TIMEOUT_SECONDS = 180.0
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt install libreoffice-writer libreoffice-impress; "
    f"macOS: brew install --cask libreoffice; Windows: libreoffice.org), or set {SOFFICE_ENV} to its soffice"
)


class PdfError(OutputError):
    """The PDFs cannot be made: LibreOffice is missing, failed or took too long (exit 4)."""


def pdf_name(name: str) -> str:
    """brief.docx -> brief.pdf."""
    return f"{Path(name).stem}.pdf"


def find_soffice() -> str:
    """The LibreOffice program to run, or PdfError saying what to install."""
    given = os.environ.get(SOFFICE_ENV, "").strip()
    if given:
        found = shutil.which(given)
        if found is None:
            raise PdfError(f"{SOFFICE_ENV}={given} is not a program that can be run", hint=INSTALL_HINT)
        return found
    for program in ("soffice", "libreoffice"):
        found = shutil.which(program)
        if found is not None:
            return found
    raise PdfError("--pdf needs LibreOffice, which is not installed here", hint=INSTALL_HINT)


def convert(files: dict[str, bytes], timeout: float = TIMEOUT_SECONDS) -> dict[str, bytes]:
    """The PDF bytes of each Office file, by file name ("brief.docx" -> bytes of brief.pdf)."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as work:
        root = Path(work)
        sources = root / "in"
        sources.mkdir()
        for name, data in files.items():
            (sources / name).write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(root / "out"),
            *(str(sources / name) for name in files),
        ]
        _run(command, timeout)
        result = {}
        for name in files:
            made = root / "out" / pdf_name(name)
            if not made.is_file():
                raise PdfError(f"LibreOffice made no PDF of {name}", hint="open the file in LibreOffice to see why")
            result[name] = made.read_bytes()
        return result


def _run(command: list[str], timeout: float) -> None:
    """Run LibreOffice in a session of its own; on a timeout, stop the whole session."""
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
    except OSError as exc:
        raise PdfError(f"cannot run {command[0]} ({exc.strerror or exc})", hint=INSTALL_HINT) from exc
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise PdfError(
            f"LibreOffice took longer than {timeout:g} seconds to make the PDFs",
            hint="try again; if it persists, open the files in LibreOffice to see why",
        ) from None
    except BaseException:  # ^C: never leave LibreOffice running
        _stop(process)
        raise
    _stop(process)  # helpers it started and left behind
    if process.returncode != 0:
        said = " ".join(errors.decode("utf-8", "replace").split())[:200]
        raise PdfError(f"LibreOffice failed to make the PDFs (exit {process.returncode}): {said or 'no message'}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the LibreOffice session (the process group it leads) and reap its leader."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: no process groups; the program itself
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
