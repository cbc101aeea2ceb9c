"""The zip writer under both renderers: the same bytes as `zipfile` writes, fixed in time, and an
unchanged part compressed once per process."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reportgen.renderers.ooxml import package

MEMBERS = [
    ("[Content_Types].xml", b"<Types/>"),
    ("word/styles.xml", b"<w:styles>" + b"<w:style/>" * 5000 + b"</w:styles>"),
    ("word/m\u00e9dia/\u00fcnicode.xml", b"x" * 3000),
    ("empty.bin", b""),
]


def _with_zipfile(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 0, 0
            dst.writestr(info, data)
    return out.getvalue()


def test_the_zip_is_byte_for_byte_what_zipfile_writes() -> None:
    assert package.write_zip(MEMBERS) == _with_zipfile(MEMBERS)


def test_members_read_back_in_order_with_a_fixed_date() -> None:
    archive = zipfile.ZipFile(io.BytesIO(package.write_zip(MEMBERS)))
    assert archive.testzip() is None
    assert [(i.filename, archive.read(i)) for i in archive.infolist()] == MEMBERS
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_large_unchanged_part_is_compressed_once() -> None:
    package._deflate_cached.cache_clear()
    first = package.write_zip(MEMBERS)
    second = package.write_zip(MEMBERS)
    info = package._deflate_cached.cache_info()
    assert first == second
    assert (info.misses, info.hits) == (2, 2)  # styles.xml and the media part; small ones bypass


def test_rendering_never_consults_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch worker's working directory may be anything, or gone: relationship targets are
    computed from part names alone."""
    from reportgen import outlining, pipeline
    from reportgen.packs import find_pack
    from reportgen.renderers import get_renderer
    from tests.builders import SAMPLE

    pack = find_pack("analyst")
    brief = pipeline.summarise_for(pipeline.read(SAMPLE), pack)
    outlines = {name: outlining.outline_for(brief, pack, name) for name in ("docx", "pptx")}
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for name, outline in outlines.items():
        assert zipfile.ZipFile(io.BytesIO(get_renderer(name)(outline, pack.reference(name)))).testzip() is None
