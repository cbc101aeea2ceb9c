"""A pack's `[brand]` fonts that this machine does not have, said in one line each.

The deck is fitted with the named font's real metrics (renderers/pptx/fit.py); where the font is
not installed it is measured with the stand-in LibreOffice shows instead (DejaVu Sans), or a wide
estimate without that, and a reader without the font sees another typeface with other widths.
Nothing fails, but the one-page brief can run to two pages and the deck's lines break elsewhere:
the user should hear it once, not find out later.
"""

from __future__ import annotations

import shutil
import subprocess

from reportgen.packs import Pack


def missing_font_notes(pack: Pack) -> tuple[str, ...]:
    """One warning per `[brand]` font that no installed file (nor a metric twin) provides."""
    from reportgen.renderers.pptx.fit import FALLBACK_EM, font_file, installed

    notes = []
    for family in dict.fromkeys(f for f in (pack.font, pack.heading_font) if f):
        if installed(family):
            continue
        stand_in = font_file(family)
        how = f"{stand_in.stem}'s metrics" if stand_in else f"an estimate ({FALLBACK_EM:g} em a character)"
        shown = _substitute(family)
        instead = f"; LibreOffice will show {shown}" if shown else ""
        notes.append(
            f"font '{family}' is not installed: the deck is measured with {how} instead of its "
            f"own{instead}, so lines and pages may break differently; install it, or name an "
            f"installed font in [brand] of {pack.name}"
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
