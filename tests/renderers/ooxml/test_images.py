"""One reading of an image's size and resolution for both renderers, whatever its header says."""

from __future__ import annotations

import io

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
