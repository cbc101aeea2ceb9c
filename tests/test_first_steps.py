"""What a new user trips over (issue 18): the README's own next steps, honest messages, private
paths. One test per numbered trip-up of the issue, each failing before its fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportgen.errors import BriefFormatError
from reportgen.packs import builtin_folder
from tests.builders import SAMPLE
from tests.support.cli import assert_user_error, run


def _built(tmp_path: Path, *extra: str) -> Path:
    proc = run("build", str(SAMPLE), *extra, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "output"


# 1 -----------------------------------------------------------------------------------------------


def test_each_audience_gets_its_own_default_folder(tmp_path: Path) -> None:
    output = _built(tmp_path)
    _built(tmp_path, "--audience", "executive")
    assert (output / "op-azm-i-istehkam" / "brief.docx").is_file()
    assert (output / "op-azm-i-istehkam-executive" / "brief.docx").is_file()


# 2 -----------------------------------------------------------------------------------------------


def _board(tmp_path: Path, extends: str, options: str = "") -> Path:
    """The README's board pack: a copy of the executive pack with the README's own pack.toml."""
    proc = run("packs", "new", "board", "--from", "executive", "--dir", str(tmp_path / "packs"))
    assert proc.returncode == 0, proc.stderr
    folder = tmp_path / "packs" / "board"
    (folder / "pack.toml").write_text(
        f'name = "board"\nextends = "{extends}"\naudience = "Board"\nsections = ["drivers", "outlook"]\n{options}',
        encoding="utf-8",
    )
    return folder


def test_pack_options_are_inherited_from_the_parent_pack(tmp_path: Path) -> None:
    folder = _board(tmp_path, "executive")
    proc = run("build", str(SAMPLE), "--audience", str(folder), "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr


def test_a_template_using_a_missing_option_is_told_which(tmp_path: Path) -> None:
    folder = _board(tmp_path, "analyst")
    proc = run("build", str(SAMPLE), "--audience", str(folder), "--out", str(tmp_path / "o"))
    assert_user_error(proc, 5, "[options] key_figures")
    assert "_executive.xml.j2, line 6" in proc.stderr


# 3 -----------------------------------------------------------------------------------------------


def test_a_malformed_outline_names_the_template_line_once(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(builtin_folder() / "public", folder)
    (folder / "pack.toml").write_text(
        (folder / "pack.toml").read_text(encoding="utf-8").replace('name = "public"', 'name = "mine"'), encoding="utf-8"
    )
    template = folder / "brief.xml.j2"
    lines = (builtin_folder() / "analyst" / "brief.xml.j2").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "<paragraph" in line and "{{" in line and i > 15)
    lines[number - 1] = lines[number - 1].replace("</paragraph>", "</paragrap>", 1)
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run("build", str(SAMPLE), "--audience", str(folder), "--out", str(tmp_path / "o"))
    assert_user_error(proc, 5, f"brief.xml.j2, line {number}")
    assert proc.stderr.count("brief.xml.j2") == 1, proc.stderr


# 4 -----------------------------------------------------------------------------------------------


def test_summarise_over_an_existing_file_names_its_own_option(tmp_path: Path) -> None:
    target = tmp_path / "brief.json"
    target.write_text("{}", encoding="utf-8")
    proc = run("summarise", str(SAMPLE), "-o", str(target))
    assert_user_error(proc, 4, "already exists")
    assert "--out" not in proc.stderr and "-o" in proc.stderr


# 5 -----------------------------------------------------------------------------------------------


def test_a_second_batch_without_force_keeps_the_first_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("batch", str(SAMPLE), "--out", str(out), "--jobs", "1").returncode == 0
    before = (out / "manifest.json").read_bytes()
    again = run("batch", str(SAMPLE), "--out", str(out), "--jobs", "1")
    assert_user_error(again, 4, "manifest.json")
    assert "--force" in again.stderr
    assert (out / "manifest.json").read_bytes() == before


# 6 -----------------------------------------------------------------------------------------------


def test_build_on_a_folder_suggests_batch(tmp_path: Path) -> None:
    assert_user_error(run("build", str(tmp_path)), 3, "is a folder")
    assert "reportgen batch" in run("build", str(tmp_path)).stderr


# 7 -----------------------------------------------------------------------------------------------


def _edited_brief(tmp_path: Path, change: dict[str, object]) -> Path:
    brief = tmp_path / "brief.json"
    assert run("summarise", str(SAMPLE), "-o", str(brief)).returncode == 0
    data = json.loads(brief.read_text(encoding="utf-8"))
    data["sections"][0]["bullets"][0].update(change)
    brief.write_text(json.dumps(data), encoding="utf-8")
    return brief


def test_an_edited_bullet_is_marked_and_the_method_note_says_so(tmp_path: Path) -> None:
    from docx import Document

    brief = _edited_brief(tmp_path, {"text": "An invented sentence nobody wrote."})
    proc = run("render", str(brief), "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    assert "edited" in proc.stderr
    text = "\n".join(p.text for p in Document(str(tmp_path / "o" / "brief.docx")).paragraphs)
    assert "An invented sentence nobody wrote. (edited)" in text
    assert "Every line is a sentence of the article" not in text


def test_a_reference_past_the_articles_paragraphs_is_an_error(tmp_path: Path) -> None:
    brief = _edited_brief(tmp_path, {"refs": [{"paragraph": 999, "sentence": 0}]})
    proc = run("render", str(brief), "--out", str(tmp_path / "o"))
    assert_user_error(proc, BriefFormatError.exit_code, "paragraph 1000")


# 8 -----------------------------------------------------------------------------------------------


def test_outputs_name_the_source_by_file_name_never_a_local_folder(tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "o"
    assert run("build", str(SAMPLE), "--out", str(out)).returncode == 0
    document = Document(str(out / "brief.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert str(SAMPLE.parent) not in text and "seeds/" not in text
    assert SAMPLE.name in text


def test_a_software_author_field_is_not_an_author() -> None:
    from reportgen.readers.metadata import human_author

    assert human_author("python-docx") == ""
    assert human_author("LibreOffice") == ""
    assert human_author("Microsoft Office User") == ""
    assert human_author("Jane Smith") == "Jane Smith"


def test_stdin_is_named_after_its_title_not_stdin_txt(tmp_path: Path) -> None:
    import io

    from reportgen.readers import read_stdin

    article = read_stdin(io.BytesIO(SAMPLE.read_bytes()))
    assert article.source.path == ""
    assert "stdin" not in article.source.title.lower()


def test_document_dates_are_the_build_time_or_source_date_epoch(tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "o"
    proc = run("build", str(SAMPLE), "--out", str(out), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert proc.returncode == 0, proc.stderr
    created = Document(str(out / "brief.docx")).core_properties.created
    assert created is not None and created.isoformat().startswith("2023-11-14T22:13:20")
    proc = run("build", str(SAMPLE), "--out", str(tmp_path / "now"), drop=("SOURCE_DATE_EPOCH",))
    assert proc.returncode == 0, proc.stderr
    created = Document(str(tmp_path / "now" / "brief.docx")).core_properties.created
    assert created is not None and created.year >= 2026


# 9 -----------------------------------------------------------------------------------------------


def test_mail_dry_run_refuses_what_the_real_run_would_refuse(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert run("build", str(SAMPLE), "--out", str(out)).returncode == 0
    (out / "draft.eml").write_text("keep", encoding="utf-8")
    proc = run("mail", str(out), "--to", "a@example.org", "--dry-run")
    assert_user_error(proc, 4, "draft.eml already exists")


# 10 ----------------------------------------------------------------------------------------------


def test_usage_errors_are_one_line_with_exit_2() -> None:
    proc = run("build", str(SAMPLE), "--bogus")
    assert_user_error(proc, 2, "no such option '--bogus'")
    assert "reportgen build --help" in proc.stderr
    assert_user_error(run("bild"), 2, "'build'")


def test_audience_names_match_without_case_and_suggest_the_nearest(tmp_path: Path) -> None:
    proc = run("build", str(SAMPLE), "--audience", "Executive", "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "o" / "build.json").read_text(encoding="utf-8"))["audience"] == "executive"
    assert_user_error(run("build", str(SAMPLE), "--audience", "executiv"), 5, "did you mean 'executive'?")


# 12 ----------------------------------------------------------------------------------------------


def test_packs_help_stands_alone_and_the_guide_ships_with_the_package() -> None:
    helptext = run("packs", "--help").stdout
    assert "docs/packs.md" not in helptext
    assert "reportgen packs guide" in helptext
    guide = run("packs", "guide")
    assert guide.returncode == 0 and "[options]" in guide.stdout


def test_packs_guide_is_package_data() -> None:
    from reportgen import shipped

    assert (shipped.PACKAGE / "data" / "packs.md").is_file()


# 11 ----------------------------------------------------------------------------------------------


def test_a_font_that_is_not_installed_is_a_one_line_warning(tmp_path: Path) -> None:
    folder = tmp_path / "serif"
    folder.mkdir()
    (folder / "pack.toml").write_text(
        'name = "serif"\nextends = "executive"\n\n[brand]\nfont = "Nosuch Serif"\n', encoding="utf-8"
    )
    proc = run("build", str(SAMPLE), "--audience", str(folder), "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    [warning] = [line for line in proc.stderr.splitlines() if "Nosuch Serif" in line]
    assert warning.startswith("reportgen: warning: font 'Nosuch Serif' is not installed")
    assert "measured" in warning


# 13 ----------------------------------------------------------------------------------------------


def _soffice_processes() -> set[int]:
    """Processes running a LibreOffice conversion of reportgen's (its private profile's name)."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and b"reportgen-pdf-" in (entry / "cmdline").read_bytes():
                found.add(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.office
def test_pdf_copies_are_built_and_attached_and_leave_no_libreoffice_behind(tmp_path: Path) -> None:
    out = tmp_path / "o"
    proc = run("build", str(SAMPLE), "--out", str(out), "--pdf")
    assert proc.returncode == 0, proc.stderr
    for name in ("brief.pdf", "deck.pdf"):
        assert (out / name).read_bytes().startswith(b"%PDF-"), name
        assert f"wrote {out / name}" in proc.stdout
    assert not _soffice_processes()
    mailed = run("mail", str(out), "--to", "a@example.org", "--pdf")
    assert mailed.returncode == 0, mailed.stderr
    draft = (out / "draft.eml").read_text(encoding="utf-8")
    assert draft.count("Content-Type: application/pdf") == 2


def test_pdf_without_libreoffice_is_a_one_line_error_naming_what_to_install(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "o"
    proc = run("build", str(SAMPLE), "--out", str(out), "--pdf", env={"PATH": str(empty)}, drop=("REPORTGEN_SOFFICE",))
    assert_user_error(proc, 4, "--pdf needs LibreOffice")
    assert "apt install libreoffice" in proc.stderr
    assert not out.exists()


def test_a_pack_can_ask_for_pdfs(tmp_path: Path) -> None:
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "pack.toml").write_text(
        'name = "paper"\nextends = "executive"\n\n[outputs]\npdf = true\n', encoding="utf-8"
    )
    empty = tmp_path / "bin"
    empty.mkdir()
    proc = run("build", str(SAMPLE), "--audience", str(folder), "--out", str(tmp_path / "o"), env={"PATH": str(empty)})
    assert_user_error(proc, 4, "needs LibreOffice")
