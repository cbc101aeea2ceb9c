"""One reading of an image's size and resolution for both renderers, whatever its header says."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from reportgen.renderers.ooxml.images import EMU_PER_INCH, read_image, sane_dpi


def png(dpi: tuple[float, float] | None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (300, 100), (200, 16, 46))
    image.save(out, "PNG", **({"dpi": dpi} if dpi else {}))
    return out.getvalue()


def test_a_png_at_300_dpi_is_one_inch_wide() -> None:
    info = read_image(png((300, 300)))
    assert (info.format, info.width_px, info.height_px) == ("PNG", 300, 100)
    assert info.extent == (EMU_PER_INCH, EMU_PER_INCH // 3)


@pytest.mark.parametrize("dpi", [None, (0.0254, 0.0254), (5000, 5000)])
def test_a_png_saying_nothing_one_pixel_a_metre_or_absurdly_much_counts_as_72_dpi(
    dpi: tuple[float, float] | None,
) -> None:
    info = read_image(png(dpi))
    assert (info.dpi_x, info.dpi_y) == (72, 72)
    assert info.extent == (EMU_PER_INCH * 300 // 72, EMU_PER_INCH * 100 // 72)


@pytest.mark.parametrize(("value", "dpi"), [(96.4, 96), (0, 72), (-5, 72), ("x", 72), (float("nan"), 72), (4096, 72)])
def test_resolutions_outside_one_to_2048_dpi_are_72(value: object, dpi: int) -> None:
    assert sane_dpi(value) == dpi


def _png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A PNG from its chunks, so headers no encoder would write can be made."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(rows if rows is not None else b"\0" * (1 + 3 * width) * height)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        (png((72, 72))[:-30], "not a picture that can be read"),  # truncated
        (_png(0, 0, b""), "not a picture that can be read|no pixels"),
        (_png(200_000, 200_000, b""), "not a picture that can be read|over 40,000,000"),
        (_png(9000, 5000, b""), "over 40,000,000"),
        (b"GIF89a not really", "not a picture that can be read"),
    ],
    ids=["truncated", "0x0", "200000x200000", "45-megapixel", "garbage"],
)
def test_a_picture_that_is_damaged_empty_or_huge_is_a_value_error_not_a_crash(blob: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_image(blob)


def test_a_pack_logo_that_is_not_a_usable_picture_is_a_one_line_pack_error(tmp_path: Path) -> None:
    from reportgen.errors import PackError
    from reportgen.renderers.ooxml.images import read_image_file

    logo = tmp_path / "logo.png"
    logo.write_bytes(_png(0, 0, b""))
    with pytest.raises(PackError, match=r"logo .*logo\.png: "):
        read_image_file(logo)
    with pytest.raises(PackError, match=r"missing\.png"):
        read_image_file(tmp_path / "missing.png")
