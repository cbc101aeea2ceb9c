"""Office lengths: EMU (English Metric Units, 914,400 an inch, 12,700 a point) and points.

Positions and sizes in DrawingML are whole EMU; font metrics and planning work in points. The
conversions are named for their direction, and the two ways to round are kept apart on purpose.
"""

from __future__ import annotations

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def emu_to_pt(emu: float) -> float:
    return emu / EMU_PER_PT


def pt_to_emu(points: float) -> int:
    """Points as the nearest whole EMU: shape positions and sizes."""
    return round(points * EMU_PER_PT)


def pt_to_emu_floor(points: float) -> int:
    """Points as EMU truncated, as python-pptx's `Pt` does: line spacing and spacing before, which
    the read-back tests measure with python-pptx, so planning and reading agree on them."""
    return int(points * EMU_PER_PT)
