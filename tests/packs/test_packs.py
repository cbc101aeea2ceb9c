"""Audience packs: the manifest schema, inheritance, the search path and the `packs` commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.errors import OutputExistsError, PackError
from reportgen.outlining import outline_for, template_context
from reportgen.pack_check import check_pack
from reportgen.packs import builtin_folder, find_pack, load_pack
from reportgen.packs.manifest import key_line
from reportgen.packs.scaffold import new_pack
from tests.builders import ROOT, SAMPLE, make_brief, make_full_brief
from tests.support.cli import run


def _pack(tmp_path: Path, name: str, manifest: str) -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    (folder / "pack.toml").write_text(manifest, encoding="utf-8")
    return folder


# --- the built-in packs ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["analyst", "executive", "public"])
def test_every_builtin_pack_passes_its_own_check(name: str) -> None:
    assert check_pack(builtin_folder() / name) == []


def test_executive_and_public_inherit_the_analyst_files_and_settings() -> None:
    executive, public = find_pack("executive"), find_pack("public")
    analyst = builtin_folder() / "analyst"
    assert executive.reference("docx") == analyst / "reference.docx"
    assert executive.find("brief.xml.j2") == builtin_folder() / "executive" / "brief.xml.j2"
    assert public.find("brief.xml.j2") == analyst / "brief.xml.j2"
    assert public.marking == "PUBLIC" and executive.marking == "OFFICIAL"  # inherited from analyst
    assert public.settings["email"]["html"] == "email.html.j2"  # [email] merged key by key
    assert public.settings["wording"]["bottom_line"] == "In short"
    assert public.settings["wording"]["agenda"] == "Agenda"  # a wording public does not change


def test_per_section_limits_hold_whatever_made_the_brief() -> None:
    brief = make_brief(
        sections={"drivers": ["a.", "b.", "c.", "d.", "e."], "outlook": ["x.", "y.", "z."]},
        key_points=["1.", "2.", "3.", "4."],
    )
    context = template_context(brief, find_pack("executive"))
    assert [len(s.bullets) for s in context["sections"]] == [
        2,
        1,
    ]  # executive: drivers 2, outlook 1 (pack.toml [summary.per_section])
    assert len(context["brief"].key_points) == 3


# --- the manifest --------------------------------------------------------------------------------


def test_manifest_errors_name_the_file_line_and_key(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path,
        "board",
        'name = "board"\nextends = "executive"\n\n[summary]\nbullets_per_section = "five"\nbulets = 3\n',
    )
    problems = [str(p) for p in check_pack(folder)]
    assert f"{folder / 'pack.toml'}:5: [summary] bullets_per_section must be a whole number" in problems[0]
    assert problems[1].startswith(f"{folder / 'pack.toml'}:6: [summary] bulets is not a setting reportgen knows")
    with pytest.raises(PackError, match=r"pack\.toml:5: .*bullets_per_section.*1 more problem"):
        load_pack(folder)


def test_key_line_finds_keys_under_their_table() -> None:
    text = 'name = "x"\n[summary]\nkey_points = 2\n[summary.per_section]\noutlook = 1\n'
    assert key_line(text, "name") == 1
    assert key_line(text, "summary.key_points") == 3
    assert key_line(text, "summary.per_section.outlook") == 5
    assert key_line(text, "summary.per_section") == 4


def test_a_pack_overrides_only_what_it_changes(tmp_path: Path) -> None:
    folder = _pack(tmp_path, "board", 'name = "board"\nextends = "executive"\nmarking = "BOARD IN CONFIDENCE"\n')
    pack = load_pack(folder)
    assert pack.marking == "BOARD IN CONFIDENCE"
    assert pack.sections == ("drivers", "outlook")
    outline = outline_for(make_full_brief(), pack, "docx")
    assert outline.meta.marking == "BOARD IN CONFIDENCE"


def test_extends_loops_are_refused(tmp_path: Path) -> None:
    _pack(tmp_path, "one", 'name = "one"\nextends = "two"\n')
    two = _pack(tmp_path, "two", 'name = "two"\nextends = "one"\n')
    with pytest.raises(PackError, match="loop"):
        load_pack(two)


# --- the search path ------------------------------------------------------------------------------


def test_a_user_pack_named_like_a_builtin_is_refused_not_preferred(tmp_path: Path) -> None:
    shutil.copytree(builtin_folder() / "public", tmp_path / "executive")
    with pytest.raises(PackError, match="name of the built-in pack 'executive'"):
        find_pack("executive", tmp_path)
    listing = run("packs", "list", "--templates", str(tmp_path))
    assert listing.returncode == 0, listing.stderr
    assert "REFUSED" in listing.stdout


def test_search_order_is_templates_then_env_then_user_config_then_builtin(tmp_path: Path) -> None:
    for where in ("opt", "env", "config/reportgen/packs"):
        shutil.copytree(builtin_folder() / "public", tmp_path / where / "mine")
        manifest = tmp_path / where / "mine" / "pack.toml"
        text = manifest.read_text(encoding="utf-8").replace('name = "public"', 'name = "mine"')
        manifest.write_text(text.replace('audience = "General readers"', f'audience = "{where}"'), encoding="utf-8")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "REPORTGEN_TEMPLATES": str(tmp_path / "env")}
    assert "audience:    opt" in run("packs", "show", "mine", "--templates", str(tmp_path / "opt"), env=env).stdout
    assert "audience:    env" in run("packs", "show", "mine", env=env).stdout
    env.pop("REPORTGEN_TEMPLATES")
    assert "audience:    config" in run("packs", "show", "mine", env=env).stdout


# --- packs commands -------------------------------------------------------------------------------


def test_packs_list_names_describes_and_locates_each_pack() -> None:
    proc = run("packs", "list")
    assert proc.returncode == 0, proc.stderr
    for name in ("analyst", "executive", "public"):
        assert f"built-in: {builtin_folder() / name}" in proc.stdout
    assert "One page and at most six slides" in proc.stdout


def test_packs_list_does_not_import_office_or_template_libraries() -> None:
    code = (
        "import sys; from reportgen.packs.info import list_lines; list_lines(); "
        "print(sorted(m for m in ('jinja2', 'docx', 'pptx', 'lxml') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert proc.stdout.strip() == "[]"


def test_packs_new_copies_every_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    proc = run("packs", "new", "board", "--from", "executive", "--dir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    board = tmp_path / "board"
    names = {p.name for p in board.iterdir()}
    assert {"_common.xml.j2", "_executive.xml.j2", "brief.xml.j2", "reference.docx", "email.txt.j2"} <= names
    assert load_pack(board).name == "board"
    again = run("packs", "new", "board", "--from", "executive", "--dir", str(tmp_path))
    assert again.returncode == 4 and "already exists" in again.stderr
    with pytest.raises(OutputExistsError):
        new_pack("board", find_pack("executive"), tmp_path)
    with pytest.raises(PackError, match="built-in"):
        new_pack("public", find_pack("executive"), tmp_path)


def test_packs_check_reports_an_undefined_variable_with_file_and_line(tmp_path: Path) -> None:
    new_pack("board", find_pack("executive"), tmp_path)
    template = tmp_path / "board" / "deck.xml.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(9, "  <note>{{ brief.headline }} {{ speaker }}</note>")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run("packs", "check", str(tmp_path / "board"))
    assert proc.returncode == 5
    assert f"{template}:10: 'speaker' is undefined" in proc.stdout
    del lines[9]
    lines.insert(9, "  <note>{{ brief.headline }}</note>")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run("packs", "check", str(tmp_path / "board"))
    assert proc.returncode == 5
    assert f"{template}:10:" in proc.stdout and "headline" in proc.stdout


def test_a_reference_deck_missing_a_standard_layout_still_builds_on_another_of_its_kind(tmp_path: Path) -> None:
    from pptx import Presentation

    new_pack("board", find_pack("executive"), tmp_path)
    reference = tmp_path / "board" / "reference.pptx"
    deck = Presentation(str(reference))
    for layout in list(deck.slide_layouts):
        if layout.name == "Title Only":
            deck.slide_layouts.remove(layout)
    deck.save(str(reference))
    proc = run("packs", "check", str(tmp_path / "board"))
    assert proc.returncode == 0, proc.stdout
    built = run("build", str(SAMPLE), "--audience", "board", "--templates", str(tmp_path), "--out", str(tmp_path / "o"))
    assert built.returncode == 0, built.stderr
    layouts = {slide.slide_layout.name for slide in Presentation(str(tmp_path / "o" / "deck.pptx")).slides}
    assert "Title Only" not in layouts


def test_run_inside_a_checkout_whose_templates_are_not_installed_the_checkout_packs_are_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`python -m reportgen` inside a checkout imports its reportgen/ directly, where the
    install-time mapping of templates/ to reportgen.templates does not exist."""
    import importlib

    from reportgen.packs import search

    real = importlib.import_module

    def unmapped(name: str, package: str | None = None) -> object:
        if name == "reportgen.templates":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, package)

    monkeypatch.setattr(search.importlib, "import_module", unmapped)
    assert builtin_folder() == ROOT / "templates"
    assert find_pack("executive").folder == ROOT / "templates" / "executive"


def test_packs_check_places_a_template_error_and_an_outline_error_at_their_file_without_repeating_it(
    tmp_path: Path,
) -> None:
    new_pack("board", find_pack("executive"), tmp_path)
    template = tmp_path / "board" / "deck.xml.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(9, "  <note>{{ 1 // 0 }}</note>")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = check_pack(tmp_path / "board")
    assert (problem.file, problem.line) == (template, 10)
    assert problem.message == "integer division or modulo by zero"
    lines[9] = "  <note></note>"
    lines.insert(13, "<bogus/>")  # after the title slide, where blocks go
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = check_pack(tmp_path / "board")
    assert problem.file == template and problem.line is not None
    assert problem.message == "unknown outline element <bogus>" and str(template) not in problem.message


def test_a_manifest_nested_thousands_deep_is_a_pack_error_naming_the_file(tmp_path: Path) -> None:
    folder = _pack(tmp_path, "deep", 'name = "deep"\n[options]\nx = ' + "[" * 20000 + "1" + "]" * 20000 + "\n")
    with pytest.raises(PackError, match=r"pack\.toml: not valid TOML: nested too deeply"):
        load_pack(folder)
