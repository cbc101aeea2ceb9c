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
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import PackError
from reportgen.renderers.ooxml.units import EMU_PER_INCH

DEFAULT_DPI = 72
MAX_PIXELS = 40_000_000  # a logo is far smaller; a 200,000 x 200,000 "PNG" is an attack
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


def read_image_file(path: Path) -> tuple[bytes, ImageInfo]:
    """The bytes of the picture (a pack's logo) at `path` and what `read_image` says of them; a file
    that is not a picture Office can show is a PackError naming it (one line, exit 5)."""
    try:
        blob = path.read_bytes()
        info = read_image(blob)
        media_type(info)  # a format Office shows
        return blob, info
    except (OSError, ValueError) as exc:
        raise PackError(f"logo {path}: {exc}", hint="give the pack a PNG or JPEG logo") from exc


def read_image(blob: bytes) -> ImageInfo:
    """Size and resolution of an image file's bytes, read from its header (and for a PNG, checked
    chunk by chunk). ValueError when it is no picture, is truncated or damaged, has no pixels, or
    has more than MAX_PIXELS (which Pillow would also refuse, as a decompression bomb)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # a huge picture is refused, not printed
            with Image.open(io.BytesIO(blob)) as image:
                info = _info(image)
                if image.format == "PNG":
                    image.verify()  # CRCs and the end chunk: a truncated file fails here, not in Office
    except (OSError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValueError(f"not a picture that can be read ({exc})") from None
    if info.width_px < 1 or info.height_px < 1:
        raise ValueError(f"the picture has no pixels ({info.width_px} x {info.height_px})")
    if info.width_px * info.height_px > MAX_PIXELS:
        raise ValueError(f"the picture is {info.width_px} x {info.height_px} pixels, over {MAX_PIXELS:,}")
    return info


def _info(image: Any) -> ImageInfo:
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
