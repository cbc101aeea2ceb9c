"""Column widths from a table's content, shared by the brief's and the deck's tables.

The rule is the automatic table layout of HTML and word processors: each column has a minimum
(its longest word, which cannot wrap) and a natural width (its longest cell on one line). When
every column fits on one line, each gets its natural width and the slack is shared in proportion;
when not even the minimums fit, the minimums are scaled down; otherwise each column gets its
minimum plus a share of the remaining width in proportion to how much it would still grow. So a
citations column ("[¶3], [¶7]") stays narrow but does not wrap word by word, and the prose
column takes the room.
"""

from __future__ import annotations

from collections.abc import Sequence


def auto_widths(minimum: Sequence[float], natural: Sequence[float], total: float) -> list[float]:
    """Widths summing to `total`, from each column's minimum and natural width (same unit)."""
    if not minimum:
        return []
    natural = [max(n, m) for m, n in zip(minimum, natural, strict=True)]
    if sum(natural) <= total:
        return _scaled(natural, total)
    if sum(minimum) >= total:
        return _scaled(minimum, total)
    spare = total - sum(minimum)
    growth = [n - m for m, n in zip(minimum, natural, strict=True)]
    return [m + spare * g / sum(growth) for m, g in zip(minimum, growth, strict=True)]


def _scaled(widths: Sequence[float], total: float) -> list[float]:
    whole = sum(widths)
    if whole <= 0:
        return [total / len(widths)] * len(widths)
    return [w * total / whole for w in widths]
