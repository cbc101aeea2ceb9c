"""An image's pixel size, resolution and natural size in EMU, read once for Word and PowerPoint.

Both renderers place logos at their natural aspect ratio, which needs the file's resolution. Files
from other people say odd things: a PNG whose pHYs chunk gives 1 pixel per metre (0.03 dpi) or
none, a JPEG with a DPI of 0. Any resolution outside 1..2048 dpi is taken as 72 dpi (what Office
assumes for a file that does not say), so no file can divide by zero or yield a picture miles wide.
Pillow reads the header only; packs with a logo pay for its import.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from reportgen.renderers.ooxml.units import EMU_PER_INCH

DEFAULT_DPI = 72
#: Pillow's format name -> (file extension, content type) of the images both renderers embed.
MEDIA_TYPES = {
    "BMP": ("bmp", "image/bmp"),
    "GIF": ("gif", "image/gif"),
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "TIFF": ("tiff", "image/tiff"),
    "WMF": ("wmf", "image/x-wmf"),
}
MAX_DPI = 2048


@dataclass(frozen=True)
class ImageInfo:
    format: str  # Pillow's name: "PNG", "JPEG", "GIF", ...
    width_px: int
    height_px: int
    dpi_x: int
    dpi_y: int

    @property
    def extent(self) -> tuple[int, int]:
        """The natural (width, height) in EMU."""
        return (EMU_PER_INCH * self.width_px // self.dpi_x, EMU_PER_INCH * self.height_px // self.dpi_y)


def sane_dpi(value: object) -> int:
    """The resolution as a whole dpi in 1..MAX_DPI, else DEFAULT_DPI."""
    try:
        dpi = round(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_DPI
    return dpi if 1 <= dpi <= MAX_DPI else DEFAULT_DPI


def read_image(blob: bytes) -> ImageInfo:
    """Size and resolution of an image file's bytes (PIL.UnidentifiedImageError if it is none)."""
    from PIL import Image

    with Image.open(io.BytesIO(blob)) as image:
        dpi = image.info.get("dpi")
        dpi_x, dpi_y = (sane_dpi(dpi[0]), sane_dpi(dpi[1])) if isinstance(dpi, tuple) and len(dpi) == 2 else (72, 72)
        return ImageInfo(image.format or "", image.width, image.height, dpi_x, dpi_y)


def media_type(info: ImageInfo) -> tuple[str, str]:
    """(extension, content type) of the image's part; a ValueError for a format Office will not show."""
    found = MEDIA_TYPES.get(info.format)
    if found is None:
        raise ValueError(f"unsupported image format, expected one of: {', '.join(MEDIA_TYPES)}")
    return found


def media_name(names: Iterable[str], folder: str, ext: str) -> str:
    """The part name of a new image: `{folder}/imageN.{ext}` with the lowest N no image there uses."""
    prefix = f"{folder}/image"
    used = set()
    for name in names:
        stem = posixpath.splitext(name[len(prefix) :])[0] if name.startswith(prefix) else ""
        if stem.isdigit():
            used.add(int(stem))
    return f"{prefix}{next(n for n in range(1, len(used) + 2) if n not in used)}.{ext}"
