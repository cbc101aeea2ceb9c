"""Writing an Office package (a zip) so the same content always gives the same bytes, quickly.

Every member gets the same timestamp (1980-01-01) and no host-OS attributes, so two renders of one
article are byte-identical. The zip container is written here rather than through `zipfile`
because most of a package is the reference's parts, unchanged from one render to the next, and
`zipfile` can only compress what it writes: deflating the same 350 KB of styles for every brief
was a third of the Word renderer's time. Here each member's deflate stream is kept in a small
cache keyed by its content, so an unchanged part is compressed once per process. The format is
the plain APPNOTE one `zipfile` itself writes for such members (no data descriptors, no zip64:
packages are far below 4 GB and 65,535 members), and the bytes are the same as `zipfile`'s.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from functools import lru_cache

_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00:00
_VERSION = 20  # deflate; "made by" MS-DOS (0), so no Unix permissions leak into the bytes
_DEFLATED = 8
_UTF8_NAME = 0x800
_PERMISSIONS = 0o600 << 16  # rw------- as zipfile writes for members without attributes
#: Members at least this large go through the cache: the reference's big parts. Smaller ones
#: (slides, rels) are new in each render and cheap to compress.
_CACHE_FROM = 2048


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping member order.

    The order is kept because `[Content_Types].xml` must stay first for some readers.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return write_zip((info.filename, src.read(info)) for info in src.infolist())


def write_zip(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, bytes) members in the given order, deflated, with fixed timestamps."""
    out = bytearray()
    directory = bytearray()
    count = 0
    for name, data in members:
        raw, crc = _deflate_cached(data) if len(data) >= _CACHE_FROM else _deflate(data)
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else _UTF8_NAME
        sizes = (crc, len(raw), len(data), len(encoded), 0)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, _VERSION, flags, _DEFLATED, _DOS_TIME, _DOS_DATE, *sizes)
        out += encoded
        out += raw
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, _VERSION, _VERSION, flags, _DEFLATED, _DOS_TIME, _DOS_DATE, *sizes,
            0, 0, 0, _PERMISSIONS, offset,
        )  # fmt: skip
        directory += encoded
        count += 1
    if count > 0xFFFF or len(out) + len(directory) > 0xFFFFFFFF:
        raise ValueError("package too large for a zip without zip64")
    start = len(out)
    out += directory
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0)
    return bytes(out)


def _deflate(data: bytes) -> tuple[bytes, int]:
    """The raw deflate stream (as `zipfile` makes it: default level, no zlib header) and CRC-32."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data)


@lru_cache(maxsize=64)
def _deflate_cached(data: bytes) -> tuple[bytes, int]:
    return _deflate(data)
