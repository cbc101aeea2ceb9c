"""The sample built with every real Word template in ../shared/templates, as a user would drop one in.

Each must build as it is (styles it lacks are supplied), read back with python-docx with the
brief's sections as headings and its bullets, open in LibreOffice, and have no Open XML SDK error
the template itself does not already have.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from reportgen.pipeline import build
from tests.builders import SAMPLE
from tests.support.foreign import pack_with_reference, template_ids, templates
from tests.support.office import convert_to_pdf, pdf_page_count, validation_errors

SECTIONS = ["Background", "Chinese pressure", "Past operations", "Outlook"]


def _descriptions(errors: list[dict[str, object]]) -> set[str]:
    return {str(error.get("Description", error)) for error in errors}


@pytest.mark.parametrize("template", templates("docx"), ids=template_ids("docx"))
def test_a_real_word_template_builds_as_it_is(tmp_path: Path, template: Path) -> None:
    packs = pack_with_reference(tmp_path, template, "docx")
    result = build(SAMPLE, audience="t", out_dir=tmp_path / "out", templates_dir=packs)
    brief = docx.Document(str(result.files["docx"]))
    texts = [p.text for p in brief.paragraphs]
    assert [s for s in SECTIONS if s in texts] == SECTIONS
    bullets = [p for p in brief.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert len(bullets) >= 12 and all(p.text for p in bullets)
    new = _descriptions(validation_errors(result.files["docx"])) - _descriptions(validation_errors(template))
    assert not new, new
    assert pdf_page_count(convert_to_pdf(result.files["docx"], tmp_path)) >= 2
