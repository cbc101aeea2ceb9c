"""The outline each built-in pack makes of the shipped sample brief, against a golden file: the
cheapest of the three golden levels (DESIGN.md), so a template change shows as a text diff before
any renderer runs.

    REPORTGEN_REGEN_GOLDEN=1 python -m pytest tests/packs/test_outline_golden.py   # rewrite them
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from reportgen.model import Brief
from reportgen.outline import Outline
from reportgen.outlining import outline_for
from reportgen.pack_check import sample_brief_path
from reportgen.packs import builtin_names, find_pack

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "outlines"
REGEN = os.environ.get("REPORTGEN_REGEN_GOLDEN") == "1"


def dump(outline: Outline) -> str:
    """One line per block: its kind and its fields as JSON (stable, diff-friendly)."""
    fields = dataclasses.asdict(outline)
    lines = [f"kind: {fields['kind']}", "meta: " + json.dumps(fields["meta"], ensure_ascii=False, sort_keys=True)]
    for block, data in zip(outline.blocks, fields["blocks"], strict=True):
        lines.append(f"{type(block).__name__}: " + json.dumps(data, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("pack", sorted(builtin_names()))
@pytest.mark.parametrize("renderer", ["docx", "pptx"])
def test_each_builtin_pack_outlines_the_sample_brief_as_its_golden_file(pack: str, renderer: str) -> None:
    brief = Brief.from_json(sample_brief_path().read_text(encoding="utf-8"))
    text = dump(outline_for(brief, find_pack(pack), renderer))
    golden = GOLDEN / f"{pack}-{renderer}.txt"
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}: run with REPORTGEN_REGEN_GOLDEN=1 and look at it"
    assert text == golden.read_text(encoding="utf-8")
