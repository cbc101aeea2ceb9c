"""A pack's files stay inside the pack: links out of it are refused by build and by `packs check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from reportgen.errors import PackError
from reportgen.outlining import outline_for
from reportgen.pack_check import check_pack
from reportgen.packs import find_pack, load_pack
from reportgen.packs.scaffold import new_pack
from tests.builders import SAMPLE, make_brief
from tests.support.cli import assert_user_error, run

SECRET = "TOP-SECRET-8d1f"


def _pack(tmp_path: Path) -> Path:
    return new_pack("mine", find_pack("analyst"), tmp_path / "packs")


def _outside(tmp_path: Path) -> Path:
    """A folder beside the pack, holding what a hostile pack would like to read."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "passwd").write_text(SECRET, encoding="utf-8")
    (folder / "base.xml.j2").write_text(f'<document kind="brief"><paragraph>{SECRET}</paragraph></document>', "utf-8")
    (folder / "macros.xml.j2").write_text(f"{{% macro leak() %}}{SECRET}{{% endmacro %}}", "utf-8")
    return folder


def _insert(folder: Path, text: str, template: str = "brief.xml.j2") -> None:
    path = folder / template
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace('<document kind="brief">', f'<document kind="brief">\n{text}', 1), "utf-8")


def _set_brand(folder: Path, line: str) -> None:
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"\n[brand]\n{line}\n", "utf-8")


def _include_through_folder_link(folder: Path, outside: Path) -> str:
    (folder / "linkdir").symlink_to(outside, target_is_directory=True)
    _insert(folder, '<paragraph>{% include "linkdir/passwd" %}</paragraph>')
    return "linkdir/passwd"


def _include_through_file_link(folder: Path, outside: Path) -> str:
    (folder / "notes.txt").symlink_to(outside / "passwd")
    _insert(folder, '<paragraph>{% include "notes.txt" %}</paragraph>')
    return "notes.txt"


def _import_through_file_link(folder: Path, outside: Path) -> str:
    (folder / "_macros.xml.j2").symlink_to(outside / "macros.xml.j2")
    _insert(folder, '{% import "_macros.xml.j2" as m %}<paragraph>{{ m.leak() }}</paragraph>')
    return "_macros.xml.j2"


def _extends_through_folder_link(folder: Path, outside: Path) -> str:
    (folder / "linkdir").symlink_to(outside, target_is_directory=True)
    (folder / "brief.xml.j2").write_text('{% extends "linkdir/base.xml.j2" %}', encoding="utf-8")
    return "linkdir/base.xml.j2"


def _template_is_a_link(folder: Path, outside: Path) -> str:
    (folder / "brief.xml.j2").unlink()
    (folder / "brief.xml.j2").symlink_to(outside / "base.xml.j2")
    return "brief.xml.j2"


def _logo_is_a_link(folder: Path, outside: Path) -> str:
    (outside / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    (folder / "logo.png").symlink_to(outside / "logo.png")
    _set_brand(folder, 'logo = "logo.png"')
    return "logo.png"


def _reference_is_a_link(folder: Path, outside: Path) -> str:
    shutil.move(folder / "reference.docx", outside / "reference.docx")
    (folder / "reference.docx").symlink_to(outside / "reference.docx")
    return "reference.docx"


LINKS = {
    "include-folder-link": _include_through_folder_link,
    "include-file-link": _include_through_file_link,
    "import-file-link": _import_through_file_link,
    "extends-folder-link": _extends_through_folder_link,
    "template-link": _template_is_a_link,
    "logo-link": _logo_is_a_link,
    "reference-link": _reference_is_a_link,
}


@pytest.mark.parametrize("kind", sorted(LINKS))
def test_a_link_out_of_the_pack_is_refused_when_building(tmp_path: Path, kind: str) -> None:
    folder = _pack(tmp_path)
    name = LINKS[kind](folder, _outside(tmp_path))
    with pytest.raises(PackError, match="leads outside the pack's folders") as info:
        outline_for(make_brief(), load_pack(folder), "docx")
    assert str(folder / name) in info.value.one_line()
    assert info.value.exit_code == 5
    assert SECRET not in info.value.one_line()


@pytest.mark.parametrize("kind", sorted(LINKS))
def test_a_link_out_of_the_pack_is_reported_by_packs_check(tmp_path: Path, kind: str) -> None:
    folder = _pack(tmp_path)
    name = LINKS[kind](folder, _outside(tmp_path))
    problems = [p for p in check_pack(folder) if p.severity == "error"]
    assert any(p.file == folder / name and "leads outside the pack's folders" in p.message for p in problems), problems
    assert not any(SECRET in p.message for p in problems)


def test_build_and_check_refuse_an_include_through_a_folder_link_with_exit_5(tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    _include_through_folder_link(folder, _outside(tmp_path))
    out = tmp_path / "out"
    built = run("build", str(SAMPLE), "--audience", str(folder), "--out", str(out))
    assert_user_error(built, 5, f"{folder / 'linkdir' / 'passwd'}: template leads outside the pack's folders")
    assert not out.exists()
    checked = run("packs", "check", str(folder))
    assert checked.returncode == 5, checked.stderr
    assert f"{folder / 'linkdir' / 'passwd'}: template leads outside" in checked.stdout
    assert "ok" not in checked.stdout.split()


def test_a_link_that_stays_inside_the_pack_still_works(tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    (folder / "shared").mkdir()
    (folder / "shared" / "note.xml.j2").write_text("<paragraph>Shared note</paragraph>", encoding="utf-8")
    (folder / "partials").symlink_to(folder / "shared", target_is_directory=True)
    Image.new("RGB", (120, 40), (200, 16, 46)).save(folder / "logo.png")
    (folder / "mark.png").symlink_to("logo.png")
    _set_brand(folder, 'logo = "mark.png"')
    _insert(folder, '{% include "partials/note.xml.j2" %}')
    pack = load_pack(folder)
    assert pack.logo == (folder / "logo.png").resolve()
    outline = outline_for(make_brief(), pack, "docx")
    assert any(getattr(block, "text", "") == "Shared note" for block in outline.blocks)
    assert [p for p in check_pack(folder) if p.severity == "error"] == []


def test_a_link_to_a_file_of_the_pack_it_extends_works(tmp_path: Path) -> None:
    parent = _pack(tmp_path)
    child = tmp_path / "packs" / "child"
    child.mkdir()
    (child / "pack.toml").write_text('name = "child"\nextends = "mine"\n', encoding="utf-8")
    (child / "brief.xml.j2").symlink_to(parent / "brief.xml.j2")
    assert outline_for(make_brief(), load_pack(child), "docx").blocks


def test_copying_a_pack_with_a_link_out_of_it_is_refused(tmp_path: Path) -> None:
    folder = _pack(tmp_path)
    (folder / "notes.txt").symlink_to(_outside(tmp_path) / "passwd")
    with pytest.raises(PackError, match=r"notes\.txt: file leads outside the pack's folders"):
        new_pack("copy", load_pack(folder), tmp_path / "copies")
    assert not (tmp_path / "copies" / "copy").exists()
