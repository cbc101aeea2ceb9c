"""Bad inputs and faults, table-driven: each gives its message and exit code and leaves no partial file.

The CLI runs in-process (`main([...])`), so faults can be injected where the OS would raise them: a
full disk or an interrupt inside the write, a folder that refuses files. Property tests then throw
arbitrary Unicode at the reader and renderers: every text yields files python-docx and python-pptx
read back, or a clean ReportgenError.
"""

from __future__ import annotations

import codecs
import errno
import functools
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from reportgen.cli import main
from reportgen.errors import ReportgenError
from reportgen.model import Article, Paragraph, Source
from reportgen.packs import Pack, find_pack
from reportgen.pipeline import render_all, summarise_for
from reportgen.readers import finish, read_bytes
from tests.builders import ROOT, SAMPLE
from tests.readers.makers import ARTICLE_PDF_PAGES, TITLE, make_docx, make_pdf, make_zip_bomb

PROSE = (
    "The port of Westhaven reopened to cargo ships on Monday, three weeks after a storm closed it. "
    "Officials said 14 vessels had entered by noon.\n\n"
    "The repairs cost an estimated 42 million euros, paid from an emergency fund set up in 2019. "
    "Engineers rebuilt the northern breakwater with heavier blocks.\n\n"
    "Shipping companies warned that insurance premiums are likely to rise next year. "
    "Two carriers will keep diverting some vessels to Eastport.\n"
)
NAIVE = "Naïve hopes for the café\n\nThe “naïve” café owners’ plan failed within a week, the council said.\n"


def article(title: str = "Harbour reopens", body: str = PROSE) -> bytes:
    return f"{title}\n\n{body}".encode()


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def docx_bytes(path: Path) -> bytes:
    return make_docx(path.parent / "source.docx").read_bytes()


# name, content (bytes, or a function of a scratch folder returning bytes, or writing the file),
# expected exit code, a fragment of the one-line error (or of a warning for code 0), and text the
# brief must show exactly (for code 0).
Case = tuple[str, object, int, str, str]
CASES: list[Case] = [
    ("empty.txt", b"", 3, "the file is empty", ""),
    ("whitespace.txt", b"  \n\t\n\r\n   ", 3, "the file is empty", ""),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), 3, "binary file", ""),
    ("nul-byte.txt", b"Title\n\nA paragraph with a NUL \x00 byte.", 3, "binary file", ""),
    ("truncated.docx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 30, 3, "damaged or truncated", ""),
    ("half.docx", lambda path: docx_bytes(path)[:4000], 3, "Word", ""),
    ("old-format.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024, 3, "old binary .doc", ""),
    ("bomb.docx", lambda path: make_zip_bomb(path.parent / "bomb-source.docx").read_bytes(), 3, "zip bomb", ""),
    ("encrypted.pdf", make_pdf(ARTICLE_PDF_PAGES, encrypt=True), 3, "encrypted with a password", ""),
    ("scanned.pdf", make_pdf(ARTICLE_PDF_PAGES, text_layer=False), 3, "no text layer", ""),
    ("truncated.pdf", make_pdf(ARTICLE_PDF_PAGES)[:400], 3, "not a readable PDF", ""),
    ("huge.txt", sparse(50 * 1024 * 1024), 3, "50 MB is over the 5 MB limit", ""),
    ("huge.pdf", sparse(60 * 1024 * 1024), 3, "60 MB is over the 50 MB limit", ""),
    ("notes.rtf", b"{\\rtf1 hello}", 3, "unsupported file type '.rtf'", ""),
    ("title-only.txt", b"Just a headline\n", 3, "no paragraphs", ""),
    ("menu-only.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", 3, "no article text", ""),
    ("headings-only.md", b"# Title\n\n## One\n\n## Two\n", 3, "no paragraphs", ""),
    ("utf8-bom.txt", codecs.BOM_UTF8 + NAIVE.encode(), 0, "", "naïve"),
    ("utf16le.txt", codecs.BOM_UTF16_LE + NAIVE.encode("utf-16-le"), 0, "", "naïve"),
    ("utf16be.txt", codecs.BOM_UTF16_BE + NAIVE.encode("utf-16-be"), 0, "", "naïve"),
    ("cp1252.txt", NAIVE.encode("cp1252"), 0, "read as Windows-1252", "“naïve”"),
    (
        "latin1.txt",
        NAIVE.replace("“", '"').replace("”", '"').replace("’", "'").encode("latin-1"),
        0,
        "Windows-1252",
        "café",
    ),
    (
        "mojibake.txt",
        "Naïve hopes\n\nThe naïve café owners' plan failed within a week.\n".encode().decode("cp1252").encode(),
        0,
        "repaired text",
        "naïve",
    ),
    (
        "controls.txt",
        article(body="Ships\x01 returned\x07 on Monday\x1b after the storm.\x0bOfficials were pleased.\n"),
        0,
        "removed 4 control characters",
        "Ships returned on Monday",
    ),
    (
        "template.txt",
        article(body="Officials wrote {{ 7*7 }} and {% if x %}yes{% endif %} in the memo, oddly.\n"),
        0,
        "",
        "{{ 7*7 }} and {% if x %}yes{% endif %}",
    ),
    (
        "markup.txt",
        article(body='Fish & chips cost <5> pounds, "they" said, and it\'s <b>fine</b> & cheap.\n'),
        0,
        "",
        'Fish & chips cost <5> pounds, "they" said',
    ),
    (
        "long-sentence.txt",
        article(body="The harbour " + "and the quay " * 770 + "reopened.\n"),
        0,
        "",
        "The harbour and the quay",
    ),
    (
        "no-punctuation.txt",
        article(body="ships returned to the harbour on monday morning\n\nofficials were pleased with the quay\n"),
        0,
        "",
        "",  # the summariser picks no sentence from unpunctuated text (reported); the files still open
    ),
    (
        "one-paragraph.txt",
        article(body="The port reopened on Monday after three weeks, officials said.\n"),
        0,
        "",
        "The port reopened on Monday",
    ),
    (
        "arabic.txt",
        "ميناء يعيد الفتح\n\nأعيد فتح الميناء يوم الاثنين بعد ثلاثة أسابيع. وقال المسؤولون إن السفن عادت.\n".encode(),
        0,
        "",
        "أعيد فتح الميناء",
    ),
    (
        "chinese.txt",
        "港口重新开放\n\n港口在周一重新开放。官员表示，十四艘船已经进港。\n".encode(),
        0,
        "",
        "港口重新开放",  # the title: the summariser takes no CJK sentence yet (reported)
    ),
    (
        "emoji.txt",
        article(body="Ships 🚢 returned on Monday 🎉 and the flag 🇬🇧 flew again.\n"),
        0,
        "",
        "🚢",
    ),
    # A sentence of the body reached the brief ("vessels": the learned bottom line of this
    # 60-word article has room for one point, and it picks the second sentence, not the lead).
    ("crlf.txt", article().replace(b"\n", b"\r\n"), 0, "", "vessels"),
    ("page.html", (ROOT / "tests" / "fixtures" / "news_page.html").read_bytes(), 0, "", "Westhaven"),
    ("made.docx", docx_bytes, 0, "", "vessels"),
    ("made.pdf", make_pdf(ARTICLE_PDF_PAGES, title=TITLE), 0, "", "vessels"),
]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def office_text(folder: Path) -> str:
    """All text of the brief and deck, as python-docx and python-pptx read it back."""
    document = Document(str(folder / "brief.docx"))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    deck = Presentation(str(folder / "deck.pptx"))
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def test_the_table_has_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(("name", "content", "code", "fragment", "shown"), CASES, ids=[c[0] for c in CASES])
def test_bad_and_odd_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: object, code: int, fragment: str, shown: str
) -> None:
    path = tmp_path / name
    if callable(content):
        made = content(path)
        if isinstance(made, bytes):
            path.write_bytes(made)
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    out_dir = tmp_path / "out"
    status, out, err = run_cli(capsys, "build", str(path), "--out", str(out_dir))
    assert status == code, err
    assert "Traceback" not in err
    if code:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reportgen: error: "), err
        assert fragment in lines[0]
        assert out == ""
        assert files_in(out_dir) == []  # nothing written, not even a temporary file
        return
    warnings = [line for line in err.splitlines() if line.startswith("reportgen: warning: ")]
    assert len(warnings) == len(err.splitlines())  # stderr holds one line per warning, nothing else
    if fragment:
        assert any(fragment in w for w in warnings), err
    else:
        assert warnings == []
    assert {"brief.docx", "deck.pptx"} <= set(files_in(out_dir))
    assert not [n for n in files_in(out_dir) if n.endswith(".tmp")]
    text = office_text(out_dir)
    assert shown in text
    assert "49" not in text or name != "template.txt"
    assert "_x00" not in text  # python-pptx's literal escape for a control character


def test_languages_and_directions_reach_the_brief(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, code in (("arabic.txt", "ar"), ("chinese.txt", "zh")):
        content = next(c[1] for c in CASES if c[0] == name)
        assert isinstance(content, bytes)
        path = tmp_path / name
        path.write_bytes(content)
        status, _, err = run_cli(capsys, "build", str(path), "--out", str(tmp_path / code))
        assert status == 0, err
        source = json.loads((tmp_path / code / "brief.json").read_text(encoding="utf-8"))["source"]
        assert source["language"] == code
        assert source["direction"] == ("rtl" if code == "ar" else "ltr")


# Faults: each installs its failure, runs a build, and names the exit code and message it expects.
def _disk_full(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    real = os.write

    def write(fd: int, data: object) -> int:
        if fd > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "write", write)


def _interrupted(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    real = os.write
    calls = {"n": 0}

    def write(fd: int, data: object) -> int:
        if fd > 2:
            calls["n"] += 1
            if calls["n"] == 2:  # the first file is already written (as a temporary file)
                raise KeyboardInterrupt
        return real(fd, data)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "write", write)


def _read_only(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    out.mkdir()
    out.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: make the OS answer as it would for anyone else

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)


def _parent_is_a_file(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    out.write_bytes(b"not a folder")


def _outputs_exist(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    out.mkdir()
    (out / "deck.pptx").write_bytes(b"keep me")


FAULTS = [
    ("disk-full", _disk_full, 4, "No space left on device"),
    ("interrupt-during-write", _interrupted, 130, "interrupted"),
    ("read-only-folder", _read_only, 4, "Permission denied"),
    ("parent-is-a-file", _parent_is_a_file, 4, "Not a directory"),
    ("outputs-exist", _outputs_exist, 4, "already exist"),
]


@pytest.mark.parametrize(("name", "install", "code", "fragment"), FAULTS, ids=[f[0] for f in FAULTS])
def test_faults_while_writing_leave_no_partial_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    install: Callable[[pytest.MonkeyPatch, Path], None],
    code: int,
    fragment: str,
) -> None:
    out = tmp_path / "out"
    install(monkeypatch, out)
    before = files_in(out) if out.is_dir() else []
    try:
        target = out / "sub" if name == "parent-is-a-file" else out
        status, stdout, err = run_cli(capsys, "build", str(SAMPLE), "--out", str(target))
    finally:
        monkeypatch.undo()
        if out.is_dir():
            out.chmod(0o755)
    assert status == code, err
    assert len(err.strip().splitlines()) == 1 and fragment in err
    assert stdout == ""
    if out.is_dir():
        assert files_in(out) == before  # no new file, no temporary file left behind
    if name == "outputs-exist":
        assert (out / "deck.pptx").read_bytes() == b"keep me"


def test_stdin_over_the_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(b"Title\n\n" + b"word " * (1_100_000))

    monkeypatch.setattr(sys, "stdin", Stdin)
    status, _, err = run_cli(capsys, "build", "-", "--out", str(tmp_path / "o"))
    assert status == 3 and "standard input: more than the 5 MB limit" in err
    assert not (tmp_path / "o").exists()


def test_a_hand_edited_brief_with_control_characters_still_renders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = tmp_path / "built"
    assert run_cli(capsys, "build", str(SAMPLE), "--out", str(built))[0] == 0
    brief = json.loads((built / "brief.json").read_text(encoding="utf-8"))
    brief["title"] = "Bad\u0001 title \ud800 here"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(brief), encoding="utf-8")
    status, _, err = run_cli(capsys, "render", str(edited), "--out", str(tmp_path / "r"))
    assert status == 0, err
    text = office_text(tmp_path / "r")
    assert "Bad" in text and "title" in text and "\u0001" not in text


# Property-based: any Unicode text, through the reader and both renderers.
_ANY_CHAR = st.characters(blacklist_categories=())  # every code point, surrogates and controls too


@functools.lru_cache(maxsize=1)
def _pack() -> Pack:
    return find_pack("analyst", None)


def _render(article: Article, out: Path) -> str:
    brief = summarise_for(article, _pack())
    render_all(brief, _pack(), out, True, {})
    return office_text(out)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    title=st.text(_ANY_CHAR, min_size=1, max_size=40),
    body=st.lists(st.text(_ANY_CHAR, max_size=300), min_size=1, max_size=4),
)
def test_any_unicode_article_renders_to_files_office_reads_back(tmp_path: Path, title: str, body: list[str]) -> None:
    article = Article(
        title=title, paragraphs=tuple(Paragraph(t) for t in body), source=Source(title=title, path="p.txt")
    )
    try:
        cleaned = finish(article, "p.txt")
        text = _render(cleaned, Path(tempfile.mkdtemp(dir=tmp_path)))
    except ReportgenError:
        return
    assert "_x00" not in text or any("_x00" in t for t in [title, *body])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.text(st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_any_text_file_is_read_and_rendered_or_refused_cleanly(tmp_path: Path, data: str) -> None:
    try:
        article = read_bytes(f"Headline\n\n{data}".encode(), Path("p.txt"))
        _render(article, Path(tempfile.mkdtemp(dir=tmp_path)))
    except ReportgenError as exc:
        assert exc.one_line()
