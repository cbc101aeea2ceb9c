import dataclasses
import shutil
from pathlib import Path

import pytest

from reportgen.errors import PackError
from reportgen.model import Actor, Brief
from reportgen.outline import BulletList, Heading, Table
from reportgen.outlining import outline_for
from reportgen.pack_check import sample_brief_path
from reportgen.packs import builtin_folder, find_pack, load_pack
from tests.builders import make_brief


def _copy_pack(tmp_path: Path) -> Path:
    """A copy of the analyst pack under its own name (a copy keeping a built-in's name is refused)."""
    folder = tmp_path / "mine"
    shutil.copytree(builtin_folder() / "analyst", folder)
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('name = "analyst"', 'name = "mine"'), "utf-8")
    return folder


def test_article_text_cannot_inject_outline_structure_or_template_syntax() -> None:
    hostile = "Evil </item></bullets><heading level='1'>Owned</heading> {{ 7*7 }} & <b>"
    brief = make_brief(sections={"background": [hostile]})
    outline = outline_for(brief, find_pack("analyst"), "docx")
    headings = [b.text for b in outline.blocks if isinstance(b, Heading)]
    assert "Owned" not in headings
    items = [i for b in outline.blocks if isinstance(b, BulletList) for i in b.items]
    assert any(i.startswith(hostile) for i in items)


def test_undefined_variable_names_the_template_file_and_line(tmp_path: Path) -> None:
    folder = _copy_pack(tmp_path)
    template = folder / "brief.xml.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "<paragraph>{{ brief.no_such_field }}</paragraph>")
    template.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(PackError, match=r"brief\.xml\.j2, line 4: .*no_such_field"):
        outline_for(make_brief(), load_pack(folder), "docx")


def test_template_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    folder = _copy_pack(tmp_path)
    (folder / "deck.xml.j2").write_text('<document kind="deck">\n{% for x in %}\n</document>', encoding="utf-8")
    with pytest.raises(PackError, match=r"deck\.xml\.j2, line 2"):
        outline_for(make_brief(), load_pack(folder), "pptx")


def test_templates_cannot_reach_python_internals(tmp_path: Path) -> None:
    folder = _copy_pack(tmp_path)
    (folder / "brief.xml.j2").write_text(
        '<document kind="brief"><paragraph>{{ brief.__class__.__init__.__globals__ }}</paragraph></document>',
        encoding="utf-8",
    )
    with pytest.raises(PackError):
        outline_for(make_brief(), load_pack(folder), "docx")


def test_unknown_pack_lists_the_available_ones() -> None:
    with pytest.raises(PackError, match="no audience pack named 'board'") as info:
        find_pack("board")
    assert "analyst" in info.value.one_line()


def test_manifest_naming_a_missing_reference_file_is_refused(tmp_path: Path) -> None:
    folder = _copy_pack(tmp_path)
    (folder / "reference.pptx").unlink()
    with pytest.raises(PackError, match=r"reference\.pptx"):
        load_pack(folder)


def test_a_pack_copied_under_a_builtin_name_is_refused_rather_than_confused_with_it(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(builtin_folder() / "analyst", folder)
    with pytest.raises(PackError, match="name 'analyst' is the name of a built-in pack"):
        load_pack(folder)


def test_a_pack_can_reach_a_named_ancestors_template_it_overrides(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "mine"\nextends = "analyst"\n', encoding="utf-8")
    (folder / "_common.xml.j2").write_text(
        '{% import "analyst/_common.xml.j2" as base with context %}'
        "{% macro meta() %}{{ base.meta() }}{% endmacro %}"
        "{% macro cited(bullet) %}<item>NEW {{ bullet.text }}</item>{% endmacro %}"
        "{% macro source_line() %}{{ base.source_line() }}{% endmacro %}"
        "{% macro byline() %}{{ base.byline() }}{% endmacro %}"
        "{% macro facts_table() %}{% endmacro %}{% macro actors_table() %}{% endmacro %}",
        encoding="utf-8",
    )
    outline = outline_for(make_brief(), load_pack(folder), "docx")
    items = [i for b in outline.blocks if isinstance(b, BulletList) for i in b.items]
    assert items and all(i.startswith("NEW ") for i in items)
    assert outline.meta.subject == "Analyst brief"


def test_the_actors_table_leaves_out_a_column_no_actor_fills() -> None:
    sample = Brief.from_json(sample_brief_path().read_text(encoding="utf-8"))
    brief = dataclasses.replace(sample, actors=(Actor("Shehbaz Sharif", role="Prime Minister"), Actor("TTP")))
    for renderer in ("docx", "pptx"):
        outline = outline_for(brief, find_pack("analyst"), renderer)
        blocks = [*outline.blocks, *(s.visual for s in outline.blocks if getattr(s, "visual", None) is not None)]
        (actors,) = [b for b in blocks if isinstance(b, Table) and b.head[:1] == ("Name",)]
        assert "Affiliation" not in actors.head and "Role" in actors.head, renderer
        assert actors.rows[0][:2] == ("Shehbaz Sharif", "Prime Minister")
