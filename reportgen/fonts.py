"""A pack's `[brand]` fonts that this machine does not have, said in one line each.

The deck is fitted with the named font's real metrics (renderers/pptx/fit.py); where the font is
not installed it falls back to a wide estimate, and LibreOffice (and any reader without the font)
shows another typeface with other widths. Nothing fails, but the one-page brief can run to two
pages and the deck's lines break elsewhere: the user should hear it once, not find out later.
"""

from __future__ import annotations

import shutil
import subprocess

from reportgen.packs import Pack


def missing_font_notes(pack: Pack) -> tuple[str, ...]:
    """One warning per `[brand]` font that no installed file (nor a metric twin) provides."""
    from reportgen.renderers.pptx.fit import FALLBACK_EM, font_file

    notes = []
    for family in dict.fromkeys(f for f in (pack.font, pack.heading_font) if f):
        if font_file(family) is not None:
            continue
        shown = _substitute(family)
        instead = f"; LibreOffice will show {shown}" if shown else ""
        notes.append(
            f"font '{family}' is not installed: the deck is measured with an estimate "
            f"({FALLBACK_EM:g} em a character) instead of its metrics{instead}, so lines and pages may "
            f"break differently; install it, or name an installed font in [brand] of {pack.name}"
        )
    return tuple(notes)


def _substitute(family: str) -> str:
    """The family fontconfig puts in its place ("DejaVu Serif"), or "" where it cannot say."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ""
    try:
        done = subprocess.run(
            [fc_match, "--format=%{family[0]}", family], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    name = done.stdout.strip()
    return f"'{name}'" if done.returncode == 0 and name else ""
